"""Agenda coverage of engagements, read in a fixed number of queries whatever their count."""

from coaching.models import AgendaItem, CoachingSession


def attach_agenda(engagements):
    """Set .covered_agenda and .open_agenda (lists of AgendaItem) on each engagement; return the agenda size."""
    engagements = list(engagements)
    agenda = list(AgendaItem.objects.all())
    covered = {}
    if engagements:
        pairs = (
            CoachingSession.agenda_items.through.objects.filter(
                coachingsession__engagement__in=[e.pk for e in engagements]
            )
            .values_list("coachingsession__engagement_id", "agendaitem_id")
            .distinct()
        )
        for engagement_id, item_id in pairs:
            covered.setdefault(engagement_id, set()).add(item_id)
    for engagement in engagements:
        done = covered.get(engagement.pk, set())
        engagement.covered_agenda = [item for item in agenda if item.pk in done]
        engagement.open_agenda = [item for item in agenda if item.pk not in done]
    return len(agenda)


def progress_rows(engagements):
    """The engagements of a progress table, with coaches, counts and agenda; and the agenda's size."""
    rows = list(engagements.for_progress())
    return rows, attach_agenda(rows)
