from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from organizations.arabic import normalize
from organizations.models import Centre, FocusArea, Organization, Person, Region, Room
from organizations.resources import OrganizationResource, PersonResource, RegionResource


class NormalisedSearchMixin:
    """Admin search by the folded name, so "احمد" finds "أحمد" here too."""

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, normalize(search_term))


@admin.register(Region)
class RegionAdmin(ImportExportModelAdmin):
    resource_classes = [RegionResource]
    list_display = ["name_ar", "name_en"]
    search_fields = ["name_ar", "name_en"]


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en"]
    search_fields = ["name_ar", "name_en"]


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "name_en", "region", "town"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name_ar", "centre", "capacity"]
    list_filter = ["centre"]
    list_select_related = ["centre"]


@admin.register(Organization)
class OrganizationAdmin(NormalisedSearchMixin, ImportExportModelAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name_ar", "name_en", "region", "town", "branch_of", "active"]
    list_filter = ["region", "active", "registration_status"]
    list_select_related = ["region", "branch_of"]
    search_fields = ["search_name"]
    autocomplete_fields = ["branch_of"]
    filter_horizontal = ["focus_areas"]


@admin.register(Person)
class PersonAdmin(NormalisedSearchMixin, ImportExportModelAdmin):
    resource_classes = [PersonResource]
    list_display = ["full_name", "gender", "organization", "position"]
    list_filter = ["gender", "organization__region"]
    list_select_related = ["organization"]
    search_fields = ["search_name"]
    autocomplete_fields = ["organization"]
