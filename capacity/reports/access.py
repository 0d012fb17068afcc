"""Who may download the donor reports: one function, so the rule lives in one place."""

from django.apps import apps

# The Excel helper's permission, held by Coordinators (and Administrators), not by Staff.
REPORT_PERMISSION = "excel.export_attendance"
# Used if the Excel app is not installed: exporting personal data is a Coordinator's right too.
FALLBACK_PERMISSION = "organizations.export_person"

# Seeing the figures on screen: aggregates of the programme, no personal data; every role that
# sees projects may read them.
DASHBOARD_PERMISSION = "trainings.view_project"


def _report_permission():
    try:
        model = apps.get_model("excel", "ExportRecord")
    except LookupError:
        return FALLBACK_PERMISSION
    codenames = {codename for codename, _ in model._meta.permissions}
    return REPORT_PERMISSION if "export_attendance" in codenames else FALLBACK_PERMISSION


def can_see_reports(user):
    """May user download the PDF report and the Excel workbook?"""
    return user.has_perm(_report_permission())


def can_see_dashboard(user):
    return user.has_perm(DASHBOARD_PERMISSION)
