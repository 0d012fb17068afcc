"""The programme dashboard of a project and its donor reports (PDF, Excel)."""

from html import escape

from django.conf import settings
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.forms import DateField
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from capacity.reports import access, charts, disaggregation, excel, figures, iptt_views, summary
from capacity.reports.forms import ReportFilterForm
from core.centres import scope, visible_or_404
from core.jobs.start import PDF, XLSX, job_request, respond, start
from core.parsing import parse_id
from core.pdf import pdf_response, render_pdf
from organizations.models import bilingual
from trainings.models import Attendance, Project

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
        project = scope(Project.objects, request.user).filter(pk=chosen).first()
    project = project or scope(Project.objects, request.user).order_by("-start_date", "code").first()
    if project is None:
        return render(request, "reports/no_project.html")
    return redirect(_with_query(reverse("reports:dashboard", args=[project.pk]), _query(request)))


def _report(request, pk, upcoming=False):
    """(project, form, Report) for the project pk and the filters of the request."""
    project = visible_or_404(request.user, Project, pk=pk)
    data = {name: request.GET.get(name, "") for name in FILTER_FIELDS}
    form = ReportFilterForm({**data, "project": project.pk}, user=request.user)
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
        # Issue 18: the trainees disaggregated and the IPTT, on the page and in the PDF alike.
        "disaggregation": disaggregation.disaggregate(report),
        **iptt_views.context(request, project, report.filters),
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
    return _in_background(request, pk, "pdf") or pdf_of_report(request, pk)


def pdf_of_report(request, pk):
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
    return _in_background(request, pk, "excel") or workbook_of_report(request, pk)


def workbook_of_report(request, pk):
    _project, _form, report = _report(request, pk)
    return excel.response(report)


# Donor reports of big projects as background jobs (core/jobs) ------------------------------
# The builder answers the same view function as the request would, for a request rebuilt
# from the job (its owner, its filters, its language): what is printed stays one code path.

REPORT_JOBS = {
    "pdf": ("capacity.reports.views.pdf_of_report", "pdf", PDF),
    "excel": ("capacity.reports.views.workbook_of_report", "xlsx", XLSX),
}


def _in_background(request, pk, kind):
    """A redirect to the job writing this report, when the project is too big to answer at once; else None."""
    project = visible_or_404(request.user, Project, pk=pk)
    marks = Attendance.objects.filter(session__workshop__project=project).count()
    if marks <= settings.JOBS_SYNC_REPORT_MARKS:
        return None
    builder, extension, content_type = REPORT_JOBS[kind]
    job = start(
        request.user,
        kind=f"reports.{kind}",
        label=_("Donor report of %(project)s (%(format)s)") % {"project": project, "format": extension.upper()},
        builder="capacity.reports.views.report_job",
        parameters={"project": project.pk, "view": builder, "query": _query(request)},
        filename=f"report-{slugify(project.code) or project.pk}-{timezone.localdate():%Y-%m-%d}.{extension}",
        content_type=content_type,
    )
    return respond(job)


def report_job(job, progress, path):
    progress.set_total(1)
    request = job_request(job, job.parameters["query"])
    response = import_string(job.parameters["view"])(request, job.parameters["project"])
    path.write_bytes(response.content)
    progress.step()
    return 1
