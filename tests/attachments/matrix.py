"""Rows for tests/test_access_matrix.py (the lead adds them there), with the objects they need.

    from tests.attachments.matrix import ATTACHMENT_ROWS
    MATRIX = {..., **ATTACHMENT_ROWS(EVERYONE, COORDINATORS, POST)}

The demo data has no attachment: the first call attaches a small PNG to the first session.
The test must point STORAGES["attachments"] at a temporary folder (see tests/attachments/conftest.py).
"""

from attachments.models import Attachment
from attachments.targets import TARGETS
from attachments.uploads import save_attachment
from tests.attachments import files
from trainings.models import Session


def an_attachment():
    attachment = Attachment.objects.order_by("pk").first()
    if attachment is None:
        session = Session.objects.order_by("pk").first()
        upload = files.upload(files.png(), "sheet.png")
        attachment = save_attachment(TARGETS["session"], session, upload, title="", kind="signin_sheet", user=None)
    return {"pk": attachment.pk}


def upload_target():
    return {"target": "session", "pk": Session.objects.order_by("pk").values_list("pk", flat=True)[0]}


def ATTACHMENT_ROWS(everyone, coordinators, post):  # noqa: N802  (a table, as MATRIX)
    return {
        "attachments:upload": (upload_target, post),
        "attachments:download": (an_attachment, everyone),
        "attachments:thumbnail": (an_attachment, everyone),
        "attachments:delete": (an_attachment, coordinators),
    }
