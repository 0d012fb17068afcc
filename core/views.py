"""View bases every app's pages share: filtered, paginated lists, saved messages, history."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import transaction
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.generic import ListView
from django.views.generic.edit import BaseCreateView

from core import once
from core.centres import scope, scope_form
from core.history import can_see_history, history_rows
from core.parsing import parse_id

PAGE_SIZE = 25


class CentreScopedMixin:
    """A view whose objects and choices are narrowed to the user's centres (core.centres).

    Another centre's record is then missing from get_queryset: its page answers 404.
    """

    def get_queryset(self):
        return scope(super().get_queryset(), self.request.user)

    def get_object(self, queryset=None):
        # Also when a view's own get_queryset does not call this one's.
        return super().get_object(scope(self.get_queryset() if queryset is None else queryset, self.request.user))

    def get_form(self, form_class=None):
        return scope_form(super().get_form(form_class), self.request.user)


class FilteredListView(PermissionRequiredMixin, CentreScopedMixin, ListView):
    """A list narrowed by a GET filter form whose cleaned data apply_filters reads."""

    raise_exception = True
    paginate_by = PAGE_SIZE
    filter_form_class = None

    def get_filter_form(self):
        if not hasattr(self, "_filter_form"):
            self._filter_form = scope_form(self.filter_form_class(self.request.GET or None), self.request.user)
        return self._filter_form

    def get_queryset(self):
        queryset = super().get_queryset()
        form = self.get_filter_form()
        if form.is_bound and form.is_valid():
            queryset = self.apply_filters(queryset, form.cleaned_data)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.get_filter_form()
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


def history_context(user, obj):
    """{"history": rows} for those allowed to see who changed obj, else nothing."""
    return {"history": history_rows(obj)} if can_see_history(user, obj) else {}


class SavedMessageMixin:
    """After a successful save, says so: saved_message with %(name)s for the object."""

    saved_message = ""

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.saved_message % {"name": self.object})
        return response


class OneTimeCreateMixin:
    """A create view whose form carries a one-time token: a double click or a resend saves one row.

    The form's template renders once_token (includes/form_page.html does); the POST
    that saves consumes it (core.once) in the transaction that saves the row, and a
    second POST of the same form goes to the row the first saved, creating nothing.
    On an update view it does nothing. RecordFormMixin has it; another CreateView
    gets it by naming it among its bases, before CreateView.
    """

    def _creates(self):
        return isinstance(self, BaseCreateView)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self._creates():
            # A form shown again with its errors keeps its token: it is still the same form.
            context["once_field"] = once.FIELD
            context["once_token"] = once.token_of(self.request) or once.issue(self.request)
        return context

    def post(self, request, *args, **kwargs):
        # The claim wraps the whole POST (not form_valid, which some views replace):
        # a refused form or a last-moment refusal releases the token for the next try.
        token = once.token_of(request) if self._creates() else None
        if token is None:
            return super().post(request, *args, **kwargs)
        with transaction.atomic():
            try:
                used = once.consume(request, token)
            except once.Used as earlier:
                return self._already_saved(earlier.url)
            response = super().post(request, *args, **kwargs)
            if getattr(self.object, "pk", None) is not None:
                once.settle(used, self._saved_url(response))
            else:
                once.release(used)
        return response

    def _saved_url(self, response):
        if hasattr(self.object, "get_absolute_url"):
            return self.object.get_absolute_url()
        return response.get("Location", "")

    def _already_saved(self, url):
        messages.info(self.request, _("This form was already sent: it was saved once, not twice."))
        return HttpResponseRedirect(url or self.request.get_full_path())


class RecordFormMixin(PermissionRequiredMixin, CentreScopedMixin, SavedMessageMixin, OneTimeCreateMixin):
    """The create and update pages of one kind of record.

    A refused permission answers 403 (the user is signed in: a login page would not help).
    initial_from_query: the ids a link may pass (?organization=3 from an organisation's
    page) that the form starts with; creator_field: the field a new row records its
    author in, set before the form validates.

    A create form carries a one-time token (OneTimeCreateMixin).
    """

    raise_exception = True
    initial_from_query = ()
    creator_field = None

    def get_initial(self):
        initial = super().get_initial()
        for key in self.initial_from_query:
            value = parse_id(self.request.GET.get(key))
            if value is not None:
                initial[key] = value
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.creator_field and form.instance.pk is None:
            setattr(form.instance, self.creator_field, self.request.user)
        return form
