"""The sections services adds to an organisation's page and to a project's page."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from services.comparison import organization_comparison, project_change


def organization_panel(request, organization):
    user = request.user
    parts = []
    if user.has_perm("services.view_consultation"):
        consultations = list(organization.consultations.all()[:10])
        parts.append(
            render_to_string(
                "services/_organization_consultations.html",
                {
                    "organization": organization,
                    "consultations": consultations,
                    "total": organization.consultations.count(),
                },
                request=request,
            )
        )
    if user.has_perm("services.view_booking"):
        upcoming = (
            organization.room_bookings.active()
            .filter(end__gt=timezone.now())
            .select_related("room__centre")
            .order_by("start")[:10]
        )
        parts.append(
            render_to_string(
                "services/_organization_bookings.html",
                {"organization": organization, "bookings": list(upcoming)},
                request=request,
            )
        )
    if user.has_perm("services.view_needsassessment"):
        parts.append(
            render_to_string(
                "services/_organization_assessments.html",
                {"organization": organization, "comparison": organization_comparison(organization)},
                request=request,
            )
        )
    # Each part is rendered (and escaped) by its template.
    return mark_safe("".join(parts))  # noqa: S308


def project_panel(request, project):
    if not request.user.has_perm("services.view_needsassessment"):
        return ""
    return render_to_string(
        "services/_project_change.html", {"project": project, "result": project_change(project)}, request=request
    )
