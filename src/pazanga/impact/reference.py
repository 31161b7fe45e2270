"""The indicator catalogue the programme's surveys use: real definitions (after the Global
Libraries common impact measures and Statistics Lithuania's ICT-use survey), loaded for the
current programme by `manage.py load_reference`."""

from django.db import transaction

from pazanga.impact.enums import Area, Unit
from pazanga.impact.models import Indicator
from pazanga.programme.models import Programme

LAST_3_MONTHS = ("per pastaruosius 3 mėnesius", "in the last 3 months")
LAST_12_MONTHS = ("per pastaruosius 12 mėnesių", "in the last 12 months")

# code, Lithuanian name, English name, area, counted when, among, period
INDICATORS = (
    (
        "internet_nonuse_3m",
        "Nesinaudojo internetu per pastaruosius 3 mėnesius",
        "Did not use the internet in the last 3 months",
        Area.DIGITAL_DIVIDE,
        "${internet_last_use} >= 2",
        "",
        LAST_3_MONTHS,
    ),
    (
        "internet_use_3m",
        "Naudojosi internetu per pastaruosius 3 mėnesius",
        "Used the internet in the last 3 months",
        Area.DIGITAL_DIVIDE,
        "${internet_last_use} = 1",
        "",
        LAST_3_MONTHS,
    ),
    (
        "internet_never",
        "Niekada nesinaudojo internetu",
        "Never used the internet",
        Area.DIGITAL_DIVIDE,
        "${internet_last_use} = 4",
        "",
        ("", ""),
    ),
    (
        "internet_weekly",
        "Internetu naudojasi bent kartą per savaitę",
        "Uses the internet at least once a week",
        Area.DIGITAL_INCLUSION,
        "${internet_weekly} = 1",
        "",
        LAST_3_MONTHS,
    ),
    (
        "library_use_12m",
        "Lankėsi viešojoje bibliotekoje",
        "Used a public library",
        Area.CULTURE,
        "${library_use_12m} = 1",
        "",
        LAST_12_MONTHS,
    ),
    (
        "library_computer_12m",
        "Naudojosi bibliotekos kompiuteriais ar internetu",
        "Used a public library's computers or internet",
        Area.DIGITAL_INCLUSION,
        "${library_computer_12m} = 1",
        "",
        LAST_12_MONTHS,
    ),
    (
        "staff_trained_digital",
        "Bibliotekininkai, dalyvavę skaitmeninių paslaugų mokymuose",
        "Librarians trained in digital services",
        Area.EDUCATION,
        "${trained_digital} = 1",
        "",
        ("", ""),
    ),
    (
        "staff_teaches_eservices",
        "Bibliotekininkai, mokantys lankytojus naudotis e. paslaugomis",
        "Librarians who teach visitors to use e-services",
        Area.DIGITAL_INCLUSION,
        "${teaches_eservices} = 1",
        "",
        ("", ""),
    ),
    (
        "users_egov",
        "Bibliotekoje naudojosi e. valdžios paslaugomis",
        "Used e-government services at the library",
        Area.GOVERNMENT,
        "${used_egov} = 1",
        "",
        LAST_12_MONTHS,
    ),
    (
        "users_egov_benefit",
        "Sutaupė laiko ar pinigų tvarkydami reikalus su valdžia",
        "Saved time or money dealing with government",
        Area.GOVERNMENT,
        "${benefit_egov} = 1",
        "${used_egov} = 1",
        LAST_12_MONTHS,
    ),
    (
        "users_health",
        "Bibliotekoje ieškojo informacijos apie sveikatą",
        "Looked for health information at the library",
        Area.HEALTH,
        "${used_health} = 1",
        "",
        LAST_12_MONTHS,
    ),
    (
        "users_job",
        "Bibliotekoje ieškojo darbo ar mokėsi darbo įgūdžių",
        "Looked for work or learned job skills at the library",
        Area.ECONOMIC,
        "${used_job} = 1",
        "",
        LAST_12_MONTHS,
    ),
    (
        "users_learning",
        "Bibliotekoje mokėsi ar tobulino žinias",
        "Studied or learned at the library",
        Area.EDUCATION,
        "${used_learning} = 1",
        "",
        LAST_12_MONTHS,
    ),
    (
        "users_contact",
        "Bibliotekoje bendravo su artimaisiais internetu",
        "Kept in touch with family and friends online at the library",
        Area.COMMUNICATION,
        "${used_contact} = 1",
        "",
        LAST_12_MONTHS,
    ),
)


@transaction.atomic
def load() -> None:
    programme = Programme.objects.current()
    if programme is None:
        return
    load_indicators(programme)


def load_indicators(programme: Programme) -> None:
    for position, (code, name_lt, name_en, area, counted, among, period) in enumerate(
        INDICATORS, start=1
    ):
        Indicator.objects.get_or_create(
            programme=programme,
            code=code,
            defaults={
                "name_lt": name_lt,
                "name_en": name_en,
                "area": area,
                "numerator": counted,
                "population_filter": among,
                "unit": Unit.PERCENT,
                "period_lt": period[0],
                "period_en": period[1],
                "position": position,
            },
        )
