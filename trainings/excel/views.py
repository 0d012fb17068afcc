"""Excel pages: trainee import (template, upload, preview, confirm) and attendance exports."""

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.centres import scope_form, visible_or_404
from core.excel import XLSX_CONTENT_TYPE, xlsx_response
from core.jobs import files as job_files
from core.jobs.runner import Refused
from core.jobs.start import respond, start
from core.jobs.views import job_downloaded
from core.models import Job
from organizations import imports
from organizations.models import Organization
from trainings.excel import exports, import_read, pending
from trainings.excel.forms import FlatExportForm, ImportForm
from trainings.excel.models import ExportKind, PendingImport, record
from trainings.models import Enrollment, Project, Workshop

IMPORT_PERMISSION = "excel.import_people"
EXPORT_PERMISSION = "excel.export_attendance"
SESSION_KEY = "excel_import"


def _today():
    return timezone.localdate().isoformat()


# Import -----------------------------------------------------------------------
# The file is read once, at the upload; its rows wait in a PendingImport (its token
# in the session) for the preview and the one confirm that saves them. A large file
# is read by a job instead (import_read), whose page links to the preview.


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_template(request):
    response, orgs = xlsx_response(imports.write_template, f"trainees-template-{_today()}.xlsx")
    record(request.user, ExportKind.IMPORT_TEMPLATE, _("Trainee import template"), rows=orgs)
    return response


def _pending(request):
    """The import waiting in this user's session, not yet confirmed, or None.

    ?token= names an import read by a job (its page links here): if it is this user's
    and not confirmed, it becomes the one in the session, in place of any other.
    """
    token = request.GET.get("token") or request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    waiting = (
        PendingImport.objects.filter(token=token, user=request.user, consumed_at=None)
        .select_related("organization")
        .first()
    )
    if waiting is not None and request.session.get(SESSION_KEY) != token:
        _discard(request)
        request.session[SESSION_KEY] = token
    return waiting


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    form = scope_form(ImportForm(request.POST or None, request.FILES or None), request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        organization = form.cleaned_data["organization"]
        try:
            imports.check_upload(upload)
            large = import_read.declared_rows(upload)
            if large > import_read.read_threshold():
                return import_read.start_reading(request, upload, organization, large)
            rows = imports.read_rows(upload, organization_column=organization is None)
        except imports.FileRejected as error:
            form.add_error("file", error.message)
        else:
            _discard(request)
            request.session[SESSION_KEY] = pending.create(request.user, upload.name, organization, rows).token
            return redirect("excel:import_preview")
    context = {"form": form, "max_rows": imports.MAX_ROWS, "columns": imports.COLUMNS}
    return render(request, "excel/import_upload.html", context)


def _state(waiting):
    return {"token": waiting.token, "name": waiting.name, "organization": waiting.organization_id}


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_preview(request):
    waiting = _pending(request)
    if waiting is None:
        messages.warning(request, _("There is no uploaded file waiting: upload it again."))
        return redirect("excel:import_upload")
    # A large file's plan was built once by its job (import_read); a small one's is rebuilt here.
    stored = pending.Preview.stored(waiting)
    plan = stored or pending.plan_of(waiting)
    rows = stored.rows if stored else pending.shown_rows(plan)
    context = {
        "plan": plan,
        "rows": rows,
        "state": _state(waiting),
        "counts": plan.counts,
        "statuses": imports.STATUS_LABELS,
    }
    return render(request, "excel/import_preview.html", context)


def _refusal(request, token, digest):
    """check() of pending.consume: why this plan may not be saved, as a redirect, or None."""

    def check(plan):
        if not plan.is_valid:
            messages.error(request, _("Nothing was saved: correct the invalid rows in the file and upload it again."))
            return redirect("excel:import_preview")
        if digest != plan.digest:
            # A stored preview (a large file's) shows the plan found now, for the user to check again.
            waiting = PendingImport.objects.filter(token=token, user=request.user).only("pk", "preview").first()
            if waiting is not None and waiting.preview:
                pending.Preview.of(plan).store(waiting)
            messages.warning(request, _("The data changed since the preview. Check the preview again, then confirm."))
            return redirect("excel:import_preview")
        return None

    return check


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request):
    token = request.POST.get("token", "")
    big = _large_import(request, token)
    if big is not None:
        return big
    try:
        done = pending.consume(token, request.user, _refusal(request, token, request.POST.get("digest")))
    except PendingImport.DoesNotExist:
        messages.warning(request, _("There is no uploaded file waiting: upload it again."))
        return redirect("excel:import_upload")
    except pending.AlreadyImported as already:
        return _already_imported(request, already.pending)
    if not isinstance(done, tuple):
        return done
    waiting, plan, created, updated = done
    record(
        request.user,
        ExportKind.IMPORT,
        waiting.name,
        filters={"created": created, "updated": updated, "organization": waiting.organization_id},
        rows=len(plan.rows),
    )
    if request.session.get(SESSION_KEY) == token:
        del request.session[SESSION_KEY]
    messages.success(
        request,
        _("Import saved: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": created, "updated": updated, "unchanged": plan.count(imports.UNCHANGED)},
    )
    return redirect(reverse("organizations:person_list"))


