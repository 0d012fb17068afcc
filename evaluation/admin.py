"""The admin of evaluation: the feedback form's questions and the tests (with their questions and choices),
and the answers, narrowed to the user's centres like the pages. Links are opened and closed from the
workshop's evaluation page (evaluation.writes), so the admin only shows them."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.centres import CentreScopedAdmin
from evaluation import tallies
from evaluation.models import (
    Answer,
    Choice,
    FeedbackQuestion,
    FeedbackResponse,
    KnowledgeTest,
    Opening,
    TestQuestion,
    TestResult,
)


@admin.register(FeedbackQuestion)
class FeedbackQuestionAdmin(CentreScopedAdmin, SimpleHistoryAdmin):
    list_display = ["text_ar", "text_en", "kind", "centre", "order", "active"]
    list_filter = ["kind", "active", "centre"]
    list_editable = ["order", "active"]
    list_select_related = ["centre"]


class TestQuestionInline(admin.TabularInline):
    model = TestQuestion
    extra = 0
    fields = ["order", "text_ar", "text_en"]
    show_change_link = True


@admin.register(KnowledgeTest)
class KnowledgeTestAdmin(CentreScopedAdmin, SimpleHistoryAdmin):
    list_display = ["title_ar", "workshop", "topic", "max_score"]
    list_select_related = ["workshop", "topic"]
    search_fields = ["title_ar", "title_en"]
    autocomplete_fields = ["workshop"]
    inlines = [TestQuestionInline]


class ChoiceFormSet(forms.BaseInlineFormSet):
    """A question needs exactly one right answer (the phone's score counts it)."""

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        right = sum(1 for f in kept if f.cleaned_data.get("correct"))
        if kept and right != 1:
            raise ValidationError(_("Mark exactly one choice as the right answer."))


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 3
    fields = ["order", "text_ar", "text_en", "correct"]


@admin.register(TestQuestion)
class TestQuestionAdmin(admin.ModelAdmin):
    list_display = ["text_ar", "test", "order"]
    list_select_related = ["test"]
    search_fields = ["text_ar", "text_en"]
    inlines = [ChoiceInline]


@admin.register(Opening)
class OpeningAdmin(CentreScopedAdmin, SimpleHistoryAdmin):
    list_display = ["workshop", "kind", "session", "anonymous", "opened_at", "closes_at"]
    list_filter = ["kind", "anonymous"]
    list_select_related = ["workshop", "session"]
    readonly_fields = ["workshop", "kind", "session", "anonymous", "opened_by", "opened_at", "closes_at"]

    def has_add_permission(self, request):
        return False  # opened from the workshop's evaluation page, which makes its QR code

    def has_change_permission(self, request, obj=None):
        return False


class RecountsTallies:
    """A correction or a delete in the admin recounts the workshop's figures (evaluation.tallies)."""

    def workshop_id_of(self, obj):
        return obj.workshop_id

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        tallies.recount([self.workshop_id_of(form.instance)])

    def delete_model(self, request, obj):
        workshop_id = self.workshop_id_of(obj)
        super().delete_model(request, obj)
        tallies.recount([workshop_id])

    def delete_queryset(self, request, queryset):
        workshop_ids = {self.workshop_id_of(obj) for obj in queryset}
        super().delete_queryset(request, queryset)
        tallies.recount(workshop_ids)


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "rating", "text"]


@admin.register(FeedbackResponse)
class FeedbackResponseAdmin(RecountsTallies, CentreScopedAdmin, SimpleHistoryAdmin):
    list_display = ["workshop", "enrollment", "session", "source", "submitted_at"]
    list_filter = ["source"]
    list_select_related = ["workshop", "enrollment__person", "session"]
    readonly_fields = ["workshop", "session", "enrollment", "opening", "source", "entered_by", "submitted_at"]
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False  # typed on the workshop's "paper feedback" page, or answered through a link


@admin.register(TestResult)
class TestResultAdmin(RecountsTallies, CentreScopedAdmin, SimpleHistoryAdmin):
    list_display = ["enrollment", "stage", "score", "max_score", "percent", "source"]
    list_filter = ["stage", "source"]
    list_select_related = ["enrollment__person", "enrollment__workshop"]
    readonly_fields = ["enrollment", "stage", "test", "percent", "source", "entered_by", "taken_at"]
    fields = ["enrollment", "stage", "test", "score", "max_score", "percent", "source", "entered_by", "taken_at"]

    def has_add_permission(self, request):
        return False  # typed on the workshop's score sheet, or taken through a link

    def workshop_id_of(self, obj):
        return obj.enrollment.workshop_id
