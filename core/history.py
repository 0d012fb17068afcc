"""The audit history of a record (django-simple-history), as rows a page can show."""

from django.utils.translation import gettext_lazy as _

KINDS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}


def can_see_history(user, obj):
    """Administrators only: the permission to view the model's historical records."""
    meta = obj._meta
    return user.has_perm(f"{meta.app_label}.view_historical{meta.model_name}")


def history_rows(obj, limit=20):
    """The latest changes of obj, newest first: when, who, kind and the fields changed.

    One query: limit + 1 records, each compared with the one before it.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    for newer, older in zip(records, records[1:] + [None], strict=True):
        if len(rows) == limit:
            break
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, foreign_keys_are_objs=False)
            for change in delta.changes:
                field = obj._meta.get_field(change.field)
                changes.append((field.verbose_name, change.old, change.new))
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": KINDS.get(newer.history_type, newer.history_type),
                "changes": changes,
            }
        )
    return rows
