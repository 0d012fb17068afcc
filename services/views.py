import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core.centres import scope, visible_or_404
from core.parsing import parse_date
from core.views import CentreScopedMixin, FilteredListView, RecordFormMixin
from organizations.models import Centre, Room
from services.booking import BookingConflict, save_booking
from services.forms import (
    AssessmentFilterForm,
    BookingForm,
    ConsultationFilterForm,
    ConsultationForm,
    NeedsAssessmentForm,
    WeekForm,
)
from services.models import AssessmentScore, Booking, Consultation, NeedsAssessment
from services.week import DAYS, week_of

# ---------------------------------------------------------------- centres and bookings


class CentreList(PermissionRequiredMixin, CentreScopedMixin, ListView):
    raise_exception = True
    permission_required = "services.view_booking"
    template_name = "services/centre_list.html"

    def get_queryset(self):
        return (
            scope(Centre.objects, self.request.user)
            .select_related("region")
            .prefetch_related(
                Prefetch("rooms", Room.objects.annotate(upcoming=Count("bookings", filter=self._upcoming())))
            )
        )

    @staticmethod
    def _upcoming():
        return Q(bookings__status="booked", bookings__end__gt=timezone.now())


@permission_required("services.view_booking", raise_exception=True)
def centre_week(request, pk):
    centre = visible_or_404(request.user, Centre, pk=pk)
    form = WeekForm(request.GET or None)
    day = form.cleaned_data["week"] if form.is_valid() and form.cleaned_data["week"] else timezone.localdate()
    first = day
    rooms, days = week_of(centre, first)
    return render(
        request,
        "services/centre_week.html",
        {
            "centre": centre,
            "rooms": rooms,
            "days": days,
            "first_day": first,
            "last_day": first + datetime.timedelta(days=DAYS - 1),
            "previous_week": first - datetime.timedelta(days=DAYS),
            "next_week": first + datetime.timedelta(days=DAYS),
            "this_week": timezone.localdate(),
            "today": timezone.localdate(),
            "week_form": WeekForm(initial={"week": first}),
        },
    )


class BookingFormMixin(RecordFormMixin):
    model = Booking
    form_class = BookingForm

    def form_valid(self, form):
        # Saved through save_booking, the one door that keeps a room's bookings apart.
        booking = form.save(commit=False)
        try:
            save_booking(booking)
        except BookingConflict as conflict:
            # Another booking got in between the form's check and the save.
            form.add_error(None, conflict.message)
            form.conflict = conflict.occupancy
            return self.form_invalid(form)
        self.object = booking
        messages.success(self.request, _("Booking saved."))
        return HttpResponseRedirect(booking.get_absolute_url())


class BookingCreate(BookingFormMixin, CreateView):
    permission_required = "services.add_booking"
    # A free slot of a centre's week links here with its room and day.
    initial_from_query = ("room", "organization")
    creator_field = "booked_by"

    def get_initial(self):
        initial = super().get_initial()
        day = parse_date(self.request.GET.get("day"))
        if day:
            initial["day"] = day
        return initial


class BookingUpdate(BookingFormMixin, UpdateView):
    permission_required = "services.change_booking"

    def get_queryset(self):
        # Only an active booking that has not ended can be changed.
        return scope(Booking.objects.active(), self.request.user).filter(end__gt=timezone.now())


class BookingDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "services.view_booking"
    queryset = Booking.objects.select_related("room__centre", "organization", "booked_by", "cancelled_by")


@require_http_methods(["GET", "POST"])
@permission_required("services.change_booking", raise_exception=True)
def booking_cancel(request, pk):
    """Cancelling keeps the booking, marked cancelled with who and when."""
    booking = visible_or_404(request.user, Booking.objects.select_related("room__centre", "organization"), pk=pk)
    if not booking.is_active:
        messages.info(request, _("This booking was already cancelled."))
        return redirect(booking)
    if request.method == "POST":
        booking.cancel(request.user)
        messages.success(request, _("Booking cancelled. The room is free again at that time."))
        week = timezone.localtime(booking.start).date().isoformat()
        return redirect(f"{reverse('services:centre_week', args=[booking.room.centre_id])}?week={week}")
    return render(request, "services/booking_cancel.html", {"booking": booking})


