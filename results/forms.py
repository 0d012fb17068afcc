"""The forms of a results framework: its periods, results, indicators, and an indicator's
targets and values period by period."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.forms import EmptyChoiceMixin
from results.models import RULE_UNITS, Indicator, ManualValue, Result, ResultKind, ResultsFramework, Target

AMOUNT = {"max_digits": 12, "decimal_places": 2, "min_value": 0, "required": False}


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = ResultsFramework
        fields = ["periodicity"]

    def clean_periodicity(self):
        periodicity = self.cleaned_data["periodicity"]
        instance = self.instance
        if (
            instance.pk
            and periodicity != instance.periodicity
            and (
                Target.objects.filter(indicator__result__framework=instance).exists()
                or ManualValue.objects.filter(indicator__result__framework=instance).exists()
            )
        ):
            raise forms.ValidationError(
                _("Targets or values are set by period: remove them before changing the periods.")
            )
        return periodicity


class ResultForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["kind", "code", "statement_ar", "statement_en", "serves", "order"]

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.framework = framework
        outcomes = framework.results.filter(kind=ResultKind.OUTCOME)
        if self.instance.pk:
            outcomes = outcomes.exclude(pk=self.instance.pk)
        self.fields["serves"].queryset = outcomes

    def clean_code(self):
        # The framework is not a field of the form, so Django does not check this constraint itself.
        code = self.cleaned_data["code"]
        taken = Result.objects.filter(framework=self.instance.framework, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another result of this framework has this code."))
        return code


class IndicatorForm(EmptyChoiceMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["result", "code", "name_ar", "name_en", "rule", "unit", "baseline", "target", "order"]

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = framework.results.all()
        self.fields["unit"].help_text = _("Set by the rule when the actual is computed.")

    def clean(self):
        data = super().clean()
        if data.get("rule") in RULE_UNITS:
            data["unit"] = RULE_UNITS[data["rule"]]
        return data


class IndicatorValuesForm(forms.Form):
    """An indicator's target for each period of the project and, when entered by hand, its value,
    note and evidence. Saved together or not at all; sending it twice saves the same."""

    def __init__(self, *args, indicator, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator, self.periods = indicator, periods
        targets = {t.period: t.value for t in indicator.targets.all()}
        values = {v.period: v for v in indicator.values.all()}
        for i, period in enumerate(periods):
            self.fields[f"target_{i}"] = forms.DecimalField(
                label=_("Target"), initial=targets.get(period.key), **AMOUNT
            )
            if indicator.manual:
                entered = values.get(period.key)
                self.fields[f"value_{i}"] = forms.DecimalField(
                    label=_("Actual"), initial=entered and entered.value, **AMOUNT
                )
                self.fields[f"note_{i}"] = forms.CharField(
                    label=_("Note"),
                    required=False,
                    max_length=2000,
                    initial=entered and entered.note,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )
                self.fields[f"evidence_{i}"] = forms.CharField(
                    label=_("Evidence"), required=False, max_length=300, initial=entered and entered.evidence
                )

    def rows(self):
        """(period, [bound fields]) for the template."""
        names = ("target", "value", "note", "evidence")
        return [(p, [self[f"{n}_{i}"] for n in names if f"{n}_{i}" in self.fields]) for i, p in enumerate(self.periods)]

    def clean(self):
        data = super().clean()
        if not self.indicator.manual:
            return data
        for i, _period in enumerate(self.periods):
            for name in ("note", "evidence"):  # CharFields strip and refuse NUL already
                data[f"{name}_{i}"] = data.get(f"{name}_{i}") or ""
            if data.get(f"value_{i}") is None:
                continue
            if not data[f"note_{i}"]:
                self.add_error(f"note_{i}", _("Say how the value was found."))
            if not data[f"evidence_{i}"]:
                self.add_error(f"evidence_{i}", _("Say where the evidence is kept."))
        return data

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        for i, period in enumerate(self.periods):
            _store(Target, self.indicator, period.key, data[f"target_{i}"], {})
            if self.indicator.manual:
                extra = {"note": data[f"note_{i}"], "evidence": data[f"evidence_{i}"]}
                _store(ManualValue, self.indicator, period.key, data[f"value_{i}"], extra)


def _store(model, indicator, period, value, extra):
    """Write or clear one period's number: an emptied field removes it."""
    if value is None:
        model.objects.filter(indicator=indicator, period=period).delete()
    else:
        model.objects.update_or_create(indicator=indicator, period=period, defaults={"value": value, **extra})
