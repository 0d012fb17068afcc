from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import validate_sane_date
from organizations import occupancy
from organizations.models import BilingualName, Occupancy, OccupancyKind, Organization, Room, user_stamp


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=BookingStatus.BOOKED)

    def overlapping(self, room, start, end):
        """Active bookings of room that share some time with [start, end)."""
        return self.active().filter(room=room, start__lt=end, end__gt=start)


class Booking(models.Model):
    """A room of a centre lent to an organisation as a shared space.

    An active booking holds its room in the room's one calendar (organizations.occupancy),
    with workshop sessions: every save writes or frees that row in the same transaction,
    so no booking overlaps another booking or a session (PostgreSQL refuses it with an
    exclusion constraint on the occupancy table; SQLite through the check made inside an
    IMMEDIATE transaction).
    """

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room"))
    centre_path = "room__centre"  # core.centres: whose records these are
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="room_bookings", verbose_name=_("organisation")
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    start = models.DateTimeField(_("start"), validators=[validate_sane_date])
    end = models.DateTimeField(_("end"), validators=[validate_sane_date])
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    booked_by = user_stamp(editable=False, verbose_name=_("booked by"))
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_by = user_stamp(editable=False, verbose_name=_("cancelled by"))
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    # Deleting a booking (even through a cascade or a queryset) deletes its calendar row.
    occupancy = GenericRelation(Occupancy, related_query_name="booking")

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start", "room"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["room", "start"], name="services_booking_room_start")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="services_booking_end_after_start"),
        ]

    def __str__(self):
        start = timezone.localtime(self.start)
        return f"{self.room} {date_format(start, 'j F Y H:i')}"

    def get_absolute_url(self):
        return reverse("services:booking_detail", args=[self.pk])

    @property
    def is_active(self):
        return self.status == BookingStatus.BOOKED

    @property
    def is_past(self):
        return self.end <= timezone.now()

    def conflicts(self):
        """The active bookings of the same room that overlap this one."""
        found = Booking.objects.overlapping(self.room_id, self.start, self.end).select_related("organization")
        return found.exclude(pk=self.pk) if self.pk else found

    def in_the_way(self):
        """What else holds the room for some of this booking's time (a booking or a session), or None."""
        if not (self.is_active and self.room_id and self.start and self.end):
            return None
        return occupancy.first_in_the_way(self.room_id, self.start, self.end, holder=self)

    def save(self, *args, **kwargs):
        """Save, and write or free the room's row in the same transaction (RoomTaken if it is taken)."""
        with transaction.atomic():
            super().save(*args, **kwargs)
            if self.is_active:
                occupancy.occupy(self, OccupancyKind.BOOKING, self.room_id, self.start, self.end, self.label())
            else:
                occupancy.free(self)

    def label(self):
        """How the room's calendar names this booking: the organisation and the purpose."""
        return f"{self.organization.name} ({self.purpose})"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The end must be after the start.")
        if self.start and self.is_active and self.start < timezone.now() and self._times_changed():
            errors["start"] = _("A booking cannot start in the past.")
        if errors:
            raise ValidationError(errors)

    def _times_changed(self):
        if not self.pk:
            return True
        old = Booking.objects.filter(pk=self.pk).values_list("start", "end", "room_id").first()
        return old != (self.start, self.end, self.room_id)

    def cancel(self, user):
        self.status = BookingStatus.CANCELLED
        self.cancelled_by = user
        self.cancelled_at = timezone.now()
        self.save(update_fields=["status", "cancelled_by", "cancelled_at"])


class ConsultationKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    LEGAL = "legal", _("Legal")
    FINANCIAL = "financial", _("Financial")
    OTHER = "other", _("Other")


