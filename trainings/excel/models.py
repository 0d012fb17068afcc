from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ExportKind(models.TextChoices):
    REGISTER = "register", _("Attendance register of a workshop")
    FLAT = "flat", _("Attendance marks of a project")
    SUMMARY = "summary", _("Attendance summary of a project")
    IMPORT_TEMPLATE = "import_template", _("Trainee import template")
    IMPORT = "import", _("Trainee import")
    ADMIN = "admin", _("Export from the admin")


class ExportRecord(models.Model):
    """One Excel file handed out (or one import saved): who, what, with which filters, how many rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("excel", "user"),
    )
    kind = models.CharField(pgettext_lazy("excel", "kind"), max_length=20, choices=ExportKind.choices)
    subject = models.CharField(pgettext_lazy("excel", "subject"), max_length=300, blank=True)
    filters = models.JSONField(pgettext_lazy("excel", "filters"), default=dict, blank=True)
    rows = models.PositiveIntegerField(pgettext_lazy("excel", "rows"), default=0)
    created_at = models.DateTimeField(pgettext_lazy("excel", "when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Excel export record")
        verbose_name_plural = _("Excel export records")
        permissions = [
            ("export_attendance", _("Can export attendance to Excel")),
            ("import_people", _("Can import trainees from Excel")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.subject}"


def record(user, kind, subject="", filters=None, rows=0):
    """Write down one export or import."""
    return ExportRecord.objects.create(
        user=user if user and user.is_authenticated else None,
        kind=kind,
        subject=str(subject)[:300],
        filters=filters or {},
        rows=rows,
    )


def record_admin_export(sender, request, count, **kwargs):
    """Receiver of core.admin_export.workbook_exported: the admin's exports go in the same log."""
    record(
        request.user,
        ExportKind.ADMIN,
        sender._meta.verbose_name_plural,
        filters={"model": sender._meta.label_lower},
        rows=count,
    )


class PendingImport(models.Model):
    """One uploaded trainee list between its upload and its confirm: parsed once, saved once.

    rows holds what organizations.imports.read_rows returned (cells as JSON), so the
    preview and the confirm rebuild the plan without reading the file again. preview
    holds the plan as a large file's background reading found it (trainings.excel.
    import_read): its page shows that instead of rebuilding it on each visit. The
    confirm locks this row, saves the people and marks it consumed in one
    transaction: a second confirm finds it consumed and saves nothing.
    """

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rows = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    consumed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)
    preview = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Pending import")
        verbose_name_plural = _("Pending imports")

    def __str__(self):
        return self.name
