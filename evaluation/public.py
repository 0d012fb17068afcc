"""The pages a trainee opens from the QR code, without an account.

Reached only with a valid token (evaluation.links); rate-limited per address
(evaluation.throttle); never cached; the only data of others shown is the list of the
workshop's active trainees as first name and family initial ("فاطمة ع."), and none at
all when the feedback is anonymous. A refused answer saves nothing and says why.
"""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from evaluation import catalogue, links, throttle, writes
from evaluation.forms import FeedbackForm, TestForm, public_choices, score_text
from evaluation.models import Opening, OpeningKind

DEVICE_COOKIE = "capacity_answer_device"
DEVICE_SALT = "evaluation.device"
DEVICE_AGE = 90 * 24 * 3600


def _private(response):
    add_never_cache_headers(response)
    # The token is in the address: the site's Referrer-Policy (same-origin) keeps it from other
    # sites; "no-referrer" would make Chromium send "Origin: null" and fail the CSRF check.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _message(request, title, text, status, opening=None):
    context = {"title": title, "text": text, "workshop": opening.workshop if opening else None}
    return _private(render(request, "evaluation/public_message.html", context, status=status))


def _opening(request, token):
    """(opening, None) for a token honoured now, else (None, the page that says why)."""
    checked = links.read(token)
    opening = None
    if not checked.forged:
        opening = Opening.objects.select_related("workshop__project", "session").filter(pk=checked.opening_id).first()
    if opening is None:
        return None, _message(
            request,
            _("This link is not valid"),
            _("Check that you typed the whole link, or scan the QR code again."),
            404,
        )
    if not links.honours(opening, checked):
        return None, _message(
            request,
            _("This link has closed"),
            _("The time to answer through this link is over. Ask the trainer for the current QR code."),
            410,
            opening,
        )
    return opening, None


@login_not_required
@require_http_methods(["GET", "POST"])
def answer(request, token):
    """The form of an open link: feedback or a test, with the trainee's name unless anonymous."""
    if not throttle.allow(request):
        return _message(request, _("Too many requests"), _("Please wait a few minutes and try again."), 429)
    opening, refusal = _opening(request, token)
    if refusal:
        return refusal
    enrollments = list(
        opening.workshop.enrollments.filter(withdrawn_at__isnull=True)
        .select_related("person")
        .order_by("person__full_name")
    )
    if opening.kind == OpeningKind.FEEDBACK:
        return _feedback(request, token, opening, enrollments)
    return _test(request, token, opening, enrollments)


def _who(form, enrollments):
    chosen = form.cleaned_data.get("who")
    return next((e for e in enrollments if str(e.pk) == chosen), None)


def _feedback(request, token, opening, enrollments):
    questions = catalogue.feedback_questions(opening.workshop.project.centre_id)
    who = None if opening.anonymous else public_choices(enrollments)
    form = FeedbackForm(request.POST or None, questions=questions, who=who)
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT, max_age=DEVICE_AGE)
    if request.method == "POST" and form.is_valid():
        if opening.anonymous and not device:
            return _message(
                request,
                _("Nothing was saved"),
                _("Your browser did not keep the cookie this form needs. Allow cookies, then open the link again."),
                400,
                opening,
            )
        try:
            writes.save_feedback(
                opening.workshop,
                questions,
                form.values(),
                enrollment=None if opening.anonymous else _who(form, enrollments),
                session=opening.session,
                opening=opening,
                device=device,
            )
        except writes.Refused as refusal:
            return _message(request, _("Nothing new was saved"), refusal.message, 409, opening)
        return _done(request, token)
    context = {"opening": opening, "workshop": opening.workshop, "form": form, "trainees": len(enrollments)}
    response = _private(render(request, "evaluation/answer_feedback.html", context, status=_status(form)))
    if opening.anonymous and not device:
        response.set_signed_cookie(
            DEVICE_COOKIE,
            secrets.token_hex(16),
            salt=DEVICE_SALT,
            max_age=DEVICE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _test(request, token, opening, enrollments):
    test = catalogue.test_for(opening.workshop)
    refusal = catalogue.online_refusal(test)
    if refusal:
        return _message(request, _("This test cannot be taken here"), refusal, 409, opening)
    form = TestForm(request.POST or None, test=test, who=public_choices(enrollments))
    if request.method == "POST" and form.is_valid():
        try:
            result = writes.take_test(opening, _who(form, enrollments), test, form.chosen())
        except writes.Refused as refusal:
            return _message(request, _("Nothing new was saved"), refusal.message, 409, opening)
        messages.success(
            request,
            _("Your score: %(score)s of %(max)s.")
            % {"score": score_text(result.score), "max": score_text(result.max_score)},
        )
        return _done(request, token)
    context = {"opening": opening, "workshop": opening.workshop, "form": form, "test": test}
    return _private(render(request, "evaluation/answer_test.html", context, status=_status(form)))


def _status(form):
    return 400 if form.is_bound and not form.is_valid() else 200


def _done(request, token):
    return _private(HttpResponseRedirect(reverse("answer:done", args=[token])))


@login_not_required
@require_http_methods(["GET"])
def done(request, token):
    """Thanks, once an answer is saved (the token is checked again: no page for a forged one)."""
    if not throttle.allow(request):
        return _message(request, _("Too many requests"), _("Please wait a few minutes and try again."), 429)
    checked = links.read(token)
    opening = (
        None if checked.forged else Opening.objects.select_related("workshop").filter(pk=checked.opening_id).first()
    )
    if opening is None:
        return _message(request, _("This link is not valid"), "", 404)
    return _message(request, _("Thank you"), _("Your answer was saved."), 200, opening)
