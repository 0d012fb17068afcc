"""What a centre did beyond its projects, for the centre-wide report: support visits, the
shared space and the change in needs assessments. Each a few grouped queries, whatever the data.

centres: the ids of the centres counted (None: every centre). Visits and assessments are of
the organisations those centres serve (core.centres, the one rule of who serves whom); room use
is of their rooms. Dates: the Period of the report.
"""

from dataclasses import dataclass, field

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import get_language

from capacity.reports import assessments
from organizations.models import Organization, bilingual
from services.meetings import figures as meeting_figures
from services.models import Booking, Consultation, ConsultationKind, Meeting

TOP = 15  # organisations listed by visits and by room use; the workbook has them all


@dataclass
class CentreFigures:
    visits: int = 0
    visits_by_kind: list = field(default_factory=list)  # (label, count)
    follow_ups: int = 0
    follow_ups_done: int = 0
    visits_by_organization: list = field(default_factory=list)  # (name, count)
    room_hours: float = 0.0
    bookings: int = 0
    room_hours_by_organization: list = field(default_factory=list)  # (name, hours)
    assessment_change: float | None = None
    organizations_compared: int = 0
    meetings: dict = field(default_factory=dict)  # services.meetings.figures of the centres' meetings


def _served(centres, path):
    if centres is None:
        return Q()
    return Q(**{f"{path}__in": Organization.objects.filter(Organization.centre_q(centres))})


def _names(ids):
    english = get_language() == "en"
    rows = Organization.objects.filter(pk__in=list(ids)).values_list("pk", "name_ar", "name_en")
    return {pk: bilingual(ar, en, english) for pk, ar, en in rows}


def compute(centres, period):
    result = CentreFigures()
    visits = Consultation.objects.filter(_served(centres, "organization"), period.q("date"))
    totals = visits.aggregate(
        n=Count("pk"),
        asked=Count("pk", filter=~Q(follow_up="")),
        done=Count("pk", filter=~Q(follow_up="") & Q(follow_up_done=True)),
    )
    result.visits, result.follow_ups, result.follow_ups_done = totals["n"], totals["asked"], totals["done"]
    kinds = dict(visits.values_list("kind").annotate(n=Count("pk")).order_by())
    result.visits_by_kind = [(label, kinds.get(value, 0)) for value, label in ConsultationKind.choices]
    by_org = list(visits.values_list("organization_id").annotate(n=Count("pk")).order_by("-n", "organization_id"))

    bookings = Booking.objects.active().filter(period.q("start__date"))
    if centres is not None:
        bookings = bookings.filter(room__centre__in=centres)
    length = ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
    used = list(bookings.values_list("organization_id").annotate(n=Count("pk"), time=Sum(length)).order_by("-time"))
    names = _names({org for org, _n in by_org[:TOP]} | {org for org, _n, _t in used[:TOP]})
    result.visits_by_organization = [(names.get(org, ""), n) for org, n in by_org[:TOP]]
    hours = {org: round(time.total_seconds() / 3600, 1) if time else 0.0 for org, _n, time in used}
    result.bookings = sum(n for _org, n, _time in used)
    result.room_hours = round(sum(hours.values()), 1)
    result.room_hours_by_organization = [(names.get(org, ""), hours[org]) for org, _n, _t in used[:TOP]]

    held = Meeting.objects.filter(period.q("date"))
    result.meetings = meeting_figures(held if centres is None else held.filter(centre__in=centres))

    by_assessment = assessments.averages(_served(centres, "assessment__organization"))
    result.assessment_change, result.organizations_compared = assessments.change(
        by_assessment, period.first, period.last
    )
    return result
