"""Age bands: a person's age is the reference year less their birth year.

The bands are settings.RESULTS_AGE_BANDS (by default under 18, 18-24, 25-49, 50-59, 60
and over: the common humanitarian bands with the youth band apart). The dashboard's
figures group by band and the disaggregation names them, so both read this one rule.
"""

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.utils import timezone


def band_label(first, last):
    return f"{first}+" if last is None else f"{first}-{last}"


def band_expression(year, bands=None):
    """The age band of the person (a label such as "18-24"), from their birth year and year."""
    whens = []
    for first, last in bands or settings.RESULTS_AGE_BANDS:
        condition = {"person__birth_year__lte": year - first}
        if last is not None:
            condition["person__birth_year__gte"] = year - last
        whens.append(When(**condition, then=Value(band_label(first, last))))
    return Case(*whens, default=Value(""), output_field=CharField())


def reference_year(filters):
    """The year ages are counted in: the year the period ends, this year when it has no end."""
    return filters.period.last.year if filters.period.last else timezone.localdate().year


def band_sql(groups, column):
    """A raw SQL CASE (and its parameters) of the age band of the birth year in column.

    groups: [(SQL condition, its parameters, the year ages are counted in)], tried in turn;
    for the reports that group in raw SQL (capacity.reports.iptt_people, people_rows).
    """
    whens, params = [], []
    for condition, condition_params, year in groups:
        for first, last in settings.RESULTS_AGE_BANDS:
            sql = f"{condition} AND {column} <= %s"
            params += [*condition_params, year - first]
            if last is not None:
                sql += f" AND {column} >= %s"
                params.append(year - last)
            whens.append(f"WHEN {sql} THEN %s")
            params.append(band_label(first, last))
    return f"CASE {' '.join(whens)} ELSE '' END", params


def year_band_sql(year, column):
    """band_sql with ages in one year for every row."""
    return band_sql([("1 = 1", [], year)], column)
