"""Which questions a workshop's trainees are asked: its centre's feedback form and its test."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from evaluation.models import Choice, FeedbackQuestion, KnowledgeTest, TestQuestion


def feedback_questions(centre_id):
    """The centre's own active questions, or the shared ones when it has none (one query)."""
    questions = list(
        FeedbackQuestion.objects.filter(Q(centre_id=centre_id) | Q(centre__isnull=True), active=True).order_by(
            "order", "pk"
        )
    )
    own = [q for q in questions if q.centre_id is not None]
    return own or questions


def test_for(workshop):
    """The workshop's own test, else one of its topics' (the lowest id), with questions and choices; or None."""
    questions = Prefetch(
        "questions", queryset=TestQuestion.objects.prefetch_related(Prefetch("choices", Choice.objects.all()))
    )
    tests = KnowledgeTest.objects.prefetch_related(questions)
    own = tests.filter(workshop=workshop).order_by("pk").first()
    if own is not None:
        return own
    return tests.filter(workshop__isnull=True, topic__in=workshop.topics.all()).order_by("pk").first()


def online_refusal(test):
    """Why test cannot be taken on a phone (None when it can): no questions, or a question without a right answer."""
    if test is None:
        return _("This workshop has no test: add one in the administration (for the workshop or one of its topics).")
    questions = list(test.questions.all())
    if not questions:
        return _("This test has no questions: type the scores from paper instead.")
    for question in questions:
        right = sum(1 for choice in question.choices.all() if choice.correct)
        if right != 1:
            return _("The question “%(question)s” needs exactly one right answer.") % {"question": question.text}
    return None


def paper_maximum(test):
    """The maximum score of test: one point per question, else the paper maximum (None if neither)."""
    if test is None:
        return None
    count = len(test.questions.all())
    return count or test.max_score or None
