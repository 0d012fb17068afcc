"""A deleted attachment row takes its files with it, however it was deleted.

Through the app's delete, the admin, or the deletion of the record it hangs on (the
foreign keys cascade, and Django sends post_delete for each cascaded row): the files
go once the deletion is committed, so a rolled-back deletion keeps them. This writes no
row; it only tidies storage.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from attachments.models import Attachment
from attachments.storage import attachment_storage

log = logging.getLogger(__name__)


def remove_files(*names):
    storage = attachment_storage()
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:  # a storage outage must not undo a deletion already committed
            log.warning("Could not remove attachment file %s", name, exc_info=True)


@receiver(post_delete, sender=Attachment)
def _remove_files_after_delete(sender, instance, **kwargs):
    names = (instance.file.name, instance.thumbnail.name)
    transaction.on_commit(lambda: remove_files(*names))
