"""The attendance workbooks, read back with openpyxl: values, types, right to left, print setup."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from organizations.models import Gender
from tests.excel.conftest import INJECTION
from tests.excel.helpers import read_download
from trainings.excel.models import ExportKind, ExportRecord
from trainings.models import AttendanceStatus

pytestmark = pytest.mark.django_db


def cells(sheet):
    return {(c.row, c.column): c for row in sheet.iter_rows() for c in row if c.value is not None}


def find(sheet, value):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


def assert_injection_is_text(sheet):
    cell = find(sheet, INJECTION)
    assert cell.data_type == "s"  # a string, not a formula ("f")
    assert cell.quotePrefix  # Excel keeps it text even when the cell is edited


# Who may export -------------------------------------------------------------------


@pytest.fixture
def urls(training):
    return [
        reverse("excel:workshop_register", args=[training.workshop.pk]),
        reverse("excel:project_attendance", args=[training.project.pk]),
        reverse("excel:project_attendance", args=[training.project.pk]) + "?download=1",
        reverse("excel:project_summary", args=[training.project.pk]),
    ]


def test_anonymous_visitors_go_to_login(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_staff_and_outsiders_may_not_export(client, staff_user, outsider_user, urls):
    for user in (staff_user, outsider_user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403
    assert not ExportRecord.objects.exists()


def test_coordinators_and_administrators_may(client, coordinator_user, admin_user, urls):
    for user in (coordinator_user, admin_user):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 200
    assert ExportRecord.objects.count() == 6  # three downloads each; the filter page is no export


def test_unknown_ids_are_404(coordinator_client):
    for name in ("excel:workshop_register", "excel:project_attendance", "excel:project_summary"):
        assert coordinator_client.get(reverse(name, args=[999999])).status_code == 404


# The register ------------------------------------------------------------------------


def register(client, training):
    response = client.get(reverse("excel:workshop_register", args=[training.workshop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Content-Disposition"].startswith('attachment; filename="register-CB-2020-')
    return read_download(response).worksheets[0]


def test_register_header_grid_totals_and_legend(coordinator_client, training):
    sheet = register(coordinator_client, training)
    assert sheet.sheet_view.rightToLeft is True
    for value in (training.project.name_ar, training.workshop.title, "سامر الخليل", "قاعة التدريب"):
        find(sheet, value if value != "قاعة التدريب" else str(training.workshop.venue))
    start = find(sheet, datetime.datetime(2020, 8, 23))  # the workshop's start, a real date
    assert start.is_date and start.row < 10
    header = find(sheet, "#").row
    session_cells = [sheet.cell(header, 5 + i) for i in range(3)]
    assert [c.value for c in session_cells] == [datetime.datetime(2020, 8, 23 + i) for i in range(3)]
    assert all(c.is_date for c in session_cells)
    assert [sheet.cell(header + 1, 5 + i).value for i in range(3)] == [3.5, 3.5, 3.5]  # hours, numbers
    rows = {sheet.cell(r, 2).value: r for r in range(header + 2, header + 5)}
    assert set(rows) == {"هدى العلي", "عمر الخلف", INJECTION}
    huda, omar, evil = rows["هدى العلي"], rows["عمر الخلف"], rows[INJECTION]
    with translation.override("ar"):
        from trainings.excel.exports import status_codes

        codes = status_codes()
    assert [sheet.cell(huda, 5 + i).value for i in range(3)] == [
        codes[AttendanceStatus.PRESENT],
        codes[AttendanceStatus.LATE],
        None,
    ]
    # Attended, sessions counted, rate (a number shown as a percentage), completed.
    assert [sheet.cell(huda, c).value for c in range(8, 12)] == [2, 2, 1, "نعم"]
    assert [sheet.cell(omar, c).value for c in range(8, 12)] == [0, 1, 0, "لا"]  # excused: left out
    assert [sheet.cell(evil, c).value for c in range(8, 12)] == [1, 2, 0.5, "لا"]
    assert sheet.cell(huda, 10).number_format == "0%" and sheet.cell(huda, 10).data_type == "n"
    assert sheet.cell(huda, 3).value == "بصمة أمل"
    # Totals per session: attended in held sessions, blank for the session not taken yet.
    totals = find(sheet, "عدد الحاضرين").row
    assert totals == header + 5
    assert [sheet.cell(totals, 5 + i).value for i in range(3)] == [2, 1, None]
    assert [sheet.cell(totals + 1, 5 + i).value for i in range(3)] == [1, 1, None]  # absent
    assert sheet.cell(totals, 11).value == 1  # one trainee completed
    assert_injection_is_text(sheet)
    # The legend names every status.
    with translation.override("ar"):
        for _value, label in AttendanceStatus.choices:
            find(sheet, str(label))


def test_register_prints_one_page_wide_on_a4_with_frozen_headers(coordinator_client, training):
    sheet = register(coordinator_client, training)
    header = find(sheet, "#").row
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (sheet.page_setup.fitToWidth or 1) == 1 and sheet.page_setup.fitToHeight == 0  # 1 is the default
    assert sheet.freeze_panes == f"C{header + 2}"
    assert sheet.print_title_rows == f"${header}:${header + 1}"


def test_register_in_english_is_left_to_right(coordinator_client, training):
    coordinator_client.cookies["django_language"] = "en"
    sheet = register(coordinator_client, training)
    assert not sheet.sheet_view.rightToLeft
    find(sheet, "Attendance register")
    find(sheet, "Yes")


def test_register_is_recorded(coordinator_client, coordinator_user, training):
    register(coordinator_client, training)
    export = ExportRecord.objects.get()
    assert (export.user, export.kind, export.rows) == (coordinator_user, ExportKind.REGISTER, 3)
    assert export.filters == {"workshop": training.workshop.pk}
    assert training.workshop.title in export.subject


# The flat export ---------------------------------------------------------------------


def flat(client, training, **filters):
    url = reverse("excel:project_attendance", args=[training.project.pk])
    response = client.get(url, {"download": "1", **filters})
    assert response.status_code == 200 and response.streaming
    sheet = read_download(response).worksheets[0]
    return sheet, list(sheet.iter_rows(min_row=2, values_only=True))


def test_flat_export_rows_and_types(coordinator_client, training):
    sheet, rows = flat(coordinator_client, training)
    assert sheet.sheet_view.rightToLeft is True
    headers = [c.value for c in sheet[1]]
    assert len(headers) == 13 and headers[0] == "المشروع"
    assert len(rows) == 7  # 3 people x 2 held sessions, plus the second workshop's mark
    first = sheet[2]
    assert first[4].is_date and first[4].value == datetime.datetime(2020, 8, 23)
    assert first[5].data_type == "n" and first[5].value == 3.5
    with translation.override("ar"):
        present, woman = str(AttendanceStatus.PRESENT.label), str(Gender.FEMALE.label)
    huda = [r for r in rows if r[6] == "هدى العلي"]
    assert huda[0] == (
        training.project.name_ar,
        "المرحلة 1",
        "ورشة التخطيط الاستراتيجي",
        "التخطيط الاستراتيجي",
        datetime.datetime(2020, 8, 23),
        3.5,
        "هدى العلي",
        woman,
        "بصمة أمل",
        "ريف دير الزور",
        present,
        None,  # no remark typed with this mark
        None,  # no agenda: a training mark
    )
    assert sheet.freeze_panes == "A2"
    assert_injection_is_text(sheet)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (lambda t: {"workshop": t.other.pk}, 1),
        (lambda t: {"phase": t.phase.pk}, 7),
        (lambda t: {"organization": t.nabd.pk}, 2),
        (lambda t: {"region": t.deir.pk}, 5),
        (lambda t: {"date_from": "2020-08-24"}, 4),
        (lambda t: {"date_from": "2020-08-23", "date_to": "2020-08-23"}, 3),
    ],
)
def test_flat_export_filters(coordinator_client, training, filters, expected):
    _sheet, rows = flat(coordinator_client, training, **filters(training))
    assert len(rows) == expected
    assert ExportRecord.objects.get().rows == expected


def test_flat_export_records_the_filters(coordinator_client, coordinator_user, training):
    flat(coordinator_client, training, workshop=training.other.pk, date_from="2020-09-01")
    export = ExportRecord.objects.get()
    assert export.kind == ExportKind.FLAT and export.user == coordinator_user
    assert export.filters == {
        "project": training.project.pk,
        "workshop": {"id": training.other.pk, "name": "ورشة التشبيك"},
        "date_from": "2020-09-01",
    }


def test_flat_export_with_bad_filters_shows_the_form(coordinator_client, training):
    url = reverse("excel:project_attendance", args=[training.project.pk])
    response = coordinator_client.get(url, {"download": "1", "date_from": "2020-09-02", "date_to": "2020-09-01"})
    assert response.status_code == 200 and not response.streaming
    assert "لا يمكن أن تكون النهاية قبل البداية" in response.content.decode()
    assert not ExportRecord.objects.exists()


def test_flat_export_page_offers_the_filters(coordinator_client, training):
    response = coordinator_client.get(reverse("excel:project_attendance", args=[training.project.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ورشة التشبيك" in html and 'name="date_from"' in html and 'name="region"' in html


# The summary -------------------------------------------------------------------------


def test_summary_by_organisation_and_gender(coordinator_client, training):
    response = coordinator_client.get(reverse("excel:project_summary", args=[training.project.pk]))
    workbook = read_download(response)
    by_org, by_gender = workbook.worksheets
    assert by_org.sheet_view.rightToLeft and by_gender.sheet_view.rightToLeft
    header = find(by_org, "المنظمة").row
    rows = {r[0]: r for r in by_org.iter_rows(min_row=header + 1, values_only=True)}
    # Organisation, region, women, men, people, enrolments, sessions attended, completed, completion.
    assert rows["بصمة أمل"] == ("بصمة أمل", "ريف دير الزور", 1, 1, 2, 3, 4, 2, pytest.approx(2 / 3, abs=1e-4))
    assert rows["نبض"] == ("نبض", "الرقة", 0, 1, 1, 1, 0, 0, 0)
    total = [r for key, r in rows.items() if key not in ("بصمة أمل", "نبض")][0]
    assert total[2:] == (1, 2, 3, 4, 4, 2, 0.5)
    assert find(by_org, "بصمة أمل").row < find(by_org, "نبض").row
    percent = by_org.cell(find(by_org, "نبض").row, 9)
    assert percent.number_format == "0%" and percent.data_type == "n"
    header = find(by_gender, "الجنس").row
    with translation.override("ar"):
        woman, man = str(Gender.FEMALE.label), str(Gender.MALE.label)
    genders = {r[0]: r for r in by_gender.iter_rows(min_row=header + 1, values_only=True)}
    assert genders[woman] == (woman, 1, 2, 3, 2, 1)
    assert genders[man] == (man, 2, 2, 1, 0, 0)
    assert ExportRecord.objects.get().kind == ExportKind.SUMMARY


# Coaching and remarks in the exports -------------------------------------------------


@pytest.fixture
def coaching(training):
    """Two coaching days with Basma: Huda and the injection name on the first, Huda alone on the second."""
    from coaching.models import AgendaItem, CoachingEngagement, CoachingSession

    engagement = CoachingEngagement.objects.create(project=training.project, organization=training.basma)
    vision, mission = AgendaItem.objects.order_by("order")[:2]
    first = CoachingSession.objects.create(engagement=engagement, date=datetime.date(2020, 10, 4), hours=4)
    first.participants.add(training.huda, training.evil)
    first.agenda_items.add(vision, mission)
    second = CoachingSession.objects.create(engagement=engagement, date=datetime.date(2020, 10, 11), hours=3.5)
    second.participants.add(training.huda)
    return engagement, (vision, mission)


def test_flat_export_has_a_row_per_coaching_participation(coordinator_client, training, coaching):
    engagement, (vision, mission) = coaching
    sheet, rows = flat(coordinator_client, training, phase=engagement.phase.pk)
    assert len(rows) == 3  # the coaching phase: its participations, not a header row alone
    assert [(r[4], r[5], r[6]) for r in rows] == [
        (datetime.datetime(2020, 10, 4), 4, INJECTION),  # by date, then name ("=" sorts first)
        (datetime.datetime(2020, 10, 4), 4, "هدى العلي"),
        (datetime.datetime(2020, 10, 11), 3.5, "هدى العلي"),
    ]
    first = rows[1]
    assert first[1] == "المرحلة 2" and first[8] == "بصمة أمل" and first[9] == "ريف دير الزور"
    assert first[12] == f"{vision.name_ar}، {mission.name_ar}"  # agenda items covered
    assert rows[2][12] is None
    assert sheet.cell(2, 5).is_date and sheet.cell(2, 6).data_type == "n"
    assert_injection_is_text(sheet)
    assert ExportRecord.objects.get().rows == 3


def test_flat_export_without_filters_has_the_marks_then_the_coaching(coordinator_client, training, coaching):
    _sheet, rows = flat(coordinator_client, training)
    assert len(rows) == 7 + 3
    assert [r[1] for r in rows] == ["المرحلة 1"] * 7 + ["المرحلة 2"] * 3
    # Filters narrow the coaching rows as they narrow the marks.
    assert len(flat(coordinator_client, training, workshop=training.workshop.pk)[1]) == 6
    assert len(flat(coordinator_client, training, organization=training.nabd.pk)[1]) == 2
    assert len(flat(coordinator_client, training, date_from="2020-10-05")[1]) == 1


def test_the_remark_typed_with_a_mark_is_in_the_flat_export_and_the_register(coordinator_client, training):
    from trainings.models import Attendance

    Attendance.objects.filter(person=training.huda, session=training.sessions[1]).update(remark="وصلت متأخرة")
    _sheet, rows = flat(coordinator_client, training)
    remarks = [r[11] for r in rows if r[6] == "هدى العلي"]
    assert remarks.count("وصلت متأخرة") == 1 and remarks.count(None) == len(remarks) - 1
    coordinator_client.cookies["django_language"] = "en"
    sheet = register(coordinator_client, training)
    row = find(sheet, "هدى العلي").row
    assert find(sheet, "Remarks").column == 12  # after attended, counted, rate, completed
    assert sheet.cell(row, 12).value == "24/8: وصلت متأخرة"


def test_summary_counts_coaching_per_organisation(coordinator_client, training, coaching):
    response = coordinator_client.get(reverse("excel:project_summary", args=[training.project.pk]))
    workbook = read_download(response)
    assert len(workbook.worksheets) == 3
    sheet = workbook.worksheets[2]
    assert sheet.sheet_view.rightToLeft
    header = find(sheet, "المنظمة").row
    rows = [r for r in sheet.iter_rows(min_row=header + 1, values_only=True) if any(r)]
    # Organisation, region, sessions, days, hours, participants; then the total.
    assert rows[0] == ("بصمة أمل", "ريف دير الزور", 2, 2, 7.5, 2)
    assert rows[1][2:] == (2, 2, 7.5, 2)
    assert ExportRecord.objects.get().rows == 2 + len(Gender.choices) + 1  # organisations, genders, coaching


def test_summary_without_coaching_has_no_coaching_sheet(coordinator_client, training):
    response = coordinator_client.get(reverse("excel:project_summary", args=[training.project.pk]))
    assert len(read_download(response).worksheets) == 2
