"""Saving an attachment: the one door that writes files and rows together, all or nothing."""

from django.core.files.base import ContentFile

from attachments import checks
from attachments.models import Attachment
from attachments.names import title_from
from attachments.signals import remove_files
from attachments.storage import attachment_storage, new_name


def save_attachment(target, record, upload, *, title, kind, user, inspected=None):
    """Store upload on record (checked already: inspected), and its row. A failure leaves no file behind.

    Called inside the transaction that consumes the form's one-time token; if that transaction
    fails later, the caller removes the files (attachments.signals.remove_files).
    """
    inspected = inspected or checks.inspect(upload)
    storage = attachment_storage()
    saved = []
    try:
        upload.seek(0)
        saved.append(storage.save(new_name(target.slug, inspected.extension), upload))
        thumbnail = ""
        if inspected.thumbnail:
            thumbnail = storage.save(new_name(f"{target.slug}/thumbnails", ".jpg"), ContentFile(inspected.thumbnail))
            saved.append(thumbnail)
        attachment = Attachment.objects.create(
            **{target.slug: record},
            title=title or title_from(upload.name) or "—",
            kind=kind,
            file=saved[0],
            thumbnail=thumbnail,
            original_name=str(upload.name)[:255],
            content_type=inspected.content_type,
            size=upload.size,
            uploaded_by=user,
        )
    except BaseException:
        remove_files(*saved)
        raise
    return attachment
