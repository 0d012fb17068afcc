"""The pages of meetings and networking events: list with its figures, record, page, who came."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, UpdateView

from core.centres import scope_form, visible_or_404
from core.views import CentreScopedMixin, FilteredListView, RecordFormMixin, history_context
from organizations.arabic import normalize
from services import meetings
from services.meeting_forms import AttendanceForm, MeetingFilterForm, MeetingForm, StakeholderFormSet
from services.models import Meeting

LIST = Meeting.objects.select_related("centre", "room__centre").annotate(
    organization_count=Count("organizations", distinct=True), attendee_count=Count("attendees", distinct=True)
)


class MeetingList(FilteredListView):
    permission_required = "services.view_meeting"
    filter_form_class = MeetingFilterForm
    template_name = "services/meeting_list.html"
    queryset = LIST

    def apply_filters(self, queryset, data):
        if data["q"]:
            text = data["q"]
            queryset = queryset.filter(
                Q(title__icontains=text) | Q(organizations__search_name__contains=normalize(text))
            ).distinct()
        for name in ("kind", "centre"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        if data["organization"]:
            queryset = queryset.filter(organizations=data["organization"])
        if data["date_from"]:
            queryset = queryset.filter(date__gte=data["date_from"])
        if data["date_to"]:
            queryset = queryset.filter(date__lte=data["date_to"])
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # What the centre-wide report counts, over the meetings listed (whatever the page).
        shown = Meeting.objects.filter(pk__in=self.object_list.order_by().values("pk"))
        context["figures"] = meetings.figures(shown)
        return context


class MeetingDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "services.view_meeting"
    queryset = Meeting.objects.select_related("centre", "room__centre", "recorded_by").prefetch_related(
        "organizations", "stakeholders"
    )
    template_name = "services/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendees"] = list(self.object.attendees.select_related("organization").order_by("full_name"))
        context["is_upcoming"] = self.object.date >= timezone.localdate()
        context.update(history_context(self.request.user, self.object))
        return context


class MeetingFormMixin(RecordFormMixin):
    model = Meeting
    form_class = MeetingForm
    template_name = "services/meeting_form.html"
    creator_field = "recorded_by"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "stakeholders" not in context:
            context["stakeholders"] = StakeholderFormSet(instance=self.object or Meeting())
        return context

    def form_valid(self, form):
        stakeholders = StakeholderFormSet(self.request.POST, instance=self.object or Meeting())
        if not stakeholders.is_valid():
            return self.form_invalid(form, stakeholders)
        meeting = form.save(commit=False)

        def save():
            meeting.save()
            form.save_m2m()
            stakeholders.instance = meeting
            stakeholders.save()

        try:
            with transaction.atomic():
                meetings.save_meeting(meeting, save)
        except ValidationError as taken:
            # The room was taken between the form's check and the save (organizations.occupancy).
            form.add_error(None, taken)
            return self.form_invalid(form, stakeholders)
        self.object = meeting
        messages.success(self.request, _("Meeting “%(name)s” saved.") % {"name": meeting.title})
        return HttpResponseRedirect(meeting.get_absolute_url())

    def form_invalid(self, form, stakeholders=None):
        if stakeholders is None:
            stakeholders = StakeholderFormSet(self.request.POST, instance=self.object or Meeting())
            stakeholders.is_valid()  # its errors are shown with the form's
        context = self.get_context_data(form=form, stakeholders=stakeholders)
        return self.render_to_response(context, status=400)


class MeetingCreate(MeetingFormMixin, CreateView):
    permission_required = "services.add_meeting"
    initial_from_query = ("room", "centre")

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("date", timezone.localdate())
        return initial


class MeetingUpdate(MeetingFormMixin, UpdateView):
    permission_required = "services.change_meeting"


@permission_required("services.change_meeting", raise_exception=True)
def meeting_attendance(request, pk):
    """Tick who came among the people of the organisations taking part, and count the others."""
    meeting = visible_or_404(request.user, Meeting.objects.select_related("centre"), pk=pk)
    form = scope_form(AttendanceForm(request.POST or None, instance=meeting), request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("Attendance of the meeting saved."))
        return redirect(meeting)
    status = 400 if request.method == "POST" else 200
    chosen = {str(pk) for pk in (form["attendees"].value() or [])}
    context = {"meeting": meeting, "form": form, "people": form.people_shown(), "chosen": chosen}
    return render(request, "services/meeting_attendance.html", context, status=status)
