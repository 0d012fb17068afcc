"""The IPTT page, the framework pages and the values form: who may, bad input, twice, queries."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from core.roles import ADMINISTRATOR, COORDINATOR, STAFF
from results.models import Indicator, ManualValue, Result, Rule, Target
from tests.factories import OrganizationFactory, PersonFactory, SessionFactory, UserFactory, WorkshopFactory
from trainings.models import Attendance

D = datetime.date


@pytest.fixture
def coordinator(client, db):
    client.force_login(UserFactory(role=COORDINATOR))
    return client


def test_anonymous_goes_to_login(client, framework):
    response = client.get(reverse("reports:iptt", args=[framework.programme.project.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_read_the_iptt_but_do_not_set_targets(client, framework):
    client.force_login(UserFactory(role=STAFF))
    page = client.get(reverse("reports:iptt", args=[framework.programme.project.pk]))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    assert (
        reverse("results:indicator_values", args=[framework.indicators[Rule.TRAINEES].pk]) not in page.content.decode()
    )
    url = reverse("results:indicator_values", args=[framework.indicators[Rule.TRAINEES].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"target_0": "9"}).status_code == 403
    assert not Target.objects.filter(value=9).exists()


def test_iptt_on_page_shows_status_in_words(coordinator, framework):
    html = coordinator.get(reverse("reports:iptt", args=[framework.programme.project.pk])).content.decode()
    assert "data-iptt" in html and "iptt-off" in html
    assert "✗" in html  # the icon beside the colour
    assert "80%" in html  # the threshold is stated


def test_an_ended_period_with_a_target_and_no_value_says_so(coordinator, framework):
    """A manual indicator whose past period has a target but nothing entered reads "no value", not blank."""
    manual = Indicator.objects.create(
        result=framework.outcome, code="M1", name_ar="مؤشر يدوي", rule=Rule.MANUAL, unit="number", target=5
    )
    Target.objects.create(indicator=manual, period=D(2020, 8, 1), value=2)
    project = framework.programme.project
    page = coordinator.get(reverse("reports:iptt", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="en")
    row = page.context["iptt"].rows[-1]
    august = next(cell for cell in row.cells if cell.label.startswith("August"))
    assert august.status.key == "no_value" and august.actual is None
    html = page.content.decode()
    assert 'data-indicator="M1"' in html and "no value" in html.split('data-indicator="M1"')[1].split("</tr>")[0]
    excel = coordinator.get(reverse("reports:excel", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="en")
    sheet = openpyxl.load_workbook(io.BytesIO(excel.content))["IPTT"]
    lines = [
        line for line in sheet.iter_rows(values_only=True) if line[0] == "M1" and str(line[4]).startswith("August")
    ]
    assert lines and lines[0][8] == "no value"


def test_dashboard_shows_iptt_and_disaggregation(coordinator, framework):
    html = coordinator.get(reverse("reports:dashboard", args=[framework.programme.project.pk])).content.decode()
    assert "data-iptt" in html and "data-disaggregation" in html


def test_values_saved_once_and_again_the_same(coordinator, framework):
    indicator = framework.indicators[Rule.MANUAL]
    url = reverse("results:indicator_values", args=[indicator.pk])
    data = {"target_1": "5", "value_1": "3", "note_1": "عدّ المحاضر", "evidence_1": "أرشيف 2020/9"}
    for _ in range(2):  # a double click
        assert coordinator.post(url, data).status_code == 302
    assert Target.objects.get(indicator=indicator).value == 5
    value = ManualValue.objects.get(indicator=indicator)
    assert (value.period, value.value, value.evidence) == (D(2020, 9, 1), 3, "أرشيف 2020/9")
    # An emptied field removes its number.
    coordinator.post(url, {**data, "target_1": ""})
    assert not Target.objects.filter(indicator=indicator).exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({"target_0": "-3"}, "target_0"),
        ({"target_0": "abc"}, "target_0"),
        ({"target_0": "1e400"}, "target_0"),
        ({"value_0": "4", "evidence_0": "ملف"}, "note_0"),
        ({"value_0": "4", "note_0": "ملاحظة"}, "evidence_0"),
        ({"value_0": "-1", "note_0": "ملاحظة", "evidence_0": "ملف"}, "value_0"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(coordinator, framework, data, field):
    indicator = framework.indicators[Rule.MANUAL]
    response = coordinator.post(reverse("results:indicator_values", args=[indicator.pk]), {"target_1": "7", **data})
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Target.objects.filter(indicator=indicator).exists()
    assert not ManualValue.objects.filter(indicator=indicator).exists()


def test_a_target_outside_the_project_is_refused_in_the_admin(client, framework):
    client.force_login(UserFactory(role=ADMINISTRATOR, is_staff=True))
    indicator = framework.indicators[Rule.TRAINEES]
    before = Target.objects.count()
    response = client.post(
        reverse("admin:results_target_add"), {"indicator": indicator.pk, "period": "2021-03-01", "value": "5"}
    )
    assert response.status_code == 200
    assert (
        "outside the project" in str(response.context["adminform"].form.errors)
        or response.context["adminform"].form.errors
    )
    response = client.post(
        reverse("admin:results_target_add"), {"indicator": indicator.pk, "period": "2020-09-14", "value": "-5"}
    )
    assert response.context["adminform"].form.errors["value"]
    assert Target.objects.count() == before
    # A day inside the project is stored as its month.
    client.post(reverse("admin:results_target_add"), {"indicator": indicator.pk, "period": "2020-09-14", "value": "5"})
    assert Target.objects.filter(indicator=indicator, period=D(2020, 9, 1)).exists()


def test_a_value_by_hand_for_a_computed_indicator_is_refused(client, framework):
    client.force_login(UserFactory(role=ADMINISTRATOR, is_staff=True))
    data = {
        "indicator": framework.indicators[Rule.TRAINEES].pk,
        "period": "2020-09-01",
        "value": "5",
        "note": "n",
        "evidence": "e",
    }
    response = client.post(reverse("admin:results_manualvalue_add"), data)
    assert response.status_code == 200 and response.context["adminform"].form.errors
    assert not ManualValue.objects.exists()


def test_an_indicator_with_values_cannot_turn_computed(coordinator, framework):
    indicator = framework.indicators[Rule.MANUAL]
    ManualValue.objects.create(indicator=indicator, period=D(2020, 9, 1), value=1, note="n", evidence="e")
    data = {
        "result": indicator.result_id,
        "code": indicator.code,
        "name_ar": indicator.name_ar,
        "rule": Rule.TRAINEES,
        "unit": "number",
        "baseline": "0",
        "order": "1",
    }
    response = coordinator.post(reverse("results:indicator_update", args=[indicator.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors["rule"]
    indicator.refresh_from_db()
    assert indicator.rule == Rule.MANUAL


def test_framework_set_up_from_the_page(coordinator, programme):
    project = programme.project
    url = reverse("results:framework", args=[project.pk])
    assert coordinator.get(url).status_code == 200
    coordinator.post(url, {"periodicity": "quarter"})
    coordinator.post(url, {"periodicity": "quarter"})
    framework = project.results_framework
    assert [p.label for p in framework.periods()] and framework.periodicity == "quarter"
    create = reverse("results:result_create", args=[project.pk])
    page = coordinator.get(create)
    token = page.context["once_token"]
    data = {"kind": "outcome", "code": "O1", "statement_ar": "نتيجة", "order": "1", page.context["once_field"]: token}
    coordinator.post(create, data)
    coordinator.post(create, data)  # resent: saved once
    assert Result.objects.filter(framework=framework).count() == 1
    again = coordinator.get(create)
    duplicate = {**data, again.context["once_field"]: again.context["once_token"]}
    assert coordinator.post(create, duplicate).context["form"].errors["code"]
    indicator_url = reverse("results:indicator_create", args=[project.pk])
    page = coordinator.get(indicator_url)
    outcome = Result.objects.get(framework=framework)
    data = {
        "result": outcome.pk,
        "code": "1.a",
        "name_ar": "متدربون",
        "rule": Rule.TRAINEES,
        "unit": "number",
        "baseline": "0",
        "target": "30",
        "order": "1",
        page.context["once_field"]: page.context["once_token"],
    }
    assert coordinator.post(indicator_url, data).status_code == 302
    assert Indicator.objects.get(code="1.a").unit == "people"  # the rule's unit


def test_queries_do_not_grow_with_the_data(coordinator, framework, django_assert_max_num_queries):
    project = framework.programme.project
    url = reverse("reports:iptt", args=[project.pk])
    with django_assert_max_num_queries(60) as before:
        coordinator.get(url)
    workshop = WorkshopFactory(
        project=project, phase=project.phases.first(), start_date=D(2020, 9, 29), end_date=D(2020, 10, 2)
    )
    sessions = [
        SessionFactory(
            workshop=workshop,
            date=D(2020, 9, 29) + datetime.timedelta(days=d),
            attendance_taken_at=datetime.datetime(2020, 10, 3, tzinfo=datetime.UTC),
        )
        for d in range(3)
    ]
    for _ in range(5):
        person = PersonFactory(organization=OrganizationFactory())
        Attendance.objects.bulk_create([Attendance(session=s, person=person, status="present") for s in sessions])
    from trainings import tallies

    tallies.recount([workshop.pk])
    with django_assert_max_num_queries(len(before.captured_queries) + 6):  # one more straddling workshop, not per row
        coordinator.get(url)
