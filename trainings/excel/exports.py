"""The attendance workbooks: a workshop's register, a project's marks (streamed) and its summary.

Each write_* function takes an XlsxWriter workbook (see core.excel.xlsx_response)
and returns the number of data rows written, for the export record.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import islice

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from core.excel import DATE_FORMAT, FORMULA_TRIGGERS, HEADER, LABEL, PERCENT, TITLE, TOTAL, SheetWriter, setup_sheet
from core.lists import join_names
from organizations.models import Gender, Person
from trainings import rates, rules
from trainings.excel import sections
from trainings.models import Attendance, AttendanceStatus, Enrollment, Session


def status_codes():
    """One-letter codes of the statuses for the register grid (the legend explains them)."""
    return {
        AttendanceStatus.PRESENT: pgettext("attendance code in Excel", "P"),
        AttendanceStatus.LATE: pgettext("attendance code in Excel", "L"),
        AttendanceStatus.EXCUSED: pgettext("attendance code in Excel", "E"),
        AttendanceStatus.ABSENT: pgettext("attendance code in Excel", "A"),
    }


def _rate(enrollment):
    return None if enrollment.rate is None else round(enrollment.rate / 100, 4)


# The register of one workshop ---------------------------------------------------


def write_register(workbook, workshop):
    """People by sessions with a status code each, totals, rate and completion; right to left in Arabic."""
    sessions = list(workshop.sessions.select_related("topic", "trainer").order_by("date", "start_time"))
    enrollments = list(rates.workshop_rates(workshop))
    marks, remarks = {}, defaultdict(list)
    for person_id, session_id, status, remark, date in (
        Attendance.objects.filter(session__workshop=workshop)
        .order_by("session__date", "session__start_time")
        .values_list("person_id", "session_id", "status", "remark", "session__date")
    ):
        marks[person_id, session_id] = status
        if remark:
            remarks[person_id].append(f"{date.day}/{date.month}: {remark}")
    trainers = sorted({t.name for t in workshop.trainers.all()} | {s.trainer.name for s in sessions if s.trainer})
    codes = status_codes()
    project = workshop.project

    sheet = workbook.add_worksheet(pgettext("excel", "Register")[:31])
    w = SheetWriter(workbook, sheet)
    w.cell(0, 0, pgettext("excel", "Attendance register"), TITLE)
    info = [
        (pgettext("excel", "Project"), project.name),
        (pgettext("excel", "Phase"), str(workshop.phase)),
        (pgettext("excel", "Workshop"), workshop.title),
        (pgettext("excel", "Trainer"), join_names(trainers)),
        (pgettext("excel", "Venue"), str(workshop.venue) if workshop.venue else ""),
    ]
    row = 1
    for label, value in info:
        w.cell(row, 0, label, LABEL)
        w.cell(row, 1, value)
        row += 1
    w.cell(row, 0, pgettext("excel", "Dates"), LABEL)
    w.cell(row, 1, workshop.start_date, {"align": "right" if get_language() != "en" else "left"})
    w.cell(row, 2, workshop.end_date, {"align": "right" if get_language() != "en" else "left"})
    row += 1
    w.cell(row, 0, pgettext("excel", "Attendance needed to complete"), LABEL)
    w.cell(row, 1, project.completion_threshold / 100, {"num_format": PERCENT, "align": "right"})
    row += 2

    header_row = row
    fixed = ["#", pgettext("excel", "Name"), pgettext("excel", "Organisation"), pgettext("excel", "Gender")]
    after = [
        pgettext("excel", "Attended"),
        pgettext("excel", "Sessions counted"),
        pgettext("excel", "Rate"),
        pgettext("excel", "Completed"),
        pgettext("excel", "Remarks"),
    ]
    first_session_col = len(fixed)
    w.row(header_row, fixed, HEADER)
    for i, s in enumerate(sessions):
        w.cell(header_row, first_session_col + i, s.date, {**HEADER, "num_format": "d/m"})
    totals_col = first_session_col + len(sessions)
    w.row(header_row, after, HEADER, first_col=totals_col)
    # A second header row: the hours of each session.
    w.row(header_row + 1, ["", pgettext("excel", "Hours"), "", ""], HEADER)
    for i, s in enumerate(sessions):
        w.cell(header_row + 1, first_session_col + i, s.hours, HEADER)
    w.row(header_row + 1, [""] * len(after), HEADER, first_col=totals_col)

    yes, no = pgettext("excel", "Yes"), pgettext("excel", "No")
    separator = "; " if get_language() == "en" else "؛ "
    row = header_row + 2
    genders = dict(Gender.choices)
    for number, e in enumerate(enrollments, start=1):
        person = e.person
        name = person.full_name
        if e.withdrawn_at:
            name = _("%(name)s (withdrawn)") % {"name": name}
        w.row(row, [number, name, person.organization.name, str(genders.get(person.gender, ""))])
        for i, s in enumerate(sessions):
            status = marks.get((person.pk, s.pk))
            w.cell(row, first_session_col + i, codes.get(status, ""), {"align": "center"})
        w.cell(row, totals_col, e.attended)
        w.cell(row, totals_col + 1, e.counted)
        w.cell(row, totals_col + 2, _rate(e), {"num_format": PERCENT})
        w.cell(row, totals_col + 3, yes if e.completed else no)
        w.cell(row, totals_col + 4, separator.join(remarks[person.pk]))
        row += 1

    # Totals per session: how many attended (present or late), how many absent.
    w.cell(row, 1, pgettext("excel", "Number who attended"), TOTAL)
    w.cell(row + 1, 1, pgettext("excel", "Number absent"), LABEL)
    for i, s in enumerate(sessions):
        statuses = [marks.get((e.person_id, s.pk)) for e in enrollments]
        taken = rules.is_held(s)
        attended = sum(1 for st in statuses if rules.is_attended(st)) if taken else None
        absent = sum(1 for st in statuses if st == AttendanceStatus.ABSENT) if taken else None
        w.cell(row, first_session_col + i, attended, TOTAL)
        w.cell(row + 1, first_session_col + i, absent)
    active = [e for e in enrollments if not e.withdrawn_at]
    w.cell(row, totals_col + 3, sum(1 for e in active if e.completed), TOTAL)
    row += 3

    w.cell(row, 1, pgettext("excel", "Legend"), LABEL)
    for status, label in AttendanceStatus.choices:
        row += 1
        w.cell(row, 1, codes[status], {"align": "center"})
        w.cell(row, 2, str(label))
    row += 1
    w.cell(row + 1, 1, _("Late counts as attended; an excused absence is left out of the sessions counted."))

    setup_sheet(
        sheet,
        landscape=True,
        repeat_rows=(header_row, header_row + 1),
        freeze=(header_row + 2, 2),
    )
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 2, 22)
    sheet.set_column(3, 3, 8)
    if sessions:
        sheet.set_column(first_session_col, totals_col - 1, 6)
    sheet.set_column(totals_col, totals_col + 3, 11)
    sheet.set_column(totals_col + 4, totals_col + 4, 30)
    sheet.print_area(0, 0, row + 1, totals_col + 4)
    return len(enrollments)


# Every mark of a project, streamed ------------------------------------------------

CHUNK_SIZE = 2000


def flat_headers():
    return [
        pgettext("excel", "Project"),
        pgettext("excel", "Phase"),
        pgettext("excel", "Workshop"),
        pgettext("excel", "Topic"),
        pgettext("excel", "Session date"),
        pgettext("excel", "Hours"),
        pgettext("excel", "Person"),
        pgettext("excel", "Gender"),
        pgettext("excel", "Organisation"),
        pgettext("excel", "Region"),
        pgettext("excel", "Status"),
        pgettext("excel", "Remark"),
        pgettext("excel", "Agenda items covered"),
    ]


@dataclass
class FlatSelection:
    """What the flat export writes: the training marks (a queryset of ids) and the filters, for the
    sections registered by the apps above (coaching), which apply them to their own rows."""

    marks: object
    filters: dict


def flat_queryset(project, phase=None, workshop=None, organization=None, region=None, date_from=None, date_to=None):
    """The marks of project, narrowed by the filters given, as (session id, person id, status, remark) in order.

    Only ids travel with each mark; flat_rows looks the names up once per
    session and once per person. Returned with the filters (a FlatSelection).
    """
    filters = {
        "phase": phase,
        "workshop": workshop,
        "organization": organization,
        "region": region,
        "date_from": date_from,
        "date_to": date_to,
    }
    query = Q(session__workshop__project=project)
    if phase:
        query &= Q(session__workshop__phase=phase)
    if workshop:
        query &= Q(session__workshop=workshop)
    if organization:
        query &= Q(person__organization=organization)
    if region:
        query &= Q(person__organization__region=region)
    if date_from:
        query &= Q(session__date__gte=date_from)
    if date_to:
        query &= Q(session__date__lte=date_to)
    marks = (
        Attendance.objects.filter(query)
        .order_by("session__date", "session__start_time", "session_id", "person__full_name", "person_id")
        .values_list("session_id", "person_id", "status", "remark")
    )
    return FlatSelection(marks, filters)


def _sessions_of(project, english):
    """Session id -> (phase, workshop, topic, date, hours), for every session of project."""
    phase_label = pgettext("excel", "Phase %(number)s")
    sessions = Session.objects.filter(workshop__project=project).values_list(
        "pk",
        "workshop__phase__number",
        "workshop__title",
        "topic__name_ar",
        "topic__name_en",
        "date",
        "start_time",
        "end_time",
    )
    return {
        pk: (
            phase_label % {"number": number},
            title,
            (topic_en or topic_ar) if english else topic_ar,
            date,
            rules.hours(start, end),
        )
        for pk, number, title, topic_ar, topic_en, date, start, end in sessions
    }


def _people(ids, english):
    """Person id -> (name, gender, organisation, region) for ids."""
    genders = {value: str(label) for value, label in Gender.choices}
    people = Person.objects.filter(pk__in=ids).values_list(
        "pk",
        "full_name",
        "gender",
        "organization__name_ar",
        "organization__name_en",
        "organization__region__name_ar",
        "organization__region__name_en",
    )
    return {
        pk: (
            name,
            genders.get(gender, gender),
            (org_en or org_ar) if english else org_ar,
            (region_en or region_ar) if english else region_ar,
        )
        for pk, name, gender, org_ar, org_en, region_ar, region_en in people
    }


def _training_part(project, marks, english):
    """(cells, person id, tail) per training mark, as a section's flat_part yields them."""
    sessions = _sessions_of(project, english)
    statuses = {value: str(label) for value, label in AttendanceStatus.choices}
    for session_id, person_id, status, remark in marks.iterator(chunk_size=CHUNK_SIZE):
        yield sessions[session_id], person_id, (statuses.get(status, status), remark, "")


