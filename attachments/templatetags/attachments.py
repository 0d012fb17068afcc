"""{% attachments_panel record %}: the files of a record, with the form to add one, on its page."""

from django import template
from django.conf import settings

from attachments import access
from attachments.checks import ACCEPT
from attachments.forms import UploadForm
from attachments.models import Attachment
from attachments.targets import target_for
from core import once

register = template.Library()


@register.inclusion_tag("attachments/_panel.html", takes_context=True)
def attachments_panel(context, record):
    request = context["request"]
    user = request.user
    target = target_for(record)
    if target is None or record is None or record.pk is None or not user.has_perm(target.view_perm):
        return {"shown": False}
    rows = Attachment.objects.filter(**{target.slug: record}).select_related("uploaded_by")
    can_add = user.has_perm(target.change_perm) and user.has_perm("attachments.add_attachment")
    return {
        "shown": True,
        "attachments": list(rows),
        "target": target,
        "record": record,
        "form": UploadForm(initial={"kind": target.default_kind}) if can_add else None,
        "once_field": once.FIELD,
        "once_token": once.issue(request) if can_add else "",
        "can_delete": access.can_delete(user, target),
        "accept": ACCEPT,
        "max_size": settings.ATTACHMENT_MAX_BYTES,
    }
