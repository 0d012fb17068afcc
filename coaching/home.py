"""The coaching section of the home page: plans waiting for approval, and the coach's own engagements."""

from django.db.models import F
from django.template.loader import render_to_string

from coaching import workflow
from coaching.models import CoachingEngagement, EngagementStatus, StrategicPlan
from core.centres import scope

LIMIT = 10


def coaching_to_do(request):
    user = request.user
    plans = scope(StrategicPlan.objects.select_related("organization"), user)
    in_review = list(workflow.awaiting("approve", user, plans)[:LIMIT])
    mine = []
    if user.has_perm("coaching.view_coachingengagement"):
        mine = list(
            scope(CoachingEngagement.objects.filter(coaches=user), user)
            .exclude(status__in=[EngagementStatus.COMPLETED, EngagementStatus.SUSPENDED])
            .with_progress()
            .filter(days_delivered__lt=F("planned_days"))
            .select_related("organization", "project")[:LIMIT]
        )
    if not (in_review or mine):
        return ""
    return render_to_string("coaching/_home.html", {"in_review": in_review, "mine": mine}, request=request)