def flat_rows(project, selection):
    """Yield the cells of each mark of selection (see flat_queryset), then of each registered section's
    participations (coaching): text, a real date, hours as a number.

    The rows are read CHUNK_SIZE at a time (a server-side cursor on PostgreSQL);
    the names of a chunk's new people are fetched in one query. Memory grows
    with the number of sessions and people, never with the marks.
    """
    english = get_language() == "en"
    people = {}
    head = (project.name,)
    parts = [_training_part(project, selection.marks, english)]
    parts += [section.flat_part(project, selection.filters, english) for section in sections.registered()]
    for part in parts:
        while chunk := list(islice(part, CHUNK_SIZE)):
            unknown = {person_id for _cells, person_id, _tail in chunk if person_id not in people}
            if unknown:
                people.update(_people(unknown, english))
            for cells, person_id, tail in chunk:
                yield head + cells + people[person_id] + tail


def write_flat(workbook, rows):
    """Write the rows of flat_rows, one row each, keeping nothing in memory; return the count.

    The cells go straight to XlsxWriter's typed calls (the fast path of
    SheetWriter.cell): text as text, formula-like text with the quote prefix,
    the date as a date, the hours as a number.
    """
    sheet = workbook.add_worksheet(pgettext("excel", "Attendance")[:31])
    widths = [26, 12, 26, 22, 12, 7, 26, 8, 24, 16, 10, 24, 30]
    setup_sheet(sheet, landscape=True, repeat_rows=(0, 0), freeze=(1, 0), widths=widths)
    SheetWriter(workbook, sheet).row(0, flat_headers(), HEADER)
    quoted = workbook.add_format({"quote_prefix": True})
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    text, number, day = sheet.write_string, sheet.write_number, sheet.write_datetime
    triggers = FORMULA_TRIGGERS
    r = 0
    for r, row in enumerate(rows, 1):
        project, phase, title, topic, date, hours, name, gender, org, region, status, remark, agenda = row
        if project:
            text(r, 0, project, quoted if project[0] in triggers else None)
        text(r, 1, phase)
        if title:
            text(r, 2, title, quoted if title[0] in triggers else None)
        if topic:
            text(r, 3, topic, quoted if topic[0] in triggers else None)
        day(r, 4, date, date_format)
        number(r, 5, hours)
        if name:
            text(r, 6, name, quoted if name[0] in triggers else None)
        text(r, 7, gender)
        if org:
            text(r, 8, org, quoted if org[0] in triggers else None)
        if region:
            text(r, 9, region, quoted if region[0] in triggers else None)
        text(r, 10, status)
        if remark:
            text(r, 11, remark, quoted if remark[0] in triggers else None)
        if agenda:
            text(r, 12, agenda, quoted if agenda[0] in triggers else None)
    sheet.autofilter(0, 0, max(r, 1), len(widths) - 1)
    return r


