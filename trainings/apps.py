from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Training (phase 1)")

    def ready(self):
        from core import panels
        from trainings import tallies
        from trainings.panels import organization_trainings

        tallies.connect()
        panels.register("organization", 10, organization_trainings)
