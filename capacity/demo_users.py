"""One demo login per role, printed by `manage.py demo_data`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import ADMINISTRATOR, COORDINATOR, STAFF

# (user name, password, group, may open Django admin)
DEMO_USERS = [
    ("staff", "staff-demo-2020", STAFF, False),
    ("coordinator", "coordinator-demo-2020", COORDINATOR, False),
    ("admin", "admin-demo-2020", ADMINISTRATOR, True),
]


def load():
    User = get_user_model()
    for username, password, group, is_staff in DEMO_USERS:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": is_staff})
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=group))
    return DEMO_USERS
