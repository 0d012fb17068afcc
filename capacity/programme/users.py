"""Logins the builders make: one demo login per role (printed by `manage.py demo_data`), and
the load test's staff users.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from capacity.programme import catalogue
from core.roles import ADMINISTRATOR, COORDINATOR, STAFF
from organizations.models import Centre

# (user name, password, group, may open Django admin)
DEMO_USERS = [
    ("staff", "staff-demo-2020", STAFF, False),
    ("coordinator", "coordinator-demo-2020", COORDINATOR, False),
    ("admin", "admin-demo-2020", ADMINISTRATOR, True),
]


def login(username, password, group, *, is_staff=False, hasher=None, centres=(), **fields):
    """The user `username` in `group`; a new one gets `password` (None: no usable password).

    centres: the centres she works for (core.centres shows her only their records).

    hasher: a password hasher to encode with, when the app that will check the password
    runs with other settings than this process (the load test's gunicorn).
    """
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": is_staff, **fields})
    if created:
        if password is None:
            user.set_unusable_password()
        elif hasher:
            user.password = hasher.encode(password, hasher.salt())
        else:
            user.set_password(password)
        user.save()
    group = Group.objects.filter(name=group).first()
    if group:
        user.groups.add(group)
    user.centres.add(*centres)
    return user


def load_demo_users(random_passwords=False):
    """One login per role; returns [(user name, password, group, is_staff)] to print.

    random_passwords: give each demo login a new random password instead of the one the
    README publishes (a server with DEBUG off); it is printed once and kept nowhere.
    """
    users = []
    for username, password, group, is_staff in DEMO_USERS:
        user = login(username, password, group, is_staff=is_staff, centres=_demo_centres(group))
        if random_passwords:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
        users.append((username, password, group, is_staff))
    return users


def _demo_centres(group):
    """Staff work for the centre of the demo project; the coordinator for every centre; the
    administrator for none, and so sees them all."""
    if group == STAFF:
        return list(Centre.objects.filter(name_ar=catalogue.PROJECT_CENTRE[0]))
    if group == COORDINATOR:
        return list(Centre.objects.all())
    return []
