"""The donor workbook: the dashboard's figures as numbers, one sheet per table, written by core.excel.

Names (of the project, regions, organisations, agenda items) go through
core.excel.SheetWriter, so a name that looks like a formula stays text.
Percentages are stored as fractions with a % format; dates are real dates.
The lines naming the filters and the labels come from capacity.reports.summary,
as on the page and in the PDF.
"""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from capacity.reports import iptt_sheets, summary
from core.excel import (
    COUNT_FORMAT,
    HEADER,
    LABEL,
    ONE_DECIMAL,
    PERCENT_ONE_DECIMAL,
    TITLE,
    SheetWriter,
    bytes_response,
    setup_sheet,
    xlsx_bytes,
)

FORMATS = {summary.COUNT: COUNT_FORMAT, summary.HOURS: ONE_DECIMAL, summary.PERCENT: PERCENT_ONE_DECIMAL}
# The figures' notes explain in words; the cell wraps them.
NOTE = {"text_wrap": True, "valign": "top"}


def _number(w, row, col, value, kind=summary.COUNT):
    """A figure as a number with its format; a percentage (0..100 in the report) as a fraction."""
    if value is not None and kind == summary.PERCENT:
        value = value / 100
    w.cell(row, col, value, {"num_format": FORMATS[kind]})


def _sheet(workbook, title, widths, landscape=False):
    sheet = workbook.add_worksheet(str(title)[:31])
    setup_sheet(sheet, landscape=landscape, widths=widths)
    return SheetWriter(workbook, sheet)


def _summary_sheet(workbook, report):
    # 130 characters across: landscape, so the notes print at full size on one page's width.
    w = _sheet(workbook, _("Summary"), [34, 14, 12, 70], landscape=True)
    w.cell(0, 0, _("Programme report"), TITLE)
    row = 1
    for label, text, ltr in summary.filter_lines(report):
        w.cell(row, 0, label, LABEL)
        w.cell(row, 1, text, {"align": "left"} if ltr else None)
        row += 1
    w.cell(row, 0, _("Made on"), LABEL)
    w.cell(row, 1, timezone.localtime(), {"align": "left"})
    row += 2
    w.row(row, [_("Figure"), _("Value"), _("Target"), _("How it is counted")], HEADER)
    w.sheet.repeat_rows(row)  # the figures' header on every printed page, not the filter lines
    for section, figures in (
        (_("Training"), summary.training_figures(report)),
        (_("Coaching"), summary.coaching_figures(report)),
        (_("Strategic plans"), summary.plan_figures(report)),
    ):
        row += 1
        w.cell(row, 0, section, LABEL)
        for figure in figures:
            row += 1
            w.cell(row, 0, figure.label)
            _number(w, row, 1, figure.value, figure.kind)
            _number(w, row, 2, figure.target)
            w.cell(row, 3, figure.note, NOTE)
    w.sheet.freeze_panes(1, 0)


def _regions_sheet(workbook, report, columns):
    w = _sheet(workbook, _("Regions"), [28, 14] + [14] * len(columns), landscape=True)
    w.row(0, [_("Region"), summary.ORGANIZATIONS_TAKING_PART] + [heading for _a, heading, _k in columns], HEADER)
    for row, region in enumerate(report.by_region, start=1):
        w.cell(row, 0, region.name)
        _number(w, row, 1, region.organizations)
        for col, (attribute, _heading, kind) in enumerate(columns, start=2):
            _number(w, row, col, getattr(region, attribute), kind)
    w.sheet.repeat_rows(0)
    w.sheet.freeze_panes(1, 0)


def _organizations_sheet(workbook, report, columns):
    w = _sheet(workbook, _("Organisations"), [40, 22] + [14] * (len(columns) + 1), landscape=True)
    headings = [_("Organisation"), _("Region")] + [heading for _a, heading, _k in columns]
    w.row(0, headings + [_("Coaching days planned")], HEADER)
    for row, org in enumerate(report.by_organization, start=1):
        w.row(row, [org.name, org.region])
        for col, (attribute, _heading, kind) in enumerate(columns, start=2):
            _number(w, row, col, getattr(org, attribute), kind)
        _number(w, row, len(columns) + 2, org.coaching_planned)
    w.sheet.repeat_rows(0)
    w.sheet.freeze_panes(1, 0)


def _agenda_sheet(workbook, report):
    w = _sheet(workbook, _("Coaching agenda"), [50, 22, 22])
    w.row(0, [_("Agenda item"), _("Organisations that covered it"), _("Organisations in coaching")], HEADER)
    for row, (item, count) in enumerate(report.agenda, start=1):
        w.cell(row, 0, item.name)
        _number(w, row, 1, count)
        _number(w, row, 2, report.engagements)
    w.sheet.repeat_rows(0)
    w.sheet.freeze_panes(1, 0)


def write_report(workbook, report):
    """The four sheets of report: summary, regions, organisations, coaching agenda."""
    columns = summary.region_columns()
    _summary_sheet(workbook, report)
    _regions_sheet(workbook, report, columns)
    _organizations_sheet(workbook, report, columns)
    _agenda_sheet(workbook, report)
    # Issue 18: who the trainees are, and the indicators against their targets.
    iptt_sheets.write_disaggregation(workbook, report)
    iptt_sheets.write_iptt(workbook, report)


def response(report):
    name = slugify(f"report-{report.project.code}-{timezone.localdate():%Y-%m-%d}") or "report"
    # A few hundred rows at most: written in memory and sent whole.
    content, _none = xlsx_bytes(lambda workbook: write_report(workbook, report))
    return bytes_response(content, f"{name}.xlsx")
