from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from core import panels
from core.centres import visible_or_404
from core.parsing import parse_id
from core.pdf import pdf_response, render_pdf
from core.views import PAGE_SIZE, CentreScopedMixin, FilteredListView, OneTimeCreateMixin, SavedMessageMixin
from organizations.models import Person
from trainings import certificates, dates, project_links, rates, register, rules, waitlist_views, writes
from trainings.attendance import AttendanceSheet, recent_changes
from trainings.forms import EnrollForm, PhaseFormSet, ProjectForm, SessionForm, WorkshopFilterForm, WorkshopForm
from trainings.models import AttendanceStatus, Enrollment, Project, Session, Workshop

# Projects ---------------------------------------------------------------------------------


class ProjectList(PermissionRequiredMixin, CentreScopedMixin, ListView):
    raise_exception = True
    permission_required = "trainings.view_project"
    paginate_by = PAGE_SIZE
    queryset = (
        Project.objects.select_related("centre")
        .annotate(workshop_count=Count("workshops"))
        .order_by("-start_date", "code")
    )


class ProjectDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "trainings.view_project"
    queryset = Project.objects.select_related("centre", "manager_user", "manager_person__organization", "follows")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project_links.lineage_and_requests(self.object, self.request.user))
        workshops = (
            self.object.workshops.select_related("venue__centre")
            .prefetch_related("topics")
            .annotate(
                enrolled=Count("enrollments", filter=Q(enrollments__withdrawn_at__isnull=True), distinct=True),
                session_count=Count("sessions", distinct=True),
            )
            .order_by("start_date", "title")
        )
        phases = list(self.object.phases.all())
        by_phase = {phase.pk: [] for phase in phases}
        for workshop in workshops:
            by_phase.setdefault(workshop.phase_id, []).append(workshop)
        for phase in phases:
            phase.workshop_list = by_phase.get(phase.pk, [])
        context["phases"] = phases
        context["totals"] = Enrollment.objects.filter(
            workshop__project=self.object, withdrawn_at__isnull=True
        ).aggregate(trainees=Count("person", distinct=True), organizations=Count("person__organization", distinct=True))
        context["panels"] = panels.render("project", self.request, self.object)
        return context


class ProjectFormMixin(PermissionRequiredMixin, CentreScopedMixin):
    raise_exception = True
    model = Project
    form_class = ProjectForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "phases" not in context:
            context["phases"] = PhaseFormSet(instance=self.object if self.object else Project())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if kwargs.get("pk") else None
        form = self.get_form()
        phases = PhaseFormSet(request.POST, instance=self.object or Project())
        if form.is_valid() and phases.is_valid():
            with transaction.atomic():
                self.object = form.save()
                phases.instance = self.object
                phases.save()
            messages.success(request, _("Project “%(name)s” saved.") % {"name": self.object})
            return redirect(self.object)
        return self.render_to_response(self.get_context_data(form=form, phases=phases))


class ProjectCreate(OneTimeCreateMixin, ProjectFormMixin, CreateView):
    permission_required = "trainings.add_project"


class ProjectUpdate(ProjectFormMixin, UpdateView):
    permission_required = "trainings.change_project"


# Workshops --------------------------------------------------------------------------------


class WorkshopList(FilteredListView):
    model = Workshop
    permission_required = "trainings.view_workshop"
    filter_form_class = WorkshopFilterForm

    def get_queryset(self):
        self.queryset = (
            Workshop.objects.select_related("project", "phase", "venue__centre")
            .annotate(
                enrolled=Count("enrollments", filter=Q(enrollments__withdrawn_at__isnull=True), distinct=True),
                session_count=Count("sessions", distinct=True),
            )
            .order_by("-start_date", "title")
        )
        return super().get_queryset()

    def apply_filters(self, queryset, data):
        if data["q"]:
            queryset = queryset.filter(title__icontains=data["q"].strip())
        if data["project"]:
            queryset = queryset.filter(project=data["project"])
        if data["topic"]:
            queryset = queryset.filter(topics=data["topic"])
        return queryset


class WorkshopDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    """The workshop, its sessions, the register (people by sessions) with rates, and who completed."""

    raise_exception = True
    permission_required = "trainings.view_workshop"
    queryset = Workshop.objects.select_related("project__centre", "phase", "venue__centre").prefetch_related(
        "topics", "trainers"
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        workshop = self.object
        sessions = list(workshop.sessions.select_related("topic", "trainer", "venue__centre"))
        held = sum(1 for s in sessions if rules.is_held(s))
        enrollments = list(rates.workshop_rates(workshop, held))
        active = [e for e in enrollments if e.withdrawn_at is None]
        grid = register.register_rows(workshop, sessions, enrollments)
        context.update(
            sessions=sessions,
            held=held,
            grid=grid,
            grid_header=register.session_header(sessions),
            active_count=len(active),
            completed=[row for row in grid if row.enrollment.completed],
            can_change_session=self.request.user.has_perm("trainings.change_session"),
            threshold=workshop.project.completion_threshold,
            legend=register.legend(),
            can_withdraw=self.request.user.has_perm("trainings.change_enrollment"),
            today=timezone.localdate(),
            certificates_open=certificates.refusal(sessions) is None,
        )
        return context


class WorkshopFormMixin(PermissionRequiredMixin, CentreScopedMixin, SavedMessageMixin):
    raise_exception = True
    model = Workshop
    form_class = WorkshopForm
    saved_message = gettext_lazy("Workshop “%(name)s” saved.")


class WorkshopCreate(OneTimeCreateMixin, WorkshopFormMixin, CreateView):
    permission_required = "trainings.add_workshop"

    def get_initial(self):
        initial = super().get_initial()
        project = parse_id(self.request.GET.get("project"))
        if project is not None:
            initial["project"] = project
            phase = (
                Project.objects.filter(pk=project).values_list("phases__pk", flat=True).filter(phases__kind="training")
            ).first()
            if phase:
                initial["phase"] = phase
        return initial


class WorkshopUpdate(WorkshopFormMixin, UpdateView):
    permission_required = "trainings.change_workshop"


@permission_required("trainings.add_enrollment", raise_exception=True)
def workshop_enroll(request, pk):
    workshop = visible_or_404(request.user, Workshop.objects.select_related("project"), pk=pk)
    query = request.GET.get("q", "").strip()
    form = EnrollForm(request.POST if request.method == "POST" else None, query=query, user=request.user)
    if request.method == "POST" and form.is_valid():
        people = set(form.cleaned_data["people"])
        orgs = form.cleaned_data["organizations"]
        if orgs:
            people.update(Person.objects.filter(organization__in=orgs))
        result = writes.enroll(workshop, people, request.user)
        waitlist_views.say_enrolled(request, result)
        return redirect(workshop)
    enrolled = set(workshop.enrollments.filter(withdrawn_at__isnull=True).values_list("person_id", flat=True))
    waiting = waitlist_views.waiting_list(workshop)
    return render(
        request,
        "trainings/workshop_enroll.html",
        {
            "workshop": workshop,
            "form": form,
            "query": query,
            "enrolled": enrolled,
            "waiting": waiting,
            "waiting_ids": {place.person_id for place in waiting},
            "free_places": waitlist_views.free_places(workshop, len(enrolled)),
        },
    )


@require_POST
@permission_required("trainings.change_enrollment", raise_exception=True)
def enrollment_withdraw(request, pk):
    enrollment = visible_or_404(request.user, Enrollment.objects.select_related("person", "workshop"), pk=pk)
    if request.POST.get("undo"):
        writes.reenroll(enrollment, request.user)
        text = _("%(name)s is enrolled again.")
        if enrollment.waiting:
            text = _("The workshop is full: %(name)s is on its waiting list.")
    else:
        writes.withdraw(enrollment, request.user)
        text = _("%(name)s withdrew; their past attendance is kept.")
    messages.success(request, text % {"name": enrollment.person})
    waitlist_views.say_moved_up(request, getattr(enrollment, "moved_up", 0))
    return redirect(enrollment.workshop)


# Sessions and attendance ------------------------------------------------------------------


class SessionFormMixin(PermissionRequiredMixin, CentreScopedMixin):
    raise_exception = True
    model = Session
    form_class = SessionForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["workshop"] = self.workshop
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(workshop=self.workshop, **kwargs)

    def form_valid(self, form):
        try:
            self.object = writes.save_session(form, self.request.user)
        except ValidationError as error:
            # The room was taken between the form's check and the save (the database refused).
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Session of %(date)s saved.") % {"date": dates.shown(self.object.date)})
        return redirect(self.workshop)


class SessionCreate(OneTimeCreateMixin, SessionFormMixin, CreateView):
    permission_required = "trainings.add_session"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():  # refused before looked up: 403, then 404 for another centre's
            return self.handle_no_permission()
        self.workshop = visible_or_404(self.request.user, Workshop, pk=kwargs["workshop_pk"])
        return super().dispatch(request, *args, **kwargs)


class SessionUpdate(SessionFormMixin, UpdateView):
    permission_required = "trainings.change_session"

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.workshop = visible_or_404(
            self.request.user, Session.objects.select_related("workshop"), pk=kwargs["pk"]
        ).workshop
        return super().dispatch(request, *args, **kwargs)


SESSION_PAGE = Session.objects.select_related("workshop__project", "topic", "trainer", "venue__centre")


@permission_required("trainings.view_session", raise_exception=True)
def session_attendance(request, pk):
    """One page per session: every enrolled person, a status and a remark each, one save."""
    session = visible_or_404(request.user, SESSION_PAGE, pk=pk)
    can_save = request.user.has_perms(["trainings.add_attendance", "trainings.change_attendance"])
    if request.method != "POST":
        sheet = AttendanceSheet(session)
    else:
        if not can_save:
            raise PermissionDenied
        sheet = AttendanceSheet(session, request.POST)
        if request.POST.get("action") == "all_present":
            # Without JavaScript: show the list again with everyone present, not saved yet.
            sheet.errors = []
            for row in sheet.rows:
                row.errors = []
            sheet.mark_all_present()
            messages.info(request, _("Everyone is marked present; change the exceptions, then save."))
        elif sheet.is_valid():
            written = writes.save_sheet(sheet, request.user)
            if written is not None:
                messages.success(
                    request,
                    ngettext(
                        "Attendance saved (%(count)d mark changed).",
                        "Attendance saved (%(count)d marks changed).",
                        written,
                    )
                    % {"count": written},
                )
                return redirect(reverse("trainings:session_attendance", args=[session.pk]))
            sheet.errors.append(
                _(
                    "Someone else saved different marks for the highlighted people while you were editing. "
                    "Their marks are shown; check them and save again. Nothing was saved."
                )
            )
    return render(
        request,
        "trainings/session_attendance.html",
        {
            "session": session,
            "workshop": session.workshop,
            "sheet": sheet,
            "statuses": AttendanceStatus.choices,
            "can_save": can_save,
            "conflicts": {row.pk for row in sheet.conflicts},
            "history": (
                recent_changes(session) if request.user.has_perm("trainings.view_historicalattendance") else None
            ),
        },
        status=400 if request.method == "POST" and sheet.errors else 200,
    )


# PDFs -------------------------------------------------------------------------------------


@permission_required("trainings.view_session", raise_exception=True)
def session_signin_pdf(request, pk):
    session = visible_or_404(request.user, SESSION_PAGE, pk=pk)
    enrollments = (
        session.workshop.enrollments.filter(withdrawn_at__isnull=True)
        .select_related("person__organization")
        .order_by("person__full_name")
    )
    pdf = render_pdf(
        "trainings/pdf/signin_sheet.html",
        {"session": session, "workshop": session.workshop, "enrollments": enrollments},
        request,
    )
    return pdf_response(pdf, f"sign-in-{session.date:%Y-%m-%d}-{session.pk}")


CERTIFICATE_WORKSHOP = Workshop.objects.select_related("project__centre", "venue__centre").prefetch_related(
    "topics", "trainers", Prefetch("sessions", queryset=Session.objects.select_related("trainer").order_by("date"))
)


@permission_required("trainings.view_workshop", raise_exception=True)
def workshop_certificates_pdf(request, pk, person_pk=None):
    """Completion certificates, one per page: one trainee's, or every trainee's who completed.

    Refused with a page saying why (no PDF) until every session is held, and to anyone
    who did not complete the workshop.
    """
    workshop = visible_or_404(request.user, CERTIFICATE_WORKSHOP, pk=pk)
    sessions = list(workshop.sessions.all())
    reason = certificates.refusal(sessions)
    done = [] if reason else certificates.completers(workshop, person_pk)
    if not reason and not done:
        reason = (
            _("No certificate: this trainee has not completed the workshop.")
            if person_pk is not None
            else _("No certificate: no one has completed the workshop.")
        )
    if reason:
        context = {"workshop": workshop, "reason": reason}
        return render(request, "trainings/certificate_refused.html", context, status=404)
    trainers = sorted({t.name for t in workshop.trainers.all()} | {s.trainer.name for s in sessions if s.trainer})
    comma = ", " if get_language() == "en" else "، "
    pdf = render_pdf(
        "trainings/pdf/certificate.html",
        {
            "workshop": workshop,
            "issued": certificates.issue(done, workshop),
            "topics": list(workshop.topics.all()),
            "first_day": sessions[0].date,
            "last_day": sessions[-1].date,
            "trainers": comma.join(trainers),
            "verify_url": request.build_absolute_uri(reverse("trainings:certificate_verify")),
        },
        request,
    )
    name = f"certificate-{workshop.pk}-{person_pk}" if person_pk else f"certificates-{workshop.pk}"
    return pdf_response(pdf, name)


@permission_required("trainings.view_workshop", raise_exception=True)
def certificate_verify(request):
    """Find a certificate by the code printed on it: whose it is, which workshop, hours, date."""
    typed = request.GET.get("code", "").strip()[:40]
    certificate = certificates.find(typed) if typed else None
    still_completes = None
    if certificate is not None:
        enrollment = certificate.enrollment
        still_completes = bool(certificates.completers(enrollment.workshop, enrollment.person_id))
    context = {"typed": typed, "certificate": certificate, "still_completes": still_completes}
    return render(
        request, "trainings/certificate_verify.html", context, status=404 if typed and not certificate else 200
    )
