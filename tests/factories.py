"""factory_boy factories shared by every test folder."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from organizations.models import Centre, Gender, Organization, Person, Region, Room


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("name_ar",)

    name_ar = factory.Sequence(lambda n: f"منطقة {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


# The test world's team: the Staff and Coordinators made without naming their centres work
# for every centre the factories make, so a test about workshops need not think of centres.
# A test about centre scoping names them: UserFactory(role=STAFF, centres=[raqqa]), and
# CentreFactory(staffed=False) for a centre the team does not work for. Emptied per test.
TEAM = set()  # user ids
UNSTAFFED = set()  # centre ids


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    name_ar = factory.Sequence(lambda n: f"مركز {n}")
    name_en = factory.Sequence(lambda n: f"Centre {n}")
    region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def staffed(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is False:
            UNSTAFFED.add(self.pk)
        else:
            self.staff.add(*get_user_model().objects.filter(pk__in=TEAM))


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    centre = factory.SubFactory(CentreFactory)
    name_ar = factory.Sequence(lambda n: f"قاعة {n}")
    name_en = factory.Sequence(lambda n: f"Hall {n}")
    capacity = 30


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_ar = factory.Sequence(lambda n: f"منظمة رقم {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    region = factory.SubFactory(RegionFactory)
    centre = factory.SubFactory(CentreFactory, region=factory.SelfAttribute("..region"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"متدرب رقم {n}")
    gender = factory.Iterator([Gender.FEMALE, Gender.MALE])
    organization = factory.SubFactory(OrganizationFactory)
    phone = factory.Sequence(lambda n: f"+963 944 {n:06d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        # UserFactory(role="Staff") puts the user in that group made by the data migration.
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))

    @factory.post_generation
    def centres(self, create, extracted, **kwargs):
        # Given: those centres only. Not given: one of the team (TEAM above).
        if not create:
            return
        if extracted is not None:
            self.centres.set(extracted)
            return
        if self.groups.filter(name__in=["Staff", "Coordinator"]).exists():
            TEAM.add(self.pk)
            self.centres.set(Centre.objects.exclude(pk__in=UNSTAFFED))


# --- services (bookings, support visits, needs assessments) ---


def _in_days(days, hour):
    import datetime

    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _hours_after(moment, hours):
    import datetime

    return moment + datetime.timedelta(hours=hours)


def _date(year, month, day):
    import datetime

    return datetime.date(year, month, day)


class BookingFactory(factory.django.DjangoModelFactory):
    """A booking of two hours, by default the day after tomorrow at 10:00 (Damascus)."""

    class Meta:
        model = "services.Booking"

    room = factory.SubFactory(RoomFactory)
    organization = factory.SubFactory(OrganizationFactory)
    purpose = "اجتماع"
    start = factory.LazyFunction(lambda: _in_days(2, 10))
    end = factory.LazyAttribute(lambda o: _hours_after(o.start, 2))


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Consultation"

    organization = factory.SubFactory(OrganizationFactory)
    kind = "legal"
    adviser = "مستشار"
    date = factory.LazyFunction(lambda: _date(2020, 10, 1))
    topic = factory.Sequence(lambda n: f"موضوع {n}")
    advice = "نصيحة"


class NeedsAssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment; NeedsAssessmentFactory(scores=[...]) gives the areas those scores, in order."""

    class Meta:
        model = "services.NeedsAssessment"
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    date = factory.LazyFunction(lambda: _date(2020, 8, 15))

    @factory.post_generation
    def scores(self, create, extracted, **kwargs):
        if not create or extracted is None:
            return
        from services.models import AssessmentScore, CapacityArea

        areas = list(CapacityArea.objects.all())
        values = [extracted] * len(areas) if isinstance(extracted, int) else extracted
        AssessmentScore.objects.bulk_create(
            AssessmentScore(assessment=self, area=area, score=score) for area, score in zip(areas, values, strict=False)
        )


# --- coaching (engagements, sessions, strategic plans) ---


class CoachingProjectFactory(factory.django.DjangoModelFactory):
    """A project with a training phase and a coaching phase (2020-09-20 to 2020-12-31)."""

    class Meta:
        model = "trainings.Project"
        skip_postgeneration_save = True

    name_ar = factory.Sequence(lambda n: f"مشروع الإرشاد {n}")
    name_en = factory.Sequence(lambda n: f"Coaching project {n}")
    code = factory.Sequence(lambda n: f"CP-{n}")
    centre = factory.SubFactory(CentreFactory)
    start_date = factory.LazyFunction(lambda: _date(2020, 8, 1))
    end_date = factory.LazyFunction(lambda: _date(2020, 12, 31))

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create:
            self.phases.create(number=1, kind="training", start_date=_date(2020, 8, 20), end_date=_date(2020, 8, 31))
            self.phases.create(number=2, kind="coaching", start_date=_date(2020, 9, 20), end_date=_date(2020, 12, 31))


class EngagementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coaching.CoachingEngagement"

    project = factory.SubFactory(CoachingProjectFactory)
    organization = factory.SubFactory(OrganizationFactory)


class CoachingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coaching.CoachingSession"

    engagement = factory.SubFactory(EngagementFactory)
    date = factory.Sequence(lambda n: _date(2020, 10, 1 + n % 28))
    hours = 4


class StrategicPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coaching.StrategicPlan"

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"الخطة الاستراتيجية {n}")
    start_year = 2021
    years = 3
    vision = "مجتمع متماسك يشارك أبناؤه في التنمية."


# trainings ---------------------------------------------------------------------------------

import datetime as _dt  # noqa: E402

from trainings.models import (  # noqa: E402
    Attendance,
    Enrollment,
    Phase,
    PhaseKind,
    Project,
    Session,
    Topic,
    Trainer,
    Workshop,
)


class RecountsTallies:
    """A factory of marks, enrolments or sessions recounts the workshop's tallies after writing,
    as every writer outside the one door does (capacity.programme.parts.write_in_bulk), so
    tests built on factories read the tallies the app would keep."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from trainings import tallies

        row = super()._create(model_class, *args, **kwargs)
        workshop_id = row.session.workshop_id if isinstance(row, Attendance) else row.workshop_id
        tallies.recount([workshop_id])
        return row


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name_ar = factory.Sequence(lambda n: f"مشروع رقم {n}")
    name_en = factory.Sequence(lambda n: f"Project {n}")
    code = factory.Sequence(lambda n: f"P-{n}")
    centre = factory.SubFactory(CentreFactory)
    start_date = _dt.date(2020, 8, 1)
    end_date = _dt.date(2020, 12, 31)
    target_organizations = 15
    target_trainees = 30


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    project = factory.SubFactory(ProjectFactory)
    number = 1
    kind = PhaseKind.TRAINING
    start_date = _dt.date(2020, 8, 1)
    end_date = _dt.date(2020, 8, 31)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name_ar",)

    name_ar = factory.Sequence(lambda n: f"موضوع {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class TrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trainer

    name = factory.Sequence(lambda n: f"مدرب رقم {n}")


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    phase = factory.SubFactory(PhaseFactory)
    project = factory.SelfAttribute("phase.project")
    title = factory.Sequence(lambda n: f"ورشة رقم {n}")
    venue = factory.SubFactory(RoomFactory, centre=factory.SelfAttribute("..project.centre"))
    start_date = _dt.date(2020, 8, 20)
    end_date = _dt.date(2020, 8, 25)
    planned_hours = 12
    capacity = 30


class EnrollmentFactory(RecountsTallies, factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    workshop = factory.SubFactory(WorkshopFactory)
    person = factory.SubFactory(PersonFactory)


class SessionFactory(RecountsTallies, factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    workshop = factory.SubFactory(WorkshopFactory)
    date = factory.SelfAttribute("workshop.start_date")
    start_time = _dt.time(9, 0)
    end_time = _dt.time(12, 0)


class AttendanceFactory(RecountsTallies, factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)
    status = "present"


# Evaluation (feedback and pre/post tests) ------------------------------------------------


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.TestResult"

    enrollment = factory.SubFactory(EnrollmentFactory)
    stage = "pre"
    score = 5
    max_score = 10


class FeedbackResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "evaluation.FeedbackResponse"

    workshop = factory.SubFactory(WorkshopFactory)
    source = "paper"


# Issue 17: organisations' requests and meetings -----------------------------------------


class OrganizationRequestFactory(factory.django.DjangoModelFactory):
    """A request to join a project, awaiting review."""

    class Meta:
        model = "trainings.OrganizationRequest"

    organization = factory.SubFactory(OrganizationFactory)
    kind = "project"
    project = factory.SubFactory(ProjectFactory)
    centre = factory.SelfAttribute("project.centre")
    asks = "الانضمام إلى المشروع وتدريب اثنين من كوادر المنظمة"
    date = _dt.date(2020, 9, 1)
    contact_name = "سلمى الأحمد"
    contact_phone = "0933 123 456"


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting in a room of its centre, three days ahead (saved through the door, so it holds the room)."""

    class Meta:
        model = "services.Meeting"

    title = factory.Sequence(lambda n: f"لقاء تشبيكي رقم {n}")
    kind = "networking"
    centre = factory.SubFactory(CentreFactory)
    room = factory.SubFactory(RoomFactory, centre=factory.SelfAttribute("..centre"))
    date = factory.LazyFunction(lambda: _dt.date.today() + _dt.timedelta(days=3))
    start_time = _dt.time(10, 0)
    end_time = _dt.time(12, 0)
    agenda = "التعارف وتبادل الخبرات"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from services.meetings import save_meeting

        return save_meeting(model_class(*args, **kwargs))
