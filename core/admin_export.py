"""The admin's "Export selected to Excel" action, the same for every model, written by core.excel.

A ModelAdmin takes ExcelExportMixin. The workbook has one column per name of
excel_export_fields (by default list_display), headed by the admin's own
column label (the verbose name, in the active language); values keep their
type (numbers, dates, yes/no) and text stays text (formula-safe, see
core.excel). A model whose rows are better written another way (people: the
layout of their import) sets excel_export_writer.

Who may export: excel_export_permission (a "app.codename" string), or the
model's view permission. Every export sends workbook_exported, so the app
that keeps the export log (trainings.excel, which core cannot import) records
it: the receiver is connected in that app's AppConfig.ready.
"""

import decimal
import re

import django.dispatch
from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.excel import HEADER, SheetWriter, setup_sheet, xlsx_response

# Sent after an admin export is written: sender is the model, with request, count (rows written).
workbook_exported = django.dispatch.Signal()

# Characters Excel refuses in a sheet's name.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(text):
    return SHEET_NAME_FORBIDDEN.sub(" ", str(text))[:31] or "Sheet"


def _value(name, obj, model_admin):
    """The cell of one column: a choice's label, a related row's name, else the value as it is."""
    try:
        field, _attr, value = lookup_field(name, obj, model_admin)
    except (AttributeError, FieldDoesNotExist):
        return None
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if value is None or isinstance(value, bool | int | float | decimal.Decimal | str) or hasattr(value, "isoformat"):
        return value
    return str(value)


def write_columns(workbook, queryset, model_admin, fields):
    """One header row of the admin's labels, then one row per object; returns the number of rows."""
    model = queryset.model
    sheet = workbook.add_worksheet(sheet_name(capfirst(model._meta.verbose_name_plural)))
    setup_sheet(sheet, landscape=len(fields) > 5, repeat_rows=(0, 0), freeze=(1, 0), widths=[24] * len(fields))
    w = SheetWriter(workbook, sheet)
    w.row(0, [capfirst(str(label_for_field(name, model, model_admin))) for name in fields], HEADER)
    count = 0
    for count, obj in enumerate(queryset.iterator(chunk_size=2000), start=1):
        w.row(count, [_value(name, obj, model_admin) for name in fields])
    sheet.autofilter(0, 0, max(count, 1), len(fields) - 1)
    return count


@admin.action(description=_("Export selected to Excel"), permissions=["excel_export"])
def export_selected(model_admin, request, queryset):
    """Write the selected rows with the one Excel writer, streamed; the export log is told."""
    model = queryset.model
    queryset = model_admin.get_excel_export_queryset(request, queryset)
    filename = f"{model._meta.model_name}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response, count = xlsx_response(
        lambda workbook: model_admin.write_excel_export(workbook, queryset), filename, constant_memory=True
    )
    workbook_exported.send(sender=model, request=request, count=count)
    return response


class ExcelExportMixin:
    """Gives a ModelAdmin the "Export selected to Excel" action."""

    actions = [export_selected]
    excel_export_fields = None  # default: list_display
    excel_export_permission = None  # default: the model's view permission
    excel_export_writer = None  # a function (workbook, queryset) -> rows written, instead of columns

    def has_excel_export_permission(self, request):
        if self.excel_export_permission:
            return request.user.has_perm(self.excel_export_permission)
        return self.has_view_permission(request)

    def get_excel_export_fields(self):
        fields = self.excel_export_fields or self.list_display
        return [name for name in fields if name != "action_checkbox"]

    def get_excel_export_queryset(self, request, queryset):
        related = self.list_select_related
        if related is True:
            return queryset.select_related()
        return queryset.select_related(*related) if related else queryset

    def write_excel_export(self, workbook, queryset):
        if self.excel_export_writer is not None:
            return type(self).excel_export_writer(workbook, queryset)
        return write_columns(workbook, queryset, self, self.get_excel_export_fields())
