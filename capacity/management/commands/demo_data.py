from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from capacity.programme.demo import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo data (the 2020 project) and one login per role. Safe to run again. "
        "With DEBUG off it needs --random-passwords: the README's demo passwords are public."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--random-passwords",
            action="store_true",
            help="Give the demo logins new random passwords, printed once (required with DEBUG off).",
        )

    def handle(self, *args, random_passwords=False, **options):
        if not settings.DEBUG and not random_passwords:
            raise CommandError(
                "DEBUG is off, so this looks like a production server, and the demo logins' passwords "
                "are published in the README. Nothing was loaded. To load the demo here anyway, run "
                "`manage.py demo_data --random-passwords`: each demo login gets a random password, "
                "printed once."
            )
        parts, users = load_demo(random_passwords=random_passwords)
        for name, summary in parts:
            self.stdout.write(f"{name}: {summary}")
        heading = "Demo logins (user name / password, shown only now):" if random_passwords else "Demo logins:"
        self.stdout.write(self.style.SUCCESS(heading))
        for username, password, group, _ in users:
            self.stdout.write(f"  {group:<14} {username:<12} {password}")
