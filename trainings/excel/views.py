"""Excel pages: trainee import (template, upload, preview, confirm) and attendance exports."""

import os
import re
import tempfile
import time
import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.files import File
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.excel import xlsx_response
from organizations import imports
from organizations.models import Organization
from trainings.excel import exports
from trainings.excel.forms import FlatExportForm, ImportForm
from trainings.excel.models import ExportKind, record
from trainings.models import Project, Workshop

IMPORT_PERMISSION = "excel.import_people"
EXPORT_PERMISSION = "excel.export_attendance"
SESSION_KEY = "excel_import"
# Uploads wait here between the preview and the confirm; older ones are swept away.
UPLOAD_DIR = Path(tempfile.gettempdir()) / "capacity-excel-imports"
UPLOAD_MAX_AGE = 24 * 3600
TOKEN = re.compile(r"^[0-9a-f]{32}$")


def _today():
    return timezone.localdate().isoformat()


# Import -----------------------------------------------------------------------


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_template(request):
    response, orgs = xlsx_response(imports.write_template, f"trainees-template-{_today()}.xlsx")
    record(request.user, ExportKind.IMPORT_TEMPLATE, _("Trainee import template"), rows=orgs)
    return response


def _stored_path(token):
    return UPLOAD_DIR / f"{token}.xlsx"


def _store(upload):
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    now = time.time()
    for old in UPLOAD_DIR.glob("*.xlsx"):
        try:
            if now - old.stat().st_mtime > UPLOAD_MAX_AGE:
                old.unlink()
        except OSError:
            pass
    token = uuid.uuid4().hex
    upload.seek(0)
    with open(_stored_path(token), "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def _pending(request):
    """The upload waiting in this user's session: (state, path), or (None, None)."""
    state = request.session.get(SESSION_KEY)
    if not state or not TOKEN.match(state.get("token", "")):
        return None, None
    path = _stored_path(state["token"])
    return (state, path) if path.exists() else (None, None)


def _plan_of(state, path):
    organization = None
    if state.get("organization"):
        organization = Organization.objects.filter(pk=state["organization"]).first()
    with open(path, "rb") as handle:
        rows = imports.read_rows(File(handle, name=path.name), organization_column=organization is None)
    return imports.build_plan(rows, organization)


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
            request.session[SESSION_KEY] = {
                "token": _store(upload),
                "name": upload.name[:200],
                "organization": organization.pk if organization else None,
                "rows": len(rows),
            }
            return redirect("excel:import_preview")
    context = {"form": form, "max_rows": imports.MAX_ROWS, "columns": imports.COLUMNS}
    return render(request, "excel/import_upload.html", context)


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_preview(request):
    state, path = _pending(request)
    if state is None:
        messages.warning(request, _("There is no uploaded file waiting: upload it again."))
        return redirect("excel:import_upload")
    try:
        plan = _plan_of(state, path)
    except imports.FileRejected as error:
        _discard(request)
        messages.error(request, error.message)
        return redirect("excel:import_upload")
    context = {"plan": plan, "state": state, "counts": plan.counts, "statuses": imports.STATUS_LABELS}
    return render(request, "excel/import_preview.html", context)


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_confirm(request):
    state, path = _pending(request)
    if state is None or request.POST.get("token") != state["token"]:
        messages.warning(request, _("There is no uploaded file waiting: upload it again."))
        return redirect("excel:import_upload")
    try:
        plan = _plan_of(state, path)
    except imports.FileRejected as error:
        _discard(request)
        messages.error(request, error.message)
        return redirect("excel:import_upload")
    if not plan.is_valid:
        messages.error(request, _("Nothing was saved: correct the invalid rows in the file and upload it again."))
        return redirect("excel:import_preview")
    if request.POST.get("digest") != plan.digest:
        messages.warning(request, _("The data changed since the preview. Check the preview again, then confirm."))
        return redirect("excel:import_preview")
    created, updated = imports.apply_plan(plan, request.user)
    record(
        request.user,
        ExportKind.IMPORT,
        state.get("name", ""),
        filters={"created": created, "updated": updated, "organization": state.get("organization")},
        rows=len(plan.rows),
    )
    _discard(request)
    messages.success(
        request,
        _("Import saved: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
        % {"created": created, "updated": updated, "unchanged": plan.count(imports.UNCHANGED)},
    )
    return redirect(reverse("organizations:person_list"))


@require_POST
@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_cancel(request):
    _discard(request)
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("excel:import_upload")


def _discard(request):
    state = request.session.pop(SESSION_KEY, None)
    if state and TOKEN.match(state.get("token", "")):
        try:
            os.unlink(_stored_path(state["token"]))
        except OSError:
            pass


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
