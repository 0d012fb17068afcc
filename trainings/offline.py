"""Offline in the field: the installable app's service worker and manifest, and the endpoint
that takes the attendance marks a phone queued with no connection (issue 16).

The phone keeps the attendance pages it took offline (Cache API) and a queue of saves
(IndexedDB); static/offline/ holds the scripts. Each queued save carries an id made on
the phone; the endpoint claims it as a core.once token in the transaction that saves,
so a save sent twice (a lost answer, the page and the service worker both sending)
is applied once. Saves go through trainings.writes.save_sheet, the one door, with the
marks the page showed as "orig": the same three-way merge as a save online, so someone
else's change meanwhile comes back as a conflict for the user to resolve, never overwritten.

A queue of up to MAX_SAVES sessions is one request; each save is its own transaction,
so one refused save leaves the others applied and itself wholly unapplied.
"""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.staticfiles import finders
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import once
from core.centres import scope
from core.lists import join_names
from core.parsing import parse_id
from organizations.models import Person
from trainings import writes
from trainings.attendance import AttendanceSheet
from trainings.models import Session

MAX_SAVES = 20  # sessions per request: a phone's whole queue in one round trip, bounded
MAX_FIELDS = 3 * 500  # status, remark and orig of up to 500 trainees
FIELD_PREFIXES = ("status-", "remark-", "orig-")
MARK_PERMS = ["trainings.view_session", "trainings.add_attendance", "trainings.change_attendance"]

# What the phone keeps so that a page taken offline still shows as it does online.
SHELL = [
    "vendor/bootstrap/bootstrap.rtl.min.css",
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "css/fonts.css",
    "css/app.css",
    "css/trainings.css",
    "css/coaching.css",
    "js/app.js",
    "js/trainings.js",
    "js/coaching.js",
    "offline/queue.js",
    "offline/offline.js",
    "offline/offline.css",
    "offline/icon-192.png",
    "fonts/noto-sans-arabic/noto-sans-arabic-arabic-400-normal.woff2",
    "fonts/noto-sans-arabic/noto-sans-arabic-arabic-700-normal.woff2",
    "fonts/noto-sans-arabic/noto-sans-arabic-latin-400-normal.woff2",
    "fonts/noto-sans-arabic/noto-sans-arabic-latin-700-normal.woff2",
]


def shell_urls():
    return [static(path) for path in SHELL]


# The installable app -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _worker_source():
    with open(finders.find("offline/sw.js"), encoding="utf-8") as source:
        return source.read()


@login_not_required
@require_GET
def service_worker(request):
    """The service worker, at the root so that its scope is the whole app.

    Served by a view (not as a static file) for its scope and so that it names the shell's
    current (hashed) URLs; its version changes whenever one of them does, which makes the
    browser install the new worker and drop the old shell.
    """
    config = {
        "shell": shell_urls(),
        "queueScript": static("offline/queue.js"),
        "offlinePage": reverse("trainings:offline_queue"),
        "static": static(""),
        # Hashed names (the manifest storage of production) never change content: cache first.
        "hashed": static("css/app.css") != static("") + "css/app.css",
        "urls": {"marks": reverse("trainings:offline_marks"), "notes": reverse("coaching:offline_notes")},
        "maxSaves": MAX_SAVES,
    }
    source = _worker_source() if not settings.DEBUG else _worker_source.__wrapped__()
    config["version"] = hashlib.sha256((json.dumps(config) + source).encode()).hexdigest()[:12]
    body = f"self.CAPACITY = {json.dumps(config)};\n{source}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_GET
