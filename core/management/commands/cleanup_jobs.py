from django.core.management.base import BaseCommand

from core.jobs import cleanup


class Command(BaseCommand):
    help = "Delete expired background jobs and their files; mark failed the jobs whose worker died. Run it hourly."

    def handle(self, *args, **options):
        counts = cleanup.sweep()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
