"""The home page section of services: the rooms booked today and tomorrow, and follow-ups due."""

import datetime

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from core.centres import scope
from services.models import Booking, Consultation

FOLLOW_UP_DAYS = 7


def services_today(request):
    user = request.user
    context = {}
    today = timezone.localdate()
    if user.has_perm("services.view_booking"):
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min), tz)
        context["bookings"] = list(
            scope(Booking.objects.active(), user)
            .filter(start__lt=start + datetime.timedelta(days=2), end__gt=timezone.now())
            .select_related("room__centre", "organization")
            .order_by("start")[:20]
        )
    if user.has_perm("services.view_consultation"):
        context["follow_ups"] = list(
            scope(Consultation.objects, user)
            .filter(follow_up_done=False, follow_up_due__lte=today + datetime.timedelta(FOLLOW_UP_DAYS))
            .exclude(Q(follow_up="") | Q(follow_up_due__isnull=True))
            .select_related("organization")
            .order_by("follow_up_due")[:20]
        )
    if not context.get("bookings") and not context.get("follow_ups"):
        return ""
    context["today"] = today
    return render_to_string("services/_home.html", context, request=request)
