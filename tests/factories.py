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
