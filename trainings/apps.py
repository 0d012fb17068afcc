from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = _("Training (phase 1)")

    def ready(self):
        # No signals: marks, enrolments and sessions are written, and their tallies
        # kept, by one door (trainings.writes).
        from core import erasure, panels
        from trainings.erasure import blank_remarks
        from trainings.panels import organization_trainings

        panels.register("organization", 10, organization_trainings)
        erasure.register(blank_remarks)
