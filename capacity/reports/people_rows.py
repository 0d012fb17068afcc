"""The trainees of the tallies grouped by organisation, sex, age band and disability.

COUNT(DISTINCT person) grouped by four attributes made PostgreSQL sort the rows of every
group (120 ms over the 100,000 tallies of the large benchmark). Adding up each person's
tallies first (one hash on one column), then counting the people in each group, reads
the same rows once and gives the same figures: a person has one value of each attribute.
Raw SQL around the ORM's own queries, because the ORM cannot group over a grouped subquery.
"""

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Sum

from capacity.reports.ages import year_band_sql
from organizations.models import Person


def compiled(queryset):
    """(sql, params) of a queryset, or None when its filter can match nothing."""
    try:
        return queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        return None


def grouped(tallies, year, elsewhere=None):
    """[(organisation id, gender, age band, disability, trainees, participations, seconds)] of tallies (one query).

    year: the year ages are counted in. elsewhere: a queryset of person ids counted elsewhere
    (the marks of the workshops straddling the period): their participations are added
    here, but they are not counted as trainees again.
    """
    per_person = compiled(
        tallies.values("person_id").annotate(n=Sum("attended"), seconds=Sum("attended_seconds")).order_by()
    )
    if per_person is None:
        return []
    sql, params = per_person
    band, band_params = year_band_sql(year, "p.birth_year")
    trainees, trainee_params = "COUNT(*)", []
    excluded = None if elsewhere is None else compiled(elsewhere)
    if excluded is not None:
        trainees = f"SUM(CASE WHEN tallies.person_id IN ({excluded[0]}) THEN 0 ELSE 1 END)"
        trainee_params = list(excluded[1])
    query = (
        f"SELECT p.organization_id, p.gender, {band}, p.has_disability, {trainees}, "
        "SUM(tallies.n), SUM(tallies.seconds) "
        f"FROM ({sql}) tallies INNER JOIN {connection.ops.quote_name(Person._meta.db_table)} p "
        "ON p.id = tallies.person_id GROUP BY 1, 2, 3, 4"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [*band_params, *trainee_params, *params])  # in the order they appear
        return [
            (org, gender, band, bool(disabled), int(n), int(total), int(time or 0))
            for org, gender, band, disabled, n, total, time in cursor
        ]
