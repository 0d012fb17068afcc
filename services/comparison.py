"""Needs assessments compared: an organisation's over time, and a project's average change."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from services.models import AssessmentScore, CapacityArea, NeedsAssessment


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _assessments(**filters):
    return (
        NeedsAssessment.objects.filter(**filters)
        .order_by("organization_id", "date", "pk")
        .prefetch_related(Prefetch("scores", AssessmentScore.objects.only("assessment_id", "area_id", "score", "note")))
    )


@dataclass
class AreaRow:
    area: CapacityArea
    scores: list  # one AssessmentScore or None per assessment
    change: float | None


def organization_comparison(organization):
    """(assessments, rows, average row) of an organisation, oldest first, with last minus first."""
    assessments = list(_assessments(organization=organization))
    if not assessments:
        return None
    by_assessment = [{s.area_id: s for s in a.scores.all()} for a in assessments]
    rows = []
    for area in CapacityArea.objects.all():
        scores = [found.get(area.pk) for found in by_assessment]
        change = None
        if len(assessments) > 1 and scores[0] and scores[-1]:
            change = scores[-1].score - scores[0].score
        rows.append(AreaRow(area, scores, change))
    averages = [_mean([s.score for s in found.values()]) for found in by_assessment]
    average_change = (
        averages[-1] - averages[0] if len(averages) > 1 and None not in (averages[0], averages[-1]) else None
    )
    return {"assessments": assessments, "rows": rows, "averages": averages, "average_change": average_change}


@dataclass
class OrganizationChange:
    organization: object
    first: NeedsAssessment
    last: NeedsAssessment | None
    first_average: float | None
    last_average: float | None

    @property
    def change(self):
        if self.last is None or self.first_average is None or self.last_average is None:
            return None
        return self.last_average - self.first_average


def project_change(project):
    """The average change of the organisations assessed within the project's period.

    Rule: every organisation with an assessment dated from the project's start to
    its end counts; its first and last assessment in that period are compared
    (area by area, last minus first); organisations assessed only once are listed
    but not averaged.
    """
    assessments = _assessments(date__gte=project.start_date, date__lte=project.end_date).select_related("organization")
    per_org = defaultdict(list)
    for assessment in assessments:
        per_org[assessment.organization_id].append(assessment)
    areas = list(CapacityArea.objects.all())
    area_changes = defaultdict(list)
    organizations = []
    for found in per_org.values():
        first, last = found[0], (found[-1] if len(found) > 1 else None)
        first_scores = {s.area_id: s.score for s in first.scores.all()}
        last_scores = {s.area_id: s.score for s in last.scores.all()} if last else {}
        organizations.append(
            OrganizationChange(
                first.organization,
                first,
                last,
                _mean(first_scores.values()),
                _mean(last_scores.values()) if last else None,
            )
        )
        for area_id, score in last_scores.items():
            if area_id in first_scores:
                area_changes[area_id].append(score - first_scores[area_id])
    organizations.sort(key=lambda o: o.organization.name_ar)
    compared = [o for o in organizations if o.change is not None]
    return {
        "organizations": organizations,
        "compared": len(compared),
        "average_change": _mean([o.change for o in compared]),
        "before": _mean([o.first_average for o in compared]),
        "after": _mean([o.last_average for o in compared]),
        "areas": [(area, _mean(area_changes[area.pk]), len(area_changes[area.pk])) for area in areas],
    }
