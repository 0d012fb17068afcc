"""The page that sets a project beside the earlier project it follows (capacity.reports.lineage)."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from capacity.reports import access, lineage
from core.centres import scope, visible_or_404
from trainings.models import Project


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def compare(request, pk):
    """404 when the project follows none, or follows one of a centre the user does not see."""
    later = visible_or_404(request.user, Project.objects.select_related("follows", "centre"), pk=pk)
    if later.follows_id is None:
        raise Http404(_("This project follows no earlier project."))
    earlier = scope(Project.objects.select_related("centre"), request.user).filter(pk=later.follows_id).first()
    if earlier is None:
        raise Http404
    context = {"earlier": earlier, "later": later, "rows": lineage.compare(earlier, later)}
    return render(request, "reports/compare.html", context)
