from django.contrib.messages import get_messages
from django.urls import reverse

from attachments.models import Attachment
from tests.attachments import files


def post_file(client, record, slug, data, name, **fields):
    """POST a file to record's attachments as the phone's form does; returns (response, messages)."""
    url = reverse("attachments:upload", args=[slug, record.pk])
    body = {"file": files.upload(data, name), "kind": fields.pop("kind", "other"), "title": fields.pop("title", "")}
    body.update(fields)
    response = client.post(url, body)
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def attach(client, record, slug="session", data=None, name="sheet.png", **fields):
    response, messages = post_file(client, record, slug, data or files.png(), name, **fields)
    assert response.status_code == 302, messages
    return Attachment.objects.order_by("-pk").first()
