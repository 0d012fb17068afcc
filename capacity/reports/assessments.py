"""The average change of capacity score in needs assessments, for the IPTT and the centre report.

Rule (as services.comparison.project_change): an organisation assessed at least twice in the
window counts; its change is the average score of its latest assessment less that of its first;
the figure is the mean of those changes, in points. One query, one row per assessment.
"""

from django.db.models import Avg

from services.models import AssessmentScore


def averages(*conditions, **lookups):
    """{organisation id: [(date, average score)]} oldest first, of the assessments kept by the conditions."""
    rows = (
        AssessmentScore.objects.filter(*conditions, **lookups)
        .values_list("assessment__organization_id", "assessment__date")
        .annotate(average=Avg("score"))
        .order_by("assessment__organization_id", "assessment__date")
    )
    found = {}
    for org_id, day, average in rows:
        found.setdefault(org_id, []).append((day, float(average)))
    return found


def change(by_org, first=None, last=None):
    """(mean change in points or None, organisations compared) over the assessments from first to last."""
    changes = []
    for assessments in by_org.values():
        seen = [a for day, a in assessments if (first is None or day >= first) and (last is None or day <= last)]
        if len(seen) > 1:
            changes.append(seen[-1] - seen[0])
    return (round(sum(changes) / len(changes), 2) if changes else None), len(changes)
