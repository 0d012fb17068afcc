import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from core.validators import validate_sane_date
from organizations.models import BilingualName, Centre, Person, Room, bilingual
from trainings import dates, rules
from trainings.rules import AttendanceStatus  # its home is the rule; imported from here too


class Project(models.Model):
    """A capacity-building project, run in phases (training, then coaching)."""

    name_ar = models.CharField(_("Arabic name"), max_length=250)
    name_en = models.CharField(_("English name"), max_length=250, blank=True)
    code = models.CharField(_("code"), max_length=30, unique=True)
    donor = models.CharField(_("donor"), max_length=200, blank=True)
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, verbose_name=_("implementing centre"))
    centre_path = "centre"  # core.centres: whose records these are; below, each model's way to it
    start_date = models.DateField(_("start"), validators=[validate_sane_date])
    end_date = models.DateField(_("end"), validators=[validate_sane_date])
    target_organizations = models.PositiveIntegerField(_("target: organisations"), default=0)
    target_trainees = models.PositiveIntegerField(_("target: trainees"), default=0)
    completion_threshold = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=75,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    # The manager named in the reports: a user of the app, or a person (of a partner organisation).
    manager_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_projects",
        verbose_name=_("manager (user)"),
    )
    manager_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_projects",
        verbose_name=_("manager (person)"),
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("follows the earlier project"),
    )
    # Targeted organisations: written by trainings.requests when a request to join is accepted.
    organizations = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="targeted_by_projects",
        verbose_name=_("targeted organisations"),
    )

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("trainings:project_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot be before the start.")
        if self.follows_id and self.pk and self._follows_itself():
            errors["follows"] = _("A project cannot follow itself or a project that follows it.")
        if self.manager_user_id and self.manager_person_id:
            errors["manager_person"] = _("Name the manager once: a user or a person, not both.")
        if errors:
            raise ValidationError(errors)

    def _follows_itself(self):
        """True when following self.follows would make a loop (a chain of at most a few projects)."""
        seen, current = {self.pk}, self.follows_id
        while current is not None:
            if current in seen:
                return True
            seen.add(current)
            current = Project.objects.filter(pk=current).values_list("follows_id", flat=True).first()
        return False

    @property
    def name(self):
        return bilingual(self.name_ar, self.name_en)

    @property
    def manager(self):
        """The manager to show: the user's full name (or login), or the person; None if not named."""
        if self.manager_user_id:
            return self.manager_user.get_full_name() or self.manager_user.get_username()
        return self.manager_person


class PhaseKind(models.TextChoices):
    TRAINING = "training", _("Training workshops")
    COACHING = "coaching", _("Coaching")


class Phase(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phases", verbose_name=_("project"))
    centre_path = "project__centre"
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=PhaseKind.choices)
    start_date = models.DateField(_("start"), validators=[validate_sane_date])
    end_date = models.DateField(_("end"), validators=[validate_sane_date])

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="unique_phase_number")]

    def __str__(self):
        return _("Phase %(number)s: %(kind)s") % {"number": self.number, "kind": self.get_kind_display()}

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end cannot be before the start.")})


class Topic(BilingualName):
    """A training topic of the catalogue (fundraising, networking, ...), managed in admin."""

    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name_ar"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["name_ar"], name="unique_topic_name_ar")]


