"""The donor workbook prints on A4: one page wide, landscape where the sheet is wide, and the
header row again at the top of every printed page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook(coordinator_client, programme):
    response = coordinator_client.get(reverse("reports:excel", args=[programme.project.pk]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def header_row(sheet, first_heading):
    return next(cell.row for cell in sheet["A"] if cell.value == first_heading)


def test_every_sheet_prints_one_a4_page_wide(workbook):
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.paperSize == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.fitToWidth or 1) == 1 and setup.fitToHeight == 0, sheet.title  # 1 is the default


def test_wide_sheets_are_landscape_and_the_agenda_portrait(workbook):
    summary, regions, organisations, agenda = workbook.worksheets[:4]
    assert [s.page_setup.orientation for s in (summary, regions, organisations)] == ["landscape"] * 3
    assert agenda.page_setup.orientation in (None, "portrait", "default")


def test_the_header_row_repeats_on_every_printed_page(workbook):
    summary, regions, organisations, agenda = workbook.worksheets[:4]
    row = header_row(summary, "المؤشر")  # "Figure": below the filter lines, not the title
    assert row > 2 and summary.print_title_rows == f"${row}:${row}"
    for sheet in (regions, organisations, agenda):
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_percentages_print_as_percentages(workbook):
    summary = workbook.worksheets[0]
    percents = [row[1] for row in summary.iter_rows() if row[1].number_format and "%" in row[1].number_format]
    assert percents and all(cell.value is None or 0 <= cell.value <= 1 for cell in percents)
