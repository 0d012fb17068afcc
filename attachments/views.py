"""Attach, open and delete files. Files are sent by these views only, never from a public URL."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attachments import access
from attachments.forms import UploadForm
from attachments.limits import FLAG, SizeLimitHandler
from attachments.signals import remove_files
from attachments.storage import attachment_storage
from attachments.uploads import save_attachment
from core import once


@csrf_exempt  # checked by _upload, once the size limit is in place (the CSRF check reads the body)
@require_POST
def upload(request, target, pk):
    request.upload_handlers.insert(0, SizeLimitHandler(request, settings.ATTACHMENT_MAX_BYTES))
    return _upload(request, target, pk)


@csrf_protect
def _upload(request, target, pk):
    target, record = access.record_for_upload(request.user, target, pk)
    page = target.page_url(record) + "#attachments"
    form = UploadForm(request.POST, request.FILES, too_large=getattr(request, FLAG, False))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target.page_url(record))  # the top of the page, where the message shows
    token = once.token_of(request)
    attachment = None
    try:
        with transaction.atomic():
            used = once.consume(request, token) if token else None
            attachment = save_attachment(
                target,
                record,
                form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                user=request.user,
                inspected=form.inspected,
            )
            if used is not None:
                once.settle(used, page)
    except once.Used as earlier:
        messages.info(request, _("This form was already sent: it was saved once, not twice."))
        return redirect(earlier.url or page)
    except BaseException:
        if attachment is not None:  # saved, then rolled back: its files go too
            remove_files(attachment.file.name, attachment.thumbnail.name)
        raise
    messages.success(request, _("“%(title)s” is attached.") % {"title": attachment.title})
    return redirect(page)


@require_GET
def download(request, pk):
    attachment, _target, _record = access.attachment_for(request.user, pk)
    return _file_response(attachment.file, attachment.content_type, attachment.download_name(), attachment.is_image)


@require_GET
def thumbnail(request, pk):
    attachment, _target, _record = access.attachment_for(request.user, pk)
    if not attachment.thumbnail:
        raise Http404
    name = attachment.download_name().rsplit(".", 1)[0]
    return _file_response(attachment.thumbnail, "image/jpeg", f"{name}-small.jpg", True)


@require_http_methods(["GET", "POST"])
def delete(request, pk):
    attachment, target, record = access.attachment_for(request.user, pk)
    if not access.can_delete(request.user, target):
        raise PermissionDenied
    page = target.page_url(record) + "#attachments"
    if request.method == "POST":
        title = attachment.title
        attachment.delete()  # its files go when the deletion is committed (attachments.signals)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
        return redirect(page)
    return render(request, "attachments/delete.html", {"attachment": attachment, "record": record, "page": page})


def _file_response(field, content_type, filename, inline):
    """The file, private and never sniffed: images shown in the page, anything else downloaded."""
    try:
        handle = attachment_storage().open(field.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, a file may run nothing, even if a browser were to take it for a page.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response
