from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView

from core import panels
from core.views import FilteredListView, SavedMessageMixin, history_context
from organizations.forms import OrganizationFilterForm, OrganizationForm, PersonFilterForm, PersonForm
from organizations.models import Organization, Person
from organizations.search import search


class OrganizationList(FilteredListView):
    model = Organization
    permission_required = "organizations.view_organization"
    filter_form_class = OrganizationFilterForm

    def get_queryset(self):
        self.queryset = (
            Organization.objects.select_related("region", "branch_of")
            .annotate(people_count=Count("people"))
            .order_by("name_ar")
        )
        return super().get_queryset()

    def apply_filters(self, queryset, data):
        queryset = search(queryset, data["q"])
        if data["region"]:
            queryset = queryset.filter(region=data["region"])
        if data["active"] is not None:
            queryset = queryset.filter(active=data["active"])
        return queryset


class OrganizationDetail(PermissionRequiredMixin, DetailView):
    raise_exception = True
    permission_required = "organizations.view_organization"
    queryset = Organization.objects.select_related("region", "branch_of").prefetch_related("focus_areas", "branches")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = self.object.people.order_by("full_name")
        context["panels"] = panels.render("organization", self.request, self.object)
        return context | history_context(self.request.user, self.object)


class OrganizationCreate(PermissionRequiredMixin, SavedMessageMixin, CreateView):
    raise_exception = True
    permission_required = "organizations.add_organization"
    model = Organization
    form_class = OrganizationForm
    saved_message = _("Organisation “%(name)s” saved.")


class OrganizationUpdate(PermissionRequiredMixin, SavedMessageMixin, UpdateView):
    raise_exception = True
    permission_required = "organizations.change_organization"
    model = Organization
    form_class = OrganizationForm
    saved_message = _("Organisation “%(name)s” saved.")


class PersonList(FilteredListView):
    model = Person
    permission_required = "organizations.view_person"
    filter_form_class = PersonFilterForm

    def get_queryset(self):
        self.queryset = Person.objects.select_related("organization__region")
        return super().get_queryset()

    def apply_filters(self, queryset, data):
        queryset = search(queryset, data["q"])
        organization = data["organization"].strip()
        if organization.isdigit():
            queryset = queryset.filter(organization_id=int(organization))
        elif organization:
            queryset = search(queryset, organization, field="organization__search_name")
        if data["region"]:
            queryset = queryset.filter(organization__region=data["region"])
        if data["gender"]:
            queryset = queryset.filter(gender=data["gender"])
        return queryset


class PersonDetail(PermissionRequiredMixin, DetailView):
    raise_exception = True
    permission_required = "organizations.view_person"
    queryset = Person.objects.select_related("organization__region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | history_context(self.request.user, self.object)


class PersonFormMixin(PermissionRequiredMixin, SavedMessageMixin):
    raise_exception = True
    model = Person
    form_class = PersonForm
    saved_message = _("“%(name)s” saved.")


class PersonCreate(PersonFormMixin, CreateView):
    permission_required = "organizations.add_person"

    def get_initial(self):
        # "Add a person" from an organisation's page starts with that organisation.
        initial = super().get_initial()
        org = self.request.GET.get("organization")
        if org and org.isdigit():
            initial["organization"] = org
        return initial

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class PersonUpdate(PersonFormMixin, UpdateView):
    permission_required = "organizations.change_person"
