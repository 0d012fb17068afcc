from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from core import panels
from core.centres import visible_centre_ids
from core.parsing import parse_id
from core.views import CentreScopedMixin, FilteredListView, RecordFormMixin, history_context
from organizations.forms import OrganizationFilterForm, OrganizationForm, PersonFilterForm, PersonForm
from organizations.models import Organization, Person
from organizations.search import search


class OrganizationList(FilteredListView):
    permission_required = "organizations.view_organization"
    filter_form_class = OrganizationFilterForm
    queryset = Organization.objects.select_related("region", "branch_of").annotate(people_count=Count("people"))
    ordering = ["name_ar"]

    def apply_filters(self, queryset, data):
        queryset = search(queryset, data["q"])
        if data["region"]:
            queryset = queryset.filter(region=data["region"])
        if data["active"] is not None:
            queryset = queryset.filter(active=data["active"])
        return queryset


class OrganizationDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "organizations.view_organization"
    queryset = Organization.objects.select_related("region", "branch_of").prefetch_related("focus_areas", "branches")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = self.object.people.order_by("full_name")
        context["panels"] = panels.render("organization", self.request, self.object)
        return context | history_context(self.request.user, self.object)


class OrganizationFormMixin(RecordFormMixin):
    model = Organization
    form_class = OrganizationForm
    saved_message = _("Organisation “%(name)s” saved.")

    def get_initial(self):
        # A Staff member of one centre registers organisations at her centre.
        initial = super().get_initial()
        ids = visible_centre_ids(self.request.user)
        if ids is not None and len(ids) == 1:
            initial.setdefault("centre", next(iter(ids)))
        return initial

    def form_valid(self, form):
        # Left empty by someone who sees only her centres, a new organisation would vanish
        # from her own lists: it is registered at her (first) centre.
        ids = visible_centre_ids(self.request.user)
        if ids and form.instance.centre_id is None:
            form.instance.centre_id = min(ids)
        return super().form_valid(form)


class OrganizationCreate(OrganizationFormMixin, CreateView):
    permission_required = "organizations.add_organization"


class OrganizationUpdate(OrganizationFormMixin, UpdateView):
    permission_required = "organizations.change_organization"


class PersonList(FilteredListView):
    permission_required = "organizations.view_person"
    filter_form_class = PersonFilterForm
    queryset = Person.objects.select_related("organization__region")

    def apply_filters(self, queryset, data):
        queryset = search(queryset, data["q"])
        organization = data["organization"].strip()
        if parse_id(organization) is not None:
            queryset = queryset.filter(organization_id=parse_id(organization))
        elif organization:
            queryset = search(queryset, organization, field="organization__search_name")
        if data["region"]:
            queryset = queryset.filter(organization__region=data["region"])
        if data["gender"]:
            queryset = queryset.filter(gender=data["gender"])
        return queryset


class PersonDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "organizations.view_person"
    queryset = Person.objects.select_related("organization__region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | history_context(self.request.user, self.object)


class PersonFormMixin(RecordFormMixin):
    model = Person
    form_class = PersonForm
    saved_message = _("“%(name)s” saved.")


class PersonCreate(PersonFormMixin, CreateView):
    permission_required = "organizations.add_person"
    # "Add a person" from an organisation's page starts with that organisation.
    initial_from_query = ("organization",)
    creator_field = "created_by"


class PersonUpdate(PersonFormMixin, UpdateView):
    permission_required = "organizations.change_person"
