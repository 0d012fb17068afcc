import pytest
from django.core.management import call_command

from capacity.programme import build_programme, demo_organisations
from capacity.programme import demo_training as demo
from trainings.models import Attendance, Project, Session, Workshop
from trainings.rates import workshop_rates

pytestmark = pytest.mark.django_db


def test_demo_has_the_2020_project_and_five_workshops_and_loads_twice_the_same():
    demo_organisations.load()
    demo.load()
    counts = (Workshop.objects.count(), Session.objects.count(), Attendance.objects.count())
    assert demo.load() and (Workshop.objects.count(), Session.objects.count(), Attendance.objects.count()) == counts
    project = Project.objects.get(code="CB-2020")
    assert project.centre.name_ar == "مركز الرقة"
    assert list(project.phases.values_list("number", "kind")) == [(1, "training"), (2, "coaching")]
    assert project.workshops.count() == 5
    assert set(project.workshops.values_list("start_date__month", flat=True)) == {8}
    assert counts[2] == 5 * 2 * 30
    workshop = project.workshops.order_by("start_date").first()
    rows = list(workshop_rates(workshop))
    assert len(rows) == 30 and any(r.completed for r in rows) and not all(r.completed for r in rows)


def test_bench_data_is_deterministic_and_sized_by_scale(capsys):
    call_command("make_bench_data", "--scale", "0.002")
    first = build_programme(0.002)
    assert first["workshops"] == 2 and first["sessions"] == 20
    assert first["attendance"] == 20 * 50  # 50 enrolled per workshop, all marked
    assert "BENCH-0.002" in capsys.readouterr().out
    statuses = list(
        Attendance.objects.filter(session__workshop__project=first["project"])
        .order_by("session__date", "person__full_name")
        .values_list("status", flat=True)
    )
    assert {"present", "late", "excused", "absent"} == set(statuses)
