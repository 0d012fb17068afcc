"""The IPTT and the trainees' disaggregation as sheets of the donor workbook (core.excel).

The same Iptt and Disaggregation objects as the page and the PDF, so the numbers are the
same: one row per indicator and period (a long table, easy to filter and pivot), the
status in words beside its colour. Percentages are fractions with a % format.
"""

from django.utils.translation import gettext as _

from capacity.reports import summary
from capacity.reports.disaggregation import disaggregate
from capacity.reports.iptt import OFF_TRACK, compute
from core.excel import HEADER, LABEL, SheetWriter, setup_sheet

FILLS = {"iptt-off": "#F8D7DA", "iptt-met": "#D1E7DD", "iptt-progress": "#FFF3CD", "iptt-missing": "#E2E3E5"}
NUMBER = {summary.COUNT: "#,##0", summary.HOURS: "#,##0.0", summary.PERCENT: "0.0"}


def _sheet(workbook, title, widths):
    sheet = workbook.add_worksheet(str(title)[:31])
    setup_sheet(sheet, landscape=True, widths=widths)
    return SheetWriter(workbook, sheet)


def _figure(w, row, col, value, kind, fill=None):
    style = {"num_format": NUMBER[kind]}
    if fill:
        style["bg_color"] = fill
    w.cell(row, col, value, style)


def write_iptt(workbook, report):
    if report.filters.projects is not None:
        return  # a programme-wide report: each project's IPTT is its own
    iptt = compute(report.project, report.filters)
    w = _sheet(workbook, _("IPTT"), [12, 44, 14, 10, 16, 12, 12, 12, 14])
    headings = [_("Code"), _("Indicator"), _("Unit"), _("Baseline"), _("Period"), _("Target"), _("Actual")]
    w.row(0, [*headings, _("Percent of target"), _("Status")], HEADER)
    row = 1
    for indicator_row in iptt.rows:
        indicator = indicator_row.indicator
        for cell in [*indicator_row.cells, indicator_row.total]:
            fill = FILLS.get(cell.status.css)
            w.row(row, [indicator.code, indicator.name, indicator.get_unit_display()])
            _figure(w, row, 3, indicator_row.baseline, indicator_row.kind)
            w.cell(row, 4, cell.label)
            _figure(w, row, 5, cell.target, indicator_row.kind)
            _figure(w, row, 6, cell.actual, indicator_row.kind)
            percent = None if cell.percent is None else cell.percent / 100
            w.cell(row, 7, percent, {"num_format": "0.0%", **({"bg_color": fill} if fill else {})})
            w.cell(
                row,
                8,
                str(cell.status.label) if cell.status.icon else "",  # no status words where there is no target
                LABEL if cell.status == OFF_TRACK else None,
            )
            row += 1
    row += 1
    w.cell(
        row,
        0,
        _("Off track: a period that has ended below %(threshold)d%% of its target.") % {"threshold": iptt.threshold},
    )
    w.sheet.repeat_rows(0)
    w.sheet.freeze_panes(1, 2)
    write_breakdown(workbook, iptt)


def write_breakdown(workbook, iptt):
    """The trainees-reached indicators' disaggregation, period by period."""
    rows = [row for row in iptt.rows if row.breakdown]
    if not rows:
        return
    w = _sheet(workbook, _("IPTT by group"), [12, 18, 18] + [12] * (len(iptt.periods) + 1))
    w.row(0, [_("Code"), _("Group"), _("Value"), *[p.label for p in iptt.periods], _("Whole project")], HEADER)
    line = 1
    for row in rows:
        for heading, lines in row.breakdown:
            for label, counts, total in lines:
                w.row(line, [row.indicator.code, heading, label, *counts, total])
                line += 1
    w.sheet.repeat_rows(0)
    w.sheet.freeze_panes(1, 3)


def write_disaggregation(workbook, report):
    d = disaggregate(report)
    w = _sheet(workbook, _("Trainees by group"), [20, 40, 14])
    w.row(0, [_("Group"), _("Value"), _("Trainees (each once)")], HEADER)
    row = 1
    for heading, rows in d.dimensions():
        for label, count in rows:
            w.row(row, [heading, label, count])
            row += 1
    w.row(row, [_("Total"), "", d.total], LABEL)
    w.sheet.repeat_rows(0)
    w.sheet.freeze_panes(1, 0)
