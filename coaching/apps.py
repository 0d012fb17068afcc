from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching (phase 2)")

    def ready(self):
        from coaching import exports, panels
        from core.panels import register
        from trainings.excel import sections

        register("organization", 30, panels.organization_panel)
        register("project", 30, panels.project_panel)
        sections.register(exports.CoachingSection())  # coaching rows in the project's attendance workbooks