class Recorded(models.Model):
    """A record the centre's staff enter about an organisation: which user entered it, and when."""

    recorded_by = user_stamp(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def centre_q(cls, ids):
        """core.centres: a record about an organisation is seen by the centres that serve it."""
        return models.Q(organization__in=Organization.objects.filter(Organization.centre_q(ids)))


class Consultation(Recorded):
    """A support visit to an organisation: the advice given and its follow-up."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConsultationKind.choices)
    adviser = models.CharField(_("adviser"), max_length=150)
    date = models.DateField(_("date"), validators=[validate_sane_date])
    topic = models.CharField(_("topic"), max_length=250)
    advice = models.TextField(_("advice given"))
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True, validators=[validate_sane_date])
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("support consultation")
        verbose_name_plural = _("support consultations")

    def __str__(self):
        return f"{self.organization} – {self.topic}"

    def get_absolute_url(self):
        return reverse("services:consultation_detail", args=[self.pk])

    @property
    def follow_up_overdue(self):
        return bool(self.follow_up_due and not self.follow_up_done and self.follow_up_due < timezone.localdate())

    def clean(self):
        if (self.follow_up_due or self.follow_up_done) and not self.follow_up.strip():
            raise ValidationError({"follow_up": _("Say what the follow-up is, or leave its due date empty.")})
        if self.follow_up_due and self.date and self.follow_up_due < self.date:
            raise ValidationError({"follow_up_due": _("The follow-up cannot be due before the visit.")})


class CapacityArea(BilingualName):
    """An area of an organisation's capacity scored by a needs assessment (seeded by migration 0002)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("capacity area")
        verbose_name_plural = _("capacity areas")


SCORE_MIN, SCORE_MAX = 1, 5


class NeedsAssessment(Recorded):
    """An organisation's needs assessment on one date: one score per capacity area."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="needs_assessments", verbose_name=_("organisation")
    )
    date = models.DateField(_("date"), validators=[validate_sane_date])
    assessed_by = models.CharField(_("assessed by"), max_length=150, blank=True)
    note = models.TextField(_("general note"), blank=True)

    class Meta:
        ordering = ["organization", "date"]
        verbose_name = _("needs assessment")
        verbose_name_plural = _("needs assessments")
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="services_assessment_one_per_day"),
        ]

    def __str__(self):
        return f"{self.organization} – {date_format(self.date, 'j F Y')}"

    def get_absolute_url(self):
        return reverse("services:assessment_detail", args=[self.pk])

    def average(self):
        scores = [s.score for s in self.scores.all()]
        return sum(scores) / len(scores) if scores else None


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        NeedsAssessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("needs assessment")
    )
    area = models.ForeignKey(CapacityArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("capacity area"))
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["assessment", "area__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="services_score_one_per_area"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX), name="services_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.area}: {self.score}"


# ---------------------------------------------------------------- meetings and networking events


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting between organisations")
    NETWORKING = "networking", _("Networking event")
    STAKEHOLDERS = "stakeholders", _("Meeting with local stakeholders")


class Meeting(Recorded):
    """A meeting or networking event of organisations (and outside stakeholders) at a centre.

    Held in one of the centre's rooms, it takes the room in its one calendar like a
    booking (organizations.occupancy), through services.meetings.save_meeting, the door
    that writes it.
    """

    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING)
    centre = models.ForeignKey(
        "organizations.Centre", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("centre")
    )
    centre_path = "centre"
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("room")
    )
    date = models.DateField(_("date"), validators=[validate_sane_date])
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"))
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="meetings", verbose_name=_("organisations taking part")
    )
    attendees = models.ManyToManyField(
        "organizations.Person", blank=True, related_name="meetings", verbose_name=_("people who came")
    )
    other_attendees = models.PositiveSmallIntegerField(
        _("others who came"),
        default=0,
        help_text=_("People who came and are not recorded as people of an organisation (stakeholders, guests)."),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)
    occupancy = GenericRelation(Occupancy, related_query_name="meeting")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["centre", "date"], name="services_meeting_centre_date")]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=F("start_time")), name="services_meeting_end_after_start"),
        ]

    def __str__(self):
        return f"{self.title} – {date_format(self.date, 'j F Y')}"

    def get_absolute_url(self):
        return reverse("services:meeting_detail", args=[self.pk])

    @classmethod
    def centre_q(cls, ids):
        """core.centres: a meeting is its centre's (not its organisations', as Recorded's records are)."""
        return Q(centre__in=ids)

    def clean(self):
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end must be after the start.")
        if self.room_id and self.centre_id and self.room.centre_id != self.centre_id:
            errors["room"] = _("This room belongs to another centre.")
        if errors:
            raise ValidationError(errors)

    def span(self):
        return occupancy.span(self.date, self.start_time, self.end_time)

    @property
    def people_count(self):
        """Everyone who came: the people recorded and the others counted."""
        return self.attendees.count() + self.other_attendees


class StakeholderKind(models.TextChoices):
    LOCAL_COUNCIL = "council", _("Local council")
    COMMUNITY_COMMITTEE = "committee", _("Community committee")
    NOTABLES = "notables", _("Notables and elders")
    AUTHORITY = "authority", _("Local authority or directorate")
    INTERNATIONAL = "international", _("International organisation or donor")
    OTHER = "other", _("Other")


class Stakeholder(models.Model):
    """An outside stakeholder of the local community taking part in a meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="stakeholders", verbose_name=_("meeting")
    )
    centre_path = "meeting__centre"
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StakeholderKind.choices)
    represented_by = models.CharField(_("represented by"), max_length=200, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("outside stakeholder")
        verbose_name_plural = _("outside stakeholders")

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"
