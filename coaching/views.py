from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from coaching.forms import (
    ActionItemFormSet,
    EngagementFilterForm,
    EngagementForm,
    GoalFormSet,
    ObjectiveFormSet,
    PlanCreateForm,
    PlanForm,
    SessionForm,
    StakeholderFormSet,
    SwotFormSet,
    ValueFormSet,
    VersionForm,
    save_ordered,
)
from coaching.models import (
    ActionItem,
    CoachingEngagement,
    CoachingSession,
    Goal,
    PlanRevision,
    PlanStatus,
    StrategicPlan,
)
from coaching.plans import (
    StaleEdit,
    locked_save,
    pdf_filename,
    plan_queryset,
    project_zip,
    render_plan_pdf,
    snapshot,
)
from coaching.progress import attach_agenda
from core.pdf import pdf_response
from core.views import FilteredListView, SavedMessageMixin, history_context
from organizations.models import Organization
from organizations.search import search
from trainings.models import Project

# ---------------------------------------------------------------- engagements


class EngagementList(FilteredListView):
    """The progress table: days delivered against planned and agenda coverage, per organisation."""

    model = CoachingEngagement
    permission_required = "coaching.view_coachingengagement"
    filter_form_class = EngagementFilterForm
    template_name = "coaching/engagement_list.html"

    def get_queryset(self):
        self.queryset = (
            CoachingEngagement.objects.select_related("organization", "project")
            .prefetch_related("coaches")
            .with_progress()
            .order_by("project", "organization__name_ar")
        )
        return super().get_queryset()

    def apply_filters(self, queryset, data):
        if data["project"]:
            queryset = queryset.filter(project=data["project"])
        if data["q"]:
            queryset = queryset.filter(organization__in=search(Organization.objects.all(), data["q"]).values("pk"))
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agenda_total"] = attach_agenda(context["object_list"])
        return context


class EngagementDetail(PermissionRequiredMixin, DetailView):
    raise_exception = True
    permission_required = "coaching.view_coachingengagement"
    queryset = (
        CoachingEngagement.objects.select_related("organization", "project", "phase")
        .prefetch_related("coaches")
        .with_progress()
    )
    template_name = "coaching/engagement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self.object
        context["sessions"] = engagement.sessions.prefetch_related("participants", "agenda_items")
        context["action_items"] = engagement.action_items.select_related("session")
        context["agenda_total"] = attach_agenda([engagement])
        context["plans"] = engagement.organization.strategic_plans.all()
        return context


class EngagementFormMixin(PermissionRequiredMixin, SavedMessageMixin):
    raise_exception = True
    model = CoachingEngagement
    form_class = EngagementForm
    template_name = "coaching/engagement_form.html"
    saved_message = gettext_lazy("Coaching engagement saved.")


class EngagementCreate(EngagementFormMixin, CreateView):
    permission_required = "coaching.add_coachingengagement"

    def get_initial(self):
        initial = super().get_initial()
        for key in ("project", "organization"):
            value = self.request.GET.get(key, "")
            if value.isdigit():
                initial[key] = value
        return initial


class EngagementUpdate(EngagementFormMixin, UpdateView):
    permission_required = "coaching.change_coachingengagement"


# ---------------------------------------------------------------- sessions


def _session_form(request, engagement, session=None):
    data = request.POST if request.method == "POST" else None
    form = SessionForm(data, instance=session, engagement=engagement)
    if session is None and data is None:
        form.initial["date"] = min(timezone.localdate(), engagement.period()[1])
    actions = ActionItemFormSet(data, instance=form.instance, prefix="actions")
    if data is not None and form.is_valid() and actions.is_valid():
        with transaction.atomic():
            if form.instance.pk is None:
                form.instance.created_by = request.user
            saved = form.save()
            for item in actions.save(commit=False):
                item.engagement = engagement
                item.session = saved
                item.save()
            for item in actions.deleted_objects:
                item.delete()
        messages.success(request, _("Coaching session saved."))
        return redirect(engagement)
    context = {"engagement": engagement, "form": form, "actions": actions, "session": session}
    if session is not None:
        context |= history_context(request.user, session)
    return render(request, "coaching/session_form.html", context)


@permission_required("coaching.add_coachingsession", raise_exception=True)
def session_create(request, pk):
    engagement = get_object_or_404(CoachingEngagement.objects.select_related("organization", "project", "phase"), pk=pk)
    return _session_form(request, engagement)


@permission_required("coaching.change_coachingsession", raise_exception=True)
def session_update(request, pk):
    session = get_object_or_404(
        CoachingSession.objects.select_related("engagement__organization", "engagement__project", "engagement__phase"),
        pk=pk,
    )
    return _session_form(request, session.engagement, session)


@require_POST
@permission_required("coaching.change_actionitem", raise_exception=True)
def action_toggle(request, pk):
    item = get_object_or_404(ActionItem, pk=pk)
    item.done = not item.done
    item.save(update_fields=["done"])
    return redirect(item.engagement)


