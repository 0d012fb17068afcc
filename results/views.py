"""The pages that set up a project's results framework: its periods, results and
indicators, and each indicator's targets and values by period. The IPTT itself is a
report (capacity.reports.iptt_views), which reads every app."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, UpdateView

from core.centres import scope
from core.views import RecordFormMixin
from results.forms import FrameworkForm, IndicatorForm, IndicatorValuesForm, ResultForm
from results.models import Indicator, Result, ResultsFramework
from trainings.models import Project


def _project(user, pk):
    return get_object_or_404(scope(Project.objects.all(), user, "centre"), pk=pk)


@permission_required("results.view_resultsframework", raise_exception=True)
def framework(request, pk):
    """The framework of a project: its periods, outcomes, outputs and indicators; set up on first visit."""
    project = _project(request.user, pk)
    found = ResultsFramework.objects.filter(project=project).first()
    can_change = request.user.has_perm("results.change_resultsframework" if found else "results.add_resultsframework")
    form = FrameworkForm(request.POST or None, instance=found or ResultsFramework(project=project))
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            with transaction.atomic():
                # get_or_create under the project: two first saves at once make one framework.
                saved, _created = ResultsFramework.objects.get_or_create(project=project)
                saved.periodicity = form.cleaned_data["periodicity"]
                saved.save()
            messages.success(request, _("Results framework saved."))
            return redirect("results:framework", project.pk)
    results = []
    if found:
        results = list(found.results.prefetch_related("indicators").select_related("serves"))
    context = {
        "project": project,
        "framework": found,
        "form": form,
        "results": results,
        "periods": found.periods() if found else [],
        "can_change": can_change,
    }
    return render(request, "results/framework.html", context)


class FrameworkChildMixin(RecordFormMixin):
    """A result or an indicator of a project's framework (centre-scoped; 404 outside)."""

    template_name = "results/form.html"

    def get_framework(self):
        if not hasattr(self, "_framework"):
            if getattr(self, "object", None) is not None and self.object.pk:
                self._framework = self.object_framework(self.object)
            else:
                project = _project(self.request.user, self.kwargs["project"])
                self._framework = get_object_or_404(ResultsFramework, project=project)
        return self._framework

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "framework": self.get_framework()}

    def get_success_url(self):
        return self.get_framework().get_setup_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "framework": self.get_framework()}


class ResultMixin(FrameworkChildMixin):
    model = Result
    form_class = ResultForm
    saved_message = gettext_lazy("Result saved.")

    def object_framework(self, obj):
        return obj.framework

    def get_queryset(self):
        return scope(
            Result.objects.select_related("framework__project"), self.request.user, "framework__project__centre"
        )


class ResultCreate(ResultMixin, CreateView):
    permission_required = "results.add_result"


class ResultUpdate(ResultMixin, UpdateView):
    permission_required = "results.change_result"


class IndicatorMixin(FrameworkChildMixin):
    model = Indicator
    form_class = IndicatorForm
    saved_message = gettext_lazy("Indicator saved.")

    def object_framework(self, obj):
        return obj.result.framework

    def get_queryset(self):
        queryset = Indicator.objects.select_related("result__framework__project")
        return scope(queryset, self.request.user, "result__framework__project__centre")


class IndicatorCreate(IndicatorMixin, CreateView):
    permission_required = "results.add_indicator"


class IndicatorUpdate(IndicatorMixin, UpdateView):
    permission_required = "results.change_indicator"


@permission_required("results.change_target", raise_exception=True)
def indicator_values(request, pk):
    """An indicator's targets (and values entered by hand) for every period, in one form."""
    queryset = scope(
        Indicator.objects.select_related("result__framework__project"),
        request.user,
        "result__framework__project__centre",
    )
    indicator = get_object_or_404(queryset, pk=pk)
    framework = indicator.result.framework
    if indicator.manual and not request.user.has_perm("results.change_manualvalue"):
        raise PermissionDenied
    form = IndicatorValuesForm(request.POST or None, indicator=indicator, periods=framework.periods())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Targets and values saved."))
        return redirect("reports:iptt", framework.project_id)
    return render(
        request, "results/indicator_values.html", {"indicator": indicator, "framework": framework, "form": form}
    )
