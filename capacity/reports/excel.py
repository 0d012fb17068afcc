"""The donor workbook: the dashboard's figures as numbers, one sheet per table (openpyxl)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from capacity.reports import summary

FORMATS = {summary.COUNT: "#,##0", summary.HOURS: "#,##0.0", summary.PERCENT: '0.0"%"'}
BOLD = Font(bold=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(workbook, title, widths):
    ws = workbook.create_sheet(title=title[:31])
    ws.sheet_view.rightToLeft = get_language_bidi()
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    return ws


def _header(ws, row, headings):
    for column, heading in enumerate(headings, start=1):
        cell = ws.cell(row=row, column=column, value=str(heading))
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _number(ws, row, column, value, kind=summary.COUNT):
    cell = ws.cell(row=row, column=column, value=value)
    if value is not None:
        cell.number_format = FORMATS[kind]
    return cell


def filter_lines(report):
    """(label, text, left to right?) of the filters applied, for the heads of the PDF and the workbook."""
    f = report.filters
    lines = [(_("Project"), f.project.name, False), (_("Code"), f.project.code, True)]
    if f.project.donor:
        lines.append((_("Donor"), f.project.donor, False))
    lines.append((_("From"), f.date_from.isoformat() if f.date_from else _("the start"), bool(f.date_from)))
    lines.append((_("To"), f.date_to.isoformat() if f.date_to else _("today"), bool(f.date_to)))
    lines.append((_("Region"), f.region.name if f.region else _("all"), False))
    lines.append((_("Organisation"), f.organization.name if f.organization else _("all"), False))
    return lines


def build(report):
    """The workbook of report, as bytes."""
    workbook = Workbook()
    workbook.remove(workbook.active)

    ws = _sheet(workbook, _("Summary"), [34, 14, 12, 70])
    ws.cell(row=1, column=1, value=_("Programme report")).font = Font(bold=True, size=14)
    row = 2
    for label, text, _ltr in filter_lines(report):
        ws.cell(row=row, column=1, value=str(label)).font = BOLD
        ws.cell(row=row, column=2, value=str(text))
        row += 1
    ws.cell(row=row, column=1, value=str(_("Made on"))).font = BOLD
    ws.cell(row=row, column=2, value=timezone.localtime().strftime("%Y-%m-%d %H:%M"))
    row += 2
    _header(ws, row, [_("Figure"), _("Value"), _("Target"), _("How it is counted")])
    for section, figures in (
        (_("Training"), summary.training_figures(report)),
        (_("Coaching"), summary.coaching_figures(report)),
        (_("Strategic plans"), summary.plan_figures(report)),
    ):
        row += 1
        ws.cell(row=row, column=1, value=str(section)).font = BOLD
        for figure in figures:
            row += 1
            ws.cell(row=row, column=1, value=str(figure.label))
            _number(ws, row, 2, figure.value, figure.kind)
            _number(ws, row, 3, figure.target)
            ws.cell(row=row, column=4, value=str(figure.note))
    ws.freeze_panes = "A2"

    columns = summary.region_columns()
    ws = _sheet(workbook, _("Regions"), [28, 14] + [14] * len(columns))
    _header(ws, 1, [_("Region"), _("Organisations reached")] + [heading for _a, heading, _k in columns])
    for row, region in enumerate(report.by_region, start=2):
        ws.cell(row=row, column=1, value=region.name)
        _number(ws, row, 2, region.organizations)
        for column, (attribute, _heading, kind) in enumerate(columns, start=3):
            _number(ws, row, column, getattr(region, attribute), kind)
    ws.freeze_panes = "A2"

    ws = _sheet(workbook, _("Organisations"), [40, 22] + [14] * (len(columns) + 1))
    _header(
        ws,
        1,
        [_("Organisation"), _("Region")] + [heading for _a, heading, _k in columns] + [_("Coaching days planned")],
    )
    for row, org in enumerate(report.by_organization, start=2):
        ws.cell(row=row, column=1, value=org.name)
        ws.cell(row=row, column=2, value=org.region)
        for column, (attribute, _heading, kind) in enumerate(columns, start=3):
            _number(ws, row, column, getattr(org, attribute), kind)
        _number(ws, row, len(columns) + 3, org.coaching_planned)
    ws.freeze_panes = "A2"

    ws = _sheet(workbook, _("Coaching agenda"), [50, 22, 22])
    _header(ws, 1, [_("Agenda item"), _("Organisations that covered it"), _("Organisations in coaching")])
    for row, (item, count) in enumerate(report.agenda, start=2):
        ws.cell(row=row, column=1, value=item.name)
        _number(ws, row, 2, count)
        _number(ws, row, 3, report.engagements)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def response(report):
    project = report.project
    reply = HttpResponse(build(report), content_type=XLSX)
    name = slugify(f"report-{project.code}-{timezone.localdate():%Y-%m-%d}") or "report"
    reply["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return reply
