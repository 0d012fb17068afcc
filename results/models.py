"""A project's results framework: outcomes and outputs, their indicators, targets by period
and the values entered by hand.

An indicator's actual comes either from a rule (computed from the app's data by
capacity.reports.iptt, which reads every app) or from values entered by hand, each with a
note and where its evidence is kept. Periods are results.periods' (calendar quarters or
months cut to the project's dates), named by their first calendar day.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_sane_date
from organizations.models import bilingual
from results.periods import MONTH, QUARTER, period_start, project_periods
from trainings.models import Project


class Periodicity(models.TextChoices):
    QUARTER = QUARTER, _("Quarters")
    MONTH = MONTH, _("Months")


class Unit(models.TextChoices):
    PEOPLE = "people", _("people")
    ORGANIZATIONS = "organizations", _("organisations")
    PERCENT = "percent", _("percent")
    DAYS = "days", _("days")
    POINTS = "points", _("points")
    NUMBER = "number", _("number")


class Rule(models.TextChoices):
    """Where an indicator's actual comes from; capacity.reports.iptt computes each rule."""

    TRAINEES = "trainees", _("Trainees reached (each person once)")
    WOMEN_SHARE = "women_share", _("Share of women among trainees reached")
    APPROVED_PLANS = "approved_plans", _("Organisations whose strategic plan was approved")
    COACHING_DAYS = "coaching_days", _("Coaching days delivered")
    TEST_GAIN = "test_gain", _("Average gain from pre-test to post-test")
    SATISFACTION = "satisfaction", _("Average satisfaction of trainees (1 to 5)")
    CAPACITY_CHANGE = "capacity_change", _("Average change of capacity score in needs assessments")
    MANUAL = "manual", _("Entered by hand, with a note and evidence")


# The unit each computed rule counts in: the form sets it, so a rule cannot be mislabelled.
RULE_UNITS = {
    Rule.TRAINEES: Unit.PEOPLE,
    Rule.WOMEN_SHARE: Unit.PERCENT,
    Rule.APPROVED_PLANS: Unit.ORGANIZATIONS,
    Rule.COACHING_DAYS: Unit.DAYS,
    Rule.TEST_GAIN: Unit.POINTS,
    Rule.SATISFACTION: Unit.POINTS,
    Rule.CAPACITY_CHANGE: Unit.POINTS,
}


class ResultKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


class ResultsFramework(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="results_framework", verbose_name=_("project")
    )
    periodicity = models.CharField(
        _("reporting periods"), max_length=10, choices=Periodicity.choices, default=Periodicity.QUARTER
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("results framework")
        verbose_name_plural = _("results frameworks")

    def __str__(self):
        return str(self.project)

    def get_absolute_url(self):
        return reverse("reports:iptt", args=[self.project_id])

    def get_setup_url(self):
        return reverse("results:framework", args=[self.project_id])

    def periods(self):
        return project_periods(self.project.start_date, self.project.end_date, self.periodicity)


class Result(models.Model):
    """An outcome or an output of the framework (an output may serve an outcome)."""

    framework = models.ForeignKey(
        ResultsFramework, on_delete=models.CASCADE, related_name="results", verbose_name=_("results framework")
    )
    kind = models.CharField(_("level"), max_length=10, choices=ResultKind.choices)
    code = models.CharField(_("code"), max_length=20)
    statement_ar = models.CharField(_("Arabic statement"), max_length=300)
    statement_en = models.CharField(_("English statement"), max_length=300, blank=True)
    serves = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outputs",
        limit_choices_to={"kind": ResultKind.OUTCOME},
        verbose_name=_("serves the outcome"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "code"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="results_result_code_unique")]

    def __str__(self):
        return f"{self.code} {self.statement}"

    def get_absolute_url(self):
        return reverse("results:framework", args=[self.framework.project_id])

    @property
    def statement(self):
        return bilingual(self.statement_ar, self.statement_en)

    def clean(self):
        if self.serves_id and self.kind == ResultKind.OUTCOME:
            raise ValidationError({"serves": _("Only an output serves an outcome.")})
        if self.serves_id and self.framework_id and self.serves.framework_id != self.framework_id:
            raise ValidationError({"serves": _("The outcome must belong to the same results framework.")})


class Indicator(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result"))
    code = models.CharField(_("code"), max_length=20)
    name_ar = models.CharField(_("Arabic name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    rule = models.CharField(_("how the actual is found"), max_length=20, choices=Rule.choices)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices, default=Unit.NUMBER)
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    target = models.DecimalField(
        _("target for the whole project"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("People counted once over the whole project are fewer than the sum of the periods'."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["result__order", "result__code", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [models.UniqueConstraint(fields=["result", "code"], name="results_indicator_code_unique")]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("results:framework", args=[self.result.framework.project_id])

    @property
    def name(self):
        return bilingual(self.name_ar, self.name_en)

    @property
    def manual(self):
        return self.rule == Rule.MANUAL

    def clean(self):
        if self.rule in RULE_UNITS:
            self.unit = RULE_UNITS[self.rule]
        if self.pk and not self.manual and self.values.exists():
            # A computed actual beside values typed by hand would give two answers to one question.
            raise ValidationError(
                {"rule": _("This indicator has values entered by hand: delete them before it is computed by a rule.")}
            )


def check_period(framework, day):
    """Refuse a period that is not one of the project's (a typed date, or the admin's)."""
    if day is None or framework is None:
        return
    keys = {period.key for period in framework.periods()}
    if period_start(day, framework.periodicity) not in keys:
        message = _("This period is outside the project (%(start)s to %(end)s).")
        project = framework.project
        raise ValidationError(
            {"period": ValidationError(message, params={"start": project.start_date, "end": project.end_date})}
        )


class PeriodValue(models.Model):
    """A number of one indicator for one reporting period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, verbose_name=_("indicator"))
    period = models.DateField(
        _("period"), validators=[validate_sane_date], help_text=_("Any day of the quarter or month.")
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        abstract = True
        ordering = ["indicator", "period"]

    def clean(self):
        if self.indicator_id is None or self.period is None:
            return
        framework = self.indicator.result.framework
        check_period(framework, self.period)
        self.period = period_start(self.period, framework.periodicity)


class Target(PeriodValue):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    history = HistoricalRecords()

    class Meta(PeriodValue.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="results_target_one_per_period"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="results_target_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value}"


class ManualValue(PeriodValue):
    """The actual of an indicator entered by hand, with why and where its evidence is kept."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    note = models.TextField(_("note"), help_text=_("How the value was found."))
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        help_text=_("Where the evidence is kept: a file name, a link, an archive reference."),
    )
    history = HistoricalRecords()

    class Meta(PeriodValue.Meta):
        verbose_name = _("value entered by hand")
        verbose_name_plural = _("values entered by hand")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="results_value_one_per_period"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="results_value_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value}"

    def clean(self):
        super().clean()
        if self.indicator_id and not self.indicator.manual:
            raise ValidationError(
                _("This indicator is computed from the data; a value typed by hand would disagree with it.")
            )
        if not (self.note or "").strip():
            raise ValidationError({"note": _("Say how the value was found.")})
        if not (self.evidence or "").strip():
            raise ValidationError({"evidence": _("Say where the evidence is kept.")})
