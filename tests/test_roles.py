"""The three roles of DESIGN.md, as groups made by the data migrations."""

import pytest
from django.contrib.auth.models import Group

from core.roles import ADMINISTRATOR, COORDINATOR, ROLES, STAFF
from tests.factories import UserFactory

# (permission, Staff, Coordinator, Administrator)
MATRIX = [
    ("organizations.view_organization", True, True, True),
    ("organizations.add_organization", False, True, True),
    ("organizations.change_organization", False, True, True),
    ("organizations.delete_organization", False, False, True),
    ("organizations.view_person", True, True, True),
    ("organizations.add_person", True, True, True),
    ("organizations.change_person", True, True, True),
    ("organizations.delete_person", False, False, True),
    ("organizations.export_person", False, True, True),
    ("organizations.import_person", False, True, True),
    ("organizations.add_region", False, False, True),
    ("organizations.change_room", False, False, True),
    ("auth.change_user", False, False, True),
    ("auth.add_group", False, False, True),
]


@pytest.mark.django_db
def test_the_roles_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


@pytest.mark.django_db
@pytest.mark.parametrize(("perm", "staff", "coordinator", "administrator"), MATRIX)
def test_permission_matrix(perm, staff, coordinator, administrator):
    for role, expected in ((STAFF, staff), (COORDINATOR, coordinator), (ADMINISTRATOR, administrator)):
        user = UserFactory(username=f"u-{role}", role=role)
        assert user.has_perm(perm) is expected, (role, perm)


@pytest.mark.django_db
def test_no_role_deletes_or_exports_except_as_listed():
    staff = Group.objects.get(name=STAFF)
    codenames = set(staff.permissions.values_list("codename", flat=True))
    assert not {c for c in codenames if c.startswith(("delete_", "export_", "import_"))}


@pytest.mark.django_db
def test_admin_site_is_for_administrators_only(client):
    client.force_login(UserFactory(username="c", role=COORDINATOR))
    assert client.get("/admin/").status_code == 302
    client.force_login(UserFactory(username="a", role=ADMINISTRATOR, is_staff=True))
    assert client.get("/admin/organizations/organization/").status_code == 200
