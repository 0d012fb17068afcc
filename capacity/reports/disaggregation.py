"""Trainees counted by sex, age band, disability, region and organisation.

One grouped query over trainings' tallies (capacity.reports.figures.attendance_groups,
the same people the dashboard counts as trainees) plus one for the organisations' names:
a person has one value of each attribute, so the people counted per group add up
exactly to every total. A person's age is the year the period ends (this year when it
has no end) less their birth year; the bands are settings.RESULTS_AGE_BANDS (by default
under 18, 18-24, 25-49, 50-59, 60 and over: the common humanitarian bands with the
youth band apart). An unknown birth year is counted as "not recorded".
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Case, CharField, Value, When
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from capacity.reports import figures
from organizations.models import Gender, Organization, bilingual

NOT_RECORDED = _("not recorded")
GROUP = ("person__organization_id", "person__gender", "band", "person__has_disability")


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


@dataclass
class Disaggregation:
    total: int = 0
    women: int = 0
    sex: list = field(default_factory=list)  # (label, count)
    age: list = field(default_factory=list)
    disability: list = field(default_factory=list)
    region: list = field(default_factory=list)
    organization: list = field(default_factory=list)

    def dimensions(self, with_organizations=True):
        """(heading, rows) of each dimension, in the order the tables show them."""
        found = [
            (_("Sex"), self.sex),
            (_("Age band"), self.age),
            (_("Disability"), self.disability),
            (_("Region"), self.region),
        ]
        if with_organizations:
            found.append((_("Organisation"), self.organization))
        return found


def reference_year(filters):
    return filters.period.last.year if filters.period.last else timezone.localdate().year


def disaggregate(filters):
    """The Disaggregation of the trainees of filters (two to four queries, whatever the data)."""
    rows = figures.attendance_groups(filters, GROUP, band=band_expression(reference_year(filters)))
    return build(rows)


def build(rows, places=None):
    """A Disaggregation from rows (org id, gender, band, disability, trainees, ...) of attendance_groups.

    places: {organisation id: (name, region)} already read (organisation_places), else one query.
    """
    sex, age, disability, orgs = {}, {}, {}, {}
    for org_id, gender, band, disabled, trainees, *_rest in rows:
        sex[gender] = sex.get(gender, 0) + trainees
        age[band] = age.get(band, 0) + trainees
        disability[disabled] = disability.get(disabled, 0) + trainees
        orgs[org_id] = orgs.get(org_id, 0) + trainees
    result = Disaggregation(total=sum(orgs.values()), women=sex.get(Gender.FEMALE, 0))
    result.sex = [(label, sex.get(value, 0)) for value, label in Gender.choices]
    labels = [band_label(first, last) for first, last in settings.RESULTS_AGE_BANDS]
    result.age = [(label, age.get(label, 0)) for label in labels]
    if age.get(""):
        result.age.append((NOT_RECORDED, age[""]))
    result.disability = [(_("with a disability"), disability.get(True, 0)), (_("without"), disability.get(False, 0))]
    result.region, result.organization = _places(orgs, places if places is not None else organisation_places(orgs))
    return result


def organisation_places(ids):
    """{organisation id: (name, region)} of the organisations ids, in the active language (one query)."""
    english = get_language() == "en"
    found = Organization.objects.filter(pk__in=list(ids)).values_list(
        "pk", "name_ar", "name_en", "region__name_ar", "region__name_en"
    )
    return {
        pk: (bilingual(name_ar, name_en, english), bilingual(region_ar, region_en, english))
        for pk, name_ar, name_en, region_ar, region_en in found.order_by()
    }


def _places(orgs, places):
    """([(region, trainees)], [(organisation, trainees)]) sorted by trainees."""
    regions, named = {}, []
    for pk, count in orgs.items():
        name, region = places.get(pk, ("", ""))
        regions[region] = regions.get(region, 0) + count
        named.append((name, count))
    by_count = lambda pair: (-pair[1], pair[0])  # noqa: E731 - the one sort key of both lists
    return sorted(regions.items(), key=by_count), sorted(named, key=by_count)