# ---------------------------------------------------------------- plans


class PlanList(FilteredListView):
    model = StrategicPlan
    permission_required = "coaching.view_strategicplan"
    filter_form_class = EngagementFilterForm
    template_name = "coaching/plan_list.html"

    def get_queryset(self):
        self.queryset = StrategicPlan.objects.select_related("organization", "engagement__project")
        return super().get_queryset()

    def apply_filters(self, queryset, data):
        if data["project"]:
            queryset = queryset.filter(engagement__project=data["project"])
        if data["q"]:
            queryset = queryset.filter(organization__in=search(Organization.objects.all(), data["q"]).values("pk"))
        return queryset

    def get_filter_form(self):
        form = super().get_filter_form()
        form.fields.pop("status", None)
        return form


class PlanCreate(PermissionRequiredMixin, CreateView):
    raise_exception = True
    permission_required = "coaching.add_strategicplan"
    model = StrategicPlan
    form_class = PlanCreateForm
    template_name = "coaching/plan_create.html"

    def get_initial(self):
        initial = {"start_year": timezone.localdate().year + 1, "years": 3, "language": "ar"}
        engagement = self.request.GET.get("engagement", "")
        if engagement.isdigit():
            found = CoachingEngagement.objects.filter(pk=engagement).select_related("organization").first()
            if found:
                initial.update(engagement=found.pk, organization=found.organization_id)
                initial["title"] = _("Strategic plan of %(name)s") % {"name": found.organization.name}
        organization = self.request.GET.get("organization", "")
        if organization.isdigit() and "organization" not in initial:
            initial["organization"] = organization
        return initial

    def form_valid(self, form):
        with transaction.atomic():
            form.instance.updated_by = self.request.user
            plan = form.save()
            plan = plan_queryset().get(pk=plan.pk)
            PlanRevision.objects.create(
                plan=plan, version=plan.version, status=plan.status, data=snapshot(plan), saved_by=self.request.user
            )
        messages.success(self.request, _("Plan created. Now write its sections."))
        return redirect("coaching:plan_edit", plan.pk)


