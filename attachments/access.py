"""Who may see and change an attachment: the rights and the centre of the record it is on.

Like healthchecks' _get_check_for_user: one helper fetches and checks in one step, so no
view can forget. No right to view such records: 403. A record of another centre: 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from attachments.models import Attachment
from attachments.targets import TARGETS


def target_or_404(slug):
    try:
        return TARGETS[slug]
    except KeyError:
        raise Http404 from None


def record_for_upload(user, slug, pk):
    """The record a user attaches to: may change it, may add attachments, and it is of the user's centres."""
    target = target_or_404(slug)
    if not (user.has_perm(target.change_perm) and user.has_perm("attachments.add_attachment")):
        raise PermissionDenied
    return target, get_object_or_404(target.records(user), pk=pk)


def attachment_for(user, pk):
    """(attachment, target, record) for a user who may see the record; 403 or 404 otherwise."""
    attachment = get_object_or_404(Attachment, pk=pk)
    target, record_id = attachment.target
    if target is None:
        raise Http404
    if not user.has_perm(target.view_perm):
        raise PermissionDenied
    return attachment, target, get_object_or_404(target.records(user), pk=record_id)


def can_delete(user, target):
    return user.has_perm("attachments.delete_attachment") and user.has_perm(target.change_perm)