# The summary of a project ----------------------------------------------------------


def summary_data(project):
    """Per organisation and per gender: people enrolled, enrolments, sessions attended, completed."""
    enrollments = rates.with_rates(
        Enrollment.objects.filter(workshop__project=project).select_related("person__organization__region"),
        project.completion_threshold,
    ).order_by()

    def bucket():
        return {"people": set(), "women": set(), "men": set(), "enrolments": 0, "attended": 0, "completed": 0}

    by_org = defaultdict(bucket)
    by_gender = defaultdict(bucket)
    total = bucket()
    orgs = {}
    for e in enrollments:
        person = e.person
        orgs[person.organization_id] = person.organization
        for group in (by_org[person.organization_id], by_gender[person.gender], total):
            group["people"].add(person.pk)
            (group["women"] if person.gender == Gender.FEMALE else group["men"]).add(person.pk)
            group["enrolments"] += 1
            group["attended"] += e.attended
            group["completed"] += 1 if e.completed else 0
    org_rows = sorted(((orgs[pk], data) for pk, data in by_org.items()), key=lambda item: item[0].name_ar)
    return org_rows, by_gender, total


def _figures(data):
    enrolments = data["enrolments"]
    return [
        len(data["people"]),
        data["enrolments"],
        data["attended"],
        data["completed"],
        round(data["completed"] / enrolments, 4) if enrolments else None,
    ]


