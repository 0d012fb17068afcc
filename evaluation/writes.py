"""The one door that writes evaluation rows: links opened and closed, feedback, test results.

Each write is one transaction; a refusal (Refused) leaves nothing behind. An enrolment
answers a workshop's feedback (or one session's) once and each test once: the database's
unique constraints are the last guard, so two phones sending the same name at the same
instant save one answer and the second is told so.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import links, tallies
from evaluation.models import Answer, FeedbackResponse, Opening, OpeningKind, QuestionKind, Source, Stage, TestResult

MAX_HOURS = 72


class Refused(Exception):
    """Nothing was saved; the message says why, in the user's language."""

    def __init__(self, message, already=False):
        super().__init__(message)
        self.message = message
        self.already = already


# Links ----------------------------------------------------------------------------------


def open_link(workshop, kind, hours, user, anonymous=False, session=None):
    """The workshop's open link for kind (and session), opened now for hours unless one is open already.

    Returns (opening, created). Opening twice (a double click) gives the same link.
    """
    if kind != OpeningKind.FEEDBACK:
        anonymous, session = False, None  # a test is always named: pre and post are paired by enrolment
    now = timezone.now()
    with transaction.atomic():
        current = (
            Opening.objects.select_for_update()
            .filter(workshop=workshop, kind=kind, session=session, closes_at__gt=now)
            .order_by("-closes_at")
            .first()
        )
        if current is not None:
            return current, False
        closes_at = links.closing_minute(now + datetime.timedelta(hours=min(max(hours, 1), MAX_HOURS)))
        opening = Opening.objects.create(
            workshop=workshop,
            kind=kind,
            session=session,
            anonymous=anonymous,
            opened_by=user,
            opened_at=now,
            closes_at=closes_at,
        )
    return opening, True


def close_link(opening):
    """Close opening now: its QR code and link stop working at once."""
    with transaction.atomic():
        opening = Opening.objects.select_for_update().get(pk=opening.pk)
        if opening.is_open():
            opening.closes_at = links.closing_minute(timezone.now())
            opening.save(update_fields=["closes_at"])
    return opening


# Feedback -------------------------------------------------------------------------------


def anonymous_limit(opening, enrolled):
    """How many anonymous answers one link takes: one per enrolled trainee (the capacity if none is enrolled)."""
    return enrolled or opening.workshop.capacity


def save_feedback(workshop, questions, values, *, enrollment=None, session=None, opening=None, device="", user=None):
    """One feedback response with an answer per question given; Refused if this trainee (or phone) answered.

    values maps a question's id to a rating (1-5) or a text; absent or empty values are not stored.
    """
    source = Source.LINK if opening is not None else Source.PAPER
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: a refused answer leaves the transaction usable
                if opening is not None and enrollment is None:
                    _check_anonymous_room(opening)
                response = FeedbackResponse.objects.create(
                    workshop=workshop,
                    session=session,
                    enrollment=enrollment,
                    opening=opening,
                    device=device if enrollment is None else "",
                    source=source,
                    entered_by=user,
                )
                Answer.objects.bulk_create(_answers(response, questions, values))
        except IntegrityError:
            raise Refused(_already_answered(enrollment), already=True) from None
        tallies.recount([workshop.pk])
    return response


def _already_answered(enrollment):
    if enrollment is None:
        return _("An answer was already sent from this phone through this link: it was kept, and counted once.")
    return _("%(name)s has already answered this feedback: the first answer is kept.") % {
        "name": enrollment.person.full_name
    }


def _check_anonymous_room(opening):
    # The opening row is locked so that two last answers cannot both slip under the limit.
    opening = Opening.objects.select_for_update().select_related("workshop").get(pk=opening.pk)
    enrolled = opening.workshop.enrollments.filter(withdrawn_at__isnull=True).count()
    taken = FeedbackResponse.objects.filter(opening=opening, enrollment__isnull=True).count()
    if taken >= anonymous_limit(opening, enrolled):
        raise Refused(_("This link has received as many anonymous answers as the workshop has trainees."))


def _answers(response, questions, values):
    for question in questions:
        value = values.get(question.pk)
        if value in (None, ""):
            continue
        if question.kind == QuestionKind.RATING:
            yield Answer(response=response, question=question, rating=int(value))
        else:
            yield Answer(response=response, question=question, text=str(value))


# Tests ----------------------------------------------------------------------------------


def score_answers(test, chosen):
    """(score, maximum) of the choices made: chosen maps a question id to a choice id."""
    score = 0
    questions = list(test.questions.all())
    for question in questions:
        right = next((choice.pk for choice in question.choices.all() if choice.correct), None)
        if right is not None and chosen.get(question.pk) == right:
            score += 1
    return score, len(questions)


def take_test(opening, enrollment, test, chosen):
    """The result of an enrolment's test answered through a link; Refused if it has one for that stage."""
    score, maximum = score_answers(test, chosen)
    stage = Stage.PRE if opening.kind == OpeningKind.PRE else Stage.POST
    with transaction.atomic():
        try:
            with transaction.atomic():
                result = TestResult.objects.create(
                    enrollment=enrollment, stage=stage, test=test, score=score, max_score=maximum, source=Source.LINK
                )
        except IntegrityError:
            raise Refused(
                _("%(name)s has already taken this test: the first result is kept.")
                % {"name": enrollment.person.full_name},
                already=True,
            ) from None
        tallies.recount([enrollment.workshop_id])
    return result


def save_scores(rows, test, maximum, user):
    """Scores typed from paper: rows of (enrollment, stage, score or None); a blank leaves a result as it was.

    All or nothing; saving the same sheet twice changes nothing the second time.
    Returns how many results were created or changed.
    """
    maximum = Decimal(maximum)
    changed = 0
    with transaction.atomic():
        existing = {
            (r.enrollment_id, r.stage): r
            for r in TestResult.objects.select_for_update().filter(enrollment__in=[row[0] for row in rows])
        }
        for enrollment, stage, score in rows:
            if score is None:
                continue
            if score > maximum:
                raise Refused(_("A score cannot be above the maximum (%s).") % maximum)
            result = existing.get((enrollment.pk, stage))
            if result is None:
                TestResult.objects.create(
                    enrollment=enrollment,
                    stage=stage,
                    test=test,
                    score=score,
                    max_score=maximum,
                    source=Source.PAPER,
                    entered_by=user,
                )
                changed += 1
            elif result.score != score or result.max_score != maximum:
                result.score, result.max_score = score, maximum
                result.source, result.entered_by = Source.PAPER, user
                result.save()
                changed += 1
        if changed:
            tallies.recount({row[0].workshop_id for row in rows})
    return changed
