"""Staff pages of a workshop's evaluation: the summary, the links (QR), paper feedback, paper scores, Excel."""

import functools

import segno
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import once
from core.centres import visible_or_404
from core.excel import xlsx_response
from core.parsing import parse_id
from evaluation import catalogue, links, summary, writes
from evaluation.excel import build_workbook
from evaluation.forms import STAGES, FeedbackForm, OpenLinkForm, parse_score, score_text
from evaluation.models import Opening, OpeningKind
from trainings import dates
from trainings.models import Workshop


def _workshop(request, pk):
    return visible_or_404(request.user, Workshop.objects.select_related("project__centre"), pk=pk)


def link_url(request, opening):
    return request.build_absolute_uri(reverse("answer:answer", args=[links.token_for(opening)]))


@functools.lru_cache(maxsize=64)
def qr_svg(url, scale=1):
    """The QR code of url as inline SVG (sized by CSS through its viewBox); kept, as making one takes ~20 ms."""
    return segno.make(url, error="m").svg_inline(scale=scale, border=2, omitsize=True, title=url)


def _sessions(workshop):
    return [(str(s.pk), dates.shown(s.date)) for s in workshop.sessions.all()]


@require_GET
@permission_required("evaluation.view_feedbackresponse", raise_exception=True)
def workshop_evaluation(request, pk):
    """The workshop's evaluation: open links with their QR, the feedback's averages, pre/post and gain."""
    workshop = _workshop(request, pk)
    questions = catalogue.feedback_questions(workshop.project.centre_id)
    shown = [
        {"opening": o, "url": (url := link_url(request, o)), "qr": qr_svg(url)}
        for o in summary.open_links(workshop, timezone.now())
    ]
    context = {
        "workshop": workshop,
        "links": shown,
        "open_form": OpenLinkForm(sessions=_sessions(workshop)),
        "feedback": summary.feedback(workshop, questions),
        "scores": summary.scores(workshop),
        "test": catalogue.test_for(workshop),
    }
    return render(request, "evaluation/workshop.html", context)


