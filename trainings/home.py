"""The trainings section of the home page: the sessions of the coming days."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone

from core.centres import scope
from trainings.models import Session

DAYS_AHEAD = 7
LIMIT = 20


def upcoming_sessions(request):
    if not request.user.has_perm("trainings.view_session"):
        return ""
    today = timezone.localdate()
    sessions = list(
        scope(Session.objects, request.user)
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=DAYS_AHEAD))
        .select_related("workshop", "topic", "venue__centre")
        .order_by("date", "start_time")[:LIMIT]
    )
    if not sessions:
        return ""
    return render_to_string(
        "trainings/_home_sessions.html", {"sessions": sessions, "today": today, "days": DAYS_AHEAD}, request=request
    )
