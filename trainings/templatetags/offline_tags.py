"""{% offline_config %}: what static/offline/offline.js needs on every page, as JSON (no inline script).

Its words are translated here, so that the phone shows them in the user's language even
with no connection (the page taken offline carries them).
"""

from django import template
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.html import json_script
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from trainings.models import AttendanceStatus
from trainings.offline import MAX_SAVES

register = template.Library()

# One number per plural form of our languages (Arabic has six; English two); offline.js
# picks the form of a count by the same rule.
PLURAL_SAMPLES = (0, 1, 2, 3, 11, 100)


def _plural(singular, plural):
    return {str(n): ngettext(singular, plural, n) for n in PLURAL_SAMPLES}


def words():
    return {
        "take": _("Take offline"),
        "taking": _("Saving to this device…"),
        "taken": _("On this device"),
        "takeFailed": _("Could not keep this page on the device; try again when the connection is good."),
        "offlineSince": _("You are offline. The data of this page is from %(time)s."),
        "offline": _("You are offline."),
        "online": _("You are online."),
        "queuedAt": _("Your marks, saved on this device on %(time)s, are waiting to be sent."),
        "queued": _("Saved on this device. It will be sent when the connection returns."),
        "chooseAll": _("Choose a status for everyone before saving."),
        "sendNow": _("Send now"),
        "sending": _("Sending…"),
        "notSent": _("Could not reach the server; what is waiting stays on this device."),
        "sent": _("Sent."),
        "keepMine": _("Keep mine"),
        "keepTheirs": _("Keep theirs"),
        "mine": _("Yours"),
        "theirs": _("Recorded meanwhile by %(who)s"),
        "sendAgain": _("Send again"),
        "discard": _("Discard"),
        "discardConfirm": _("Discard this save? What it holds will be lost."),
        "open": _("Open"),
        "remove": _("Remove from this device"),
        "takenAt": _("Taken offline on %(time)s"),
        "savedAt": _("Saved on this device on %(time)s"),
        "noCopies": _("Nothing is kept on this device yet. Use “Take offline” on a workshop or on the home page."),
        "emptyQueue": _("Nothing is waiting to be sent."),
        "coachingSession": _("Coaching session of %(date)s"),
        "states": {
            "waiting": _("Waiting to be sent"),
            "conflict": _("Conflict: choose what to keep"),
            "refused": _("Not accepted"),
            "gone": _("Deleted on the server"),
            "invalid": _("Could not be read"),
        },
        "waiting": _plural("%(count)s session waiting to be sent", "%(count)s sessions waiting to be sent"),
        "logoutLoses": _plural(
            "%(count)s session waiting to be sent will be lost if you log out now. Log out anyway?",
            "%(count)s sessions waiting to be sent will be lost if you log out now. Log out anyway?",
        ),
    }


@register.simple_tag(takes_context=True)
def offline_config(context):
    request = context["request"]
    config = {
        "user": str(request.user.pk),
        "lang": getattr(request, "LANGUAGE_CODE", "ar"),
        "maxSaves": MAX_SAVES,
        "urls": {
            "worker": reverse("service_worker"),
            "queue": reverse("trainings:offline_queue"),
            "marks": reverse("trainings:offline_marks"),
            "notes": reverse("coaching:offline_notes"),
            "logout": reverse("logout"),
        },
        "statuses": dict(AttendanceStatus.choices),
        "months": [str(MONTHS[number]) for number in range(1, 13)],
        "words": words(),
    }
    return json_script(config, "offline-config")
