"""Coaching in the project's attendance workbooks: a row per participation, figures per organisation.

Registered in CoachingConfig.ready with trainings.excel.sections, since trainings
(below coaching in the import map) writes those workbooks and may not import coaching.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import pgettext

from coaching.models import CoachingSession
from organizations.models import Organization
from trainings.excel.sections import Summary
from trainings.rules import AttendanceStatus

CHUNK_SIZE = 2000


def _sessions_of(project, english):
    """Coaching session id -> (phase, activity, topic, date, hours, agenda items), for every session of project."""
    phase_label = pgettext("excel", "Phase %(number)s")
    activity = pgettext("excel", "Coaching")
    comma = ", " if english else "، "
    agenda = defaultdict(list)
    covered = (
        CoachingSession.agenda_items.through.objects.filter(coachingsession__engagement__project=project)
        .order_by("agendaitem__order", "agendaitem_id")
        .values_list("coachingsession_id", "agendaitem__name_ar", "agendaitem__name_en")
    )
    for session_id, name_ar, name_en in covered:
        agenda[session_id].append((name_en or name_ar) if english else name_ar)
    sessions = CoachingSession.objects.filter(engagement__project=project).values_list(
        "pk", "engagement__phase__number", "date", "hours"
    )
    return {
        pk: (
            (phase_label % {"number": number}) if number else "",
            activity,
            "",
            date,
            float(hours),
            comma.join(agenda[pk]),
        )
        for pk, number, date, hours in sessions
    }


def _participations(project, filters):
    """(session id, person id) of each participation of project's coaching, narrowed like the marks."""
    if filters.get("workshop"):
        return None  # a workshop has no coaching sessions
    query = Q(coachingsession__engagement__project=project)
    if filters.get("phase"):
        query &= Q(coachingsession__engagement__phase=filters["phase"])
    if filters.get("organization"):
        query &= Q(person__organization=filters["organization"])
    if filters.get("region"):
        query &= Q(person__organization__region=filters["region"])
    if filters.get("date_from"):
        query &= Q(coachingsession__date__gte=filters["date_from"])
    if filters.get("date_to"):
        query &= Q(coachingsession__date__lte=filters["date_to"])
    return (
        CoachingSession.participants.through.objects.filter(query)
        .order_by("coachingsession__date", "coachingsession_id", "person__full_name", "person_id")
        .values_list("coachingsession_id", "person_id")
    )


class CoachingSection:
    """The coaching section of trainings.excel.sections (see there for the two methods)."""

    def flat_part(self, project, filters, english):
        participations = _participations(project, filters)
        if participations is None:
            return
        sessions = _sessions_of(project, english)
        present = str(AttendanceStatus.PRESENT.label)
        for session_id, person_id in participations.iterator(chunk_size=CHUNK_SIZE):
            phase, activity, topic, date, hours, agenda = sessions[session_id]
            yield (phase, activity, topic, date, hours), person_id, (present, "", agenda)

    def summary(self, project):
        """Sessions, days, hours and participants of coaching per organisation, and in all."""
        sessions = CoachingSession.objects.filter(engagement__project=project).values_list(
            "engagement__organization_id", "date", "hours"
        )
        figures = defaultdict(lambda: {"sessions": 0, "days": set(), "hours": Decimal(0), "people": set()})
        for org_id, date, hours in sessions:
            data = figures[org_id]
            data["sessions"] += 1
            data["days"].add(date)
            data["hours"] += hours
        people = CoachingSession.participants.through.objects.filter(
            coachingsession__engagement__project=project
        ).values_list("coachingsession__engagement__organization_id", "person_id")
        for org_id, person_id in people:
            figures[org_id]["people"].add(person_id)
        if not figures:
            return None
        orgs = Organization.objects.select_related("region").in_bulk(list(figures))
        rows = sorted(
            ((org.name, org.region.name, _values(figures[org.pk])) for org in orgs.values()),
            key=lambda row: row[0],
        )
        everyone = set().union(*(data["people"] for data in figures.values()))
        totals = [sum(row[2][i] for row in rows) for i in range(3)] + [len(everyone)]
        return Summary(
            sheet=pgettext("excel", "Coaching"),
            title=pgettext("excel", "Coaching: %(project)s") % {"project": project.name},
            headers=[
                pgettext("excel", "Coaching sessions"),
                pgettext("excel", "Coaching days"),
                pgettext("excel", "Hours"),
                pgettext("excel", "Participants"),
            ],
            rows=rows,
            totals=totals,
        )


def _values(data):
    return [data["sessions"], len(data["days"]), float(data["hours"]), len(data["people"])]
