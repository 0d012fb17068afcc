"""A file on a record (a session's signed sign-in sheet, a workshop's photos, a plan's draft...).

Explicit foreign keys, one per kind of record, exactly one of them set (a check constraint),
rather than a generic relation: the database keeps every attachment tied to a row that
exists, deleting a record cascades to its attachments (and so their files, through
attachments.signals) without the target apps knowing about attachments, and the centre of an
attachment is a plain join. Adding a kind of record is one field and one migration.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from attachments.storage import attachment_storage
from attachments.targets import TARGETS, attachment_centre_q


class Kind(models.TextChoices):
    SIGNIN_SHEET = "signin_sheet", _("Signed sign-in sheet")
    PHOTO = "photo", _("Photo")
    DRAFT = "draft", _("Draft")
    LETTER = "letter", _("Letter")
    REPORT = "report", _("Report or study")
    OTHER = "other", _("Other")


def _target(model, verbose_name):
    return models.ForeignKey(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments", verbose_name=verbose_name
    )


class Attachment(models.Model):
    session = _target("trainings.Session", _("session"))
    workshop = _target("trainings.Workshop", _("workshop"))
    coaching_session = _target("coaching.CoachingSession", _("coaching session"))
    plan = _target("coaching.StrategicPlan", _("strategic plan"))
    consultation = _target("services.Consultation", _("support visit"))
    assessment = _target("services.NeedsAssessment", _("needs assessment"))
    meeting = _target("services.Meeting", _("meeting"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), storage=attachment_storage, max_length=200, editable=False)
    thumbnail = models.FileField(_("thumbnail"), storage=attachment_storage, max_length=200, blank=True, editable=False)
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    *[Q(**{f"{slug}__isnull": slug != chosen for slug in TARGETS}) for chosen in TARGETS],
                    _connector=Q.OR,
                ),
                name="attachments_exactly_one_record",
            )
        ]

    def __str__(self):
        return self.title

    @classmethod
    def centre_q(cls, ids):
        return attachment_centre_q(ids)

    @property
    def target(self):
        """(Target, the record's id) of the record this file is on."""
        for slug, target in TARGETS.items():
            record_id = getattr(self, f"{slug}_id")
            if record_id is not None:
                return target, record_id
        return None, None

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    def download_name(self):
        """The name the file is saved under on the user's device: as uploaded, with the real extension."""
        from attachments.names import safe_filename

        return safe_filename(self.original_name, self.file.name.rsplit(".", 1)[-1])
