"""The IPTT's actuals, counted by hand on a small project and directly from the marks on a
random one; statuses and the disaggregation adding up."""

import datetime
import random

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from capacity.programme import parts
from capacity.reports import figures, iptt
from capacity.reports.ages import band_label
from coaching.models import CoachingSession, StrategicPlan
from organizations.models import Gender, Person
from results.models import Indicator, ManualValue, Result, ResultsFramework, Rule
from services.models import CapacityArea
from tests.factories import (
    CentreFactory,
    EngagementFactory,
    NeedsAssessmentFactory,
    OrganizationFactory,
    PersonFactory,
    RegionFactory,
    SessionFactory,
    WorkshopFactory,
)
from trainings.models import Attendance, Enrollment

D = datetime.date
TODAY = D(2021, 6, 1)
STATUSES = ["present", "late", "absent", "excused"]  # the programme (August to December 2020) has ended


def rows_by_rule(result):
    return {row.indicator.rule: row for row in result.rows}


def direct_breakdown(marks, year):
    """{dimension: {label: trainees}} of the people of marks, counted one by one (ages in year)."""
    found = {}

    def add(heading, label):
        cell = found.setdefault(str(heading), {})
        cell[str(label)] = cell.get(str(label), 0) + 1

    people = Person.objects.filter(pk__in=marks.values("person")).select_related("organization__region")
    for person in people:
        add(gettext("Sex"), person.get_gender_display())
        band = next(
            (
                band_label(first, last)
                for first, last in settings.RESULTS_AGE_BANDS
                if person.birth_year and first <= year - person.birth_year <= (last if last is not None else 999)
            ),
            gettext("not recorded"),
        )
        add(gettext("Age band"), band)
        add(gettext("Disability"), gettext("with a disability") if person.has_disability else gettext("without"))
        add(gettext("Region"), person.organization.region.name_ar)
    return found


def test_each_rule_counted_by_hand(framework):
    p = framework.programme
    plan = StrategicPlan.objects.get(organization=p.org_a)
    StrategicPlan.objects.filter(pk=plan.pk).update(approved_at=timezone.make_aware(datetime.datetime(2020, 11, 3, 10)))
    NeedsAssessmentFactory(organization=p.org_a, date=D(2020, 8, 15), scores=2)
    NeedsAssessmentFactory(organization=p.org_a, date=D(2020, 11, 15), scores=4)
    NeedsAssessmentFactory(organization=p.org_c, date=D(2020, 9, 1), scores=3)  # once only: not averaged
    result = iptt.compute(p.project, today=TODAY)
    months = [period.key.month for period in result.periods]
    assert months == [8, 9, 10, 11, 12]
    rows = rows_by_rule(result)
    actual = {rule: [cell.actual for cell in row.cells] + [row.total.actual] for rule, row in rows.items()}
    assert actual[Rule.TRAINEES] == [3, 0, 0, 0, 0, 3]
    assert actual[Rule.WOMEN_SHARE] == [66.7, None, None, None, None, 66.7]
    assert actual[Rule.COACHING_DAYS] == [0, 0, 2, 0, 0, 2]
    assert actual[Rule.APPROVED_PLANS] == [0, 0, 0, 1, 0, 1]
    if CapacityArea.objects.exists():
        assert actual[Rule.CAPACITY_CHANGE] == [None, None, None, 2.0, 2.0, 2.0]
    assert actual[Rule.MANUAL] == [None] * 6


def test_percent_of_target_and_status(framework):
    result = iptt.compute(framework.programme.project, today=TODAY)
    rows = rows_by_rule(result)
    august = rows[Rule.TRAINEES].cells[0]
    assert (august.target, august.actual, august.percent, august.status) == (4.0, 3, 75.0, iptt.OFF_TRACK)
    october = rows[Rule.COACHING_DAYS].cells[2]
    assert (october.percent, october.status) == (50.0, iptt.OFF_TRACK)
    women = rows[Rule.WOMEN_SHARE].cells[0]
    assert (women.percent, women.status) == (133.4, iptt.MET)
    assert rows[Rule.TRAINEES].cells[1].status == iptt.NO_TARGET  # no target: no colour, no verdict
    # While the period runs, below the threshold is "in progress", not yet off track.
    running = iptt.compute(framework.programme.project, today=D(2020, 8, 25))
    assert rows_by_rule(running)[Rule.TRAINEES].cells[0].status == iptt.IN_PROGRESS
    # The status has words and an icon, not only a colour.
    assert all(status.icon and str(status.label) for status in iptt.STATUSES)


def test_manual_values_and_their_total(framework):
    indicator = framework.indicators[Rule.MANUAL]
    ManualValue.objects.create(indicator=indicator, period=D(2020, 9, 1), value=2, note="n", evidence="e")
    ManualValue.objects.create(indicator=indicator, period=D(2020, 11, 1), value=3, note="n", evidence="e")
    row = rows_by_rule(iptt.compute(framework.programme.project, today=TODAY))[Rule.MANUAL]
    assert [cell.actual for cell in row.cells] == [None, 2.0, None, 3.0, None]
    assert row.total.actual == 5.0  # a count: the periods add up (percentages and points take the latest)


def test_breakdown_adds_up_to_the_trainees(framework):
    row = rows_by_rule(iptt.compute(framework.programme.project, today=TODAY))[Rule.TRAINEES]
    for heading, lines in row.breakdown:
        assert sum(total for _label, _counts, total in lines) == row.total.actual, heading
        for i, cell in enumerate(row.cells):
            assert sum(counts[i] for _label, counts, _total in lines) == cell.actual, heading


