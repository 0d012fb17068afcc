from django.core.management.base import BaseCommand

from capacity.backup import restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database given by its URL (e.g. a new PostgreSQL database)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("database_url", help="postgres://user@host:5432/newdb or sqlite:////path/new.sqlite3")

    def handle(self, path, database_url, **options):
        restore(path, database_url)
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
