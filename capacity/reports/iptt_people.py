"""The IPTT's trainees, every period at once: four queries whatever the number of periods.

The same rule as capacity.reports.figures (whose attendance_in_period does it for one period):
a workshop whose held sessions all fall in one period is read from its tallies (its
first attended day tells the period); the few workshops whose sessions cross a boundary
of the periods are read mark by mark, by the date of each session. The pairs (person,
period) of both are joined by a UNION, which keeps each pair once, so a person is counted
once per period however many workshops they came to; then one pass over the pairs joined
to the people counts them by organisation, sex, age band and disability. Ages are counted
in the year each period ends. tests/results/test_iptt_figures.py compares every period
with direct counts of the marks.
"""

import bisect

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, IntegerField, Max, Min, Value, When

from capacity.reports.disaggregation import band_label, build, organisation_places
from organizations.models import Person
from trainings import rules
from trainings.models import Attendance, Session, Tally


def bucket(name, periods):
    """The index of the period holding the date field name (None outside them); the IPTT's other rules use it too."""
    whens = [When(**{f"{name}__gte": p.first, f"{name}__lte": p.last}, then=Value(i)) for i, p in enumerate(periods)]
    return Case(*whens, default=None, output_field=IntegerField())


def _straddling(project, periods):
    """Ids of the project's workshops whose held sessions fall in more than one period, or outside them."""
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
    return [workshop for workshop, first, last in spans if index(first) is None or index(first) != index(last)]


def _pairs(project, periods, base, straddling):
    """The (person id, period index) of every trainee of a period, once each (a queryset)."""
    tallies = (
        Tally.objects.filter(base.org_q("person__organization"), workshop__project=project, attended__gt=0)
        .exclude(workshop__in=straddling)
        .annotate(bucket=bucket("first_attended", periods))
        .filter(bucket__isnull=False)
        .values_list("person_id", "bucket")
        .order_by()
    )
    if not straddling:
        return tallies.distinct()
    # Their held sessions in the periods, as a list: with a join the planner expected a hundred
    # times too many marks and read every mark instead of those of these sessions.
    sessions = list(
        Session.objects.filter(
            rules.held(), workshop__in=straddling, date__gte=periods[0].first, date__lte=periods[-1].last
        ).values_list("pk", flat=True)
    )
    marks = (
        Attendance.objects.filter(
            base.org_q("person__organization"),
            rules.attended(),
            session__in=sessions,
        )
        .annotate(bucket=bucket("session__date", periods))
        .filter(bucket__isnull=False)
        .values_list("person_id", "bucket")
        .order_by()
    )
    return tallies.union(marks)  # UNION, not UNION ALL: each pair once


def _band_sql(periods):
    """SQL (and its parameters) of the age band of person p in the year the period pairs.bucket ends."""
    whens, params = [], []
    for year in sorted({p.last.year for p in periods}):
        indices = [i for i, p in enumerate(periods) if p.last.year == year]
        for first, last in settings.RESULTS_AGE_BANDS:
            condition = f"pairs.bucket IN ({', '.join(['%s'] * len(indices))}) AND p.birth_year <= %s"
            params += [*indices, year - first]
            if last is not None:
                condition += " AND p.birth_year >= %s"
                params.append(year - last)
            whens.append(f"WHEN {condition} THEN %s")
            params.append(band_label(first, last))
    return f"CASE {' '.join(whens)} ELSE '' END", params


def _counted(pairs, periods):
    """Rows (period index, organisation, gender, band, disability, trainees) of the pairs (one query).

    Raw SQL around the ORM's own query of the pairs: the ORM cannot group over a UNION.
    """
    try:
        sql, params = pairs.query.get_compiler(using=pairs.db).as_sql()
    except EmptyResultSet:  # a filter that nothing can match
        return []
    band, band_params = _band_sql(periods)
    person = connection.ops.quote_name(Person._meta.db_table)
    query = (
        f"SELECT pairs.bucket, p.organization_id, p.gender, {band}, p.has_disability, COUNT(*) "
        f"FROM ({sql}) pairs INNER JOIN {person} p ON p.id = pairs.person_id "
        "GROUP BY 1, 2, 3, 4, 5"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*band_params, *params])
        return [(bucket, org, gender, band, bool(disabled), n) for bucket, org, gender, band, disabled, n in cursor]


def by_period(project, periods, base):
    """{period key: Disaggregation} of the trainees of each period (four queries)."""
    rows = _counted(_pairs(project, periods, base, _straddling(project, periods)), periods)
    places = organisation_places({row[1] for row in rows})
    per_bucket = {}
    for bucket, *rest in rows:
        per_bucket.setdefault(bucket, []).append(rest)
    return {p.key: build(per_bucket.get(i, []), places) for i, p in enumerate(periods)}
