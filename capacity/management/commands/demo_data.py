from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from capacity import demo_users

# Each app's demo module has load() -> summary; listed in import order.
DEMO_MODULES = ["organizations.demo", "trainings.demo", "coaching.demo", "services.demo"]


class Command(BaseCommand):
    help = "Load the demo data (the 2020 project) and one login per role. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            summary = import_module(name).load()
            self.stdout.write(f"{name}: {summary}")
        users = demo_users.load()
        self.stdout.write(self.style.SUCCESS("Demo logins (user name / password):"))
        for username, password, group, _ in users:
            self.stdout.write(f"  {group:<14} {username:<12} {password}")
