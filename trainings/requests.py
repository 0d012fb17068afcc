"""Organisations' requests: the one home of their review and of what an accepted one does.

An accepted request to join a project makes the organisation one of the project's
targeted organisations (Project.organizations); a request reviewed again away from
"accepted" takes it back out, unless another accepted request of it keeps it there.
review() writes the status, the reason, who and when in one transaction, locking the
request's row, so two reviewers clicking at once leave one coherent result (and the
history, django-simple-history, one row per change).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from trainings.models import OrganizationRequest, RequestKind, RequestStatus

# A decline says why: the organisation is told, and the next reviewer reads it.
NEEDS_REASON = {RequestStatus.DECLINED}


def already_in_project(organization, project, exclude=None):
    """Why a new request of organization to join project cannot be taken, or None.

    Already targeted by the project, or a live (not declined) request of it to the same project.
    """
    if organization is None or project is None:
        return None
    if project.organizations.filter(pk=organization.pk).exists():
        return _("%(organization)s is already one of this project's organisations.") % {"organization": organization}
    live = OrganizationRequest.objects.filter(organization=organization, project=project).exclude(
        status=RequestStatus.DECLINED
    )
    if exclude is not None and exclude.pk:
        live = live.exclude(pk=exclude.pk)
    if live.exists():
        return _("%(organization)s has already asked to join this project; review that request.") % {
            "organization": organization
        }
    return None


def review(request_obj, status, reason, user):
    """Set the request's status (with a reason, required to decline); return True if anything changed.

    Raises ValidationError with a message for the form when the decision is refused.
    """
    if status not in RequestStatus.values or status == RequestStatus.PENDING:
        raise ValidationError(_("Choose accepted, waiting list or declined."))
    reason = (reason or "").strip()
    if status in NEEDS_REASON and not reason:
        raise ValidationError(_("Say why the request is declined."))
    with transaction.atomic():
        stored = OrganizationRequest.objects.select_for_update().get(pk=request_obj.pk)
        if (stored.status, stored.reason) == (status, reason):
            return False
        was_accepted = stored.status == RequestStatus.ACCEPTED
        stored.status, stored.reason = status, reason
        stored.reviewed_by, stored.reviewed_at = user, timezone.now()
        stored._history_user = user
        stored.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at"])
        _update_targets(stored, was_accepted)
    request_obj.status, request_obj.reason = stored.status, stored.reason
    request_obj.reviewed_by, request_obj.reviewed_at = stored.reviewed_by, stored.reviewed_at
    return True


def _update_targets(stored, was_accepted):
    if stored.kind != RequestKind.PROJECT or stored.project_id is None:
        return
    project, accepted = stored.project, stored.status == RequestStatus.ACCEPTED
    if accepted and not was_accepted:
        project.organizations.add(stored.organization_id)
    elif was_accepted and not accepted:
        others = OrganizationRequest.objects.filter(
            project=project, organization_id=stored.organization_id, status=RequestStatus.ACCEPTED
        ).exclude(pk=stored.pk)
        if not others.exists():
            project.organizations.remove(stored.organization_id)


def counts_by_status(requests):
    """[(status value, label, count)] of a queryset of requests, every status listed (one query)."""
    found = dict(requests.values("status").annotate(n=Count("pk")).values_list("status", "n").order_by())
    return [(status.value, status.label, found.get(status.value, 0)) for status in RequestStatus]
