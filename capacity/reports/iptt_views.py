"""The IPTT page of a project: its indicators against targets, period by period."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, render

from capacity.reports import access, figures, iptt
from capacity.reports.forms import ReportFilterForm
from core.centres import scope
from trainings.models import Project

EDIT_PERMISSION = "results.change_indicator"


def visible_project(user, pk):
    """The project pk if the user's centres hold it, else 404."""
    return get_object_or_404(scope(Project.objects.all(), user, "centre"), pk=pk)


def context(request, project, base=None):
    """What the IPTT partial needs (templates/reports/_iptt.html), on the dashboard and its own page."""
    return {
        "iptt": iptt.compute(project, base),
        "statuses": iptt.STATUSES,
        "can_edit_results": request.user.has_perm(EDIT_PERMISSION),
    }


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def iptt_page(request, pk):
    project = visible_project(request.user, pk)
    form = ReportFilterForm(
        {
            "project": project.pk,
            "region": request.GET.get("region", ""),
            "organization": request.GET.get("organization", ""),
        }
    )
    base = figures.Filters(project=project)
    if form.is_valid():
        base.region, base.organization = form.cleaned_data["region"], form.cleaned_data["organization"]
    page = {
        "project": project,
        "form": form,
        "filters": base,
        "can_download": access.can_see_reports(request.user),
        # the same narrowing for the donor report's PDF and workbook
        "query": urlencode({k: v for k, v in request.GET.items() if k in ("region", "organization") and v}),
        **context(request, project, base),
    }
    return render(request, "reports/iptt.html", page)
