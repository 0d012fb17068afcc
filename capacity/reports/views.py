"""The programme dashboard of a project and its donor reports (PDF, Excel)."""

from html import escape

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.forms import DateField
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from capacity.reports import access, charts, excel, figures, summary
from capacity.reports.forms import ReportFilterForm
from core.parsing import parse_id
from core.pdf import pdf_response, render_pdf
from organizations.models import bilingual
from trainings.models import Project

FILTER_FIELDS = ("date_from", "date_to", "region", "organization")
# The page and the PDF list the organisations with most trainees; the workbook lists them all.
PAGE_ORGANIZATIONS = 50
PDF_ORGANIZATIONS = 50


def _query(request):
    """The filters of the request without the project, as a query string."""
    query = QueryDict(mutable=True)
    for name in FILTER_FIELDS:
        if request.GET.get(name):
            query[name] = request.GET[name]
    return query.urlencode()


def _with_query(url, query):
    return f"{url}?{query}" if query else url


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def index(request):
    """The filter form's target: go to the chosen project's dashboard (the latest project by default)."""
    project = None
    chosen = parse_id(request.GET.get("project"))
    if chosen is not None:
        project = Project.objects.filter(pk=chosen).first()
    project = project or Project.objects.order_by("-start_date", "code").first()
    if project is None:
        return render(request, "reports/no_project.html")
    return redirect(_with_query(reverse("reports:dashboard", args=[project.pk]), _query(request)))


def _report(request, pk, upcoming=False):
    """(project, form, Report) for the project pk and the filters of the request."""
    project = get_object_or_404(Project, pk=pk)
    data = {name: request.GET.get(name, "") for name in FILTER_FIELDS}
    form = ReportFilterForm({**data, "project": project.pk})
    filters = figures.Filters(project=project)
    if form.is_valid():
        cleaned = form.cleaned_data
        filters = figures.Filters(
            project=project,
            date_from=cleaned["date_from"],
            date_to=cleaned["date_to"],
            region=cleaned["region"],
            organization=cleaned["organization"],
        )
    return project, form, figures.compute(filters, upcoming=upcoming)


def _choices(queryset):
    """(value, label) of a bilingual catalogue, read as tuples: a select of a thousand
    organisations rendered through Django's widget templates costs more than every figure."""
    english = get_language() == "en"
    return [
        (str(pk), bilingual(name_ar, name_en, english))
        for pk, name_ar, name_en in queryset.values_list("pk", "name_ar", "name_en")
    ]


def _options(choices, chosen):
    """<option> elements, escaped with the standard library: a thousand of them through Django's
    lazy-aware escaping cost more than every figure of the page."""
    return mark_safe(  # noqa: S308 - every value and label is escaped here
        "".join(
            f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
            for value, label in choices
        )
    )


def _filter_fields(form, project, report):
    """The filter bar's fields with their choices and the value chosen, rendered by the template."""
    chosen = {name: str(form.data.get(name) or "") for name in ("project", *FILTER_FIELDS)}
    chosen["project"] = str(project.pk)
    if report.filters.organization:
        chosen["organization"] = report.filters.organization.name  # an id from a link shows as the name
    fields = []
    for name, field in form.fields.items():
        entry = {"name": name, "label": field.label, "value": chosen[name], "errors": form.errors.get(name, [])}
        if hasattr(field, "queryset"):
            entry["options"] = _options(_choices(field.queryset), entry["value"])
            entry["blank"] = name != "project"
        entry["type"] = "date" if isinstance(field, DateField) else "text"
        fields.append(entry)
    return fields


def _context(request, project, form, report):
    query = _query(request) if form.is_valid() else ""
    return {
        "project": project,
        "form": form,
        "report": report,
        "filters": report.filters,
        "training": summary.training_figures(report),
        "coaching": summary.coaching_figures(report),
        "plans": summary.plan_figures(report),
        "headings": [heading for _attribute, heading, _kind in summary.region_columns()],
        "region_rows": summary.table_rows(report.by_region),
        "taking_part": summary.ORGANIZATIONS_TAKING_PART,
        "period": summary.period_line(report, html=True),
        "charts": charts.all_charts(report),
        "now": timezone.localtime(),
        "pdf_url": _with_query(reverse("reports:pdf", args=[project.pk]), query),
        "excel_url": _with_query(reverse("reports:excel", args=[project.pk]), query),
        "can_download": access.can_see_reports(request.user),
    }


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def dashboard(request, pk):
    project, form, report = _report(request, pk, upcoming=True)
    context = _context(request, project, form, report)
    context["organization_rows"] = summary.table_rows(report.by_organization[:PAGE_ORGANIZATIONS])
    context["more_organizations"] = max(len(report.by_organization) - PAGE_ORGANIZATIONS, 0)
    context["today"] = timezone.localdate()
    context["filter_fields"] = _filter_fields(form, project, report)
    return render(request, "reports/dashboard.html", context)


def _downloadable(request):
    if not access.can_see_reports(request.user):
        raise PermissionDenied


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def report_pdf(request, pk):
    _downloadable(request)
    project, form, report = _report(request, pk)
    context = _context(request, project, form, report)
    context["organization_rows"] = summary.table_rows(report.by_organization[:PDF_ORGANIZATIONS])
    context["more_organizations"] = max(len(report.by_organization) - PDF_ORGANIZATIONS, 0)
    context["filter_lines"] = summary.filter_lines(report, html=True)
    context["pdf_charts"] = charts.pdf_charts(report)
    context["sections"] = [
        {"title": _("Training workshops"), "figures": context["training"]},
        {"title": _("Coaching"), "figures": context["coaching"]},
        {"title": _("Strategic plans"), "figures": context["plans"]},
    ]
    pdf = render_pdf("reports/report_pdf.html", context, request)
    return pdf_response(pdf, f"report-{project.code}-{timezone.localdate():%Y-%m-%d}")


@permission_required(access.DASHBOARD_PERMISSION, raise_exception=True)
def report_excel(request, pk):
    _downloadable(request)
    _project, _form, report = _report(request, pk)
    return excel.response(report)
