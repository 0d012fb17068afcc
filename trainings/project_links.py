"""What a project's page shows of its lineage (the project it follows, those that follow it),
its targeted organisations and the organisations' requests to join it."""

from core.centres import scope
from trainings import requests

TARGETED_SHOWN = 100


def lineage_and_requests(project, user):
    """Context for the project page (four queries, bounded)."""
    context = {
        "followed_by": list(scope(project.followed_by.order_by("start_date"), user)),
        "targeted": list(project.organizations.order_by("name_ar")[:TARGETED_SHOWN]),
        "targeted_count": project.organizations.count(),
    }
    if user.has_perm("trainings.view_organizationrequest"):
        context["request_counts"] = requests.counts_by_status(project.requests.all())
    return context
