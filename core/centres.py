"""Centre scoping: which centres' records a user may see and change (one rule, every door).

A user belongs to one or more centres (Centre.staff). Staff and Coordinators see and
change only what belongs to their centres: the projects and what hangs from them
(workshops, sessions, enrolments, engagements, plans), the rooms and their bookings, and
the organisations and people those centres serve. A superuser, or an Administrator with no
centre, sees every centre; anyone else with no centre sees none of it.

Each centre-owned model says where its centre is, beside its fields: `centre_path`, a
lookup from the model to a Centre ("project__centre"), or `centre_q(ids)`, a classmethod
giving a Q when the answer is not one path (an organisation is served through several).
Pages, forms, exports, tasks and the admin all narrow through `scope` here; a record of
another centre answers 404, as if it did not exist, so sequential ids leak nothing.
"""

from django import forms

from core.roles import ADMINISTRATOR

_CACHE = "_visible_centre_ids"


def visible_centre_ids(user):
    """The ids of the centres whose records user may see, or None for every centre."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, _centre_ids(user))
    return getattr(user, _CACHE)


def _centre_ids(user):
    if user.is_superuser:
        return None
    ids = frozenset(user.centres.values_list("pk", flat=True))
    if not ids and user.groups.filter(name=ADMINISTRATOR).exists():
        return None
    return ids


def forget(user):
    """Drop the ids remembered on user (after its centres changed)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)


def centre_q(model, ids):
    """The Q that keeps model's rows of the centres ids, or None if model belongs to no centre."""
    if hasattr(model, "centre_q"):
        return model.centre_q(ids)
    path = getattr(model, "centre_path", None)
    if path is None:
        return None
    from django.db.models import Q

    return Q(**{f"{path}__in": ids})


def is_scoped(model):
    return hasattr(model, "centre_q") or getattr(model, "centre_path", None) is not None


def scope(queryset, user, centre_path=None):
    """Narrow queryset to user's centres. centre_path overrides the model's own.

    scope(Workshop.objects.all(), request.user) keeps the workshops of the user's centres.
    """
    ids = visible_centre_ids(user)
    if ids is None:
        return queryset
    if centre_path is not None:
        return queryset.filter(**{f"{centre_path}__in": ids})
    condition = centre_q(queryset.model, ids)
    return queryset if condition is None else queryset.filter(condition)


def sees_all(user):
    return visible_centre_ids(user) is None


def scope_form(form, user):
    """Narrow every choice of a centre-owned model in form to user's centres.

    A Staff member of Raqqa picks among Raqqa's projects, rooms and people; a posted id
    of another centre's is refused by the field as an invalid choice, in her language.
    """
    if sees_all(user):
        return form
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and is_scoped(field.queryset.model):
            field.queryset = scope(field.queryset, user)
    return form


def visible_or_404(user, model_or_queryset, **lookup):
    """get_object_or_404 among the records of user's centres: another centre's is not found."""
    from django.shortcuts import get_object_or_404

    queryset = getattr(model_or_queryset, "_default_manager", model_or_queryset)
    return get_object_or_404(scope(queryset.all(), user), **lookup)


class CentreScopedAdmin:
    """The admin is a door like the pages: lists, changes and choices narrowed to the user's centres."""

    def get_queryset(self, request):
        return scope(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return _narrowed(field, request.user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _narrowed(field, request.user)


def _narrowed(field, user):
    if field is not None and hasattr(field, "queryset") and is_scoped(field.queryset.model) and not sees_all(user):
        field.queryset = scope(field.queryset, user)
    return field
