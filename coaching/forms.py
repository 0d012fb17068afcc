from django import forms
from django.contrib.auth import get_user_model
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from coaching import workflow
from coaching.models import (
    ActionItem,
    AgendaItem,
    CoachingEngagement,
    CoachingSession,
    EngagementStatus,
    Goal,
    Objective,
    PlanValue,
    Stakeholder,
    StrategicPlan,
    SwotCategory,
    SwotItem,
    check_timeline,
)
from core.forms import EmptyChoiceMixin
from organizations.forms import FilterForm
from organizations.models import Organization
from trainings.models import Project


class BootstrapMixin(EmptyChoiceMixin):
    """Bootstrap classes on every widget; selects' empty choice says "— choose —"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
                if isinstance(widget, forms.TextInput | forms.Textarea):
                    widget.attrs.setdefault("dir", "auto")  # Arabic or English text, each the right way round
            widget.attrs.setdefault("class", css)


class CoachChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class EngagementForm(BootstrapMixin, forms.ModelForm):
    coaches = CoachChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Coaches"),
    )

    class Meta:
        model = CoachingEngagement
        fields = ["project", "organization", "coaches", "planned_days", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(active=True)


class EngagementFilterForm(FilterForm):
    project = forms.ModelChoiceField(Project.objects.all(), label=_("Project"), required=False)
    q = forms.CharField(label=_("Organisation"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + EngagementStatus.choices)


class SessionForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = CoachingSession
        fields = ["date", "hours", "participants", "agenda_items", "notes"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "12", "inputmode": "decimal"}),
            "participants": forms.CheckboxSelectMultiple,
            "agenda_items": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    # Shown only when the day is one beyond the plan (see CoachingSession.extra_day).
    confirm_extra_day = forms.BooleanField(label=_("I confirm"), required=False)

    def __init__(self, *args, engagement, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.engagement = engagement
        self.fields["participants"].queryset = engagement.organization.people.order_by("full_name")
        self.fields["agenda_items"].queryset = AgendaItem.objects.all()
        self.extra_day = None

    def _post_clean(self):
        super()._post_clean()
        if "date" in self.errors or (self.instance.pk and "date" not in self.changed_data):
            return  # an error already, or a day already recorded (and confirmed then)
        self.extra_day = self.instance.extra_day()
        if self.extra_day and not self.cleaned_data.get("confirm_extra_day"):
            self.add_error("confirm_extra_day", self.extra_day_warning())

    def extra_day_warning(self):
        """The warning of a day beyond the plan ("day 5 of 4 planned days") or on a completed engagement."""
        days, planned = self.extra_day
        values = {"days": days, "planned": planned}
        if days > planned:
            return (
                ngettext(
                    "This would be day %(days)d of %(planned)d planned day: more coaching days than planned. "
                    "Tick “I confirm” to record it anyway.",
                    "This would be day %(days)d of %(planned)d planned days: more coaching days than planned. "
                    "Tick “I confirm” to record it anyway.",
                    planned,
                )
                % values
            )
        return (
            _(
                "This engagement is marked completed (this would be day %(days)d of %(planned)d). "
                "Tick “I confirm” to record it anyway."
            )
            % values
        )


class ActionItemForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["text", "owner", "due_date", "done"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


ActionItemFormSet = inlineformset_factory(
    CoachingSession, ActionItem, form=ActionItemForm, extra=2, can_delete=True, fk_name="session"
)


# ---------------------------------------------------------------- plans


class PlanCreateForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["organization", "engagement", "title", "start_year", "years", "language"]
        widgets = {"engagement": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(active=True)

    def clean(self):
        cleaned = super().clean()
        engagement, org = cleaned.get("engagement"), cleaned.get("organization")
        if engagement and org and engagement.organization_id != org.pk:
            self.add_error("organization", _("This engagement is with another organisation."))
        return cleaned


class VersionForm(forms.Form):
    """The version of the plan the form was opened on: a save on any other is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PlanForm(BootstrapMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = StrategicPlan
        fields = [
            "title",
            "start_year",
            "years",
            "language",
            "vision",
            "mission",
            "achievements",
            "me_reviewed",
            "me_frequency",
            "me_by_whom",
            "midterm_evaluation",
            "final_evaluation",
        ]
        widgets = {
            "start_year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "vision": forms.Textarea(attrs={"rows": 3}),
            "mission": forms.Textarea(attrs={"rows": 3}),
            "achievements": forms.Textarea(attrs={"rows": 5}),
            "me_reviewed": forms.Textarea(attrs={"rows": 3}),
            "midterm_evaluation": forms.Textarea(attrs={"rows": 3}),
            "final_evaluation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action  # the workflow step asked with this save ("submit"), if any
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def _post_clean(self):
        """Once the typed text is on the plan, show what the step asked for still lacks, field by field."""
        super()._post_clean()
        if self.action:
            for field, message in workflow.unmet(self.action, self.instance).items():
                self.add_error(field, message)

    def clean(self):
        cleaned = super().clean()
        start, years = cleaned.get("start_year"), cleaned.get("years")
        if self.instance.pk and start and years:
            end = start + years - 1
            outside = Objective.objects.filter(goal__plan=self.instance).exclude(
                start_year__gte=start, end_year__lte=end
            )
            count = outside.count()
            if count:
                self.add_error(
                    "start_year",
                    ngettext(
                        "%(count)s objective would fall outside the period %(first)s to %(last)s; "
                        "change its timeline first.",
                        "%(count)s objectives would fall outside the period %(first)s to %(last)s; "
                        "change their timeline first.",
                        count,
                    )
                    % {"count": count, "first": start, "last": end},
                )
        return cleaned


class OrderedRowForm(BootstrapMixin, forms.ModelForm):
    """A row with an order number: left empty, the row keeps its place on the page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = self.fields["order"]
        order.required = False
        order.initial = None
        if not self.instance.pk:
            self.initial.pop("order", None)  # an empty row stays empty, so it is left out
        order.label = _("No.")
        order.widget.attrs.update({"class": "form-control row-order", "min": "0", "inputmode": "numeric"})


def _formset(model, fields, widgets=None, extra=2, fk=StrategicPlan, form=OrderedRowForm, **options):
    return inlineformset_factory(
        fk, model, form=form, fields=["order", *fields], widgets=widgets or {}, extra=extra, can_delete=True, **options
    )


class SwotItemForm(OrderedRowForm):
    """A SWOT row: its category alone is not a row, the text makes it one."""

    def has_changed(self):
        if not self.instance.pk and not str(self["text"].value() or "").strip():
            return False
        return super().has_changed()


# The headings of the SWOT groups, as the plan page and its PDF name them.
SWOT_HEADINGS = {"S": _("Strengths"), "W": _("Weaknesses"), "O": _("Opportunities"), "T": _("Threats")}


class BaseSwotFormSet(BaseInlineFormSet):
    """The SWOT rows, shown grouped by category: each group gets one empty row of its own."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index >= self.initial_form_count():
            codes = SwotCategory.values
            kwargs["initial"] = {"category": codes[(index - self.initial_form_count()) % len(codes)]}
        return kwargs

    def groups(self):
        """(code, label, forms) per category, in S, W, O, T order; rows of no known category last."""
        by_code = {code: [] for code in SwotCategory.values}
        others = []
        for form in self.forms:
            by_code.get(str(form["category"].value() or ""), others).append(form)
        groups = [(code, SWOT_HEADINGS[code], by_code[code]) for code in SwotCategory.values]
        if others:
            groups.append(("", _("No category chosen"), others))
        return groups


ValueFormSet = _formset(PlanValue, ["text"])
StakeholderFormSet = _formset(Stakeholder, ["name", "kind", "role"])
SwotFormSet = _formset(SwotItem, ["category", "text"], extra=4, form=SwotItemForm, formset=BaseSwotFormSet)
GoalFormSet = _formset(Goal, ["text"])


class ObjectiveForm(OrderedRowForm):
    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update(
                {"min": plan.start_year, "max": plan.end_year, "inputmode": "numeric"}
            )

    def clean(self):
        cleaned = super().clean()
        start = (cleaned.get("start_year"), cleaned.get("start_quarter"))
        end = (cleaned.get("end_year"), cleaned.get("end_quarter"))
        for field, message in check_timeline(self.plan, start, end).items():
            self.add_error(field, message)
        return cleaned


ObjectiveFormSet = _formset(
    Objective,
    [
        "text",
        "indicator",
        "baseline",
        "target",
        "responsible",
        "start_year",
        "start_quarter",
        "end_year",
        "end_quarter",
    ],
    fk=Goal,
    form=ObjectiveForm,
)


def save_ordered(formset):
    """Save a formset's rows, deleting ticked ones and numbering the rest 1..n in the order asked."""
    formset.save(commit=False)
    for obj in formset.deleted_objects:
        obj.delete()
    kept = []
    for index, form in enumerate(formset.forms):
        if form in formset.deleted_forms or not form.has_changed() and not form.instance.pk:
            continue
        order = form.cleaned_data.get("order")
        kept.append((order if order is not None else 10_000, index, form))
    kept.sort(key=lambda item: item[:2])
    for number, (_order, _index, form) in enumerate(kept, start=1):
        form.instance.order = number
        form.instance.save()
