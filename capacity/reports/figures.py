"""Every figure of the dashboard and the donor reports, counted in the database.

All queries of the reports live here, so that a field renamed in an app is a
one-place fix. `compute(filters)` runs a fixed number of queries (about ten)
whatever the size of the data: each one is an aggregate, grouped at most by
organisation, and Python only adds up those grouped rows. The figures over
attendance read trainings' tallies (each person's marks in a workshop, added up)
rather than the marks themselves, which are ten times as many; only the workshops
that straddle a boundary of the period are read mark by mark (attendance_in_period).

The rules, also printed beside the figures (what "held", "attended", "excused", a
session's length, the rate and completion mean is trainings.rules'; which dates count
is capacity.reports.period's, which also names the period on every output):
- a *trainee* is a person who attended at least one session held in the period: each
  person is counted once;
- a *participation* is one attended session of one trainee: each attendance counts;
- training person-hours add up the length of each attended session;
- the attendance rate and completion are those of trainings.rules, over the active
  enrolments of the workshops that ran in the period;
- coaching days delivered are the distinct days with a coaching session, per organisation;
- an organisation is *taking part* when one of its people attended a session or it had a
  coaching session in the period.

Person and organisation both have one region and a person one gender and one
organisation, so distinct people counted per (organisation, gender) add up exactly
to the region and project totals.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import get_language

from capacity.reports import people_rows
from capacity.reports.ages import band_expression, reference_year
from capacity.reports.period import Period
from coaching.models import AgendaItem, CoachingEngagement, CoachingSession, PlanStatus, StrategicPlan
from core.kept import kept
from organizations.models import Gender, Organization, Region, bilingual
from trainings import requests, rules
from trainings.models import Attendance, Enrollment, OrganizationRequest, Session, Tally

UPCOMING_DAYS = 7
UPCOMING_LIMIT = 10


@dataclass
class Filters:
    """What the figures are narrowed to: a project, and optionally dates, a region, an organisation."""

    project: object
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region: Region | None = None
    organization: Organization | None = None
    # The programme-wide report: the projects counted together (project then only names them);
    # a person in two of them is counted once, as the totals count distinct people.
    projects: object = None

    def project_q(self, path):
        """A Q keeping the rows whose project (at path, e.g. "workshop__project") is counted."""
        if self.projects is not None:
            return Q(**{f"{path}__in": self.projects})
        return Q(**{path: self.project})

    def threshold(self, path):
        """The completion threshold: the project's, or each row's own project's across projects."""
        return F(f"{path}__completion_threshold") if self.projects is not None else self.project.completion_threshold

    def org_q(self, prefix):
        """A Q narrowing rows whose organisation sits at `prefix` (e.g. "person__organization")."""
        q = Q()
        if self.organization:
            q &= Q(**{prefix: self.organization})
        if self.region:
            q &= Q(**{f"{prefix}__region": self.region})
        return q

    def place(self):
        """(region id, organisation id), None where not narrowed: a part of the kept figures' key."""
        return (getattr(self.region, "pk", None), getattr(self.organization, "pk", None))

    def key(self):
        """What the figures depend on, as plain values (core.kept): the projects, the dates, the place, the day."""
        projects = tuple(self.projects) if self.projects is not None else (self.project.pk,)
        # the day: age bands and periods without an end are counted up to today
        return (self.projects is not None, projects, self.date_from, self.date_to, self.place(), timezone.localdate())

    @property
    def period(self):
        """The Period counted, which also names itself on the page, the PDF and the workbook."""
        return Period(self.date_from, self.date_to)

    def date_q(self, name):
        return self.period.q(name)

    @property
    def narrowed(self):
        return bool(self.period.bounded or self.region or self.organization)


@dataclass(slots=True)
class OrgRow:
    pk: int
    name: str = ""
    region_id: int | None = None
    region: str = ""
    trainees: int = 0
    women: int = 0
    men: int = 0
    participations: int = 0
    participations_women: int = 0
    participations_men: int = 0
    person_hours: float = 0.0
    coaching_days: int = 0
    coaching_planned: int = 0
    organizations: int = 1

    def add(self, other):
        # Written out: this runs twice per organisation, and a loop of getattr/setattr costs ten times more.
        self.trainees += other.trainees
        self.women += other.women
        self.men += other.men
        self.participations += other.participations
        self.participations_women += other.participations_women
        self.participations_men += other.participations_men
        self.person_hours += other.person_hours
        self.coaching_days += other.coaching_days
        self.coaching_planned += other.coaching_planned


