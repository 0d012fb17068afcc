from django.core.management.base import BaseCommand, CommandError

from capacity.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database given by its URL (e.g. a new PostgreSQL database)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("database_url", help="postgres://user@host:5432/newdb or sqlite:////path/new.sqlite3")

    def handle(self, path, database_url, **options):
        try:
            restore(path, database_url)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {path}"))
