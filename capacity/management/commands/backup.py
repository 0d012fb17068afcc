from django.core.management.base import BaseCommand, CommandError

from capacity.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup of the database and the attached files to one file (a tar, readable by its owner only)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            files = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} (the database and {files} attached files)"))
