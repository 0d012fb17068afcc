"""The admin: catalogues and projects; sessions through the same door as the app (trainings.writes);
marks and enrolments shown read-only, since the app's own pages write them."""

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_export import ExcelExportMixin
from core.centres import CentreScopedAdmin
from organizations.resources import all_or_nothing
from trainings import writes
from trainings.models import (
    Attendance,
    Enrollment,
    OrganizationRequest,
    Phase,
    Project,
    Session,
    Topic,
    Trainer,
    WaitingPlace,
    Workshop,
)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Project)
class ProjectAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["code", "name_ar", "name_en", "centre", "start_date", "end_date"]
    list_select_related = ["centre"]
    search_fields = ["code", "name_ar", "name_en"]
    inlines = [PhaseInline]
    # Issue 17: the manager (a user or a person), the project followed, the targeted organisations.
    autocomplete_fields = ["manager_user", "manager_person", "follows", "organizations"]


@admin.register(Topic)
class TopicAdmin(ExcelExportMixin, ImportMixin, CentreScopedAdmin, admin.ModelAdmin):
    """Topics are imported here only (all or nothing); exported by the shared Excel action."""

    resource_classes = [all_or_nothing(Topic)]
    list_display = ["name_ar", "name_en", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name_ar", "name_en"]


@admin.register(Trainer)
class TrainerAdmin(ExcelExportMixin, ImportMixin, CentreScopedAdmin, admin.ModelAdmin):
    """Trainers are imported here only (all or nothing); exported by the shared Excel action."""

    resource_classes = [all_or_nothing(Trainer)]
    list_display = ["name", "phone", "email", "user", "active"]
    list_filter = ["active", "topics"]
    search_fields = ["name", "phone", "email"]
    filter_horizontal = ["topics"]
    autocomplete_fields = ["user"]


class DeletesMarksWithIt(CentreScopedAdmin, admin.ModelAdmin):
    """Deleting a workshop or a session deletes its marks and enrolments with it.

    Their own admin is read-only (no delete), which would refuse every such delete: the
    user's delete permission on them is asked instead, as for any other model.
    """

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for model in (Attendance, Enrollment):
            opts = model._meta
            if request.user.has_perm(f"{opts.app_label}.{get_permission_codename('delete', opts)}"):
                perms_needed.discard(opts.verbose_name)
        return deleted, counts, perms_needed, protected


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = ["date", "start_time", "end_time", "topic", "trainer", "venue"]


@admin.register(Workshop)
class WorkshopAdmin(DeletesMarksWithIt):
    list_display = ["title", "project", "phase", "start_date", "end_date", "venue", "capacity"]
    list_filter = ["project", "topics"]
    list_select_related = ["project", "phase", "venue__centre"]
    search_fields = ["title"]
    filter_horizontal = ["topics", "trainers"]
    date_hierarchy = "start_date"
    inlines = [SessionInline]

    def save_formset(self, request, form, formset, change):
        """The sessions of the inline go through the door, as on the app's pages (trainings.writes)."""
        if formset.model is not Session:
            return super().save_formset(request, form, formset, change)
        sessions = formset.save(commit=False)
        writes.delete_sessions(formset.deleted_objects, request.user)
        for session in sessions:
            writes.save_session(session, request.user)


@admin.register(Session)
class SessionAdmin(DeletesMarksWithIt):
    list_display = ["workshop", "date", "start_time", "end_time", "topic", "trainer"]
    list_select_related = ["workshop", "topic", "trainer"]
    raw_id_fields = ["workshop"]
    date_hierarchy = "date"

    # Through the door, as on the app's pages: it locks the workshop(s) and keeps their tallies.
    def save_model(self, request, obj, form, change):
        writes.save_session(obj, request.user)

    def delete_model(self, request, obj):
        writes.delete_session(obj, request.user)

    def delete_queryset(self, request, queryset):
        writes.delete_sessions(queryset, request.user)


class WrittenInTheApp(CentreScopedAdmin, admin.ModelAdmin):
    """Shown here, written only on the app's own pages (through trainings.writes), which keep
    the merge of concurrent saves, the history and the tallies; written_on says which page."""

    written_on = ""  # which page of the app writes these rows
    change_list_template = "trainings/admin/written_in_the_app_list.html"
    change_form_template = "trainings/admin/written_in_the_app_form.html"
    readonly_fields = ["app_page"]

    def page_of(self, obj):
        """The object whose page (get_absolute_url) writes obj."""
        raise NotImplementedError

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"written_on": self.written_on, **(extra_context or {})})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {"written_on": self.written_on, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("Written on"))
    def app_page(self, obj):
        page = self.page_of(obj)
        return format_html('<a href="{}">{}</a>', page.get_absolute_url(), page)


@admin.register(Enrollment)
class EnrollmentAdmin(WrittenInTheApp):
    written_on = _(
        "Enrolments are made on each workshop's enrolment page, and withdrawn on the workshop's page; "
        "this list only shows them."
    )
    list_display = ["person", "workshop", "enrolled_at", "withdrawn_at"]
    list_select_related = ["person", "workshop"]
    search_fields = ["person__search_name", "workshop__title"]

    def page_of(self, obj):
        return obj.workshop


@admin.register(Attendance)
class AttendanceAdmin(WrittenInTheApp):
    written_on = _(
        "Attendance marks are written on each session's attendance page, which keeps their history "
        "and merges saves made at the same time; this list only shows them."
    )
    list_display = ["session", "person", "status", "recorded_by", "recorded_at"]
    list_filter = ["status"]
    list_select_related = ["session__workshop", "person", "recorded_by"]

    def page_of(self, obj):
        return obj.session


# Issue 17: organisations' requests and waiting lists ------------------------------------------


@admin.register(OrganizationRequest)
class OrganizationRequestAdmin(CentreScopedAdmin, SimpleHistoryAdmin):
    """A request's decision is taken on its page in the app (trainings.requests.review, which also
    makes an accepted organisation one of the project's); here it is shown, not changed."""

    list_display = ["organization", "kind", "project", "centre", "date", "status", "reviewed_by", "reviewed_at"]
    list_filter = ["status", "kind", "centre"]
    list_select_related = ["organization", "project", "centre", "reviewed_by"]
    search_fields = ["organization__search_name", "contact_name"]
    date_hierarchy = "date"
    readonly_fields = ["status", "reason", "reviewed_by", "reviewed_at", "recorded_by"]
    autocomplete_fields = ["organization"]


@admin.register(WaitingPlace)
class WaitingPlaceAdmin(WrittenInTheApp):
    written_on = _(
        "Waiting lists are kept on each workshop's enrolment page: people move up when a place frees; "
        "this list only shows them."
    )
    list_display = ["person", "workshop", "since"]
    list_select_related = ["person", "workshop"]
    search_fields = ["person__search_name", "workshop__title"]

    def page_of(self, obj):
        return obj.workshop
