import shutil

from django.conf import settings
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

from coaching import workflow
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
    StrategicPlan,
)
from coaching.plans import (
    StaleEdit,
    cached_plan_pdf,
    first_save,
    pdf_filename,
    plan_queryset,
    project_zip,
    render_plan_pdf,
    snapshot,
)
from coaching.progress import attach_agenda
from core.centres import scope, visible_or_404
from core.jobs.start import ZIP, respond, start
from core.parsing import parse_id
from core.pdf import pdf_response
from core.views import CentreScopedMixin, FilteredListView, OneTimeCreateMixin, SavedMessageMixin, history_context
from organizations.models import Organization
from organizations.search import search
from trainings.models import Project


def ids_from_query(request, *keys):
    """{key: id} for each of keys the query string holds as a number (a link's pre-filled choice)."""
    ids = {key: parse_id(request.GET.get(key)) for key in keys}
    return {key: value for key, value in ids.items() if value is not None}


class CoachingList(FilteredListView):
    """A list filtered by project, organisation (Arabic-aware search) and, where the form has it, status."""

    filter_form_class = EngagementFilterForm
    project_lookup = "project"

    def apply_filters(self, queryset, data):
        if data["project"]:
            queryset = queryset.filter(**{self.project_lookup: data["project"]})
        if data["q"]:
            queryset = queryset.filter(organization__in=search(Organization.objects.all(), data["q"]).values("pk"))
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset


# ---------------------------------------------------------------- engagements


class EngagementList(CoachingList):
    """The progress table: days delivered against planned and agenda coverage, per organisation."""

    model = CoachingEngagement
    permission_required = "coaching.view_coachingengagement"
    template_name = "coaching/engagement_list.html"

    def get_queryset(self):
        self.queryset = (
            CoachingEngagement.objects.select_related("organization", "project")
            .for_progress()
            .order_by("project", "organization__name_ar")
        )
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agenda_total"] = attach_agenda(context["object_list"])
        return context


class EngagementDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "coaching.view_coachingengagement"
    queryset = CoachingEngagement.objects.select_related("organization", "project", "phase").for_progress()
    template_name = "coaching/engagement_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        engagement = self.object
        context["sessions"] = engagement.sessions.prefetch_related("participants", "agenda_items")
        context["action_items"] = engagement.action_items.select_related("session")
        context["agenda_total"] = attach_agenda([engagement])
        context["plans"] = engagement.organization.strategic_plans.all()
        return context


class EngagementFormMixin(PermissionRequiredMixin, CentreScopedMixin, SavedMessageMixin):
    raise_exception = True
    model = CoachingEngagement
    form_class = EngagementForm
    template_name = "coaching/engagement_form.html"
    saved_message = gettext_lazy("Coaching engagement saved.")


class EngagementCreate(OneTimeCreateMixin, EngagementFormMixin, CreateView):
    permission_required = "coaching.add_coachingengagement"

    def get_initial(self):
        return super().get_initial() | ids_from_query(self.request, "project", "organization")


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
    engagement = visible_or_404(
        request.user, CoachingEngagement.objects.select_related("organization", "project", "phase"), pk=pk
    )
    return _session_form(request, engagement)


@permission_required("coaching.change_coachingsession", raise_exception=True)
def session_update(request, pk):
    session = visible_or_404(
        request.user,
        CoachingSession.objects.select_related("engagement__organization", "engagement__project", "engagement__phase"),
        pk=pk,
    )
    return _session_form(request, session.engagement, session)


@require_POST
@permission_required("coaching.change_actionitem", raise_exception=True)
def action_toggle(request, pk):
    item = visible_or_404(request.user, ActionItem, pk=pk)
    item.done = not item.done
    item.save(update_fields=["done"])
    return redirect(item.engagement)


# ---------------------------------------------------------------- plans


class PlanList(CoachingList):
    model = StrategicPlan
    permission_required = "coaching.view_strategicplan"
    template_name = "coaching/plan_list.html"
    project_lookup = "engagement__project"

    def get_queryset(self):
        self.queryset = StrategicPlan.objects.select_related("organization", "engagement__project")
        return super().get_queryset()

    def get_filter_form(self):
        form = super().get_filter_form()
        form.fields.pop("status", None)
        return form


