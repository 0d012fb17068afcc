from django.core.management.base import BaseCommand, CommandError

from capacity.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup into an empty database given by its URL (e.g. a new PostgreSQL database), "
        "and its attached files into the attachments storage (or --files-dir)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("database_url", help="postgres://user@host:5432/newdb or sqlite:////path/new.sqlite3")
        parser.add_argument(
            "--files-dir",
            help="put the attached files into this folder instead of the configured attachments storage",
        )

    def handle(self, path, database_url, files_dir=None, **options):
        try:
            files = restore(path, database_url, files_dir=files_dir)
        except BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(f"Could not read {path}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {path} ({files} attached files)"))
