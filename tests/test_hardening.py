"""Findings of the attack-minded review (issue 13) that live in settings, backups and the login lockout."""

import os
import stat

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from tests.factories import OrganizationFactory, PersonFactory


@pytest.mark.django_db
def test_pages_with_personal_data_are_never_cached(client, staff_user):
    person = PersonFactory(phone="0999111222")
    client.force_login(staff_user)
    for url in (reverse("organizations:person_list"), reverse("organizations:person_detail", args=[person.pk])):
        response = client.get(url)
        assert response.status_code == 200
        cache = response.headers["Cache-Control"]
        assert "private" in cache and "no-store" in cache, url


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_backup_is_readable_by_its_owner_only(tmp_path):
    OrganizationFactory()
    dump = tmp_path / "capacity.dump"
    dump.write_bytes(b"old")
    os.chmod(dump, 0o644)
    call_command("backup", str(dump))
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert dump.stat().st_size > 3


@pytest.mark.django_db
def test_a_failed_pg_restore_says_why(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_restore runs on PostgreSQL only")
    bogus = tmp_path / "not-a-dump.dump"
    bogus.write_bytes(b"this is not a dump")
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/no_such_db_x"
    with pytest.raises(CommandError) as error:
        call_command("restore", str(bogus), url)
    assert "pg_restore failed:" in str(error.value)
    assert "CalledProcessError" not in str(error.value)


def _fail_logins(client, username, address, times):
    for _ in range(times):
        client.post(reverse("login"), {"username": username, "password": "wrong-password"}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_one_user_name_is_locked_whatever_the_address(client, staff_user):
    for number in range(5):
        _fail_logins(client, "staff", f"10.0.0.{number + 1}", 1)
    staff_user.set_password("right-password-2026")
    staff_user.save()
    response = client.post(
        reverse("login"), {"username": "staff", "password": "right-password-2026"}, REMOTE_ADDR="10.0.0.99"
    )
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_one_address_trying_many_user_names_is_locked(client, staff_user):
    for number in range(5):
        _fail_logins(client, f"someone{number}", "10.1.1.1", 1)
    staff_user.set_password("right-password-2026")
    staff_user.save()
    response = client.post(
        reverse("login"), {"username": "staff", "password": "right-password-2026"}, REMOTE_ADDR="10.1.1.1"
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (403, 429)


@pytest.mark.django_db
def test_a_forged_forwarded_header_is_ignored_unless_behind_a_proxy(rf):
    from core.client_ip import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="10.9.9.9")
    assert client_ip(request) == "10.9.9.9"
    with override_settings(BEHIND_PROXY=True):
        request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4", REMOTE_ADDR="10.9.9.9")
        assert client_ip(request) == "1.2.3.4"


@pytest.mark.django_db
def test_administrators_see_the_lockout_records(client, admin_user):
    client.force_login(admin_user)
    for name in ("accessattempt", "accesslog", "accessfailurelog"):
        response = client.get(reverse(f"admin:axes_{name}_changelist"))
        assert response.status_code == 200, name


@pytest.mark.django_db
def test_invisible_characters_do_not_hide_a_namesake():
    from organizations.models import Person

    first = PersonFactory(full_name="سلمى حسن تجربة")
    twin = Person(full_name="سلمى\u200f حسن\u200c تجربة\u202e", organization=first.organization, gender="f")
    assert list(twin.namesakes()) == [first]
    twin.save()
    assert twin.full_name == "سلمى حسن تجربة"
