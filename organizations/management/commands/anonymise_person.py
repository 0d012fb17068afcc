from django.core.management.base import BaseCommand, CommandError

from organizations.erasure import anonymise
from organizations.models import Person


class Command(BaseCommand):
    help = (
        "Erase the personal data of people by id (name, contact, birth year, disability, notes, "
        "remarks and their audit history), keeping counts and attendance figures."
    )

    def add_arguments(self, parser):
        parser.add_argument("person_ids", nargs="+", type=int)

    def handle(self, person_ids, **options):
        missing = sorted(set(person_ids) - set(Person.objects.filter(pk__in=person_ids).values_list("pk", flat=True)))
        if missing:
            raise CommandError(f"No person with id {', '.join(map(str, missing))}; nothing was erased.")
        for pk in person_ids:
            anonymise(pk)
            self.stdout.write(f"Person {pk} anonymised.")