def _large_import(request, token):
    """Above JOBS_SYNC_IMPORT_ROWS rows the save is a background job: a redirect to its page; else None."""
    waiting = (
        PendingImport.objects.filter(token=token, user=request.user, consumed_at=None).only("name", "rows").first()
    )
    if waiting is None or len(waiting.rows) <= settings.JOBS_SYNC_IMPORT_ROWS:
        return None
    job = start(
        request.user,
        kind="excel.import",
        label=f"{ExportKind.IMPORT.label}: {waiting.name}",
        builder="trainings.excel.views.import_job",
        parameters={"token": token, "digest": request.POST.get("digest", "")},
        filename="",
        content_type="",
    )
    if request.session.get(SESSION_KEY) == token:
        del request.session[SESSION_KEY]
    return respond(job)


def import_job(job, progress, path):
    """Save a large import once (pending.consume), as the confirm would; the page then says what was saved."""

    def check(plan):
        if not plan.is_valid:
            raise Refused(_("Nothing was saved: correct the invalid rows in the file and upload it again."))
        if job.parameters["digest"] != plan.digest:
            raise Refused(
                _("The data changed since the preview. Upload the file again, check the preview, then confirm.")
            )
        progress.set_total(len(plan.rows))
        return None

    try:
        waiting, plan, created, updated = pending.consume(job.parameters["token"], job.owner, check)
    except PendingImport.DoesNotExist as missing:
        raise Refused(_("There is no uploaded file waiting: upload it again.")) from missing
    except pending.AlreadyImported as already:
        raise Refused(_("This file was already imported; nothing was saved a second time.")) from already
    filters = {"created": created, "updated": updated, "organization": waiting.organization_id}
    record(job.owner, ExportKind.IMPORT, waiting.name, filters=filters, rows=len(plan.rows))
    message = _("Import saved: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.") % {
        "created": created,
        "updated": updated,
        "unchanged": plan.count(imports.UNCHANGED),
    }
    next_url = reverse("organizations:person_list")
    Job.objects.filter(pk=job.pk).update(parameters={**job.parameters, "message": message, "next": next_url})
    return len(plan.rows)


def _already_imported(request, done):
    """A second confirm of one import (a double click, a resend): say so, show what was saved."""
    organizations = Organization.objects.filter(pk__in=done.result.get("organizations", [])).order_by("name_ar")
    context = {"done": done, "organizations": organizations[:20], "more": max(organizations.count() - 20, 0)}
    return render(request, "excel/import_done.html", context)


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_cancel(request):
    _discard(request)
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("excel:import_upload")


def _discard(request):
    """Forget the import waiting in this session (a confirmed one is kept for its answer)."""
    token = request.session.pop(SESSION_KEY, None)
    if isinstance(token, str):
        PendingImport.objects.filter(token=token, user=request.user, consumed_at=None).delete()


# Exports ----------------------------------------------------------------------


