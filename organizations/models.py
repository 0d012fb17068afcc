from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.arabic import clean_name, normalize


def bilingual(name_ar, name_en, english=None):
    """The name to show in the active language: the English one in English when there is one.

    english: whether the language is English, when the caller looks it up once for many
    names (get_language() reads a context-local variable, slow over a thousand names).
    """
    if english is None:
        english = get_language() == "en"
    return name_en if english and name_en else name_ar


def user_stamp(**options):
    """Who did something to a row: kept as empty, not cascaded, when the account is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", **options
    )


class BilingualName(models.Model):
    """A catalogue entry named in Arabic and, optionally, in English."""

    name_ar = models.CharField(_("Arabic name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def name(self):
        return bilingual(self.name_ar, self.name_en)

    def __str__(self):
        return self.name


class Region(BilingualName):
    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class FocusArea(BilingualName):
    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")


class Centre(BilingualName):
    """A support centre (Raqqa, Tabqa) whose rooms host workshops and meetings."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    town = models.CharField(_("town"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="centres",
        verbose_name=_("staff"),
        help_text=_("Staff and coordinators who work for this centre see and change only its records."),
    )

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    @classmethod
    def centre_q(cls, ids):
        return models.Q(pk__in=ids)


class Room(BilingualName):
    """A room of a centre: a training venue and a bookable shared space."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="rooms", verbose_name=_("centre"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=20)
    facilities = models.CharField(_("facilities"), max_length=300, blank=True)

    centre_path = "centre"  # core.centres: whose records these are

    class Meta:
        ordering = ["centre__name_ar", "name_ar"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return f"{self.centre.name} – {self.name}"


class OccupancyKind(models.TextChoices):
    BOOKING = "booking", _("booking")
    SESSION = "session", _("workshop session")
    MEETING = "meeting", _("meeting")


class Occupancy(models.Model):
    """A room taken from start to end by one thing: a booking or a workshop session.

    The one calendar of a room; organizations.occupancy holds its rule and its only writer.
    What holds the room is linked generically (content type and id) and described by a
    label its door writes: this bottom app imports none of the apps above it (services,
    trainings) that write rows here. PostgreSQL refuses two rows of a room that overlap
    (an exclusion constraint, migration 0006) unless one was carried over overlapping
    from before the rule existed (carried_overlap, set by services' migration 0005).
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="occupancies", verbose_name=_("room"))
    centre_path = "room__centre"
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    kind = models.CharField(_("kind"), max_length=10, choices=OccupancyKind.choices)
    label = models.CharField(_("what"), max_length=300)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    holder = GenericForeignKey("content_type", "object_id")
    carried_overlap = models.BooleanField(
        _("overlap carried over"),
        default=False,
        editable=False,
        help_text=_("Overlapped another use of the room before rooms had one calendar."),
    )

    class Meta:
        ordering = ["start", "room"]
        verbose_name = _("room occupancy")
        verbose_name_plural = _("room occupancies")
        indexes = [models.Index(fields=["room", "start"], name="org_occupancy_room_start")]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="org_occupancy_one_per_holder"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="org_occupancy_end_after_start"),
        ]

    def __str__(self):
        return f"{self.room_id} {self.start:%Y-%m-%d %H:%M} {self.label}"

    def get_absolute_url(self):
        """The page of what holds the room (None once it is gone)."""
        holder = self.holder
        return holder.get_absolute_url() if holder is not None else None


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IN_PROCESS = "in_process", _("Registration in process")
    UNREGISTERED = "unregistered", _("Not registered")


class Tracked(models.Model):
    """A record whose every change is kept (the history those allowed see on its page).

    Its search_name and update time are left out of the history: both change with every
    save and tell a reader nothing.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_name", "updated_at"], inherit=True)

    class Meta:
        abstract = True


class Organization(Tracked):
    name_ar = models.CharField(_("Arabic name"), max_length=200, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region"))
    town = models.CharField(_("town or area"), max_length=120, blank=True)
    branch_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="branches",
        verbose_name=_("branch of"),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    registration_status = models.CharField(
        _("registration status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.UNREGISTERED,
    )
    focus_areas = models.ManyToManyField(FocusArea, blank=True, verbose_name=_("focus areas"))
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    search_name = models.CharField(max_length=500, editable=False, db_index=True)
    centre = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registered_organizations",
        verbose_name=_("registered at centre"),
        help_text=_("The centre that registered the organisation; the centres of its projects serve it too."),
    )

    class Meta:
        ordering = ["name_ar"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @classmethod
    def centre_q(cls, ids):
        """Served by the centres ids: registered there, coached or trained in their projects,
        asking them for something, or meeting at them.

        The projects live in apps above this one, so they are found by name, not imported.
        """
        engagements = apps.get_model("coaching", "CoachingEngagement").objects.filter(project__centre__in=ids)
        enrolments = apps.get_model("trainings", "Enrollment").objects.filter(workshop__project__centre__in=ids)
        requests = apps.get_model("trainings", "OrganizationRequest").objects.filter(centre__in=ids)
        meetings = apps.get_model("services", "Meeting").organizations.through.objects.filter(meeting__centre__in=ids)
        return (
            models.Q(centre__in=ids)
            | models.Q(pk__in=engagements.values("organization"))
            | models.Q(pk__in=enrolments.values("person__organization"))
            | models.Q(pk__in=requests.values("organization"))
            | models.Q(pk__in=meetings.values("organization"))
        )

    @property
    def name(self):
        return bilingual(self.name_ar, self.name_en)

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Names are kept without invisible format characters (U+200F, U+202E...), NFC.
        self.name_ar, self.name_en, self.short_name = map(clean_name, (self.name_ar, self.name_en, self.short_name))
        self.search_name = normalize(" ".join([self.name_ar, self.name_en, self.short_name]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:organization_detail", args=[self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.branch_of_id and self.pk and self.branch_of_id == self.pk:
            raise ValidationError({"branch_of": _("An organisation cannot be a branch of itself.")})


class Gender(models.TextChoices):
    FEMALE = "f", _("Woman")
    MALE = "m", _("Man")


def current_year():
    return timezone.localdate().year


class Person(Tracked):
    """A trainee or staff member of an organisation."""

    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="people", verbose_name=_("organisation")
    )
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1920), MaxValueValidator(2015)],
    )
    has_disability = models.BooleanField(_("has a disability"), default=False)
    consent = models.BooleanField(
        _("consents to the use of their data"),
        default=False,
        help_text=_("The person agreed that the centre records and uses these data for the programme."),
    )
    notes = models.TextField(_("notes"), blank=True)
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    created_by = user_stamp(editable=False)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [
            ("export_person", _("Can export people's personal data")),
            ("import_person", _("Can import people from Excel")),
        ]

    def __str__(self):
        return self.full_name

    @classmethod
    def centre_q(cls, ids):
        """A person is seen by the centres that serve her organisation."""
        return models.Q(organization__in=Organization.objects.filter(Organization.centre_q(ids)))

    def save(self, *args, **kwargs):
        self.full_name = clean_name(self.full_name)
        self.search_name = normalize(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organizations:person_detail", args=[self.pk])

    def namesakes(self):
        """Other people of the same organisation whose name folds to the same key."""
        same = Person.objects.filter(organization_id=self.organization_id, search_name=normalize(self.full_name))
        return same.exclude(pk=self.pk) if self.pk else same
