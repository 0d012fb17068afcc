"""Phase 2: coaching engagements, their sessions, and each organisation's strategic plan."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_sane_date
from organizations.models import BilingualName, Organization, Person
from trainings import dates
from trainings.models import Phase, PhaseKind, Project


def user_stamp(**options):
    """Who did something to a row: kept as empty, not cascaded, when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", **options
    )


class AgendaItem(BilingualName):
    """An item of the coaching agenda (a seeded catalogue)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")


class EngagementStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class EngagementQuerySet(models.QuerySet):
    def with_progress(self):
        """Annotate days_delivered (distinct session dates) and agenda_covered (distinct items)."""
        return self.annotate(
            days_delivered=models.Count("sessions__date", distinct=True),
            agenda_covered=models.Count("sessions__agenda_items", distinct=True),
        )

    def for_progress(self):
        """What a progress table shows of each engagement: its coaches and its counts."""
        return self.prefetch_related("coaches").with_progress()


class CoachingEngagement(models.Model):
    """A coach (or coaches) working with one organisation in a project's coaching phase."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="coaching_engagements", verbose_name=_("project")
    )
    centre_path = "project__centre"  # core.centres: whose records these are
    phase = models.ForeignKey(
        Phase,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coaching_engagements",
        verbose_name=_("coaching phase"),
        limit_choices_to={"kind": PhaseKind.COACHING},
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="coaching_engagements", verbose_name=_("organisation")
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coaching_engagements", verbose_name=_("coaches")
    )
    planned_days = models.PositiveSmallIntegerField(
        _("planned days"), default=4, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EngagementStatus.choices, default=EngagementStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["project", "organization__name_ar"]
        verbose_name = _("coaching engagement")
        verbose_name_plural = _("coaching engagements")
        constraints = [
            models.UniqueConstraint(fields=["project", "organization"], name="one_engagement_per_organization")
        ]

    def __str__(self):
        return f"{self.organization} – {self.project}"

    def get_absolute_url(self):
        return reverse("coaching:engagement_detail", args=[self.pk])

    def clean(self):
        if self.phase_id and self.project_id:
            if self.phase.project_id != self.project_id:
                raise ValidationError({"phase": _("This phase belongs to another project.")})
            if self.phase.kind != PhaseKind.COACHING:
                raise ValidationError({"phase": _("Choose the coaching phase of the project.")})

    def save(self, *args, **kwargs):
        if not self.phase_id and self.project_id:
            self.phase = Phase.objects.filter(project_id=self.project_id, kind=PhaseKind.COACHING).first()
        super().save(*args, **kwargs)

    def period(self):
        """(first, last) day a session may take place: the coaching phase, else the project."""
        source = self.phase or self.project
        return source.start_date, source.end_date


class CoachingSession(models.Model):
    """One day of coaching with the organisation."""

    engagement = models.ForeignKey(
        CoachingEngagement, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("engagement")
    )
    centre_path = "engagement__project__centre"
    date = models.DateField(_("date"), validators=[validate_sane_date])
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        default=4,
        validators=[MinValueValidator(0.5), MaxValueValidator(12)],
    )
    participants = models.ManyToManyField(
        Person, blank=True, related_name="coaching_sessions", verbose_name=_("participants")
    )
    agenda_items = models.ManyToManyField(
        AgendaItem, blank=True, related_name="sessions", verbose_name=_("agenda items covered")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = user_stamp(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")

    def __str__(self):
        return f"{self.engagement.organization} – {date_format(self.date, 'j F Y')}"

    def clean(self):
        if self.date and self.engagement_id:
            first, last = self.engagement.period()
            if dates.outside(first, last, self.date):
                message = _("The date must fall within the coaching period (%(first)s to %(last)s).")
                raise ValidationError({"date": dates.range_message(message, first, last)})

    def extra_day(self):
        """(days, planned) when saving this session adds a day beyond the plan or to a completed
        engagement; None otherwise.

        Real life needs it sometimes (a fifth day to finish the plan), so the form warns and
        asks for a confirmation rather than refusing; a session that adds no new day passes.
        """
        if not (self.date and self.engagement_id):
            return None
        others = set(self.engagement.sessions.exclude(pk=self.pk).values_list("date", flat=True))
        if self.date in others:
            return None
        days, planned = len(others) + 1, self.engagement.planned_days
        if days > planned or self.engagement.status == EngagementStatus.COMPLETED:
            return days, planned
        return None


class ActionItem(models.Model):
    """A follow-up agreed in a session."""

    engagement = models.ForeignKey(
        CoachingEngagement, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("engagement")
    )
    centre_path = "engagement__project__centre"
    session = models.ForeignKey(
        CoachingSession,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("session"),
    )
    text = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, validators=[validate_sane_date])
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["done", "due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.text


# ---------------------------------------------------------------- strategic plan


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")


class PlanLanguage(models.TextChoices):
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


class StrategicPlan(models.Model):
    """An organisation's strategic plan; every save bumps `version` and keeps a PlanRevision.

    Its status moves only through coaching/workflow.py (steps, who may take them, what they need).
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="strategic_plans", verbose_name=_("organisation")
    )
    engagement = models.ForeignKey(
        CoachingEngagement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
        verbose_name=_("coaching engagement"),
    )

    @classmethod
    def centre_q(cls, ids):
        """A plan of an engagement belongs to its project's centre; one without, to its organisation's."""
        return models.Q(engagement__project__centre__in=ids) | models.Q(
            engagement__isnull=True, organization__in=Organization.objects.filter(Organization.centre_q(ids))
        )

    title = models.CharField(_("title"), max_length=250)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    years = models.PositiveSmallIntegerField(_("length"), choices=[(3, _("3 years")), (5, _("5 years"))], default=3)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    language = models.CharField(_("language"), max_length=2, choices=PlanLanguage.choices, default="ar")
    vision = models.TextField(_("vision"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    achievements = models.TextField(_("achievements"), blank=True)
    me_reviewed = models.TextField(_("what is reviewed"), blank=True)
    me_frequency = models.CharField(_("how often"), max_length=200, blank=True)
    me_by_whom = models.CharField(_("by whom"), max_length=200, blank=True)
    midterm_evaluation = models.TextField(_("mid-term evaluation"), blank=True)
    final_evaluation = models.TextField(_("final evaluation"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = user_stamp(editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    approved_by = user_stamp(editable=False)

    class Meta:
        ordering = ["organization__name_ar", "-start_year"]
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")
        permissions = [
            ("approve_strategicplan", _("Can approve a strategic plan")),
            ("export_strategicplan", _("Can download all plans of a project")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("coaching:plan_detail", args=[self.pk])

    @property
    def end_year(self):
        return self.start_year + self.years - 1

    def year_range(self):
        return list(range(self.start_year, self.start_year + self.years))

    def quarter_in_period(self, year, quarter):
        return self.start_year <= year <= self.end_year and 1 <= quarter <= 4


def of_plan(related_name):
    """The pointer from a part of a plan (value, goal, revision...) to the plan, deleted with it."""
    return models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name=related_name, verbose_name=_("plan"))


class OrderedRow(models.Model):
    """A numbered row of a section of the plan, shown by its text."""

    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label_field = "text"

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return getattr(self, self.label_field)


class PlanValue(OrderedRow):
    plan = of_plan("values")
    text = models.CharField(_("value"), max_length=300)

    class Meta(OrderedRow.Meta):
        verbose_name = _("value")
        verbose_name_plural = _("values")


class StakeholderKind(models.TextChoices):
    PARTNER = "partner", _("Partner")
    DONOR = "donor", _("Donor")
    AUTHORITY = "authority", _("Local authority")
    COMMUNITY = "community", _("Community")
    BENEFICIARY = "beneficiary", _("Beneficiaries")
    OTHER = "other", _("Other")


class Stakeholder(OrderedRow):
    plan = of_plan("stakeholders")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StakeholderKind.choices, default=StakeholderKind.PARTNER)
    role = models.CharField(_("role"), max_length=300, blank=True)
    label_field = "name"

    class Meta(OrderedRow.Meta):
        verbose_name = _("stakeholder or partner")
        verbose_name_plural = _("stakeholders and partners")


class SwotCategory(models.TextChoices):
    STRENGTH = "S", _("Strength")
    WEAKNESS = "W", _("Weakness")
    OPPORTUNITY = "O", _("Opportunity")
    THREAT = "T", _("Threat")


class SwotItem(OrderedRow):
    plan = of_plan("swot_items")
    category = models.CharField(_("category"), max_length=1, choices=SwotCategory.choices)
    text = models.CharField(_("text"), max_length=300)

    class Meta(OrderedRow.Meta):
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")


class Goal(OrderedRow):
    plan = of_plan("goals")
    text = models.CharField(_("goal"), max_length=300)

    class Meta(OrderedRow.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")


QUARTERS = [(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))]


class Objective(OrderedRow):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("goal"))
    text = models.CharField(_("objective"), max_length=300)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    baseline = models.CharField(_("baseline"), max_length=150, blank=True)
    target = models.CharField(_("target"), max_length=150, blank=True)
    responsible = models.CharField(_("responsible"), max_length=150, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    start_quarter = models.PositiveSmallIntegerField(_("start quarter"), choices=QUARTERS)
    end_year = models.PositiveSmallIntegerField(_("end year"))
    end_quarter = models.PositiveSmallIntegerField(_("end quarter"), choices=QUARTERS)

    class Meta(OrderedRow.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    @property
    def start(self):
        return (self.start_year, self.start_quarter)

    @property
    def end(self):
        return (self.end_year, self.end_quarter)


def check_timeline(plan, start, end):
    """Errors (field -> message) for an objective running from start to end (year, quarter) in plan."""
    errors = {}
    period = {"first": plan.start_year, "last": plan.end_year}
    message = _("Choose a year within the plan's period (%(first)s to %(last)s).") % period
    if start[0] is not None and not plan.start_year <= start[0] <= plan.end_year:
        errors["start_year"] = message
    if end[0] is not None and not plan.start_year <= end[0] <= plan.end_year:
        errors["end_year"] = message
    if not errors and None not in start + end and start > end:
        errors["end_quarter"] = _("The end cannot be before the start.")
    return errors


class PlanRevision(models.Model):
    """A snapshot of a plan as it was saved: earlier versions are kept this way."""

    plan = of_plan("revisions")

    @classmethod
    def centre_q(cls, ids):
        return models.Q(plan__in=StrategicPlan.objects.filter(StrategicPlan.centre_q(ids)))

    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices)
    data = models.JSONField(_("content"))
    saved_by = user_stamp(verbose_name=_("saved by"))
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("plan revision")
        verbose_name_plural = _("plan revisions")
        constraints = [models.UniqueConstraint(fields=["plan", "version"], name="unique_plan_version")]

    def __str__(self):
        return f"{self.plan} v{self.version}"
