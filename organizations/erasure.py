"""Anonymise a person: the personal data go, the counts and attendance figures stay.

What goes: the name (replaced by "#<id>"), position, phone, email, birth year,
disability, consent, notes, every earlier audit-history row of the person, and what
other apps hold (mark remarks and their history, through core.erasure). What stays:
the person row itself with its gender and organisation, so that trainees, women and
men, participations and rates counted before are counted the same after.
"""

from django.db import transaction

from core import erasure
from organizations.models import Person


def anonymised_name(person_id):
    return f"#{person_id}"


@transaction.atomic
def anonymise(person_id, user=None):
    """Blank the personal data of the person with person_id; returns the person."""
    person = Person.objects.select_for_update().get(pk=person_id)
    person.full_name = anonymised_name(person.pk)
    person.position = person.phone = person.email = person.notes = ""
    person.birth_year = None
    person.has_disability = person.consent = False
    person._history_user = user
    person.save()
    # Keep only the record of the erasure itself: every earlier row held the old data.
    latest = person.history.order_by("-history_date", "-history_id").values_list("history_id", flat=True).first()
    person.history.exclude(history_id=latest).delete()
    erasure.run_all(person.pk)
    return person