def manifest(request):
    """The web app manifest (installable app): name, colours and icons, in the user's language."""
    data = {
        "name": _("Capacity"),
        "short_name": _("Capacity"),
        "description": _("Capacity-building programmes: training, attendance and coaching."),
        "lang": request.LANGUAGE_CODE,
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0d6efd",
        "icons": [
            {"src": static("offline/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("offline/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("offline/icon.svg"), "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


class LogoutView(auth_views.LogoutView):
    """Log out, and have the browser drop what this user kept on the device (pages taken
    offline, queued saves): a shared phone never shows one user's offline data to the next.
    static/offline/offline.js clears them too before the form is sent (Clear-Site-Data
    needs a secure context)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


# The pages --------------------------------------------------------------------------------


@permission_required("trainings.view_session", raise_exception=True)
@require_GET
def offline_queue(request):
    """What this phone holds: the sessions taken offline and the saves waiting to be sent.

    The list is the phone's (IndexedDB), drawn by static/offline/offline.js; this page is
    the frame and the words, kept on the phone so that it opens with no connection.
    """
    return render(request, "offline/queue.html", {"rtl": get_language_bidi()})


# Receiving a queue of marks ---------------------------------------------------------------


class Refused(Exception):
    """A queued save that cannot be applied; result is what the phone shows (nothing was written)."""

    def __init__(self, result):
        super().__init__(result["outcome"])
        self.result = result


def signed_out():
    """The answer to a queue sent without a signed-in user (signed out, or the account disabled)."""
    message = _(
        "You are signed out, or your account was disabled. Nothing was sent: sign in again to send what is waiting."
    )
    return JsonResponse({"error": "signed_out", "message": message}, status=401)


def read_queue(request, key):
    """The list of queued items a POST carries as JSON under key, or a JsonResponse refusing it."""
    try:
        payload = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        payload = None
    items = payload.get(key) if isinstance(payload, dict) else None
    if not isinstance(items, list):
        return JsonResponse({"error": "bad_request", "message": _("The queue could not be read.")}, status=400)
    if len(items) > MAX_SAVES:
        message = _("At most %(count)d saves can be sent at once.") % {"count": MAX_SAVES}
        return JsonResponse({"error": "too_many", "message": message}, status=400)
    return items


def claim(request, item):
    """The queued item's id, claimed as a one-time token (raises once.Used for a resend), or Refused."""
    token = item.get("id") if isinstance(item, dict) else None
    if not isinstance(token, str) or not once.TOKEN.match(token):
        raise Refused({"id": token if isinstance(token, str) else "", "outcome": "invalid", "message": invalid()})
    return once.consume(request, token)


def invalid():
    return _("This save could not be read; it was not applied.")


@login_not_required
@require_http_methods(["GET", "POST"])
def sync_marks(request):
    """Apply a phone's queued attendance saves; answer one outcome per save.

    GET gives a CSRF token (the service worker sends the queue with no page open).
    Outcomes: saved, duplicate (sent before: applied once), conflict (someone else changed
    these rows: theirs come back to choose from), refused (the page's rules: a status no
    longer accepted, someone no longer enrolled...), gone (the session was deleted), invalid.
    """
    if not request.user.is_authenticated:
        return signed_out()
    if request.method == "GET":
        return JsonResponse({"csrf": get_token(request)})
    if not request.user.has_perms(MARK_PERMS):
        return JsonResponse({"error": "forbidden", "message": _("You may not record attendance.")}, status=403)
    items = read_queue(request, "saves")
    if isinstance(items, JsonResponse):
        return items
    return JsonResponse({"results": [apply_save(request, item) for item in items], "csrf": get_token(request)})


def apply_save(request, item):
    """Apply one queued save in its own transaction; return its outcome (nothing written unless saved)."""
    try:
        with transaction.atomic():
            used = claim(request, item)
            result = _save_marks(request.user, item)
            once.settle(used, reverse("trainings:session_attendance", args=[item["session"]]))
            return result
    except once.Used:
        return {"id": item["id"], "outcome": "duplicate", "message": _("Sent before: applied once, not again.")}
    except Refused as refused:  # the transaction is rolled back: the id may be sent again after a fix
        return refused.result


def _save_marks(user, item):
    token = item["id"]
    session_pk = parse_id(str(item.get("session", "")))
    marks = item.get("marks")
    if session_pk is None or not _well_formed(marks):
        raise Refused({"id": token, "outcome": "invalid", "message": invalid()})
    session = scope(Session.objects.select_related("workshop"), user, Session.centre_path).filter(pk=session_pk)
    session = session.first()
    if session is None:
        message = _("This session was deleted (or is no longer yours to see); its marks were not saved.")
        raise Refused({"id": token, "outcome": "gone", "message": message, "session": session_pk})
    sheet = AttendanceSheet(session, marks)
    if not sheet.is_valid():
        raise Refused({"id": token, "outcome": "refused", "session": session_pk, "errors": _errors(sheet, marks)})
    try:
        written = writes.save_sheet(sheet, user)
    except Session.DoesNotExist:
        message = _("This session was deleted (or is no longer yours to see); its marks were not saved.")
        raise Refused({"id": token, "outcome": "gone", "message": message, "session": session_pk}) from None
    if written is None:
        message = _("Someone else changed the marks of these people meanwhile. Choose which to keep, then send again.")
        conflicts = [_conflict(row) for row in sheet.conflicts]
        raise Refused(
            {"id": token, "outcome": "conflict", "session": session_pk, "message": message, "conflicts": conflicts}
        )
    return {"id": token, "outcome": "saved", "session": session_pk, "count": written}


def _well_formed(marks):
    return (
        isinstance(marks, dict)
        and len(marks) <= MAX_FIELDS
        and all(isinstance(k, str) and k.startswith(FIELD_PREFIXES) and isinstance(v, str) for k, v in marks.items())
    )


def _errors(sheet, marks):
    """The sheet's errors, then each row's with the person's name, then who is no longer enrolled."""
    errors = list(sheet.errors)
    errors += [f"{row.person.full_name}: {error}" for row in sheet.rows for error in row.errors]
    enrolled = {row.pk for row in sheet.rows}
    stray = {parse_id(key.partition("-")[2]) for key in marks} - enrolled - {None}
    if stray:
        names = Person.objects.filter(pk__in=stray).order_by("full_name").values_list("full_name", flat=True)
        errors.append(_("No longer enrolled in this workshop: %(names)s.") % {"names": join_names(names)})
    return errors


def _conflict(row):
    """One row in conflict: the mark stored now (theirs), to offer beside the user's own."""
    saved = row.saved
    return {
        "person": row.pk,
        "name": row.person.full_name,
        "mine": row.status,
        "mine_remark": row.remark,
        "theirs": saved.status if saved else "",
        "theirs_label": saved.get_status_display() if saved else _("no mark"),
        "theirs_remark": saved.remark if saved else "",
        "who": str(saved.recorded_by) if saved and saved.recorded_by else "",
        "orig": row.orig,  # what is stored now: sending it as "orig" keeps the user's mark on purpose
    }
