"""The trainings section of an organisation's page: its people's workshops, rates and completion."""

from django.template.loader import render_to_string

from trainings.models import Enrollment
from trainings.rates import with_rates

LIMIT = 100


def organization_trainings(request, organization):
    if not request.user.has_perm("trainings.view_workshop"):
        return ""
    enrollments = with_rates(
        Enrollment.objects.filter(person__organization=organization).select_related("person", "workshop__project")
    ).order_by("-workshop__start_date", "person__full_name")[:LIMIT]
    enrollments = list(enrollments)
    if not enrollments:
        return ""
    return render_to_string(
        "trainings/_organization_panel.html", {"enrollments": enrollments, "limit": LIMIT}, request=request
    )
