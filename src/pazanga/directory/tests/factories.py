import factory
from factory.django import DjangoModelFactory

from pazanga.directory.enums import MunicipalityKind, OrganisationKind, Settlement
from pazanga.directory.models import County, Municipality, Organisation, User


class CountyFactory(DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:02d}")
    name_lt = factory.Sequence(lambda n: f"Bandomoji apskritis {n}")
    name_en = factory.Sequence(lambda n: f"Test County {n}")


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"M{n:03d}")
    name_lt = factory.Sequence(lambda n: f"Bandomojo rajono {n} savivaldybė")
    short_name_lt = factory.Sequence(lambda n: f"Bandomojo r. {n} sav.")
    name_en = factory.Sequence(lambda n: f"Test District {n} Municipality")
    county = factory.SubFactory(CountyFactory)
    kind = MunicipalityKind.DISTRICT


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organizacija {n}")
    kind = OrganisationKind.NGO
    municipality = factory.SubFactory(MunicipalityFactory)


class LibraryFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Bandomoji viešoji biblioteka {n}")
    kind = OrganisationKind.MUNICIPAL_LIBRARY
    settlement = Settlement.URBAN
    staff_headcount = 10


class BranchFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Kaimo {n} filialas")
    kind = OrganisationKind.BRANCH
    parent = factory.SubFactory(LibraryFactory)
    municipality = factory.SelfAttribute("parent.municipality")
    settlement = Settlement.RURAL
    staff_headcount = 1


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="lt_LT")
    last_name = factory.Faker("last_name", locale="lt_LT")
    password = factory.django.Password("correct-horse-battery")