@require_POST
@permission_required("evaluation.add_opening", raise_exception=True)
def open_link(request, pk):
    workshop = _workshop(request, pk)
    form = OpenLinkForm(request.POST, sessions=_sessions(workshop))
    target = reverse("evaluation:workshop", args=[workshop.pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(target)
    kind = form.cleaned_data["kind"]
    if kind != OpeningKind.FEEDBACK:
        refusal = catalogue.online_refusal(catalogue.test_for(workshop))
        if refusal:
            messages.error(request, refusal)
            return redirect(target)
    session_id = parse_id(form.cleaned_data["session"])
    session = workshop.sessions.filter(pk=session_id).first() if session_id else None
    opening, created = writes.open_link(
        workshop,
        kind,
        form.cleaned_data["hours"],
        request.user,
        anonymous=form.cleaned_data["anonymous"],
        session=session,
    )
    if created:
        messages.success(request, _("The link is open: show the QR code to the trainees."))
    else:
        messages.info(request, _("This link was already open: it is shown below."))
    return redirect(target)


@require_POST
@permission_required("evaluation.change_opening", raise_exception=True)
def close_link(request, pk):
    opening = visible_or_404(request.user, Opening.objects.select_related("workshop"), pk=pk)
    writes.close_link(opening)
    messages.success(request, _("The link is closed: its QR code no longer works."))
    return redirect("evaluation:workshop", opening.workshop_id)


@require_GET
@permission_required("evaluation.view_opening", raise_exception=True)
def link_qr(request, pk):
    """The QR code of an open link, alone, as an SVG file (to project it large or print it)."""
    opening = visible_or_404(
        request.user, Opening.objects.select_related("workshop"), pk=pk, closes_at__gt=timezone.now()
    )
    qr = segno.make(link_url(request, opening), error="m")
    response = HttpResponse(content_type="image/svg+xml")
    qr.save(response, kind="svg", scale=10, border=2, title=opening.workshop.title)
    return response


@require_http_methods(["GET", "POST"])
@permission_required("evaluation.add_feedbackresponse", raise_exception=True)
def paper_feedback(request, pk):
    """Staff type in a paper feedback form: a trainee's (named) or an anonymous one; sent twice, saved once."""
    workshop = _workshop(request, pk)
    questions = catalogue.feedback_questions(workshop.project.centre_id)
    enrollments = list(workshop.enrollments.select_related("person").order_by("person__full_name"))
    who = [("anonymous", _("Anonymous"))] + [(str(e.pk), e.person.full_name) for e in enrollments]
    # A paper form may leave a rating blank; an empty one is refused.
    form = FeedbackForm(
        request.POST or None, questions=questions, who=who, sessions=_sessions(workshop), ratings_required=False
    )
    form.fields["who"].label = _("Trainee")
    back = reverse("evaluation:workshop", args=[workshop.pk])
    if request.method == "POST" and form.is_valid():
        response = _save_paper(request, form, workshop, questions, enrollments, back)
        if response is not None:
            return response
    context = {
        "workshop": workshop,
        "form": form,
        "once_field": once.FIELD,
        "once_token": once.token_of(request) or once.issue(request),
    }
    return render(request, "evaluation/paper_feedback.html", context, status=400 if form.errors else 200)


def _save_paper(request, form, workshop, questions, enrollments, back):
    """Save the paper form under its one-time token; None when refused (the form shows why)."""
    chosen = form.cleaned_data["who"]
    enrollment = next((e for e in enrollments if str(e.pk) == chosen), None)
    session_id = parse_id(form.cleaned_data.get("session"))
    session = workshop.sessions.filter(pk=session_id).first() if session_id else None
    token = once.token_of(request)
    with transaction.atomic():
        used = None
        if token:
            try:
                used = once.consume(request, token)
            except once.Used:
                messages.info(request, _("This form was already sent: it was saved once, not twice."))
                return HttpResponseRedirect(back)
        try:
            writes.save_feedback(
                workshop, questions, form.values(), enrollment=enrollment, session=session, user=request.user
            )
        except writes.Refused as refusal:
            form.add_error("who", refusal.message)
            if used is not None:
                once.release(used)
            return None
        if used is not None:
            once.settle(used, back)
    messages.success(request, _("The paper form is saved."))
    if "another" in request.POST:
        return HttpResponseRedirect(reverse("evaluation:paper_feedback", args=[workshop.pk]))
    return HttpResponseRedirect(back)


@require_http_methods(["GET", "POST"])
@permission_required(("evaluation.add_testresult", "evaluation.change_testresult"), raise_exception=True)
def scores(request, pk):
    """Pre- and post-test scores typed from paper, one row per trainee; all saved or none."""
    workshop = _workshop(request, pk)
    test = catalogue.test_for(workshop)
    data = summary.scores(workshop)
    maximum = catalogue.paper_maximum(test)
    errors = {}
    if request.method == "POST":
        maximum = parse_id(request.POST.get("maximum")) if maximum is None else maximum
        rows, errors = _typed_scores(request, data.rows, maximum)
        if not errors:
            try:
                changed = writes.save_scores(rows, test, maximum, request.user)
            except writes.Refused as refusal:
                errors["all"] = refusal.message
            else:
                messages.success(request, _("Scores saved (%(count)d changed).") % {"count": changed})
                return redirect("evaluation:workshop", workshop.pk)
    context = {
        "workshop": workshop,
        "test": test,
        "sheet": _sheet(request, data.rows, errors),
        "maximum": maximum,
        "errors": errors,
    }
    return render(request, "evaluation/scores.html", context, status=400 if errors else 200)


def _sheet(request, rows, errors):
    """The score sheet's rows: a name and, per stage, its box (name, label, value shown, error)."""
    sheet = []
    for row in rows:
        cells = []
        for stage in STAGES:
            name = f"{stage}-{row.enrollment.pk}"
            result = getattr(row, stage)
            value = request.POST.get(name, "") if request.method == "POST" else ""
            if not value and result is not None:
                value = score_text(result.score)
            cells.append({"name": name, "label": stage.label, "value": value, "error": errors.get(name)})
        sheet.append({"name": row.enrollment.person.full_name, "cells": cells})
    return sheet


def _typed_scores(request, rows, maximum):
    """([(enrollment, stage, score or None)], {field name: message}) from the posted sheet."""
    errors, typed = {}, []
    if not maximum:
        return [], {"maximum": _("Give the maximum score of the paper test (a whole number above 0).")}
    for row in rows:
        for stage in STAGES:
            name = f"{stage}-{row.enrollment.pk}"
            try:
                score = parse_score(request.POST.get(name))
            except ValueError:
                errors[name] = _("Type a number (for example 7 or 7.5).")
                continue
            if score is not None and score > maximum:
                errors[name] = _("Above the maximum (%(max)s).") % {"max": maximum}
                continue
            typed.append((row.enrollment, stage, score))
    return typed, errors


@require_GET
@permission_required("evaluation.export_testresult", raise_exception=True)
def export(request, pk):
    workshop = _workshop(request, pk)
    questions = catalogue.feedback_questions(workshop.project.centre_id)
    data, feedback = summary.scores(workshop), summary.feedback(workshop, questions)
    response, _unused = xlsx_response(
        lambda book: build_workbook(book, workshop, data, feedback), f"evaluation-{workshop.pk}.xlsx"
    )
    return response