class PlanCreate(PermissionRequiredMixin, CentreScopedMixin, OneTimeCreateMixin, CreateView):
    raise_exception = True
    permission_required = "coaching.add_strategicplan"
    model = StrategicPlan
    form_class = PlanCreateForm
    template_name = "coaching/plan_create.html"

    def get_initial(self):
        initial = {"start_year": timezone.localdate().year + 1, "years": 3, "language": "ar"}
        initial |= ids_from_query(self.request, "organization")
        engagement = ids_from_query(self.request, "engagement").get("engagement")
        if engagement:
            found = CoachingEngagement.objects.filter(pk=engagement).select_related("organization").first()
            if found:
                initial.update(engagement=found.pk, organization=found.organization_id)
                initial["title"] = _("Strategic plan of %(name)s") % {"name": found.organization.name}
        return initial

    def form_valid(self, form):
        plan = first_save(form.save(commit=False), self.request.user)
        messages.success(self.request, _("Plan created. Now write its sections."))
        return redirect("coaching:plan_edit", plan.pk)


class PlanDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "coaching.view_strategicplan"
    template_name = "coaching/plan_detail.html"

    def get_queryset(self):
        return scope(plan_queryset().select_related("engagement__project", "updated_by"), self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["revisions"] = self.object.revisions.select_related("saved_by")[:20]
        context["swot"] = snapshot(self.object)["swot"]
        context["actions"] = workflow.allowed_actions(self.object, self.request.user)
        return context


PLAN_FORMSETS = (
    ("values", ValueFormSet),
    ("stakeholders", StakeholderFormSet),
    ("swot", SwotFormSet),
    ("goals", GoalFormSet),
)


class PlanEditorView(PermissionRequiredMixin, CentreScopedMixin, View):
    """A page that edits part of a plan: every save goes through the workflow, whole or not at all."""

    raise_exception = True
    permission_required = workflow.CHANGE

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():  # refused before looked up: 403, then 404 for another centre's
            return self.handle_no_permission()
        self.plan = visible_or_404(
            self.request.user, StrategicPlan.objects.select_related("organization"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def plan_context(self):
        return {
            "plan": self.plan,
            "goals": list(self.plan.goals.all()),
            "returns_to_draft": workflow.returns_to_draft(self.plan),
        }

    def save(self, version_form, write, then=None):
        """The workflow's outcome, or None with the reason on version_form (and the status to answer)."""
        yours = version_form.cleaned_data["version"]
        try:
            return workflow.edit(self.plan, yours, self.request.user, write, then=then)
        except StaleEdit as error:
            version_form.add_error(None, error.message(yours))
            self.refused_status = 409
        except workflow.Refused as refused:
            for message in refused.messages:
                version_form.add_error(None, message)
            self.refused_status = 200
        return None


class PlanEdit(PlanEditorView):
    """Every section of a plan on one page, saved whole or not at all."""

    def render(self, form, formsets, status=200):
        context = self.plan_context() | {"form": form, "formsets": dict(formsets)}
        context["can_submit"] = workflow.can(self.plan, "submit", self.request.user)
        return render(self.request, "coaching/plan_edit.html", context, status=status)

    def get(self, request, pk):
        form = PlanForm(instance=self.plan)
        formsets = [(name, cls(instance=self.plan, prefix=name)) for name, cls in PLAN_FORMSETS]
        return self.render(form, formsets)

    def post(self, request, pk):
        then = "submit" if "submit" in request.POST else None
        form = PlanForm(request.POST, instance=self.plan, action=then)
        formsets = [(name, cls(request.POST, instance=self.plan, prefix=name)) for name, cls in PLAN_FORMSETS]
        if not (form.is_valid() and all(fs.is_valid() for _name, fs in formsets)):
            messages.error(request, _("The plan was not saved: please correct the errors shown below."))
            return self.render(form, formsets)

        def write():
            form.save()
            for _name, formset in formsets:
                save_ordered(formset)

        outcome = self.save(form, write, then)
        if outcome is None:
            return self.render(form, formsets, status=self.refused_status)
        if then:
            messages.success(request, _("Plan saved and sent for approval."))
        elif outcome.returned_to_draft:
            messages.warning(request, _("Plan saved. It was approved; it is a draft again until it is re-approved."))
        else:
            messages.success(request, _("Plan saved."))
        if "continue" in request.POST:
            return redirect("coaching:plan_edit", self.plan.pk)
        return redirect(self.plan)


class GoalObjectives(PlanEditorView):
    """The objectives of one goal, with their timeline, under the plan's lock."""

    def dispatch(self, request, *args, **kwargs):
        self.goal = get_object_or_404(Goal, pk=kwargs["goal_pk"], plan_id=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def render(self, version_form, formset, status=200):
        context = self.plan_context() | {"goal": self.goal, "version_form": version_form, "formset": formset}
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
        outcome = self.save(version_form, lambda: save_ordered(formset))
        if outcome is None:
            return self.render(version_form, formset, status=self.refused_status)
        if outcome.returned_to_draft:
            messages.warning(request, _("Plan saved. It was approved; it is a draft again until it is re-approved."))
        else:
            messages.success(request, _("Objectives saved."))
        if "continue" in request.POST:
            return redirect("coaching:goal_objectives", self.plan.pk, self.goal.pk)
        return redirect("coaching:plan_edit", self.plan.pk)


@require_POST
def plan_status(request, pk):
    """Take one step of the workflow; refused if the plan changed meanwhile, done once if asked twice."""
    name = request.POST.get("action")
    if not request.user.has_perm(workflow.permission(name)):
        raise PermissionDenied
    plan = visible_or_404(request.user, StrategicPlan, pk=pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, workflow.CANNOT)
        return redirect(plan)
    try:
        workflow.apply(plan, name, request.user, version=form.cleaned_data["version"])
    except workflow.Refused as refused:
        for message in refused.messages:
            messages.error(request, message)
    except StaleEdit:
        messages.error(request, _("The plan changed since you opened it; look at it again before this action."))
    else:
        messages.success(request, workflow.ACTIONS[name].done)
    return redirect(plan)


@permission_required("coaching.view_strategicplan", raise_exception=True)
def plan_pdf(request, pk):
    plan = visible_or_404(request.user, plan_queryset(), pk=pk)
    return pdf_response(cached_plan_pdf(plan), pdf_filename(plan))


@permission_required("coaching.view_strategicplan", raise_exception=True)
def revision_pdf(request, pk, version):
    revision = visible_or_404(request.user, PlanRevision, plan_id=pk, version=version)
    data = revision.data
    return pdf_response(render_plan_pdf(data, revision.saved_at.date()), pdf_filename(data, version))


@permission_required("coaching.export_strategicplan", raise_exception=True)
def project_plans_zip(request, pk):
    project = visible_or_404(request.user, Project, pk=pk)
    plans = plan_queryset().filter(engagement__project=project).order_by("organization__name_ar", "pk")
    count = plans.count()
    if not count:
        raise Http404(_("This project has no strategic plans yet."))
    filename = f"strategic-plans-{project.code or project.pk}.zip"
    if count > settings.JOBS_SYNC_PLANS:
        job = start(
            request.user,
            kind="coaching.plans_zip",
            label=_("Strategic plans of %(project)s (ZIP)") % {"project": project},
            builder="coaching.views.plans_zip_job",
            parameters={"project": project.pk},
            filename=filename,
            content_type=ZIP,
        )
        return respond(job)
    archive = project_zip(plans)
    return FileResponse(archive, as_attachment=True, filename=filename)


def plans_zip_job(job, progress, path):
    """The ZIP of a project's plans in the background: one PDF per plan, each counted as done."""
    project = visible_or_404(job.owner, Project, pk=job.parameters["project"])
    plans = plan_queryset().filter(engagement__project=project).order_by("organization__name_ar", "pk")
    archive = project_zip(progress.over(plans, total=plans.count()))
    with open(path, "wb") as handle:
        shutil.copyfileobj(archive, handle)
    archive.close()
    return progress.done
