"""A workshop's evaluation in figures: each trainee's pre, post and gain, and the feedback's averages.

A fixed number of queries whatever the number of trainees or answers. The averages are
those of evaluation.figures (the IPTT's), so the workshop page and the reports agree.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from evaluation import figures
from evaluation.models import Answer, FeedbackResponse, Opening, QuestionKind, TestResult
from trainings.models import Enrollment, Workshop

COMMENTS_SHOWN = 50


@dataclass
class ScoreRow:
    enrollment: Enrollment
    pre: TestResult | None = None
    post: TestResult | None = None

    @property
    def gain(self):
        if self.pre is None or self.post is None:
            return None
        return float(self.post.percent - self.pre.percent)


@dataclass
class Scores:
    rows: list
    pre_average: float | None
    post_average: float | None
    gain_average: float | None
    both: int = 0


def _mean(values):
    values = [float(v) for v in values]
    return sum(values) / len(values) if values else None


def scores(workshop):
    """A ScoreRow per enrolment (withdrawn ones too when they have a result), with the averages."""
    enrollments = list(workshop.enrollments.select_related("person__organization").order_by("person__full_name"))
    rows = {e.pk: ScoreRow(e) for e in enrollments}
    for result in TestResult.objects.filter(enrollment__workshop=workshop):
        setattr(rows[result.enrollment_id], result.stage, result)
    shown = [r for r in rows.values() if r.enrollment.withdrawn_at is None or r.pre or r.post]
    both = [r for r in shown if r.gain is not None]
    return Scores(
        rows=shown,
        pre_average=_mean(r.pre.percent for r in shown if r.pre),
        post_average=_mean(r.post.percent for r in shown if r.post),
        gain_average=figures.average_gain(Workshop.objects.filter(pk=workshop.pk)),
        both=len(both),
    )


@dataclass
class QuestionFigure:
    question: object
    average: float | None
    count: int


@dataclass
class Feedback:
    responses: int
    named: int
    questions: list
    average: float | None
    comments: list = field(default_factory=list)


def feedback(workshop, questions):
    """How many answered, each rating question's average, the overall average and the latest comments."""
    counts = FeedbackResponse.objects.filter(workshop=workshop).aggregate(
        total=Count("pk"), named=Count("pk", filter=Q(enrollment__isnull=False))
    )
    per_question = {
        row["question"]: row
        for row in Answer.objects.filter(response__workshop=workshop, rating__isnull=False)
        .values("question")
        .annotate(average=Avg("rating"), count=Count("pk"))
    }
    figures_ = [
        QuestionFigure(q, _float(per_question.get(q.pk, {}).get("average")), per_question.get(q.pk, {}).get("count", 0))
        for q in questions
        if q.kind == QuestionKind.RATING
    ]
    comments = list(
        Answer.objects.filter(response__workshop=workshop, rating__isnull=True)
        .exclude(text="")
        .order_by("-response__submitted_at")
        .values_list("text", flat=True)[:COMMENTS_SHOWN]
    )
    return Feedback(
        responses=counts["total"],
        named=counts["named"],
        questions=figures_,
        average=figures.average_satisfaction(Workshop.objects.filter(pk=workshop.pk)),
        comments=comments,
    )


def _float(value):
    return None if value is None else float(value)


def open_links(workshop, now):
    """The workshop's links still open, newest first."""
    return list(
        Opening.objects.filter(workshop=workshop, closes_at__gt=now).select_related("session").order_by("-opened_at")
    )


def glance(workshop):
    """The workshop page's few figures: answers, average rating, trainees with both tests, average gain."""
    one = Workshop.objects.filter(pk=workshop.pk)
    return {
        "responses": FeedbackResponse.objects.filter(workshop=workshop).count(),
        "satisfaction": figures.average_satisfaction(one),
        "gain": figures.average_gain(one),
    }
