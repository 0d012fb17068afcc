"""Where attachment files live: the "attachments" storage of settings.STORAGES.

Local by default, in a private folder that no URL serves (settings.ATTACHMENTS_DIR);
an S3-compatible bucket with ATTACHMENTS_STORAGE=s3. Only the storage API is used, so
either works for saving, serving, deleting and the backup.
"""

import uuid

from django.core.files.storage import Storage, storages
from django.utils import timezone

ALIAS = "attachments"


class AttachmentStorage(Storage):
    """STORAGES["attachments"], looked up at each use.

    A FileField keeps the storage it was given when the model is loaded; this stand-in
    lets the field follow the setting (tests give each test a folder of its own).
    """

    def __getattribute__(self, name):
        if name.startswith("__"):
            return super().__getattribute__(name)
        return getattr(storages[ALIAS], name)


_STORAGE = AttachmentStorage()


def attachment_storage():
    return _STORAGE


def new_name(folder, extension):
    """A name no one chose: the folder of its kind of record, the month, a random id, the real extension."""
    today = timezone.localdate()
    return f"{folder}/{today:%Y/%m}/{uuid.uuid4().hex}{extension}"
