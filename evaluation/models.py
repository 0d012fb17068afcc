"""Did the trainees learn, and how did they find it: feedback and pre/post tests of a workshop.

A FeedbackQuestion is defined once (by a centre, or for every centre); an Opening is one
workshop's link (QR) for a while, for its feedback, its pre-test or its post-test; a
FeedbackResponse (with its Answers) and a TestResult are what trainees (or staff, from
paper) give back. The database holds the rules that must never break: a rating is 1 to 5,
an enrolment answers a workshop's (or a session's) feedback once and each test once, a
score lies within its maximum.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.models import Centre, bilingual
from trainings.models import Enrollment, Session, Topic, Workshop

RATING_MIN, RATING_MAX = 1, 5


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating 1 to 5")
    TEXT = "text", _("Free text")


class FeedbackQuestion(models.Model):
    """A question of the feedback form; a centre's own questions replace the shared ones (centre empty)."""

    centre = models.ForeignKey(
        Centre,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_questions",
        verbose_name=_("centre"),
        help_text=_("Empty: the question of every centre that has not defined its own."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.RATING)
    text_ar = models.CharField(_("Arabic text"), max_length=250)
    text_en = models.CharField(_("English text"), max_length=250, blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    @classmethod
    def centre_q(cls, ids):
        # core.centres: the shared questions are everyone's, a centre's own are its.
        return Q(centre__isnull=True) | Q(centre__in=ids)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")

    def __str__(self):
        return self.text

    @property
    def text(self):
        return bilingual(self.text_ar, self.text_en)


class KnowledgeTest(models.Model):
    """A test taken before the first session and after the last: of one workshop, or of a topic."""

    title_ar = models.CharField(_("Arabic title"), max_length=250)
    title_en = models.CharField(_("English title"), max_length=250, blank=True)
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, null=True, blank=True, related_name="tests", verbose_name=_("workshop")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="tests", verbose_name=_("topic")
    )
    max_score = models.PositiveSmallIntegerField(
        _("maximum score (paper)"),
        default=0,
        help_text=_("For a test given on paper only; a test with questions scores one point per question."),
    )
    history = HistoricalRecords()

    @classmethod
    def centre_q(cls, ids):
        # core.centres: a topic's test serves every centre; a workshop's is its centre's.
        return Q(workshop__isnull=True) | Q(workshop__project__centre__in=ids)

    class Meta:
        ordering = ["title_ar"]
        verbose_name = _("knowledge test")
        verbose_name_plural = _("knowledge tests")
        constraints = [
            models.CheckConstraint(
                condition=Q(workshop__isnull=False) | Q(topic__isnull=False), name="test_of_workshop_or_topic"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return bilingual(self.title_ar, self.title_en)

    def clean(self):
        if not self.workshop_id and not self.topic_id:
            raise ValidationError(_("A test belongs to a workshop or to a topic."))


class TestQuestion(models.Model):
    test = models.ForeignKey(KnowledgeTest, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_ar = models.CharField(_("Arabic text"), max_length=500)
    text_en = models.CharField(_("English text"), max_length=500, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("test question")
        verbose_name_plural = _("test questions")

    def __str__(self):
        return self.text

    @property
    def text(self):
        return bilingual(self.text_ar, self.text_en)


class Choice(models.Model):
    question = models.ForeignKey(TestQuestion, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text_ar = models.CharField(_("Arabic text"), max_length=250)
    text_en = models.CharField(_("English text"), max_length=250, blank=True)
    correct = models.BooleanField(_("right answer"), default=False)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text

    @property
    def text(self):
        return bilingual(self.text_ar, self.text_en)


class OpeningKind(models.TextChoices):
    FEEDBACK = "feedback", _("Feedback")
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")


class Opening(models.Model):
    """A workshop's public link for one kind of answer, open until closes_at (or closed earlier by staff)."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="openings", verbose_name=_("workshop")
    )
    kind = models.CharField(_("for"), max_length=10, choices=OpeningKind.choices)
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="openings",
        verbose_name=_("session"),
        help_text=_("Feedback on one session only; empty for the whole workshop."),
    )
    anonymous = models.BooleanField(_("anonymous"), default=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"))
    history = HistoricalRecords()

    centre_path = "workshop__project__centre"

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("answer link")
        verbose_name_plural = _("answer links")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="feedback") | Q(anonymous=False, session__isnull=True), name="opening_tests_named"
            )
        ]

    def __str__(self):
        return f"{self.workshop} – {self.get_kind_display()}"

    def is_open(self, now=None):
        return (now or timezone.now()) < self.closes_at


class Source(models.TextChoices):
    LINK = "link", _("The trainee, through the link")
    PAPER = "paper", _("Staff, from paper")


class FeedbackResponse(models.Model):
    """One trainee's feedback on a workshop (or on one of its sessions); enrollment empty when anonymous."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("workshop")
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback", verbose_name=_("session")
    )
    enrollment = models.ForeignKey(
        Enrollment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("trainee"),
    )
    opening = models.ForeignKey(Opening, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses")
    # A random id kept in the answering phone's cookie: one anonymous answer per phone and link.
    device = models.CharField(max_length=32, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.LINK)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("answered"), default=timezone.now)
    history = HistoricalRecords()

    centre_path = "workshop__project__centre"

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "enrollment"], condition=Q(session__isnull=True), name="feedback_once_per_workshop"
            ),
            models.UniqueConstraint(
                fields=["session", "enrollment"], condition=Q(session__isnull=False), name="feedback_once_per_session"
            ),
            models.UniqueConstraint(
                fields=["opening", "device"], condition=~Q(device=""), name="feedback_once_per_device"
            ),
        ]
        indexes = [models.Index(fields=["workshop", "submitted_at"])]

    def __str__(self):
        return f"{self.workshop} – {self.enrollment.person if self.enrollment_id else _('anonymous')}"


class Answer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.PROTECT, related_name="answers")
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)]
    )
    text = models.TextField(_("text"), blank=True, max_length=2000)
    history = HistoricalRecords()  # a rating corrected in the admin keeps the trainee's own

    centre_path = "response__workshop__project__centre"

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="rating_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.rating if self.rating is not None else self.text[:40]}"


