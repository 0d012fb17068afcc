"""The pages of organisations' requests: the list with counts by status, record, review."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, UpdateView

from core.centres import scope, visible_or_404
from core.views import CentreScopedMixin, FilteredListView, RecordFormMixin, history_context
from organizations.arabic import normalize
from trainings import requests
from trainings.models import OrganizationRequest
from trainings.request_forms import RequestFilterForm, RequestForm, ReviewForm

LIST = OrganizationRequest.objects.select_related("organization", "project", "topic", "centre")


class RequestList(FilteredListView):
    permission_required = "trainings.view_organizationrequest"
    filter_form_class = RequestFilterForm
    template_name = "trainings/request_list.html"
    queryset = LIST

    def apply_filters(self, queryset, data):
        if data["q"]:
            queryset = queryset.filter(organization__search_name__contains=normalize(data["q"]))
        for name in ("status", "kind", "project", "centre"):
            if data[name]:
                queryset = queryset.filter(**{name: data[name]})
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The counts are of the requests the user may see, whatever the filter shows.
        context["counts"] = requests.counts_by_status(scope(OrganizationRequest.objects.all(), self.request.user))
        return context


class RequestDetail(PermissionRequiredMixin, CentreScopedMixin, DetailView):
    raise_exception = True
    permission_required = "trainings.view_organizationrequest"
    queryset = LIST.select_related("reviewed_by", "recorded_by")
    template_name = "trainings/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "review_form" not in kwargs:
            context["review_form"] = ReviewForm(
                initial={"status": self.object.status, "reason": self.object.reason} if self.object.reviewed_at else {}
            )
        context["can_review"] = self.request.user.has_perm("trainings.review_organizationrequest")
        context.update(history_context(self.request.user, self.object))
        return context


class RequestFormMixin(RecordFormMixin):
    model = OrganizationRequest
    form_class = RequestForm
    template_name = "trainings/request_form.html"
    saved_message = gettext_lazy("Request of %(name)s saved.")

    def form_valid(self, form):
        try:
            with transaction.atomic():  # a savepoint: the page's transaction goes on after a refusal
                return super().form_valid(form)
        except IntegrityError:
            # Another request of the same organisation to the same project was saved meanwhile.
            form.add_error("organization", _("This organisation has already asked to join this project."))
            self.object = None
            return self.form_invalid(form)


class RequestCreate(RequestFormMixin, CreateView):
    permission_required = "trainings.add_organizationrequest"
    initial_from_query = ("organization", "project")
    creator_field = "recorded_by"

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("date", timezone.localdate())
        if "project" in initial:
            initial.setdefault("kind", "project")
        return initial


class RequestUpdate(RequestFormMixin, UpdateView):
    permission_required = "trainings.change_organizationrequest"
    queryset = LIST


@require_POST
@permission_required("trainings.review_organizationrequest", raise_exception=True)
def request_review(request, pk):
    """Accept, put on the waiting list or decline (with a reason); says what changed."""
    found = visible_or_404(request.user, LIST, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            changed = requests.review(found, form.cleaned_data["status"], form.cleaned_data["reason"], request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changed:
                messages.success(request, _("Decision saved: %(status)s.") % {"status": found.get_status_display()})
            else:
                messages.info(request, _("Nothing changed: this was already the decision."))
            return redirect(found)
    view = RequestDetail(request=request, kwargs={"pk": pk}, object=found)
    context = view.get_context_data(object=found, review_form=form)
    return render(request, "trainings/request_detail.html", context, status=400)


def project_requests(project):
    """The project's requests to join, newest first (one query)."""
    return list(LIST.filter(Q(project=project)).order_by("-date", "-pk")[:50])
