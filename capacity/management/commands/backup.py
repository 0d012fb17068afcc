from django.core.management.base import BaseCommand

from capacity.backup import backup


class Command(BaseCommand):
    help = "Write a backup of the database to a file (pg_dump custom format on PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        backup(path)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