# ---------------------------------------------------------------- consultations and assessments


class VisitCreate(RecordFormMixin, CreateView):
    """A visit or an assessment of an organisation: dated today, by the one signed in.

    A link from an organisation's page passes ?organization=<id>; author_field names who
    visited (free text, so the visitor need not be a user); recorded_by keeps the user.
    """

    initial_from_query = ("organization",)
    creator_field = "recorded_by"
    author_field = None

    def get_initial(self):
        initial = super().get_initial()
        initial["date"] = timezone.localdate()
        initial[self.author_field] = self.request.user.get_full_name() or self.request.user.get_username()
        return initial


class ConsultationList(FilteredListView):
    permission_required = "services.view_consultation"
    filter_form_class = ConsultationFilterForm
    queryset = Consultation.objects.select_related("organization")

    def apply_filters(self, queryset, data):
        if data["organization"]:
            queryset = queryset.filter(organization=data["organization"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        open_follow_up = Q(follow_up_done=False) & ~Q(follow_up="")
        if data["follow_up"] == "open":
            queryset = queryset.filter(open_follow_up)
        elif data["follow_up"] == "overdue":
            queryset = queryset.filter(open_follow_up, follow_up_due__lt=timezone.localdate())
        elif data["follow_up"] == "done":
            queryset = queryset.filter(follow_up_done=True)
        return queryset


class ConsultationDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "services.view_consultation"
    queryset = Consultation.objects.select_related("organization", "recorded_by")


class ConsultationFormMixin(RecordFormMixin):
    model = Consultation
    form_class = ConsultationForm
    saved_message = gettext_lazy("Consultation saved.")


class ConsultationCreate(ConsultationFormMixin, VisitCreate):
    permission_required = "services.add_consultation"
    author_field = "adviser"


class ConsultationUpdate(ConsultationFormMixin, UpdateView):
    permission_required = "services.change_consultation"


@require_POST
@permission_required("services.change_consultation", raise_exception=True)
def consultation_follow_up_done(request, pk):
    """One tap on the visit's page marks its follow-up done."""
    consultation = visible_or_404(request.user, Consultation, pk=pk)
    if consultation.follow_up and not consultation.follow_up_done:
        consultation.follow_up_done = True
        consultation.save(update_fields=["follow_up_done", "updated_at"])
        messages.success(request, _("Follow-up marked as done."))
    return redirect(consultation)


class AssessmentList(FilteredListView):
    permission_required = "services.view_needsassessment"
    filter_form_class = AssessmentFilterForm
    template_name = "services/assessment_list.html"
    queryset = NeedsAssessment.objects.select_related("organization").prefetch_related("scores")
    ordering = ["-date", "organization__name_ar"]

    def apply_filters(self, queryset, data):
        if data["organization"]:
            queryset = queryset.filter(organization=data["organization"])
        return queryset


class AssessmentDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "services.view_needsassessment"
    queryset = NeedsAssessment.objects.select_related("organization").prefetch_related(
        Prefetch("scores", AssessmentScore.objects.select_related("area"))
    )
    template_name = "services/assessment_detail.html"


class AssessmentFormMixin(RecordFormMixin):
    model = NeedsAssessment
    form_class = NeedsAssessmentForm
    template_name = "services/assessment_form.html"
    saved_message = gettext_lazy("Needs assessment saved.")

    def form_valid(self, form):
        # The assessment and its scores are saved together or not at all.
        with transaction.atomic():
            response = super().form_valid(form)
            for area, (score, note) in form.scores().items():
                AssessmentScore.objects.update_or_create(
                    assessment=self.object, area=area, defaults={"score": score, "note": note}
                )
        return response


class AssessmentCreate(AssessmentFormMixin, VisitCreate):
    permission_required = "services.add_needsassessment"
    author_field = "assessed_by"


class AssessmentUpdate(AssessmentFormMixin, UpdateView):
    permission_required = "services.change_needsassessment"
