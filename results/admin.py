"""The results framework in the admin: the same models, rights (model permissions of the
roles) and checks (each model's clean: a period inside the project, no negative number,
a note and evidence for a value typed by hand) as the app's pages, scoped to the
user's centres, with each record's history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.centres import scope
from results.models import Indicator, ManualValue, Result, ResultsFramework, Target


class ScopedAdmin(SimpleHistoryAdmin):
    centre_path = ""

    def get_queryset(self, request):
        return scope(super().get_queryset(request), request.user, self.centre_path)


@admin.register(ResultsFramework)
class ResultsFrameworkAdmin(ScopedAdmin):
    centre_path = "project__centre"
    list_display = ["project", "periodicity"]
    list_select_related = ["project"]


@admin.register(Result)
class ResultAdmin(ScopedAdmin):
    centre_path = "framework__project__centre"
    list_display = ["code", "statement_ar", "kind", "framework"]
    list_filter = ["kind"]
    list_select_related = ["framework__project"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class ManualValueInline(admin.TabularInline):
    model = ManualValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(ScopedAdmin):
    centre_path = "result__framework__project__centre"
    list_display = ["code", "name_ar", "rule", "unit", "baseline", "target", "result"]
    list_filter = ["rule"]
    list_select_related = ["result__framework__project"]
    inlines = [TargetInline, ManualValueInline]


@admin.register(Target)
class TargetAdmin(ScopedAdmin):
    centre_path = "indicator__result__framework__project__centre"
    list_display = ["indicator", "period", "value"]
    list_select_related = ["indicator"]


@admin.register(ManualValue)
class ManualValueAdmin(ScopedAdmin):
    centre_path = "indicator__result__framework__project__centre"
    list_display = ["indicator", "period", "value", "evidence"]
    list_select_related = ["indicator"]
