"""Coaching sections on an organisation's page and on a project's page."""

from django.template.loader import render_to_string

from coaching.models import CoachingEngagement
from coaching.progress import progress_rows


def organization_panel(request, organization):
    user = request.user
    if not (user.has_perm("coaching.view_coachingengagement") or user.has_perm("coaching.view_strategicplan")):
        return ""
    engagements, _size = progress_rows(
        CoachingEngagement.objects.filter(organization=organization).select_related("project")
    )
    plans = organization.strategic_plans.all() if user.has_perm("coaching.view_strategicplan") else []
    context = {"organization": organization, "engagements": engagements, "plans": plans}
    return render_to_string("coaching/panel_organization.html", context, request=request)


def project_panel(request, project):
    if not request.user.has_perm("coaching.view_coachingengagement"):
        return ""
    engagements, agenda_total = progress_rows(
        CoachingEngagement.objects.filter(project=project).select_related("organization")
    )
    has_plans = project.coaching_engagements.filter(plans__isnull=False).exists()
    context = {"project": project, "engagements": engagements, "agenda_total": agenda_total, "has_plans": has_plans}
    return render_to_string("coaching/panel_project.html", context, request=request)
