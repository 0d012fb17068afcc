"""The attendance sheet of a session: read the marks, check a posted sheet, merge it with the stored marks.

It writes nothing: trainings.writes.save_sheet saves it, under the workshop's lock.
Saving is a three-way merge, so that two staff saving the same session at once
lose nothing: each row of the form carries the mark it showed ("orig"). Only
rows the user changed are written; a row changed by the user AND by someone
else since the form was shown is a conflict, and the whole save is refused
with the other person's mark shown. Writes are one upsert on the unique
(session, person) constraint, so a stale form posted twice never duplicates,
and the number of queries does not depend on the number of trainees.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.parsing import clean_text, parse_id
from trainings.models import Attendance, AttendanceStatus, Enrollment

VALID_STATUSES = {choice.value for choice in AttendanceStatus}
REMARK_MAX = Attendance._meta.get_field("remark").max_length


def _orig_key(status, remark):
    return f"{status}|{remark}"


@dataclass
class Row:
    person: object
    status: str = ""
    remark: str = ""
    orig: str = "|"
    saved: object = None  # the Attendance in the database, if any
    errors: list = field(default_factory=list)

    @property
    def pk(self):
        return self.person.pk

    def radios_html(self, labels):
        """The four status radios of the row (made here: a template loop is slow over 60 rows x 4)."""
        parts = []
        for value, label in labels:
            checked = " checked" if self.status == value else ""
            parts.append(
                f'<input type="radio" class="btn-check" name="status-{self.pk}" value="{value}" '
                f'id="s-{self.pk}-{value}" autocomplete="off"{checked}>'
                f'<label class="btn btn-sm status-{value}" for="s-{self.pk}-{value}">{label}</label>'
            )
        return mark_safe("".join(parts))  # noqa: S308 (labels escaped by the sheet, values are choices)


class AttendanceSheet:
    """The rows of a session's attendance page, bound to posted data or not."""

    def __init__(self, session, data=None):
        self.session = session
        self.data = data
        self.errors = []
        self.conflicts = []
        enrollments = (
            Enrollment.objects.filter(workshop_id=session.workshop_id, withdrawn_at__isnull=True)
            .select_related("person__organization")
            .order_by("person__full_name", "person_id")
        )
        marks = {
            a.person_id: a for a in Attendance.objects.filter(session=session).select_related("recorded_by").order_by()
        }
        self.rows = []
        for enrollment in enrollments:
            saved = marks.get(enrollment.person_id)
            row = Row(person=enrollment.person, saved=saved)
            if saved:
                row.status, row.remark = saved.status, saved.remark
            row.orig = _orig_key(row.status, row.remark)
            self.rows.append(row)
        if data is not None:
            self._bind(data)

    def status_labels(self):
        return [(value, escape(label)) for value, label in AttendanceStatus.choices]

    def rows_with_radios(self):
        labels = self.status_labels()
        return [(row, row.radios_html(labels)) for row in self.rows]

    @property
    def recorders(self):
        """(user, latest time) of everyone who recorded marks of this session, latest first."""
        latest = {}
        for row in self.rows:
            if row.saved and row.saved.recorded_by:
                who = row.saved.recorded_by
                latest[who] = max(latest.get(who, row.saved.recorded_at), row.saved.recorded_at)
        return sorted(latest.items(), key=lambda item: item[1], reverse=True)

    @property
    def marked_count(self):
        return sum(1 for row in self.rows if row.saved)

    def mark_all_present(self):
        for row in self.rows:
            row.status = AttendanceStatus.PRESENT

    def _bind(self, data):
        enrolled = {row.pk for row in self.rows}
        stray = []
        for key in data:
            prefix, _sep, pk = key.partition("-")
            if prefix in ("status", "remark", "orig") and pk and parse_id(pk) not in enrolled:
                stray.append(pk)
        if stray:
            self.errors.append(
                _("Attendance can only be recorded for people enrolled in this workshop; nothing was saved.")
            )
        for row in self.rows:
            row.status = data.get(f"status-{row.pk}", "").strip()
            row.remark = clean_text(data.get(f"remark-{row.pk}", ""), limit=10 * REMARK_MAX)
            row.orig = data.get(f"orig-{row.pk}", row.orig)
            if row.status and row.status not in VALID_STATUSES:
                row.errors.append(_("“%(status)s” is not a valid status.") % {"status": row.status[:20]})
            if len(row.remark) > REMARK_MAX:
                row.errors.append(_("The remark is too long (%(max)d characters at most).") % {"max": REMARK_MAX})
        unmarked = [row for row in self.rows if not row.status]
        if unmarked:
            self.errors.append(
                ngettext(
                    "Choose a status for %(count)d more person.",
                    "Choose a status for %(count)d more people.",
                    len(unmarked),
                )
                % {"count": len(unmarked)}
            )
            for row in unmarked:
                row.errors.append(_("Choose a status."))
        if any(row.errors for row in self.rows) and not self.errors:
            self.errors.append(_("Please correct the marked rows; nothing was saved."))

    def is_valid(self):
        return self.data is not None and not self.errors

    def merge(self, current):
        """The rows to write, given the marks stored now ({person id: Attendance}); sets self.conflicts.

        A three-way merge: a row the user left as shown, or set to what is stored already,
        is not written; a row the user changed that someone else also changed since the
        form was shown is a conflict (its stored mark is shown, and nothing may be written).
        Writes nothing: trainings.writes.save_sheet calls it under the workshop's lock.
        """
        if not self.is_valid():
            raise ValueError("merge() needs a valid sheet")
        changed, self.conflicts = [], []
        for row in self.rows:
            saved = current.get(row.pk)
            now_key = _orig_key(saved.status, saved.remark) if saved else "|"
            mine = _orig_key(row.status, row.remark)
            if mine == now_key or mine == row.orig:
                # Nothing to write: already so, or the user left the row as it was shown.
                row.saved = saved
                continue
            if now_key != row.orig:
                # The user changed a row someone else changed meanwhile: show theirs.
                row.saved = saved
                row.orig = now_key
                self.conflicts.append(row)
                continue
            changed.append(row)
        return changed


def recent_changes(session, limit=50):
    """The latest audit rows of a session's marks, newest first, in one query."""
    History = Attendance.history.model
    rows = History.objects.filter(session_id=session.pk).select_related("history_user", "person")
    return list(rows.order_by("-history_date", "-history_id")[:limit])
