"""The waiting list of a full workshop: taking someone off it, and moving people up into free places.

Both write through trainings.writes (the one door of enrolments), which locks the workshop.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.centres import visible_or_404
from trainings import writes
from trainings.models import WaitingPlace, Workshop


def waiting_list(workshop):
    """The workshop's waiting list, first to move up first (one query)."""
    return list(workshop.waiting_places.select_related("person__organization").order_by("since", "pk"))


def free_places(workshop, enrolled):
    return max(workshop.capacity - enrolled, 0)


@require_POST
@permission_required("trainings.change_enrollment", raise_exception=True)
def waiting_place_leave(request, pk):
    place = visible_or_404(request.user, WaitingPlace.objects.select_related("person"), pk=pk)
    if writes.leave_waiting_list(place, request.user):
        messages.success(request, _("%(name)s is no longer on the waiting list.") % {"name": place.person})
    return redirect(reverse("trainings:workshop_enroll", args=[place.workshop_id]))


@require_POST
@permission_required("trainings.add_enrollment", raise_exception=True)
def workshop_fill_places(request, pk):
    workshop = visible_or_404(request.user, Workshop, pk=pk)
    moved = writes.fill_places(workshop, request.user)
    if moved:
        say_moved_up(request, moved)
    else:
        messages.info(request, _("No free place, or no one waiting: nobody moved up."))
    return redirect(reverse("trainings:workshop_enroll", args=[workshop.pk]))


def say_enrolled(request, result):
    """Tell who was enrolled, who moved up first and who waits (writes.enroll's Enrolled)."""
    new, back = result
    messages.success(
        request,
        ngettext("%(count)d person enrolled.", "%(count)d people enrolled.", new + back) % {"count": new + back},
    )
    say_moved_up(request, result.moved_up)
    if result.waiting:
        messages.warning(
            request,
            ngettext(
                "The workshop is full: %(count)d person is on its waiting list.",
                "The workshop is full: %(count)d people are on its waiting list.",
                result.waiting,
            )
            % {"count": result.waiting},
        )


def say_moved_up(request, moved):
    if moved:
        messages.info(
            request,
            ngettext(
                "%(count)d person moved up from the waiting list.",
                "%(count)d people moved up from the waiting list.",
                moved,
            )
            % {"count": moved},
        )
