from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "capacity"
    verbose_name = _("Capacity")

    def ready(self):
        from capacity.reports.home import project_panel
        from core import panels

        # A project's page links to its dashboard, PDF report and workbook.
        panels.register("project", 90, project_panel)
