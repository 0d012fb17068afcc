"""Coaching session notes written with no connection (issue 16), received once.

A coach takes an engagement offline (its "Record a session" page is kept on the phone);
a session written there waits in the phone's queue (static/offline/offline.js) and comes
here as the form's fields. It is checked by the same form and follow-ups formset as the
page online (coaching.views) and created once: the queued save's id is claimed as a
core.once token in the transaction that creates it, so a resend never makes a second session.
"""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import JsonResponse, QueryDict
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coaching.forms import ActionItemFormSet, SessionForm
from coaching.models import CoachingEngagement
from core import once
from core.centres import scope
from core.parsing import parse_id
from trainings.offline import Refused, claim, invalid, read_queue, signed_out

NOTE_PERMS = ["coaching.view_coachingengagement", "coaching.add_coachingsession"]
MAX_PAIRS = 2000


@login_not_required
@require_POST
def sync_notes(request):
    """Create the coaching sessions a phone queued; one outcome each (saved, duplicate, refused, gone, invalid)."""
    if not request.user.is_authenticated:
        return signed_out()
    if not request.user.has_perms(NOTE_PERMS):
        return JsonResponse({"error": "forbidden", "message": _("You may not record coaching sessions.")}, status=403)
    items = read_queue(request, "notes")
    if isinstance(items, JsonResponse):
        return items
    return JsonResponse({"results": [apply_note(request, item) for item in items], "csrf": get_token(request)})


def apply_note(request, item):
    """Create one queued session in its own transaction, or refuse it whole."""
    try:
        with transaction.atomic():
            used = claim(request, item)
            engagement, result = _create(request.user, item)
            once.settle(used, engagement.get_absolute_url())
            return result
    except once.Used:
        return {"id": item["id"], "outcome": "duplicate", "message": _("Sent before: recorded once, not again.")}
    except Refused as refused:
        return refused.result


def _create(user, item):
    token = item["id"]
    pk = parse_id(str(item.get("engagement", "")))
    data = _query_dict(item.get("fields"))
    if pk is None or data is None:
        raise Refused({"id": token, "outcome": "invalid", "message": invalid()})
    engagements = scope(CoachingEngagement.objects.select_related("organization"), user, CoachingEngagement.centre_path)
    engagement = engagements.filter(pk=pk).first()
    if engagement is None:
        message = _("This engagement was deleted (or is no longer yours to see); the session was not recorded.")
        raise Refused({"id": token, "outcome": "gone", "message": message})
    form = SessionForm(data, engagement=engagement)
    actions = ActionItemFormSet(data, instance=form.instance, prefix="actions")
    if not (form.is_valid() and actions.is_valid()):
        raise Refused({"id": token, "outcome": "refused", "errors": _form_errors(form, actions)})
    # As coaching.views._session_form saves a new session, follow-ups included.
    form.instance.created_by = user
    saved = form.save()
    for action in actions.save(commit=False):
        action.engagement = engagement
        action.session = saved
        action.save()
    url = reverse("coaching:session_update", args=[saved.pk])
    return engagement, {"id": token, "outcome": "saved", "url": url}


def _query_dict(pairs):
    """The form's fields as posted ([[name, value], ...]), or None if they are not that."""
    if not isinstance(pairs, list) or len(pairs) > MAX_PAIRS:
        return None
    data = QueryDict(mutable=True)
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            return None
        data.appendlist(*pair)
    return data


def _form_errors(form, actions):
    errors = [str(error) for error in form.non_field_errors()]
    for name, field_errors in form.errors.items():
        if name != "__all__":
            label = form.fields[name].label if name in form.fields else name
            errors += [f"{label}: {error}" for error in field_errors]
    for row in actions.errors:
        errors += [f"{_('Follow-up')}: {error}" for field_errors in row.values() for error in field_errors]
    errors += [str(error) for error in actions.non_form_errors()]
    return errors
