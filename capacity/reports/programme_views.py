"""The programme-wide and centre-wide report: page, PDF and workbook of one set of figures."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from capacity.reports import access, centre_sheets, charts, disaggregation, excel, programme, summary
from core.excel import bytes_response, xlsx_bytes
from core.pdf import pdf_response, render_pdf

ORGANIZATIONS = 50


def _context(request):
    form = programme.ProgrammeForm(request.GET or None, user=request.user)
    scope_, report, services = programme.compute(form, request.user)
    query = request.GET.urlencode() if form.is_valid() else ""
    return {
        "form": form,
        "programme": scope_,
        "project": scope_,
        "report": report,
        "filters": report.filters,
        "services": services,
        "training": summary.training_figures(report),
        "coaching": summary.coaching_figures(report),
        "plans": summary.plan_figures(report),
        "headings": [heading for _attribute, heading, _kind in summary.region_columns()],
        "region_rows": summary.table_rows(report.by_region),
        "organization_rows": summary.table_rows(report.by_organization[:ORGANIZATIONS]),
        "more_organizations": max(len(report.by_organization) - ORGANIZATIONS, 0),
        "taking_part": summary.ORGANIZATIONS_TAKING_PART,
        "period": summary.period_line(report, html=True),
        "disaggregation": disaggregation.disaggregate(report),
        "now": timezone.localtime(),
        "query": f"?{query}" if query else "",
        "can_download": access.can_see_reports(request.user),
    }


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def programme_page(request):
    return render(request, "reports/programme.html", _context(request))


def _downloadable(request):
    if not access.can_see_reports(request.user):
        raise PermissionDenied


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def programme_pdf(request):
    _downloadable(request)
    context = _context(request)
    report = context["report"]
    context["filter_lines"] = summary.filter_lines(report, html=True)
    context["pdf_charts"] = charts.pdf_charts(report)
    context["sections"] = [
        {"title": _("Training workshops"), "figures": context["training"]},
        {"title": _("Coaching"), "figures": context["coaching"]},
        {"title": _("Strategic plans"), "figures": context["plans"]},
    ]
    pdf = render_pdf("reports/programme_pdf.html", context, request)
    return pdf_response(pdf, f"programme-{timezone.localdate():%Y-%m-%d}")


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def programme_excel(request):
    _downloadable(request)
    context = _context(request)

    def build(workbook):
        excel.write_report(workbook, context["report"])
        centre_sheets.write_centre(workbook, context["services"])

    content, _none = xlsx_bytes(build)
    return bytes_response(content, f"programme-{timezone.localdate():%Y-%m-%d}.xlsx")
