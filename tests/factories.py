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


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    name_ar = factory.Sequence(lambda n: f"مركز {n}")
    name_en = factory.Sequence(lambda n: f"Centre {n}")
    region = factory.SubFactory(RegionFactory)


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