@dataclass
class Report:
    filters: Filters
    totals: OrgRow
    organizations_taking_part: int
    by_region: list
    by_organization: list
    workshops: int
    sessions: int
    enrolments: int
    completions: int
    average_rate: float | None
    engagements: int
    coaching_planned: int
    coaching_days: int
    coaching_hours: float
    agenda: list  # (AgendaItem, organisations that covered it)
    agenda_coverage: float | None
    plans: list  # (status value, label, count)
    # The trainees grouped (people_groups), which capacity.reports.disaggregation adds up by dimension.
    groups: list = field(default_factory=list)
    upcoming: list = field(default_factory=list)
    requests: list = field(default_factory=list)  # (status value, label, count) of the requests to join

    @property
    def project(self):
        return self.filters.project


def _attended_marks(filters):
    """The attended marks of held sessions of the project in the filters' period and place."""
    return Attendance.objects.filter(
        filters.org_q("person__organization"),
        filters.date_q("session__date"),
        rules.held("session__"),
        rules.attended(),
        filters.project_q("session__workshop__project"),
    )


def _straddling_workshops(filters):
    """The ids of the workshops with held sessions on both sides of a boundary of the period (one query).

    A handful at most, read once: as a subquery, each of the queries below would work them
    out again.
    """
    return list(
        Session.objects.filter(rules.held(), filters.project_q("workshop__project"))
        .values("workshop_id")
        .annotate(first=Min("date"), last=Max("date"))
        .filter(filters.period.straddles("first", "last"))
        .values_list("workshop_id", flat=True)
        .order_by()
    )


def attendance_in_period(filters):
    """(tallies, marks): the attendance of the period and place, in two parts that never overlap.

    tallies: the tallies of the trainees who attended a workshop held wholly inside the period;
    marks: the attended marks in the period of the few workshops that straddle one of its
    boundaries (None when none does). Reading tallies (one per enrolment) instead of marks
    (one per session per enrolment) is what keeps the dashboard fast.
    """
    tallies = Tally.objects.filter(
        filters.org_q("person__organization"), filters.project_q("workshop__project"), attended__gt=0
    )
    if not filters.period.bounded:
        return tallies, None
    # A workshop that straddles no boundary lies wholly inside or outside: one day attended tells which.
    tallies = tallies.filter(filters.date_q("first_attended"))
    straddling = _straddling_workshops(filters)
    if not straddling:
        return tallies, None
    tallies = tallies.exclude(workshop__in=straddling)
    return tallies, _attended_marks(filters).filter(session__workshop__in=straddling)


# The groups the trainees are counted in: the dashboard's table adds them up by organisation
# and sex, capacity.reports.disaggregation by each dimension, from the one query.
PEOPLE = ("person__organization_id", "person__gender", "band", "person__has_disability")


def people_groups(filters):
    """[(organisation id, gender, age band, disability, trainees, participations, seconds)] of the period and place.

    One query; with dates, one more for the straddling workshops and one for their marks.
    A person has one organisation and one gender, so the people counted once per group add
    up exactly. Someone with marks in a straddling workshop is counted there, not again
    from their tallies: the few marks are the cheap side to leave out.
    """
    year = reference_year(filters)
    tallies, marks = attendance_in_period(filters)
    elsewhere = None if marks is None else marks.values("person_id")
    rows = people_rows.grouped(tallies, year, elsewhere)
    if marks is not None:
        grouped = (
            marks.annotate(band=band_expression(year))
            .values_list(*PEOPLE)
            .annotate(
                trainees=Count("person_id", distinct=True), n=Count("pk"), time=Sum(rules.session_length("session__"))
            )
        )
        rows += [(*group, trainees, n, rules.seconds(time)) for *group, trainees, n, time in grouped.order_by()]
    return rows


def training_by_organization(groups):
    """{organisation id: OrgRow} of the attendance of the period, from its people_groups.

    Python adds up the few rows per organisation and gender.
    """
    found, seconds = {}, {}
    for org_id, gender, _band, _disabled, trainees, participations, time in groups:
        org = found.setdefault(org_id, OrgRow(pk=org_id))
        org.trainees += trainees
        org.participations += participations
        seconds[org_id, gender] = seconds.get((org_id, gender), 0) + (time or 0)
        if gender == Gender.FEMALE:
            org.women += trainees
            org.participations_women += participations
        elif gender == Gender.MALE:
            org.men += trainees
            org.participations_men += participations
    for (org_id, _gender), time in seconds.items():  # hours to a tenth per group, as the tables add them up
        found[org_id].person_hours = round(found[org_id].person_hours + time / 3600, 1)
    return found


