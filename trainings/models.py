from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organizations.models import Centre


class Project(models.Model):
    """A capacity-building project, run in phases (training, then coaching)."""

    name_ar = models.CharField(_("Arabic name"), max_length=250)
    name_en = models.CharField(_("English name"), max_length=250, blank=True)
    code = models.CharField(_("code"), max_length=30, unique=True)
    donor = models.CharField(_("donor"), max_length=200, blank=True)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, verbose_name=_("implementing centre"))
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    target_organizations = models.PositiveIntegerField(_("target: organisations"), default=0)
    target_trainees = models.PositiveIntegerField(_("target: trainees"), default=0)
    completion_threshold = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    @property
    def name(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_ar

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("trainings:project_detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})


class PhaseKind(models.TextChoices):
    TRAINING = "training", _("Training workshops")
    COACHING = "coaching", _("Coaching")


class Phase(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases", verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=PhaseKind.choices)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="unique_phase_number")]

    def __str__(self):
        return _("Phase %(number)s: %(kind)s") % {"number": self.number, "kind": self.get_kind_display()}

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})
