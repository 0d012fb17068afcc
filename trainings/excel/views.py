"""Excel pages: trainee import (template, upload, preview, confirm) and attendance exports."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.excel import xlsx_response
from organizations import imports
from organizations.models import Organization
from trainings.excel import exports, pending
from trainings.excel.forms import FlatExportForm, ImportForm
from trainings.excel.models import ExportKind, PendingImport, record
from trainings.models import Project, Workshop

IMPORT_PERMISSION = "excel.import_people"
EXPORT_PERMISSION = "excel.export_attendance"
SESSION_KEY = "excel_import"


def _today():
    return timezone.localdate().isoformat()


# Import -----------------------------------------------------------------------
# The file is read once, at the upload; its rows wait in a PendingImport (its token
# in the session) for the preview and the one confirm that saves them.


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_template(request):
    response, orgs = xlsx_response(imports.write_template, f"trainees-template-{_today()}.xlsx")
    record(request.user, ExportKind.IMPORT_TEMPLATE, _("Trainee import template"), rows=orgs)
    return response


def _pending(request):
    """The import waiting in this user's session, not yet confirmed, or None."""
    token = request.session.get(SESSION_KEY)
    if not isinstance(token, str):
        return None
    return (
        PendingImport.objects.filter(token=token, user=request.user, consumed_at=None)
        .select_related("organization")
        .first()
    )


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        organization = form.cleaned_data["organization"]
        try:
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
    plan = pending.plan_of(waiting)
    context = {"plan": plan, "state": _state(waiting), "counts": plan.counts, "statuses": imports.STATUS_LABELS}
    return render(request, "excel/import_preview.html", context)


def _refusal(request, digest):
    """check() of pending.consume: why this plan may not be saved, as a redirect, or None."""

    def check(plan):
        if not plan.is_valid:
            messages.error(request, _("Nothing was saved: correct the invalid rows in the file and upload it again."))
            return redirect("excel:import_preview")
        if digest != plan.digest:
            messages.warning(request, _("The data changed since the preview. Check the preview again, then confirm."))
            return redirect("excel:import_preview")
        return None

    return check


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request):
    token = request.POST.get("token", "")
    try:
        done = pending.consume(token, request.user, _refusal(request, request.POST.get("digest")))
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
    workshop = get_object_or_404(
        Workshop.objects.select_related("project", "phase", "venue__centre").prefetch_related("trainers"), pk=pk
    )
    filename = f"register-{_slug(workshop.project.code)}-{workshop.pk}-{_today()}.xlsx"
    response, rows = xlsx_response(lambda workbook: exports.write_register(workbook, workshop), filename)
    record(request.user, ExportKind.REGISTER, workshop, filters={"workshop": workshop.pk}, rows=rows)
    return response


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def project_attendance(request, pk):
    """The filter page of a project's attendance export; with ?download, the workbook itself."""
    project = get_object_or_404(Project, pk=pk)
    form = FlatExportForm(request.GET if "download" in request.GET else None, project=project)
    if form.is_bound and form.is_valid():
        queryset = exports.flat_queryset(project, **form.filters())
        filename = f"attendance-{_slug(project.code)}-{_today()}.xlsx"
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
    project = get_object_or_404(Project, pk=pk)
    filename = f"attendance-summary-{_slug(project.code)}-{_today()}.xlsx"
    response, rows = xlsx_response(lambda workbook: exports.write_summary(workbook, project), filename)
    record(request.user, ExportKind.SUMMARY, project, filters={"project": project.pk}, rows=rows)
    return response