class PlanDetail(PermissionRequiredMixin, DetailView):
    raise_exception = True
    permission_required = "coaching.view_strategicplan"
    template_name = "coaching/plan_detail.html"

    def get_queryset(self):
        return plan_queryset().select_related("engagement__project", "updated_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["revisions"] = self.object.revisions.select_related("saved_by")[:20]
        context["swot"] = snapshot(self.object)["swot"]
        return context


PLAN_FORMSETS = (
    ("values", ValueFormSet),
    ("stakeholders", StakeholderFormSet),
    ("swot", SwotFormSet),
    ("goals", GoalFormSet),
)

STALE_MESSAGE = _(
    "Someone else saved this plan while you were editing it (it is now at version %(current)s; you started "
    "from version %(yours)s). Nothing of yours was saved, and your text is still in the form below. Open the "
    "plan in a new tab to see their changes, copy what you need, then reload this page."
)


def _stale(form, error, yours):
    form.add_error(None, STALE_MESSAGE % {"current": error.current_version, "yours": yours})


class PlanEdit(PermissionRequiredMixin, View):
    """Every section of a plan on one page, saved whole or not at all."""

    raise_exception = True
    permission_required = "coaching.change_strategicplan"

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(StrategicPlan.objects.select_related("organization"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, formsets, status=200):
        context = {"plan": self.plan, "form": form, "formsets": dict(formsets)}
        context["goals"] = list(self.plan.goals.all()) if self.plan.pk else []
        return render(self.request, "coaching/plan_edit.html", context, status=status)

    def get(self, request, pk):
        form = PlanForm(instance=self.plan)
        formsets = [(name, cls(instance=self.plan, prefix=name)) for name, cls in PLAN_FORMSETS]
        return self.render(form, formsets)

    def post(self, request, pk):
        plan = self.plan
        submitting = "submit" in request.POST
        old_status = plan.status
        form = PlanForm(request.POST, instance=plan, submitting=submitting)
        formsets = [(name, cls(request.POST, instance=plan, prefix=name)) for name, cls in PLAN_FORMSETS]
        if not (form.is_valid() and all(fs.is_valid() for _name, fs in formsets)):
            messages.error(request, _("The plan was not saved: please correct the errors shown below."))
            return self.render(form, formsets)
        if submitting:
            plan.status = PlanStatus.REVIEW
        elif old_status == PlanStatus.APPROVED:
            plan.status = PlanStatus.DRAFT
            plan.approved_at = plan.approved_by = None

        def write():
            form.save()
            for _name, formset in formsets:
                save_ordered(formset)

        yours = form.cleaned_data["version"]
        try:
            locked_save(plan, yours, request.user, write, note=_("Sent for approval") if submitting else "")
        except StaleEdit as error:
            plan.status = old_status
            _stale(form, error, yours)
            return self.render(form, formsets, status=409)
        if submitting:
            messages.success(request, _("Plan saved and sent for approval."))
        elif old_status == PlanStatus.APPROVED:
            messages.warning(request, _("Plan saved. It was approved; it is a draft again until it is re-approved."))
        else:
            messages.success(request, _("Plan saved."))
        if "continue" in request.POST:
            return redirect("coaching:plan_edit", plan.pk)
        return redirect(plan)


class GoalObjectives(PermissionRequiredMixin, View):
    """The objectives of one goal, with their timeline, under the plan's lock."""

    raise_exception = True
    permission_required = "coaching.change_strategicplan"

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(StrategicPlan.objects.select_related("organization"), pk=kwargs["pk"])
        self.goal = get_object_or_404(Goal, pk=kwargs["goal_pk"], plan=self.plan)
        return super().dispatch(request, *args, **kwargs)

    def render(self, version_form, formset, status=200):
        context = {"plan": self.plan, "goal": self.goal, "version_form": version_form, "formset": formset}
        context["goals"] = list(self.plan.goals.all())
        return render(self.request, "coaching/goal_objectives.html", context, status=status)

    def formset(self, data=None):
        return ObjectiveFormSet(data, instance=self.goal, prefix="objectives", form_kwargs={"plan": self.plan})

    def get(self, request, pk, goal_pk):
        return self.render(VersionForm(initial={"version": self.plan.version}), self.formset())

    def post(self, request, pk, goal_pk):
        version_form = VersionForm(request.POST)
        formset = self.formset(request.POST)
        if not (version_form.is_valid() and formset.is_valid()):
            messages.error(request, _("The objectives were not saved: please correct the errors shown below."))
            return self.render(version_form, formset)
        plan = self.plan
        if plan.status == PlanStatus.APPROVED:
            plan.status = PlanStatus.DRAFT
            plan.approved_at = plan.approved_by = None
        yours = version_form.cleaned_data["version"]
        try:
            locked_save(plan, yours, request.user, lambda: save_ordered(formset))
        except StaleEdit as error:
            _stale(version_form, error, yours)
            return self.render(version_form, formset, status=409)
        messages.success(request, _("Objectives saved."))
        if "continue" in request.POST:
            return redirect("coaching:goal_objectives", plan.pk, self.goal.pk)
        return redirect("coaching:plan_edit", plan.pk)


@require_POST
def plan_status(request, pk):
    """Send for approval, approve, or return to draft; refused if the plan changed meanwhile."""
    plan = get_object_or_404(StrategicPlan, pk=pk)
    action = request.POST.get("action")
    needed = "coaching.approve_strategicplan" if action == "approve" else "coaching.change_strategicplan"
    if not request.user.has_perm(needed):
        raise PermissionDenied
    form = VersionForm(request.POST)
    if not form.is_valid() or action not in ("submit", "approve", "draft"):
        messages.error(request, _("This action could not be done."))
        return redirect(plan)
    if action in ("submit", "approve") and not plan.vision.strip():
        messages.error(request, _("Write the vision before sending the plan for approval."))
        return redirect(plan)
    if action == "approve" and plan.status != PlanStatus.REVIEW:
        messages.error(request, _("Only a plan sent for approval can be approved."))
        return redirect(plan)

    def write():
        if action == "approve":
            plan.status, plan.approved_at, plan.approved_by = PlanStatus.APPROVED, timezone.now(), request.user
        else:
            plan.status = PlanStatus.REVIEW if action == "submit" else PlanStatus.DRAFT
            plan.approved_at = plan.approved_by = None

    notes = {"submit": _("Sent for approval"), "approve": _("Approved"), "draft": _("Returned to draft")}
    try:
        locked_save(plan, form.cleaned_data["version"], request.user, write, note=notes[action])
    except StaleEdit:
        messages.error(request, _("The plan changed since you opened it; look at it again before this action."))
        return redirect(plan)
    messages.success(request, notes[action])
    return redirect(plan)


@permission_required("coaching.view_strategicplan", raise_exception=True)
def plan_pdf(request, pk):
    plan = get_object_or_404(plan_queryset(), pk=pk)
    return pdf_response(render_plan_pdf(snapshot(plan)), pdf_filename(plan))


@permission_required("coaching.view_strategicplan", raise_exception=True)
def revision_pdf(request, pk, version):
    revision = get_object_or_404(PlanRevision, plan_id=pk, version=version)
    data = revision.data
    return pdf_response(render_plan_pdf(data, revision.saved_at.date()), pdf_filename(data, version))


@permission_required("coaching.export_strategicplan", raise_exception=True)
def project_plans_zip(request, pk):
    project = get_object_or_404(Project, pk=pk)
    plans = plan_queryset().filter(engagement__project=project).order_by("organization__name_ar", "pk")
    if not plans:
        raise Http404(_("This project has no strategic plans yet."))
    archive = project_zip(plans)
    return FileResponse(archive, as_attachment=True, filename=f"strategic-plans-{project.code or project.pk}.zip")
