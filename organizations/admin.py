from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportMixin

from core.admin_export import ExcelExportMixin
from core.centres import CentreScopedAdmin
from organizations.arabic import normalize
from organizations.erasure import anonymise
from organizations.imports import write_people
from organizations.models import Centre, FocusArea, Organization, Person, Region, Room
from organizations.resources import OrganizationResource, RegionResource


class NormalisedSearchMixin:
    """Admin search by the folded name, so "احمد" finds "أحمد" here too."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalize(search_term))


# Regions and organisations are imported here only (django-import-export, all or nothing);
# their export is the shared "Export selected to Excel" action.
@admin.register(Region)
class RegionAdmin(ExcelExportMixin, ImportMixin, CentreScopedAdmin, admin.ModelAdmin):
    resource_classes = [RegionResource]
    list_display = ["name_ar", "name_en"]
    search_fields = ["name_ar", "name_en"]


@admin.register(FocusArea)
class FocusAreaAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["name_ar", "name_en"]
    search_fields = ["name_ar", "name_en"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Centre)
class CentreAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "region", "town"]
    filter_horizontal = ["staff"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(CentreScopedAdmin, admin.ModelAdmin):
    list_display = ["name_ar", "centre", "capacity"]
    list_filter = ["centre"]
    list_select_related = ["centre"]


@admin.register(Organization)
class OrganizationAdmin(NormalisedSearchMixin, ExcelExportMixin, ImportMixin, CentreScopedAdmin, admin.ModelAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name_ar", "name_en", "region", "town", "branch_of", "active"]
    list_filter = ["region", "active", "registration_status"]
    list_select_related = ["region", "branch_of"]
    search_fields = ["search_name"]
    autocomplete_fields = ["branch_of"]
    filter_horizontal = ["focus_areas"]


@admin.register(Person)
class PersonAdmin(NormalisedSearchMixin, ExcelExportMixin, CentreScopedAdmin, admin.ModelAdmin):
    """People are imported by the app's one pipeline: the list links to its pages (see the
    template admin/organizations/person/change_list.html). Their export holds personal data:
    it needs the export permission, is written in the import's columns and is recorded."""

    list_display = ["full_name", "gender", "organization", "position"]
    list_filter = ["gender", "organization__region"]
    list_select_related = ["organization"]
    search_fields = ["search_name"]
    autocomplete_fields = ["organization"]
    excel_export_permission = "organizations.export_person"
    excel_export_writer = write_people
    actions = [*ExcelExportMixin.actions, "anonymise_selected"]

    @admin.action(description=_("Erase the personal data of the selected people (keeps the figures)"))
    def anonymise_selected(self, request, queryset):
        # Erasure rewrites a person and deletes their history: the right to delete people.
        if not request.user.has_perm("organizations.delete_person"):
            self.message_user(request, _("You are not allowed to erase people's data."), messages.ERROR)
            return
        ids = list(queryset.values_list("pk", flat=True))
        for pk in ids:
            anonymise(pk, user=request.user)
        self.message_user(
            request,
            ngettext(
                "The personal data of %(count)d person were erased.",
                "The personal data of %(count)d people were erased.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )


class CentreMembershipInline(admin.TabularInline):
    """On a user's page: the centres she works for (core.centres narrows what she sees to them)."""

    model = Centre.staff.through
    extra = 1
    verbose_name = _("centre")
    verbose_name_plural = _("centres (none: an administrator sees every centre, anyone else none)")


class UserWithCentresAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, CentreMembershipInline]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UserWithCentresAdmin)
