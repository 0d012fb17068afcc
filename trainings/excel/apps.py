from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExcelConfig(AppConfig):
    name = "trainings.excel"
    label = "excel"
    verbose_name = _("Excel exports and imports")

    def ready(self):
        # core cannot import this app: its admin exports are recorded here, by the export log's owner.
        from core.admin_export import workbook_exported
        from trainings.excel.models import record_admin_export

        workbook_exported.connect(record_admin_export, dispatch_uid="excel-record-admin-export")