def coaching_by_organization(filters):
    """{organisation id: (days delivered, hours, planned days)} of the project's engagements (two queries)."""
    engagements = CoachingEngagement.objects.filter(filters.org_q("organization"), filters.project_q("project"))
    # Added up: across projects an organisation can have an engagement in each.
    planned = dict(engagements.values_list("organization_id").annotate(Sum("planned_days")).order_by())
    delivered = (
        CoachingSession.objects.filter(filters.date_q("date"), engagement__in=engagements)
        .values("engagement__organization_id")
        .annotate(days=Count("date", distinct=True), hours=Sum("hours"))
        .order_by()
    )
    found = {org_id: [0, 0.0, days] for org_id, days in planned.items()}
    for row in delivered:
        entry = found.setdefault(row["engagement__organization_id"], [0, 0.0, 0])
        entry[0] = row["days"]
        entry[1] = float(row["hours"] or 0)
    return found


def training_activity(filters):
    """(workshops, sessions) held in the period: sessions with attendance taken (one query; two with dates and a place).

    Narrowed to a region or an organisation: the sessions held of the workshops its people attended.
    """
    sessions = Session.objects.filter(filters.date_q("date"), rules.held(), filters.project_q("workshop__project"))
    if filters.organization or filters.region:
        tallies, marks = attendance_in_period(filters)
        attended = Q(workshop__in=tallies.values("workshop_id"))
        if marks is not None:
            attended |= Q(workshop__in=marks.values("session__workshop_id"))
        sessions = sessions.filter(attended)
    return sessions.aggregate(workshops=Count("workshop", distinct=True), sessions=Count("pk")).values()


def completion(filters):
    """(active enrolments, completions, average attendance rate), by the rule of trainings.rules (one query).

    rates.with_rates annotates one enrolment at a time and joins every mark of each person
    (seconds on the large dataset); this applies the same rule to the tallies, which hold
    each enrolment's sessions held, attended and excused. Workshops count when they ran
    in the period. tests/reports/test_figures.py checks both give the same figures.
    """
    figures = (
        Tally.objects.filter(
            filters.period.overlaps("workshop__start_date", "workshop__end_date"),
            filters.org_q("person__organization"),
            filters.project_q("workshop__project"),
            enrolled=True,
        )
        .annotate(counted=rules.counted_expression())
        .annotate(rate=rules.rate_expression())  # none when no session is counted: left out of the average
        .aggregate(
            enrolments=Count("pk"),
            completions=Count("pk", filter=rules.completes(filters.threshold("workshop__project"))),
            average=Avg("rate"),
        )
    )
    average = figures["average"]
    return figures["enrolments"], figures["completions"], None if average is None else round(average, 1)


def agenda_coverage(filters, engagement_count):
    """[(AgendaItem, organisations that covered it)] and the share of (organisation, item) pairs covered."""
    items = list(AgendaItem.objects.all())
    through = CoachingSession.agenda_items.through
    covered = dict(
        through.objects.filter(
            filters.org_q("coachingsession__engagement__organization"),
            filters.date_q("coachingsession__date"),
            filters.project_q("coachingsession__engagement__project"),
        )
        .values("agendaitem_id")
        .annotate(n=Count("coachingsession__engagement", distinct=True))
        .values_list("agendaitem_id", "n")
        .order_by()
    )
    rows = [(item, covered.get(item.pk, 0)) for item in items]
    possible = len(items) * engagement_count
    share = round(100 * sum(covered.values()) / possible, 1) if possible else None
    return rows, share


def plans_by_status(filters):
    """[(status, label, count)] of the strategic plans made in the project's coaching, every status listed."""
    counts = dict(
        StrategicPlan.objects.filter(filters.org_q("organization"), filters.project_q("engagement__project"))
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
        .order_by()
    )
    return [(status.value, status.label, counts.get(status.value, 0)) for status in PlanStatus]


def upcoming_sessions(project, today=None):
    """The project's training sessions of the coming days (one query)."""
    today = today or timezone.localdate()
    return list(
        Session.objects.filter(
            workshop__project=project, date__gte=today, date__lte=today + datetime.timedelta(days=UPCOMING_DAYS)
        )
        .select_related("workshop", "topic", "venue__centre")
        .order_by("date", "start_time")[:UPCOMING_LIMIT]
    )