class Trainer(models.Model):
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="trainers", verbose_name=_("topics"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainer",
        verbose_name=_("login"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self):
        return self.name


class Workshop(models.Model):
    """A training workshop of a project's training phase."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("project"))
    centre_path = "project__centre"
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("phase"))
    title = models.CharField(_("title"), max_length=250)
    topics = models.ManyToManyField(Topic, blank=True, related_name="workshops", verbose_name=_("topics"))
    trainers = models.ManyToManyField(Trainer, blank=True, related_name="workshops", verbose_name=_("trainers"))
    venue = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="workshops", verbose_name=_("venue")
    )
    start_date = models.DateField(_("start"), validators=[validate_sane_date])
    end_date = models.DateField(_("end"), validators=[validate_sane_date])
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=5, decimal_places=1, default=0, validators=[MinValueValidator(0)]
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=30)
    people = models.ManyToManyField(
        Person, through="Enrollment", related_name="workshops", verbose_name=_("trainees"), blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        indexes = [models.Index(fields=["project", "start_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:workshop_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot be before the start.")
        if self.phase_id and self.project_id and self.phase.project_id != self.project_id:
            errors["phase"] = _("This phase belongs to another project.")
        elif self.phase_id and self.phase.kind != PhaseKind.TRAINING:
            errors["phase"] = _("Workshops belong to a training phase.")
        if "end_date" not in errors and "phase" not in errors:
            self._check_within(errors)
        if self.pk and self.start_date and self.end_date and "end_date" not in errors:
            outside = self.sessions.exclude(date__range=(self.start_date, self.end_date)).count()
            if outside:
                errors["start_date"] = ngettext(
                    "%(count)d session falls outside these dates; move it first.",
                    "%(count)d sessions fall outside these dates; move them first.",
                    outside,
                ) % {"count": outside}
        if errors:
            raise ValidationError(errors)

    def _check_within(self, errors):
        """A workshop lies within its project's dates and its phase's: name the allowed range if not."""
        parents = []
        if self.project_id:
            parents.append(
                (self.project, _("The workshop must lie within its project's dates (%(first)s to %(last)s)."))
            )
        if self.phase_id:
            parents.append((self.phase, _("The workshop must lie within its phase's dates (%(first)s to %(last)s).")))
        for parent, message in parents:
            wrong = dates.outside(parent.start_date, parent.end_date, self.start_date, self.end_date)
            for end in wrong:
                errors.setdefault(f"{end}_date", dates.range_message(message, parent.start_date, parent.end_date))


class Enrollment(models.Model):
    """A person enrolled in a workshop; withdrawing keeps their past attendance."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("workshop")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("person"))
    centre_path = "workshop__project__centre"
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["person__full_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["workshop", "person"], name="unique_enrollment")]

    def __str__(self):
        return f"{self.person} – {self.workshop}"

    @property
    def active(self):
        return self.withdrawn_at is None


class Session(models.Model):
    """One meeting of a workshop, on one day; attendance is taken per session."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("workshop")
    )
    centre_path = "workshop__project__centre"
    date = models.DateField(_("date"), validators=[validate_sane_date])
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("topic")
    )
    trainer = models.ForeignKey(
        Trainer, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("trainer")
    )
    venue = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("venue")
    )
    notes = models.TextField(_("notes"), blank=True)
    # Set when attendance is first saved: only sessions with attendance taken count in the rates.
    attendance_taken_at = models.DateTimeField(_("attendance taken"), null=True, blank=True, editable=False)
    # The session's place in its room's calendar (organizations.Occupancy, written by
    # trainings.writes): deleting the session, or its workshop, frees the room.
    occupancy = GenericRelation("organizations.Occupancy")

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["date", "start_time"])]

    def __str__(self):
        return f"{self.workshop} – {dates.shown(self.date)}"

    def get_absolute_url(self):
        return reverse("trainings:session_attendance", args=[self.pk])

    @property
    def hours(self):
        return rules.hours(self.start_time, self.end_time)

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The session must end after it starts.")
        if self.date and self.workshop_id:
            workshop = self.workshop
            if dates.outside(workshop.start_date, workshop.end_date, self.date):
                errors["date"] = dates.range_message(
                    _("The date must fall within the workshop's dates (%(start)s to %(end)s)."),
                    workshop.start_date,
                    workshop.end_date,
                )
        if errors:
            raise ValidationError(errors)


class Attendance(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("person"))
    centre_path = "session__workshop__project__centre"
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus.choices)
    remark = models.CharField(_("remark"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # Written in bulk by trainings.writes.save_sheet, one row per mark changed.
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "person__full_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="unique_attendance"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in AttendanceStatus]), name="attendance_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.session}: {self.get_status_display()}"


class Tally(models.Model):
    """A person's place in one workshop, added up: kept by trainings.tallies, read by the reports.

    One row per enrolment, and per person marked without one. The dashboard counts
    trainees, participations and completion over tallies rather than over every mark
    (ten times as many rows) joined to the enrolments.
    """

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="tallies")
    centre_path = "workshop__project__centre"
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tallies")
    enrolled = models.BooleanField(default=False)  # enrolled and not withdrawn
    held = models.PositiveIntegerField(default=0)  # sessions of the workshop held (attendance taken)
    attended = models.PositiveIntegerField(default=0)  # held sessions marked present or late
    excused = models.PositiveIntegerField(default=0)
    attended_seconds = models.PositiveIntegerField(default=0)  # the length of the attended sessions
    first_attended = models.DateField(null=True)

    class Meta:
        verbose_name = _("attendance tally")
        verbose_name_plural = _("attendance tallies")
        constraints = [models.UniqueConstraint(fields=["workshop", "person"], name="unique_tally")]

    def __str__(self):
        return f"{self.person_id} – {self.workshop_id}: {self.attended}/{self.held}"


# Certificates -------------------------------------------------------------------------

# Letters and digits that cannot be misread for one another (no 0/O, 1/I/L, 5/S, 8/B).
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
CODE_LENGTH = 8


def new_code():
    """A random verification code, e.g. "K7QX4MTA": 26**8 (about 2*10**11) possibilities."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Certificate(models.Model):
    """A completion certificate as first issued: its code finds it again, however often it is printed.

    Written by trainings.certificates only (which checks completion first).
    """

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, related_name="certificate", verbose_name=_("enrolment")
    )
    centre_path = "enrollment__workshop__project__centre"
    code = models.CharField(_("verification code"), max_length=CODE_LENGTH, unique=True, default=new_code)
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=1)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code


