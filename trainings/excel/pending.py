"""The stored, one-time pending import: its rows as JSON, its sweep, its consuming confirm,
and the preview of a large file as its background reading found it (Preview).

A cell of the sheet is a str, number, bool, None or a date/time; JSON keeps the first
ones as they are and the others tagged, so the plan rebuilt from the stored rows is
the plan the file gives (a birth year typed as a date still reads as its year).
"""

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.centres import scope
from organizations import imports
from organizations.models import Organization
from trainings.excel.models import PendingImport

# Waiting or done imports are kept this long (for the "already imported" answer), then swept.
KEEP = datetime.timedelta(days=1)
TEMPORAL = {
    "datetime": datetime.datetime,
    "date": datetime.date,
    "time": datetime.time,
}


def _encode(value):
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, datetime.timedelta):
        return {"$": "timedelta", "v": value.total_seconds()}
    for tag, kind in TEMPORAL.items():
        if isinstance(value, kind):
            return {"$": tag, "v": value.isoformat()}
    return str(value)


def _decode(value):
    if not isinstance(value, dict):
        return value
    if value.get("$") == "timedelta":
        return datetime.timedelta(seconds=value["v"])
    return TEMPORAL[value["$"]].fromisoformat(value["v"])


def encode_rows(rows):
    return [[line, {name: _encode(v) for name, v in values.items()}] for line, values in rows]


def decode_rows(stored):
    return [(line, {name: _decode(v) for name, v in values.items()}) for line, values in stored]


def create(user, name, organization, rows):
    """Store the rows of a file just read; sweeps what is older than KEEP."""
    PendingImport.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return PendingImport.objects.create(
        token=secrets.token_hex(16),
        user=user,
        name=name[:200],
        organization=organization,
        rows=encode_rows(rows),
    )


def plan_of(pending, progress=None):
    """The plan of the stored rows, checked against the database now; progress (core.jobs) counts the rows."""
    rows = decode_rows(pending.rows)
    if progress is not None:
        rows = progress.over(rows, total=len(rows))  # build_plan walks the rows once
    # Rows may name only the organisations of the importing user's centres.
    organizations = scope(Organization.objects.all(), pending.user)
    return imports.build_plan(rows, pending.organization, organizations)


def shown_rows(plan):
    """The preview's table of a plan: one dict of text per row (JSON, so it can be stored)."""
    return [
        {
            "line": row.line,
            "status": row.status,
            "label": str(row.status_label),
            "name": row.values.get("full_name", ""),
            "url": row.person.get_absolute_url() if row.person else "",
            "organization": str(row.values.get("organization") or row.values.get("organization_text") or ""),
            "errors": [str(error) for error in row.errors],
            "changes": [[str(label), str(old), str(new)] for label, old, new in row.changes],
        }
        for row in plan.rows
    ]


@dataclass
class Preview:
    """A plan as stored on its PendingImport: what the preview shows and the digest the confirm checks."""

    digest: str
    counts: dict
    rows: list

    @property
    def is_valid(self):
        return not self.counts.get(imports.INVALID)

    @classmethod
    def of(cls, plan):
        return cls(digest=plan.digest, counts=plan.counts, rows=shown_rows(plan))

    @classmethod
    def stored(cls, pending):
        """The preview kept on pending, or None (a small file's plan is rebuilt on each visit)."""
        kept = pending.preview
        return cls(kept["digest"], kept["counts"], kept["rows"]) if kept else None

    def store(self, pending):
        pending.preview = {"digest": self.digest, "counts": self.counts, "rows": self.rows}
        pending.save(update_fields=["preview"])


class AlreadyImported(Exception):
    """The confirm found its import consumed by an earlier confirm."""

    def __init__(self, pending):
        super().__init__(pending.token)
        self.pending = pending


def consume(token, user, check):
    """Save the import of token once: lock it, rebuild its plan, check(plan), save, mark it consumed.

    check(plan) returns None to go on or a response to give instead (nothing saved).
    Returns (pending, plan, created, updated) or the response of check; raises
    PendingImport.DoesNotExist or AlreadyImported. A concurrent confirm waits on
    the row lock and then finds the import consumed.
    """
    with transaction.atomic():
        pending = PendingImport.objects.select_for_update().get(token=token, user=user)
        if pending.consumed_at:
            raise AlreadyImported(pending)
        plan = plan_of(pending)
        refusal = check(plan)
        if refusal is not None:
            return refusal
        created, updated = imports.apply_plan(plan, user)
        organizations = sorted({r.values["organization"].pk for r in plan.rows if r.values.get("organization")})
        pending.consumed_at = timezone.now()
        pending.result = {"created": created, "updated": updated, "organizations": organizations}
        pending.rows = []  # the people are saved now; their cells need not be kept twice
        pending.save(update_fields=["consumed_at", "result", "rows"])
        return pending, plan, created, updated