def _slug(text):
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "export"


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def workshop_register(request, pk):
    workshop = visible_or_404(
        request.user,
        Workshop.objects.select_related("project", "phase", "venue__centre").prefetch_related("trainers"),
        pk=pk,
    )
    filename = f"register-{_slug(workshop.project.code)}-{workshop.pk}-{_today()}.xlsx"
    if workshop.enrollments.count() > settings.JOBS_SYNC_ROWS:
        log = {"kind": ExportKind.REGISTER, "subject": str(workshop), "filters": {"workshop": workshop.pk}}
        return _in_background(request, "register", workshop, register_job, {"workshop": workshop.pk}, filename, log)
    response, rows = xlsx_response(lambda workbook: exports.write_register(workbook, workshop), filename)
    record(request.user, ExportKind.REGISTER, workshop, filters={"workshop": workshop.pk}, rows=rows)
    return response


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def project_attendance(request, pk):
    """The filter page of a project's attendance export; with ?download, the workbook itself."""
    project = visible_or_404(request.user, Project, pk=pk)
    form = scope_form(FlatExportForm(request.GET if "download" in request.GET else None, project=project), request.user)
    if form.is_bound and form.is_valid():
        queryset = exports.flat_queryset(project, **form.filters())
        filename = f"attendance-{_slug(project.code)}-{_today()}.xlsx"
        if queryset.marks.count() > settings.JOBS_SYNC_ROWS:
            log = {
                "kind": ExportKind.FLAT,
                "subject": str(project),
                "filters": {"project": project.pk, **form.described()},
            }
            parameters = {"project": project.pk, "filters": {name: request.GET.get(name, "") for name in form.fields}}
            return _in_background(request, "flat", project, flat_job, parameters, filename, log)
        response, rows = xlsx_response(
            lambda workbook: exports.write_flat(workbook, exports.flat_rows(project, queryset)),
            filename,
            constant_memory=True,
        )
        record(request.user, ExportKind.FLAT, project, filters={"project": project.pk, **form.described()}, rows=rows)
        return response
    return render(request, "excel/project_attendance.html", {"project": project, "form": form})


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def project_summary(request, pk):
    project = visible_or_404(request.user, Project, pk=pk)
    filename = f"attendance-summary-{_slug(project.code)}-{_today()}.xlsx"
    if Enrollment.objects.filter(workshop__project=project).count() > settings.JOBS_SYNC_ROWS:
        log = {"kind": ExportKind.SUMMARY, "subject": str(project), "filters": {"project": project.pk}}
        return _in_background(request, "summary", project, summary_job, {"project": project.pk}, filename, log)
    response, rows = xlsx_response(lambda workbook: exports.write_summary(workbook, project), filename)
    record(request.user, ExportKind.SUMMARY, project, filters={"project": project.pk}, rows=rows)
    return response


# The same exports as background jobs (core/jobs), above JOBS_SYNC_ROWS rows -------------
# Each builder reads its records again in the worker, narrowed to the owner's centres.

JOB_KINDS = {
    "flat": ExportKind.FLAT,
    "register": ExportKind.REGISTER,
    "summary": ExportKind.SUMMARY,
}


def _in_background(request, kind, subject, builder, parameters, filename, log):
    label = f"{JOB_KINDS[kind].label}: {subject}"
    builder_path = f"{builder.__module__}.{builder.__name__}"
    job = start(
        request.user,
        kind=f"excel.{kind}",
        label=label,
        builder=builder_path,
        parameters={**parameters, "log": log},
        filename=filename,
        content_type=XLSX_CONTENT_TYPE,
    )
    return respond(job)


def flat_job(job, progress, path):
    project = visible_or_404(job.owner, Project, pk=job.parameters["project"])
    form = scope_form(FlatExportForm(job.parameters["filters"], project=project), job.owner)
    if not form.is_valid():
        raise Refused(_("The filters of this export no longer match the project's records. Ask for the export again."))
    selection = exports.flat_queryset(project, **form.filters())
    progress.set_total(selection.marks.count())
    rows = progress.over(exports.flat_rows(project, selection))
    return job_files.xlsx_file(path, lambda workbook: exports.write_flat(workbook, rows), constant_memory=True)


def register_job(job, progress, path):
    workshop = visible_or_404(
        job.owner,
        Workshop.objects.select_related("project", "phase", "venue__centre").prefetch_related("trainers"),
        pk=job.parameters["workshop"],
    )
    return job_files.xlsx_file(path, lambda workbook: exports.write_register(workbook, workshop))


def summary_job(job, progress, path):
    project = visible_or_404(job.owner, Project, pk=job.parameters["project"])
    return job_files.xlsx_file(path, lambda workbook: exports.write_summary(workbook, project))


@receiver(job_downloaded, dispatch_uid="excel-job-downloads")
def _record_download(sender, job, user, **kwargs):
    """Each download of a workbook made in the background goes in the export log, as the direct ones."""
    log = job.parameters.get("log")
    if log:
        record(user, log["kind"], log["subject"], filters=log["filters"], rows=job.rows)