def _name_organizations(rows, filters):
    """Fill name and region of each OrgRow (one query), sorted by trainees then coaching days, then name.

    Read as tuples, and every organisation of the filters' place rather than an IN list of
    a thousand ids: either costs more than every figure of the page.
    """
    orgs = Organization.objects.values_list(
        "pk", "name_ar", "name_en", "region_id", "region__name_ar", "region__name_en"
    )
    if filters.organization:
        orgs = orgs.filter(pk=filters.organization.pk)
    elif filters.region:
        orgs = orgs.filter(region=filters.region)
    english = get_language() == "en"
    for pk, name_ar, name_en, region_id, region_ar, region_en in orgs.order_by():
        row = rows.get(pk)
        if row is not None:
            row.name, row.region_id = bilingual(name_ar, name_en, english), region_id
            row.region = bilingual(region_ar, region_en, english)
    return sorted(rows.values(), key=lambda r: (-r.trainees, -r.coaching_days, r.name))


def compute(filters, upcoming=False):
    """The Report of filters: kept ready until the data changes (core.kept), else counted (about ten queries)."""
    report = kept("report", filters.key(), lambda: _counted(filters))
    report.filters = filters
    report.upcoming = upcoming_sessions(filters.project) if upcoming and filters.projects is None else []
    return report


def _counted(filters):
    """The Report of filters, counted in the database, without the upcoming sessions (they change by the day)."""
    groups = people_groups(filters)
    orgs = training_by_organization(groups)
    coaching = coaching_by_organization(filters)
    for org_id, (days, _coaching_hours, planned) in coaching.items():
        row = orgs.setdefault(org_id, OrgRow(pk=org_id))
        row.coaching_days, row.coaching_planned = days, planned
    coaching_hours = round(sum(hours for _days, hours, _planned in coaching.values()), 1)
    by_organization = _name_organizations(orgs, filters)

    totals = OrgRow(pk=0, name="", organizations=0)
    regions = {}
    taking_part = 0
    for row in by_organization:
        active = row.trainees or row.coaching_days
        taking_part += 1 if active else 0
        totals.add(row)
        region = regions.setdefault(row.region_id, OrgRow(pk=row.region_id or 0, name=row.region, organizations=0))
        region.add(row)
        region.organizations += 1 if active else 0
    totals.organizations = taking_part
    for row in (totals, *regions.values()):
        row.person_hours = round(row.person_hours, 1)  # sums of tenths, without the float noise
    by_region = sorted(regions.values(), key=lambda r: (-r.trainees, r.name))

    workshops, sessions = training_activity(filters)
    enrolments, completions, average = completion(filters)
    agenda, coverage = agenda_coverage(filters, len(coaching))
    return Report(
        filters=filters,
        totals=totals,
        organizations_taking_part=taking_part,
        by_region=by_region,
        by_organization=by_organization,
        workshops=workshops,
        sessions=sessions,
        enrolments=enrolments,
        completions=completions,
        average_rate=average,
        engagements=len(coaching),
        coaching_planned=totals.coaching_planned,
        coaching_days=totals.coaching_days,
        coaching_hours=coaching_hours,
        agenda=agenda,
        agenda_coverage=coverage,
        plans=plans_by_status(filters),
        groups=groups,
        requests=requests_by_status(filters),
    )


def requests_by_status(filters):
    """[(status, label, count)] of the organisations' requests to join the project, by the date asked (one query)."""
    asked = OrganizationRequest.objects.filter(
        filters.org_q("organization"), filters.date_q("date"), filters.project_q("project")
    )
    return requests.counts_by_status(asked)


def project_headlines(projects):
    """{project id: (organisations enrolled, trainees enrolled)}: with an active enrolment (one query).

    The home page reads enrolments (tens of thousands of rows), not attendance marks (hundreds
    of thousands): it is the most visited page.
    """
    rows = (
        Enrollment.objects.filter(workshop__project__in=projects, withdrawn_at__isnull=True)
        .values("workshop__project_id")
        .annotate(
            organizations=Count("person__organization_id", distinct=True), trainees=Count("person_id", distinct=True)
        )
        .order_by()
    )
    return {row["workshop__project_id"]: (row["organizations"], row["trainees"]) for row in rows}