# Waiting lists ------------------------------------------------------------------------


class WaitingPlace(models.Model):
    """A person waiting for a place in a full workshop; written by trainings.writes only.

    The first to wait is the first to move up (into an enrolment) when a place frees.
    """

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="waiting_places", verbose_name=_("workshop")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="waiting_places", verbose_name=_("person")
    )
    centre_path = "workshop__project__centre"
    since = models.DateTimeField(_("waiting since"), default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["since", "pk"]
        verbose_name = _("place on a waiting list")
        verbose_name_plural = _("waiting lists")
        constraints = [models.UniqueConstraint(fields=["workshop", "person"], name="unique_waiting_place")]

    def __str__(self):
        return f"{self.person} – {self.workshop}"


# Requests from organisations -------------------------------------------------------------


class RequestKind(models.TextChoices):
    PROJECT = "project", _("To join a project")
    TOPIC = "topic", _("For a training topic")
    SUPPORT = "support", _("For support")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    WAITING = "waiting", _("On the waiting list")
    DECLINED = "declined", _("Declined")


class OrganizationRequest(models.Model):
    """An organisation's request to the centre: to join a project, for a training topic, or for support.

    Reviewed by trainings.requests.review (accepted, waiting list, declined with a reason);
    an accepted request to join makes the organisation one of the project's targeted ones.
    """

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("organisation"),
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="requests", verbose_name=_("centre asked")
    )
    centre_path = "centre"
    kind = models.CharField(_("the organisation asks"), max_length=10, choices=RequestKind.choices)
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("project")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="requests", verbose_name=_("topic")
    )
    asks = models.TextField(_("what it asks for"))
    date = models.DateField(_("date of the request"), validators=[validate_sane_date])
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING, editable=False
    )
    reason = models.TextField(_("reason"), blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("organisation's request")
        verbose_name_plural = _("organisations' requests")
        permissions = [("review_organizationrequest", _("Can review organisations' requests"))]
        constraints = [
            # One live request per organisation and project: a declined one may be made again.
            models.UniqueConstraint(
                fields=["organization", "project"],
                condition=~models.Q(status="declined") & models.Q(project__isnull=False),
                name="unique_live_request_per_project",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="project") | models.Q(project__isnull=False),
                name="request_to_join_names_project",
            ),
        ]
        indexes = [models.Index(fields=["centre", "status"], name="trainings_req_centre_status")]

    def __str__(self):
        return f"{self.organization} – {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("trainings:request_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.kind == RequestKind.PROJECT and not self.project_id:
            errors["project"] = _("Choose the project the organisation asks to join.")
        if self.kind == RequestKind.TOPIC and not self.topic_id:
            errors["topic"] = _("Choose the training topic asked for.")
        if self.project_id and self.centre_id and self.project.centre_id != self.centre_id:
            errors["centre"] = _("The project is run by another centre.")
        if errors:
            raise ValidationError(errors)
