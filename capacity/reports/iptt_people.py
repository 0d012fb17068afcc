"""The IPTT's trainees, every period at once: two or three grouped queries instead of three per period.

The same rule as capacity.reports.figures (whose attendance_in_period does it for one period):
a workshop whose held sessions all fall in one period is read from its tallies (its
first attended day tells the period); the few workshops whose sessions cross a boundary
of the periods are read mark by mark, by the date of each session. A person with marks in
such a workshop is counted from them in that period, not again from their tallies, so
each person is counted once per period. Ages are counted in the year each period ends.
tests/results/test_iptt_figures.py compares every period with direct counts of the marks.
"""

import bisect

from django.conf import settings
from django.db.models import Case, CharField, Count, IntegerField, Max, Min, Q, Value, When

from capacity.reports.disaggregation import band_label, build, organisation_places
from trainings import rules
from trainings.models import Attendance, Session, Tally

GROUP = ("bucket", "person__organization_id", "person__gender", "band", "person__has_disability")


def _bucket(name, periods):
    whens = [When(**{f"{name}__gte": p.first, f"{name}__lte": p.last}, then=Value(i)) for i, p in enumerate(periods)]
    return Case(*whens, default=None, output_field=IntegerField())


def _band(periods):
    """The person's age band in the year their row's period ends (a label such as "18-24")."""
    whens = []
    for year in sorted({p.last.year for p in periods}):
        indices = [i for i, p in enumerate(periods) if p.last.year == year]
        for first, last in settings.RESULTS_AGE_BANDS:
            condition = Q(bucket__in=indices, person__birth_year__lte=year - first)
            if last is not None:
                condition &= Q(person__birth_year__gte=year - last)
            whens.append(When(condition, then=Value(band_label(first, last))))
    return Case(*whens, default=Value(""), output_field=CharField())


def _straddling(project, periods):
    """(ids of the project's workshops whose held sessions fall in more than one period or outside
    them, the indices of the periods those touch)."""
    starts = [p.first for p in periods]

    def index(day):
        i = bisect.bisect_right(starts, day) - 1
        return i if i >= 0 and day <= periods[i].last else None

    spans = (
        Session.objects.filter(rules.held(), workshop__project=project)
        .values_list("workshop_id")
        .annotate(first=Min("date"), last=Max("date"))
        .order_by()
    )
    straddling, touched = [], set()
    for workshop, first, last in spans:
        low, high = index(first), index(last)
        if low == high and low is not None:
            continue
        straddling.append(workshop)
        low = 0 if low is None and first < periods[0].first else low
        high = len(periods) - 1 if high is None and last > periods[-1].last else high
        if low is not None and high is not None:
            touched.update(range(low, high + 1))
    return straddling, sorted(touched)


def by_period(project, periods, base):
    """{period key: Disaggregation} of the trainees of each period (two to four queries)."""
    straddling, touched = _straddling(project, periods)
    marks = Attendance.objects.filter(
        base.org_q("person__organization"),
        rules.held("session__"),
        rules.attended(),
        session__workshop__in=straddling,
    )
    tallies = (
        Tally.objects.filter(base.org_q("person__organization"), workshop__project=project, attended__gt=0)
        .exclude(workshop__in=straddling)
        .annotate(bucket=_bucket("first_attended", periods))
        .filter(bucket__isnull=False)
    )
    for i in touched:
        # Counted from their marks in that period: one hashed subquery per period touched
        # (a correlated NOT EXISTS per tally was ten times slower on PostgreSQL).
        in_period = marks.filter(session__date__gte=periods[i].first, session__date__lte=periods[i].last)
        tallies = tallies.exclude(bucket=i, person_id__in=in_period.values("person_id"))
    count = {"trainees": Count("person_id", distinct=True)}
    rows = list(tallies.annotate(band=_band(periods)).values_list(*GROUP).annotate(**count).order_by())
    if straddling:
        grouped = marks.annotate(bucket=_bucket("session__date", periods)).filter(bucket__isnull=False)
        rows += list(grouped.annotate(band=_band(periods)).values_list(*GROUP).annotate(**count).order_by())
    places = organisation_places({row[1] for row in rows})
    per_bucket = {}
    for bucket, *rest in rows:
        per_bucket.setdefault(bucket, []).append(rest)
    return {p.key: build(per_bucket.get(i, []), places) for i, p in enumerate(periods)}
