from django.core.management.base import BaseCommand
from django.db import transaction

from trainings import tallies
from trainings.models import Tally, Workshop


class Command(BaseCommand):
    help = (
        "Recount every workshop's attendance tallies from its enrolments, sessions and marks. "
        "The app keeps them up to date; run this after changing marks outside it (SQL, a shell)."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            # Lock every workshop, as the door (trainings.writes) locks one, so that no write interleaves;
            # holding them all, it may recount directly.
            list(Workshop.objects.select_for_update().values_list("pk", flat=True))
            workshops = tallies.recount_all()
        self.stdout.write(f"{workshops} workshops, {Tally.objects.count()} tallies.")