def write_summary(workbook, project):
    org_rows, by_gender, total = summary_data(project)
    figures = [
        pgettext("excel", "People enrolled"),
        pgettext("excel", "Enrolments"),
        pgettext("excel", "Sessions attended"),
        pgettext("excel", "Completed"),
        pgettext("excel", "Completion"),
    ]

    sheet = workbook.add_worksheet(pgettext("excel", "By organisation")[:31])
    w = SheetWriter(workbook, sheet)
    w.cell(0, 0, _("Attendance summary: %(project)s") % {"project": project.name}, TITLE)
    w.row(1, [pgettext("excel", "Exported on"), timezone.localdate()], LABEL)
    header = [
        pgettext("excel", "Organisation"),
        pgettext("excel", "Region"),
        pgettext("excel", "Women"),
        pgettext("excel", "Men"),
        *figures,
    ]
    w.row(3, header, HEADER)
    row = 4
    for org, data in org_rows:
        w.row(row, [org.name, org.region.name, len(data["women"]), len(data["men"])])
        _write_figures(w, row, 4, data)
        row += 1
    w.row(row, [pgettext("excel", "Total"), "", len(total["women"]), len(total["men"])], TOTAL)
    _write_figures(w, row, 4, total, TOTAL)
    setup_sheet(sheet, landscape=True, repeat_rows=(3, 3), freeze=(4, 1), widths=[28, 18, 9, 9, 12, 12, 12, 12, 12])

    sheet = workbook.add_worksheet(pgettext("excel", "By gender")[:31])
    w = SheetWriter(workbook, sheet)
    w.cell(0, 0, _("Attendance summary: %(project)s") % {"project": project.name}, TITLE)
    w.row(3, [pgettext("excel", "Gender"), *figures], HEADER)
    row = 4
    for value, label in Gender.choices:
        w.cell(row, 0, str(label))
        _write_figures(w, row, 1, by_gender.get(value) or _empty())
        row += 1
    w.cell(row, 0, pgettext("excel", "Total"), TOTAL)
    _write_figures(w, row, 1, total, TOTAL)
    setup_sheet(sheet, repeat_rows=(3, 3), freeze=(4, 1), widths=[16, 14, 12, 14, 12, 12])
    written = len(org_rows) + len(Gender.choices)
    for section in sections.registered():
        summary = section.summary(project)
        if summary is not None:
            written += _write_section_summary(workbook, summary)
    return written


def _write_section_summary(workbook, summary):
    """A registered section's figures per organisation (e.g. coaching), on a sheet of its own."""
    sheet = workbook.add_worksheet(summary.sheet[:31])
    w = SheetWriter(workbook, sheet)
    w.cell(0, 0, summary.title, TITLE)
    w.row(1, [pgettext("excel", "Exported on"), timezone.localdate()], LABEL)
    w.row(3, [pgettext("excel", "Organisation"), pgettext("excel", "Region"), *summary.headers], HEADER)
    row = 4
    for name, region, figures in summary.rows:
        w.row(row, [name, region, *figures])
        row += 1
    w.row(row, [pgettext("excel", "Total"), "", *summary.totals], TOTAL)
    widths = [28, 18] + [12] * len(summary.headers)
    setup_sheet(sheet, landscape=True, repeat_rows=(3, 3), freeze=(4, 1), widths=widths)
    return len(summary.rows)


def _empty():
    return {"people": set(), "women": set(), "men": set(), "enrolments": 0, "attended": 0, "completed": 0}


def _write_figures(w, row, col, data, style=None):
    style = style or {}
    values = _figures(data)
    w.row(row, values[:4], style, first_col=col)
    w.cell(row, col + 4, values[4], {**style, "num_format": PERCENT})
