"""The IPTT's trainees, every period and the whole project at once: four queries whatever
the number of periods.

The same rule as capacity.reports.figures (whose attendance_in_period does it for one period):
a workshop whose held sessions all fall in one period (or all before, or all after the
periods) is read from its tallies (its first attended day tells the period); the few
workshops whose sessions cross a boundary of the periods are read mark by mark, by the
date of each session. The pairs (person, period) of both are joined by a UNION, which
keeps each pair once, so a person is counted once per period however many workshops they
came to. One query then counts the pairs joined to the people by region, sex, age band and
disability, and, from the same pairs, each person once for the whole project. The IPTT
shows no organisations, so it does not group by them: a few hundred rows, not one per
organisation. Ages are counted in the year each period ends (the project's last year for
the whole project). tests/results/test_iptt_figures.py compares every period with direct
counts of the marks.
"""

import bisect

from django.db import connection
from django.db.models import Case, IntegerField, Max, Min, Value, When

from capacity.reports.ages import band_sql, year_band_sql
from capacity.reports.disaggregation import build_regions, region_names
from capacity.reports.people_rows import compiled
from organizations.models import Organization, Person
from trainings import rules
from trainings.models import Attendance, Session, Tally


def bucket(name, periods):
    """The index of the period holding the date field name (None outside them); the IPTT's other rules use it too."""
    whens = [When(**{f"{name}__gte": p.first, f"{name}__lte": p.last}, then=Value(i)) for i, p in enumerate(periods)]
    return Case(*whens, default=None, output_field=IntegerField())


def _straddling(project, periods):
    """Ids of the project's workshops whose held sessions fall in more than one period, or both in and out of them."""
    starts = [p.first for p in periods]

    def place(day):  # the period's index; -1 before the periods, len(periods) after them
        return bisect.bisect_right(starts, day) - 1 if day <= periods[-1].last else len(periods)

    spans = (
        Session.objects.filter(rules.held(), workshop__project=project)
        .values_list("workshop_id")
        .annotate(first=Min("date"), last=Max("date"))
        .order_by()
    )
    return [workshop for workshop, first, last in spans if place(first) != place(last)]


def _pairs(project, periods, base, straddling):
    """The (person id, period index) of every trainee of a period, once each (a queryset)."""
    tallies = (
        Tally.objects.filter(base.org_q("person__organization"), workshop__project=project, attended__gt=0)
        .exclude(workshop__in=straddling)
        .filter(first_attended__gte=periods[0].first, first_attended__lte=periods[-1].last)
        .annotate(bucket=bucket("first_attended", periods))
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
        .values_list("person_id", "bucket")
        .order_by()
    )
    return tallies.union(marks)  # UNION, not UNION ALL: each pair once


def _period_bands(periods):
    """band_sql of the person of pairs.bucket: ages in the year its period ends."""
    groups = []
    for year in sorted({p.last.year for p in periods}):
        indices = [i for i, p in enumerate(periods) if p.last.year == year]
        groups.append((f"pairs.bucket IN ({', '.join(['%s'] * len(indices))})", indices, year))
    return band_sql(groups, "pairs.birth_year")


def _counted(pairs, periods):
    """Rows (period index, region, gender, band, disability, trainees) of the pairs, and with index
    None each person once over every period (one query).

    Raw SQL around the ORM's own query of the pairs: the ORM cannot group over a UNION.
    """
    found = compiled(pairs)
    if found is None:  # a filter that nothing can match
        return []
    sql, params = found
    band, band_params = _period_bands(periods)
    whole, whole_params = year_band_sql(periods[-1].last.year, "pairs.birth_year")
    person = connection.ops.quote_name(Person._meta.db_table)
    organization = connection.ops.quote_name(Organization._meta.db_table)
    # The people are joined once; a person's attributes are the same in each of their pairs,
    # so the distinct rows without the period are each person once.
    query = (
        f"WITH pairs AS ({sql}), people AS ("
        "SELECT pairs.bucket, pairs.person_id, o.region_id, p.gender, p.birth_year, p.has_disability "
        f"FROM pairs INNER JOIN {person} p ON p.id = pairs.person_id "
        f"INNER JOIN {organization} o ON o.id = p.organization_id) "
        f"SELECT pairs.bucket, pairs.region_id, pairs.gender, {band}, pairs.has_disability, COUNT(*) "
        "FROM people pairs GROUP BY 1, 2, 3, 4, 5 "
        "UNION ALL "
        f"SELECT NULL, pairs.region_id, pairs.gender, {whole}, pairs.has_disability, COUNT(*) FROM ("
        "SELECT DISTINCT person_id, region_id, gender, birth_year, has_disability FROM people"
        ") pairs GROUP BY 2, 3, 4, 5"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, *band_params, *whole_params])
        return [
            (bucket, region, gender, band, bool(disabled), n) for bucket, region, gender, band, disabled, n in cursor
        ]


def by_period(project, periods, base, whole):
    """{period key: Disaggregation} of the trainees of each period, and at key whole of the whole project (four queries)."""
    rows = _counted(_pairs(project, periods, base, _straddling(project, periods)), periods)
    names = region_names({row[1] for row in rows})
    per_bucket = {}
    for bucket, *rest in rows:
        per_bucket.setdefault(bucket, []).append(rest)
    found = {p.key: build_regions(per_bucket.get(i, []), names) for i, p in enumerate(periods)}
    found[whole] = build_regions(per_bucket.get(None, []), names)
    return found
