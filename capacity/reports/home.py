"""The home page section: each recent project's dashboard, with its organisations and trainees enrolled."""

from django.template.loader import render_to_string

from capacity.reports import access, figures
from trainings.models import Project

LIMIT = 5


def project_dashboards(request):
    if not access.can_see_dashboard(request.user):
        return ""
    projects = list(Project.objects.order_by("-start_date", "code")[:LIMIT])
    if not projects:
        return ""
    headlines = figures.project_headlines(projects)
    for project in projects:
        project.enrolled_organizations, project.enrolled_trainees = headlines.get(project.pk, (0, 0))
    return render_to_string("reports/_home.html", {"projects": projects}, request=request)


def project_panel(request, project):
    """A project page's link to its dashboard (register for the "project" slot of organizations.panels)."""
    if not access.can_see_dashboard(request.user):
        return ""
    return render_to_string(
        "reports/_project_panel.html",
        {"project": project, "can_download": access.can_see_reports(request.user)},
        request=request,
    )
