from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _

from coaching import workflow
from coaching.models import (
    ActionItem,
    AgendaItem,
    CoachingEngagement,
    CoachingSession,
    PlanRevision,
    StrategicPlan,
)
from coaching.plans import StaleEdit, first_save
from core.centres import CentreScopedAdmin


@admin.register(AgendaItem)
class AgendaItemAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["order", "name_ar", "name_en", "code"]


@admin.register(CoachingEngagement)
class CoachingEngagementAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["organization", "project", "planned_days", "status"]
    list_filter = ["project", "status"]
    filter_horizontal = ["coaches"]


@admin.register(CoachingSession)
class CoachingSessionAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["engagement", "date", "hours"]
    list_filter = ["engagement__project"]


@admin.register(ActionItem)
class ActionItemAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["text", "engagement", "owner", "due_date", "done"]


# ---------------------------------------------------------------- strategic plans: through the workflow


class PlanAdminForm(forms.ModelForm):
    """The plan's text; its status is read-only here and moves only by the workflow's actions."""

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the admin's Meta names the model

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            opened = cleaned.get("opened_version") or self.instance.version
            current = StrategicPlan.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if current != opened:
                raise forms.ValidationError(StaleEdit(current).message(opened))
        return cleaned


def workflow_action(name):
    """An admin action that takes workflow step name on each chosen plan, with the app's rules and messages."""
    step = workflow.ACTIONS[name]

    def run(modeladmin, request, queryset):
        for plan in queryset:
            try:
                workflow.apply(plan, name, request.user)
            except workflow.Refused as refused:
                modeladmin.message_user(request, f"{plan}: {' '.join(map(str, refused.messages))}", messages.ERROR)
            else:
                modeladmin.message_user(request, f"{plan}: {step.done}", messages.SUCCESS)

    run.__name__ = f"plan_{name}"
    return admin.action(description=step.label, permissions=[name])(run)


def may(name):
    """has_<name>_permission for the admin: the workflow says who may take the step."""
    return lambda modeladmin, request: workflow.permitted(name, request.user)


@admin.register(StrategicPlan)
class StrategicPlanAdmin(CentreScopedAdmin, admin.ModelAdmin):
    form = PlanAdminForm
    list_display = ["title", "organization", "start_year", "years", "status", "version"]
    list_filter = ["status", "language"]
    readonly_fields = ["status", "version", "approved_at", "approved_by"]
    actions = [workflow_action(name) for name in workflow.ACTIONS]
    has_submit_permission = may("submit")
    has_approve_permission = may("approve")
    has_draft_permission = may("draft")

    def save_model(self, request, obj, form, change):
        """A new plan is kept as version 1; an edit is a new version, and an approved plan a draft again."""
        if not change:
            first_save(obj, request.user)
            return
        try:
            outcome = workflow.edit(obj, form.cleaned_data.get("opened_version") or obj.version, request.user)
        except StaleEdit as error:  # saved by someone else since clean() compared the versions
            self.message_user(request, error.message(form.cleaned_data.get("opened_version")), messages.ERROR)
            return
        if outcome.returned_to_draft:
            self.message_user(
                request,
                _("Plan saved. It was approved; it is a draft again until it is re-approved."),
                messages.WARNING,
            )


@admin.register(PlanRevision)
class PlanRevisionAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["plan", "version", "status", "saved_by", "saved_at"]
    readonly_fields = ["plan", "version", "status", "data", "saved_by", "saved_at", "note"]