class Stage(models.TextChoices):
    PRE = "pre", _("Before (pre-test)")
    POST = "post", _("After (post-test)")


class TestResult(models.Model):
    """An enrolment's score on its workshop's test, before or after; percent kept for the averages."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="test_results", verbose_name=_("trainee")
    )
    stage = models.CharField(_("when"), max_length=4, choices=Stage.choices)
    test = models.ForeignKey(
        KnowledgeTest, on_delete=models.PROTECT, null=True, blank=True, related_name="results", verbose_name=_("test")
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=1, validators=[MinValueValidator(0)])
    max_score = models.DecimalField(_("out of"), max_digits=6, decimal_places=1, validators=[MinValueValidator(1)])
    percent = models.DecimalField(max_digits=5, decimal_places=1, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.LINK)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    history = HistoricalRecords()

    centre_path = "enrollment__workshop__project__centre"

    class Meta:
        ordering = ["enrollment", "stage"]
        verbose_name = _("test result")
        verbose_name_plural = _("test results")
        permissions = [("export_testresult", _("Can export test results and feedback to Excel"))]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "stage"], name="one_result_per_stage"),
            models.CheckConstraint(
                condition=Q(score__gte=0, max_score__gt=0, score__lte=models.F("max_score")), name="score_within_max"
            ),
        ]

    def __str__(self):
        return f"{self.enrollment} – {self.get_stage_display()}: {self.score}/{self.max_score}"

    def clean(self):
        if self.score is not None and self.max_score is not None and self.score > self.max_score:
            raise ValidationError({"score": _("The score cannot be above the maximum (%s).") % self.max_score})

    def save(self, *args, **kwargs):
        self.percent = round(self.score * 100 / self.max_score, 1)
        super().save(*args, **kwargs)


class EvaluationTally(models.Model):
    """A workshop's feedback and test figures, added up: kept by evaluation.tallies, read by evaluation.figures.

    The programme's average rating and gain are then sums over one row per workshop,
    not over every answer and result (tens of thousands): the IPTT and the reports grow
    with the workshops they show. gain_sum adds post% - pre% over the enrolments with both.
    """

    workshop = models.OneToOneField(Workshop, on_delete=models.CASCADE, related_name="evaluation_tally")
    responses = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    rating_count = models.PositiveIntegerField(default=0)
    gain_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    gain_count = models.PositiveIntegerField(default=0)

    centre_path = "workshop__project__centre"

    class Meta:
        verbose_name = _("evaluation tally")
        verbose_name_plural = _("evaluation tallies")

    def __str__(self):
        return f"{self.workshop_id}: {self.rating_count} ratings, {self.gain_count} gains"
