"""`manage.py demo_data` loads the 2020 project once; running it again changes nothing."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from organizations.models import Organization, Person

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

DESIGN_ORGANISATIONS = [
    "توتول", "العهد", "فصول الأربعة", "معاً لأجل الجرنية", "نبض",
    "ديرنا", "آشنا فرع دير الزور", "بصمة أمل", "تنمية بلا حدود", "حلم للتنمية",
    "بداية", "الاستجابة الميدانية", "أمل باغوز", "ماري", "سام",
]  # fmt: skip


def counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_demo_data_is_the_first_report_and_loads_once(settings):
    settings.DEBUG = True  # as `make run` has it
    out = StringIO()
    call_command("demo_data", stdout=out)
    first = counts()
    call_command("demo_data", stdout=StringIO())
    second = counts()
    assert {k: v for k, v in second.items() if "Historical" not in k and k != "admin.LogEntry"} == {
        k: v for k, v in first.items() if "Historical" not in k and k != "admin.LogEntry"
    }
    assert set(DESIGN_ORGANISATIONS) <= set(Organization.objects.values_list("name_ar", flat=True))
    branch = Organization.objects.get(name_ar="آشنا فرع دير الزور")
    assert branch.branch_of is not None
    for org in Organization.objects.filter(name_ar__in=DESIGN_ORGANISATIONS):
        genders = set(Person.objects.filter(organization=org).values_list("gender", flat=True))
        assert genders == {"f", "m"}, org
    printed = out.getvalue()
    for login in ("staff-demo-2020", "coordinator-demo-2020", "admin-demo-2020"):
        assert login in printed


def test_demo_data_refuses_a_production_server(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="random-passwords"):
        call_command("demo_data", stdout=StringIO())
    assert not Organization.objects.exists()


def test_demo_logins_on_a_production_server_get_random_passwords(settings):
    from django.contrib.auth import get_user_model

    settings.DEBUG = False
    out = StringIO()
    call_command("demo_data", "--random-passwords", stdout=out)
    admin = get_user_model().objects.get(username="admin")
    assert not admin.check_password("admin-demo-2020")
    printed = out.getvalue()
    password = next(line.split()[-1] for line in printed.splitlines() if " admin " in f" {line} ")
    assert admin.check_password(password) and len(password) >= 12
