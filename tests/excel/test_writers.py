"""The shared cell writer: formula-like text stays text, numbers and dates keep their types."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.utils import translation

from core.excel import FORMULA_TRIGGERS, SheetWriter, open_workbook, setup_sheet

RISKY = ["=1+1", "+963 944 000000", "-2+3", "@SUM(A1:A2)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x","y")']


def written(values, **setup):
    buffer = io.BytesIO()
    workbook = open_workbook(buffer)
    sheet = workbook.add_worksheet("S")
    SheetWriter(workbook, sheet).row(0, values)
    setup_sheet(sheet, **setup)
    workbook.close()
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0]


def test_every_trigger_is_covered():
    assert {value[0] for value in RISKY} == set(FORMULA_TRIGGERS)


def test_formula_like_text_is_text_with_a_quote_prefix():
    sheet = written(RISKY + ["نص عادي", "a=b"])
    cells = list(sheet[1])
    for cell, value in zip(cells, RISKY, strict=False):
        # XlsxWriter stores a carriage return as Excel's escape _x000D_, which openpyxl leaves as is.
        assert (cell.value, cell.data_type, cell.quotePrefix) == (value.replace("\r", "_x000D_"), "s", True)
    assert [(c.value, c.quotePrefix) for c in cells[-2:]] == [("نص عادي", False), ("a=b", False)]


def test_numbers_dates_and_datetimes_keep_their_types():
    moment = datetime.datetime(2020, 8, 23, 9, 30, tzinfo=zoneinfo.ZoneInfo("UTC"))
    sheet = written([-5, 2.5, datetime.date(2020, 8, 23), moment, True, None, ""])
    number, decimal, day, when, flag = sheet[1]
    assert (number.value, number.data_type) == (-5, "n")
    assert decimal.value == 2.5
    assert day.is_date and day.value == datetime.datetime(2020, 8, 23)
    # Aware date-times are written in the local time (Asia/Damascus is UTC+3 in August 2020).
    assert when.is_date and when.value == datetime.datetime(2020, 8, 23, 12, 30)
    assert flag.value is True and flag.data_type == "b"
    assert sheet.max_column == 5  # nothing written for None or ""


@pytest.mark.parametrize(("language", "rtl"), [("ar", True), ("en", False)])
def test_sheets_follow_the_language_direction_and_print_on_a4(language, rtl):
    with translation.override(language):
        sheet = written(["x"], landscape=True, repeat_rows=(0, 0), freeze=(1, 0))
    assert bool(sheet.sheet_view.rightToLeft) is rtl
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"
    assert "&P" in sheet.oddFooter.center.text
