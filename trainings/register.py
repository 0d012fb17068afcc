"""The register of a workshop: people by sessions, with rates, ready for the page.

The page can hold hundreds of cells and links, so each row's cells are one
piece of HTML made here, and URLs are reversed once and formatted per row.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

from trainings.models import Attendance, AttendanceStatus

_PLACEHOLDER = 2147483647


def url_pattern(name, *args):
    """The URL of name with args and a last "{}" slot, for str.format per row."""
    return reverse(name, args=[*args, _PLACEHOLDER]).replace(str(_PLACEHOLDER), "{}")


def abbreviations():
    """One-letter codes of the statuses for the register grid (a legend sits under it)."""
    return {
        AttendanceStatus.PRESENT: pgettext("attendance status, one letter", "P"),
        AttendanceStatus.LATE: pgettext("attendance status, one letter", "L"),
        AttendanceStatus.EXCUSED: pgettext("attendance status, one letter", "E"),
        AttendanceStatus.ABSENT: pgettext("attendance status, one letter", "A"),
    }


def legend():
    codes = abbreviations()
    return [(value, codes[value], label) for value, label in AttendanceStatus.choices]


@dataclass
class RegisterRow:
    enrollment: object
    cells: list  # (status or "", one-letter code or "") per session
    cells_html: str
    rate_text: str
    person_url: str
    withdraw_url: str
    certificate_url: str


def register_rows(workshop, sessions, enrollments):
    """One RegisterRow per enrolment (annotated by trainings.rates), from one query over the marks."""
    marks = {
        (person_id, session_id): status
        for person_id, session_id, status in Attendance.objects.filter(session__workshop=workshop)
        .order_by()
        .values_list("person_id", "session_id", "status")
    }
    codes = abbreviations()
    # Hundreds of cells: each status's cell is made once, then joined per row.
    cell_html = {status: f'<td class="text-center mark-{status}">{escape(code)}</td>' for status, code in codes.items()}
    cell_html[""] = '<td class="text-center mark-none"></td>'
    person_url = url_pattern("organizations:person_detail")
    withdraw_url = url_pattern("trainings:enrollment_withdraw")
    certificate_url = url_pattern("trainings:certificate", workshop.pk)
    rows = []
    for enrollment in enrollments:
        cells = []
        for session in sessions:
            status = marks.get((enrollment.person_id, session.pk), "")
            cells.append((status, codes.get(status, "")))
        rows.append(
            RegisterRow(
                enrollment=enrollment,
                cells=cells,
                cells_html=mark_safe("".join(cell_html[status] for status, _ in cells)),  # noqa: S308 (escaped above)
                rate_text="–" if enrollment.rate is None else f"{enrollment.rate:.0f}%",
                person_url=person_url.format(enrollment.person_id),
                withdraw_url=withdraw_url.format(enrollment.pk),
                certificate_url=certificate_url.format(enrollment.person_id),
            )
        )
    return rows


def session_header(sessions):
    """The grid's header cells, one per session, linking to its attendance page."""
    url = url_pattern("trainings:session_attendance")
    return format_html_join(
        "",
        '<th scope="col" class="text-center"><a href="{}">{}</a></th>',
        ((url.format(s.pk), f"{s.date.day}/{s.date.month}") for s in sessions),
    )
