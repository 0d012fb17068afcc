from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Centre services")

    def ready(self):
        from core import panels
        from services.panels import organization_panel, project_panel

        panels.register("organization", 60, organization_panel)
        panels.register("project", 60, project_panel)
