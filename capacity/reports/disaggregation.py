"""Trainees counted by sex, age band, disability, region and organisation.

The dashboard's figures already count the trainees grouped by organisation, sex, age
band and disability (capacity.reports.figures.people_groups, one grouped query over
trainings' tallies) and name the organisations; this adds them up along each dimension,
without a query. A person has one value of each attribute, so the people counted
per group add up exactly to every total. The IPTT counts its periods grouped by region
rather than organisation (build_regions), as its table shows no organisations. Ages are
capacity.reports.ages'; an unknown birth year is counted as "not recorded".
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from capacity.reports.ages import band_label
from organizations.models import Gender, Region, bilingual

NOT_RECORDED = _("not recorded")


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


def disaggregate(report):
    """The Disaggregation of the trainees of a figures.Report (no query: the report has named its organisations)."""
    return build(report.groups, {row.pk: (row.name, row.region) for row in report.by_organization})


def _marginals(rows, result):
    """Add up rows (place, gender, band, disability, trainees, ...) into result's sex, age and disability.

    Returns {place: trainees}.
    """
    sex, age, disability, places = {}, {}, {}, {}
    for place, gender, band, disabled, trainees, *_rest in rows:
        sex[gender] = sex.get(gender, 0) + trainees
        age[band] = age.get(band, 0) + trainees
        disability[disabled] = disability.get(disabled, 0) + trainees
        places[place] = places.get(place, 0) + trainees
    result.total, result.women = sum(places.values()), sex.get(Gender.FEMALE, 0)
    result.sex = [(label, sex.get(value, 0)) for value, label in Gender.choices]
    labels = [band_label(first, last) for first, last in settings.RESULTS_AGE_BANDS]
    result.age = [(label, age.get(label, 0)) for label in labels]
    if age.get(""):
        result.age.append((NOT_RECORDED, age[""]))
    result.disability = [(_("with a disability"), disability.get(True, 0)), (_("without"), disability.get(False, 0))]
    return places


def build(rows, places):
    """A Disaggregation from rows (org id, gender, band, disability, trainees, ...) of figures.people_groups.

    places: {organisation id: (name, region)}.
    """
    result = Disaggregation()
    result.region, result.organization = _places(_marginals(rows, result), places)
    return result


def build_regions(rows, names):
    """A Disaggregation without organisations from rows (region id, gender, band, disability, trainees).

    names: {region id: name} (region_names).
    """
    result = Disaggregation()
    regions = {}
    for region_id, count in _marginals(rows, result).items():
        name = names.get(region_id, "")
        regions[name] = regions.get(name, 0) + count
    result.region = sorted(regions.items(), key=_by_count)
    return result


def region_names(ids):
    """{region id: name} of the regions ids, in the active language (one query)."""
    english = get_language() == "en"
    found = Region.objects.filter(pk__in=[pk for pk in ids if pk is not None]).values_list("pk", "name_ar", "name_en")
    return {pk: bilingual(name_ar, name_en, english) for pk, name_ar, name_en in found.order_by()}


def _places(orgs, places):
    """([(region, trainees)], [(organisation, trainees)]) sorted by trainees."""
    regions, named = {}, []
    for pk, count in orgs.items():
        name, region = places.get(pk, ("", ""))
        regions[region] = regions.get(region, 0) + count
        named.append((name, count))
    return sorted(regions.items(), key=_by_count), sorted(named, key=_by_count)


def _by_count(pair):
    """The order of a dimension's (label, trainees): most trainees first, then by label."""
    return -pair[1], pair[0]
