"""A few demo news items (marked as demo) so the portal's news pages show something."""

import random
from datetime import datetime
from zoneinfo import ZoneInfo

from pazanga.portal.models import NewsItem

VILNIUS = ZoneInfo("Europe/Vilnius")
NEWS = (
    (
        datetime(2014, 2, 3, 10, 0, tzinfo=VILNIUS),
        "Kviečiame į projekto „Bibliotekos pažangai 2“ pradžios konferenciją",
        'Invitation to the launch conference of "Libraries for Innovation 2"',
        "Vasario 25 d. LR Vyriausybėje pristatysime projekto tikslus, uždavinius ir veiklas.",
        "On 25 February at the Government we will present the project's goals, tasks and "
        "activities.",
    ),
    (
        datetime(2014, 3, 10, 9, 0, tzinfo=VILNIUS),
        "Prasideda mokymai viešųjų bibliotekų darbuotojams",
        "Training for public-library staff begins",
        "Pirmieji mokymai – apie projektų rengimą ir jų įgyvendinimą.",
        "The first training is on project preparation and implementation.",
    ),
    (
        datetime(2014, 11, 20, 12, 0, tzinfo=VILNIUS),
        "Skelbiamas kvietimas teikti bendruomenių projektų paraiškas",
        "Call for community-project applications announced",
        "Viešosios bibliotekos kviečiamos teikti paraiškas kartu su partneriais.",
        "Public libraries are invited to apply together with their partners.",
    ),
)


def load(rng: random.Random) -> None:
    if NewsItem.objects.filter(is_demo=True).exists():
        return
    NewsItem.objects.bulk_create(
        NewsItem(
            published_at=when,
            title_lt=f"[Demo] {title_lt}",
            title_en=f"[Demo] {title_en}",
            summary_lt=text_lt,
            summary_en=text_en,
            body_lt=text_lt,
            body_en=text_en,
            is_demo=True,
        )
        for when, title_lt, title_en, text_lt, text_en in NEWS
    )
