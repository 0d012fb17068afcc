"""Excel writing shared by every export: typed, formula-safe cells, streamed to a temporary file.

- Text is always written as text. A text starting with = + - @, a tab or a
  carriage return could be run by Excel as a formula (CSV/formula injection);
  it is written as a string cell with Excel's "quote prefix" style, so Excel
  shows it as typed and keeps it text even when the cell is edited. The value
  itself is not altered.
- Numbers stay numbers, dates and date-times real Excel dates.
- A sheet can be right to left (Arabic), A4, one page wide, with repeated and
  frozen header rows.
- Workbooks are written by XlsxWriter to a temporary file (constant_memory for
  the big ones: each row leaves memory once written) and served with a
  FileResponse; the file is unlinked at once and vanishes when closed. A small
  workbook (the donor report) may be written in memory (xlsx_bytes).
- HEADER, TITLE, LABEL, TOTAL and the number formats are the project's look:
  every workbook uses them, so all share one style.
"""

import datetime
import decimal
import io
import os
import tempfile

import xlsxwriter
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
A4 = 9
# Excel's limit on a cell's text.
MAX_CELL_TEXT = 32767

# The project's look, shared by every workbook (XlsxWriter format properties).
HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter", "align": "center"}
TITLE = {"bold": True, "font_size": 14}
LABEL = {"bold": True}
TOTAL = {"bold": True, "top": 1}
# Number formats. A percentage is stored as a fraction (0.853) and shown by the format (85.3%).
PERCENT = "0%"
PERCENT_ONE_DECIMAL = "0.0%"
COUNT_FORMAT = "#,##0"
ONE_DECIMAL = "#,##0.0"


def is_formula_like(text):
    """True if Excel could take text for a formula."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


def open_workbook(path, constant_memory=False, in_memory=False):
    """An XlsxWriter workbook writing to path (a file name or a BytesIO); nothing it is given becomes a formula or link."""
    return xlsxwriter.Workbook(
        path,
        {
            "constant_memory": constant_memory,
            "in_memory": in_memory,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": DATE_FORMAT,
            "tmpdir": tempfile.gettempdir(),
        },
    )


class SheetWriter:
    """Writes Python values into one worksheet with the cell type each value calls for.

    style is a dict of XlsxWriter format properties ({"bold": True}); the
    formats made from them are cached per workbook.
    """

    def __init__(self, workbook, worksheet):
        self.workbook = workbook
        self.sheet = worksheet
        self._formats = getattr(workbook, "_capacity_formats", None)
        if self._formats is None:
            self._formats = workbook._capacity_formats = {}

    def format(self, **props):
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def cell(self, row, col, value, style=None):
        style = style or {}
        sheet = self.sheet
        if value is None or value == "":
            if style:
                sheet.write_blank(row, col, None, self.format(**style))
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value, self.format(**style))
        elif isinstance(value, int | float | decimal.Decimal):
            sheet.write_number(row, col, float(value), self.format(**style))
        elif isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.make_naive(value)
            sheet.write_datetime(row, col, value, self.format(**{"num_format": DATETIME_FORMAT, **style}))
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, col, value, self.format(**{"num_format": DATE_FORMAT, **style}))
        else:
            text = str(value)[:MAX_CELL_TEXT]
            if is_formula_like(text):
                style = {**style, "quote_prefix": True}
            sheet.write_string(row, col, text, self.format(**style))

    def row(self, row, values, style=None, first_col=0):
        for col, value in enumerate(values, start=first_col):
            self.cell(row, col, value, style)


def setup_sheet(worksheet, rtl=None, landscape=False, repeat_rows=None, freeze=None, widths=None):
    """Right to left (by default when the active language is), A4 one page wide, frozen headers."""
    if rtl is None:
        rtl = get_language_bidi()
    if rtl:
        worksheet.right_to_left()
    worksheet.set_paper(A4)
    worksheet.fit_to_pages(1, 0)
    if landscape:
        worksheet.set_landscape()
    worksheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    # Excel's codes: &P the page, &N the number of pages.
    worksheet.set_footer("&C" + _("Page &P of &N"))
    if repeat_rows is not None:
        worksheet.repeat_rows(*repeat_rows)
    if freeze is not None:
        worksheet.freeze_panes(*freeze)
    for col, width in enumerate(widths or []):
        worksheet.set_column(col, col, width)


def xlsx_bytes(build):
    """Write a small workbook with build(workbook) in memory; return (its bytes, whatever build returned)."""
    buffer = io.BytesIO()
    workbook = open_workbook(buffer, in_memory=True)
    try:
        result = build(workbook)
    finally:
        workbook.close()
    return buffer.getvalue(), result


def bytes_response(content, filename):
    """A workbook made by xlsx_bytes, sent as a download."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(build, filename, constant_memory=False):
    """Write a workbook with build(workbook) into a temporary file and stream it back.

    Returns (response, whatever build returned). The file is unlinked before
    the response is sent: the open handle keeps it readable until closed.
    """
    fd, path = tempfile.mkstemp(prefix="capacity-", suffix=".xlsx")
    os.close(fd)
    try:
        workbook = open_workbook(path, constant_memory=constant_memory)
        try:
            result = build(workbook)
        finally:
            workbook.close()
        handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        os.unlink(path)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
    return response, result
