from django.core.management.base import BaseCommand
from django.db import transaction

from trainings import tallies
from trainings.models import Tally, Workshop

BATCH = 200


class Command(BaseCommand):
    help = (
        "Recount every workshop's attendance tallies from its enrolments, sessions and marks. "
        "The app keeps them up to date; run this after changing marks outside it (SQL, a shell)."
    )

    def handle(self, *args, **options):
        ids = list(Workshop.objects.order_by("pk").values_list("pk", flat=True))
        with transaction.atomic():
            # Lock the workshops, as the attendance sheet does, so that no save interleaves.
            list(Workshop.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
            for start in range(0, len(ids), BATCH):
                tallies.recount(ids[start : start + BATCH])
        self.stdout.write(f"{len(ids)} workshops, {Tally.objects.count()} tallies.")