def test_no_framework_gives_an_empty_iptt(programme):
    result = iptt.compute(programme.project)
    assert result.framework is None and result.rows == []


# A random project, compared with direct counts of the marks ---------------------------------


@pytest.fixture
def random_programme(db):
    rng = random.Random(18)
    regions = [RegionFactory(), RegionFactory()]
    orgs = [OrganizationFactory(region=regions[i % 2]) for i in range(4)]
    people = [
        PersonFactory(
            organization=orgs[i % 4],
            gender=rng.choice([Gender.FEMALE, Gender.MALE]),
            birth_year=rng.choice([None, 1960, 1985, 1999, 2003, 2004, 2005]),
        )
        for i in range(24)
    ]
    project, phase, coaching_phase = parts.project_with_phases(
        "P-RANDOM",
        centre=CentreFactory(),
        name_ar="مشروع عشوائي",
        start_date=D(2020, 7, 15),
        end_date=D(2021, 3, 31),
        training=(D(2020, 7, 15), D(2021, 3, 31)),
        coaching=(D(2020, 9, 1), D(2021, 3, 31)),
    )
    enrolments, marks = [], []

    def workshop_on(days, trainees, statuses):
        """A workshop with a session held on each of days, trainees of people enrolled and marked at random."""
        workshop = WorkshopFactory(project=project, phase=phase, start_date=days[0], end_date=days[-1])
        sessions = [
            SessionFactory(workshop=workshop, date=day, attendance_taken_at=parts.taken_at(day, datetime.time(12)))
            for day in days
        ]
        for person in rng.sample(people, trainees):
            enrolments.append(Enrollment(workshop=workshop, person=person))
            marks.extend(Attendance(session=s, person=person, status=rng.choice(statuses)) for s in sessions)

    for w in range(8):
        first = D(2020, 7, 20) + datetime.timedelta(days=29 * w)
        # Every other workshop straddles the end of a month (the third the end of a quarter too).
        workshop_on([first + datetime.timedelta(days=d) for d in (0, 1, 15 if w % 2 == 0 else 2)], 10, STATUSES)
    # Workshops wholly before the project's start, wholly after its end, and one across both:
    # only what falls inside a period may be counted.
    workshop_on([D(2020, 7, 1), D(2020, 7, 2)], 6, STATUSES[:3])
    workshop_on([D(2021, 4, 5), D(2021, 4, 6)], 6, STATUSES[:3])
    workshop_on([D(2020, 7, 10), D(2020, 11, 10), D(2021, 4, 10)], 6, STATUSES[:3])
    parts.write_in_bulk(enrolments=enrolments, marks=marks)
    for org in orgs[:3]:
        engagement = EngagementFactory(project=project, phase=coaching_phase, organization=org)
        for _ in range(5):
            CoachingSession.objects.create(
                engagement=engagement, date=D(2020, 9, 1) + datetime.timedelta(days=rng.randrange(200)), hours=3
            )
    return project, regions, orgs


@pytest.mark.parametrize("periodicity", ["month", "quarter"])
@pytest.mark.parametrize("narrowing", ["none", "region", "organization"])
def test_iptt_equals_direct_counts(random_programme, periodicity, narrowing):
    project, regions, orgs = random_programme
    framework = ResultsFramework.objects.create(project=project, periodicity=periodicity)
    result = Result.objects.create(framework=framework, kind="outcome", code="O", statement_ar="س")
    for code, rule in (("T", Rule.TRAINEES), ("W", Rule.WOMEN_SHARE), ("C", Rule.COACHING_DAYS)):
        Indicator.objects.create(result=result, code=code, name_ar=code, rule=rule)
    base = figures.Filters(project=project)
    marks = Attendance.objects.filter(
        session__workshop__project=project, status__in=["present", "late"], session__attendance_taken_at__isnull=False
    )
    coaching = CoachingSession.objects.filter(engagement__project=project)
    if narrowing == "region":
        base.region = regions[0]
        marks, coaching = (
            marks.filter(person__organization__region=regions[0]),
            coaching.filter(engagement__organization__region=regions[0]),
        )
    elif narrowing == "organization":
        base.organization = orgs[1]
        marks, coaching = marks.filter(person__organization=orgs[1]), coaching.filter(engagement__organization=orgs[1])
    computed = rows_by_rule(iptt.compute(project, base))
    for index, (period, trainees, women, days) in enumerate(
        zip(
            framework.periods(),
            computed[Rule.TRAINEES].cells,
            computed[Rule.WOMEN_SHARE].cells,
            computed[Rule.COACHING_DAYS].cells,
            strict=True,
        )
    ):
        in_period = marks.filter(session__date__gte=period.first, session__date__lte=period.last)
        people = in_period.values("person").distinct().count()
        assert trainees.actual == people, period
        counted = {
            heading: {label: counts[index] for label, counts, _total in lines if counts[index]}
            for heading, lines in computed[Rule.TRAINEES].breakdown
            if people
        }
        assert counted == direct_breakdown(in_period, period.last.year), period
        woman = in_period.filter(person__gender=Gender.FEMALE).values("person").distinct().count()
        assert women.actual == (round(100 * woman / people, 1) if people else None), period
        coached = coaching.filter(date__gte=period.first, date__lte=period.last)
        assert days.actual == coached.values("engagement__organization", "date").distinct().count(), period
    in_project = marks.filter(session__date__gte=project.start_date, session__date__lte=project.end_date)
    assert computed[Rule.TRAINEES].total.actual == in_project.values("person").distinct().count()
    whole = {
        heading: {label: total for label, _counts, total in lines if total}
        for heading, lines in computed[Rule.TRAINEES].breakdown
    }
    assert whole == direct_breakdown(in_project, project.end_date.year)
