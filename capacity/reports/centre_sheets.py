"""The centre-wide figures (support visits, room use, needs-assessment change) as a workbook sheet."""

from django.utils.translation import gettext as _

from core.excel import HEADER, LABEL, SheetWriter, setup_sheet


def write_centre(workbook, services):
    sheet = workbook.add_worksheet(_("Centre services")[:31])
    setup_sheet(sheet, widths=[40, 16])
    w = SheetWriter(workbook, sheet)
    rows = [
        (_("Support visits"), services.visits),
        *[(f"{_('Support visits')}: {label}", count) for label, count in services.visits_by_kind],
        (_("Follow-ups asked"), services.follow_ups),
        (_("Follow-ups done"), services.follow_ups_done),
        (_("Room bookings"), services.bookings),
        (_("Hours of room use"), services.room_hours),
        (_("Average change of capacity score (points)"), services.assessment_change),
        (_("Organisations assessed twice or more"), services.organizations_compared),
    ]
    w.row(0, [_("Figure"), _("Value")], HEADER)
    for row, (label, value) in enumerate(rows, start=1):
        w.row(row, [label, value])
    row = len(rows) + 2
    for heading, pairs in (
        (_("Support visits by organisation"), services.visits_by_organization),
        (_("Hours of room use by organisation"), services.room_hours_by_organization),
    ):
        w.cell(row, 0, heading, LABEL)
        for name, value in pairs:
            row += 1
            w.row(row, [name, value])
        row += 2
