"""No English text reaches a Lithuanian page.

The main pages are rendered in Lithuanian, for a visitor and for each persona, and their
visible text is searched for every English text the platform, Django and allauth translate
(the `msgid`s of their Lithuanian catalogues). A text found means a translation is missing
or a catalogue's `msgid` no longer matches the code (as Django's own Lithuanian password
messages do); the fix goes into the app's catalogue or into the project's catalogue of
third-party texts (`src/config/locale`).
"""

import html
import re
from functools import cache
from pathlib import Path

import allauth
import django
import pytest
from django.core.management import call_command

from pazanga.common.management.commands.update_messages import our_app_paths, read_entries

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}|\{[^}]*\}")
SHORTEST = 16  # shorter fragments ("Log in") are often the same in names and codes


def catalogues() -> list[Path]:
    django_root = Path(django.__file__).parent
    third_party = [
        django_root / "conf/locale/lt/LC_MESSAGES/django.po",
        django_root / "contrib/auth/locale/lt/LC_MESSAGES/django.po",
        Path(allauth.__file__).parent / "locale/lt/LC_MESSAGES/django.po",
    ]
    ours = [path / "locale/lt/LC_MESSAGES/django.po" for path in our_app_paths()]
    return [path for path in [*third_party, *ours] if path.exists()]


@cache
def english_fragments() -> frozenset[str]:
    """Pieces of English text long enough that finding one on a page is not a coincidence."""
    found = set()
    for catalogue in catalogues():
        for key, (translation, _fuzzy) in read_entries(catalogue).items():
            msgid = key.split("\x04")[-1].split("\x00")[0]
            msgid = msgid.replace('\\"', '"').replace("\\n", " ")
            if translation.replace('\\"', '"') == msgid:
                continue  # the same in both languages (names, codes)
            for raw in PLACEHOLDER.split(msgid):
                piece = raw.strip(" .,:;–-")
                if len(piece) >= SHORTEST and " " in piece:
                    found.add(piece)
    return frozenset(found)


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def english_on(page: str) -> list[str]:
    text = visible_text(page)
    return sorted(piece for piece in english_fragments() if piece in text)


@pytest.fixture
def real_data(db):
    call_command("load_reference", verbosity=0)


VISITOR_PAGES = [
    "/lt/",
    "/lt/programme/",
    "/lt/news/",
    "/lt/events/",
    "/lt/events/past/",
    "/lt/training/",
    "/lt/grants/",
    "/lt/libraries/",
    "/lt/municipalities/",
    "/lt/privacy/",
    "/lt/accessibility/",
    "/lt/accounts/login/",
    "/lt/accounts/signup/",
    "/lt/accounts/password/reset/",
    "/lt/no-such-page/",
]


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_a_visitor_sees_no_english_on_lithuanian_pages(client, real_data, path):
    assert english_on(client.get(path).content.decode()) == []


def test_sign_up_errors_are_in_lithuanian(client, real_data):
    page = client.post(
        "/lt/accounts/signup/",
        {"email": "ne-adresas", "password1": "123", "password2": "1234", "first_name": ""},
    ).content.decode()
    assert english_on(page) == []
    assert "Šis slaptažodis yra per trumpas" in visible_text(page)


@pytest.mark.parametrize("persona", ["outsider", "librarian_a", "reviewer", "staff_member"])
@pytest.mark.parametrize("path", ["/lt/my/", "/lt/events/my/", "/lt/accounts/email/"])
def test_personas_see_no_english_on_their_pages(client_of, request, real_data, persona, path):
    client = client_of(request.getfixturevalue(persona))
    assert english_on(client.get(path).content.decode()) == []


def test_the_check_finds_english_text():
    assert "This password is too short" in " ".join(english_fragments())
    assert english_on("<p>This password is too short. It must contain at least 8</p>") != []


def test_the_main_e_mails_speak_lithuanian_and_greet_any_library(
    librarian_a, library_a, programme, django_capture_on_commit_callbacks, mailoutbox
):
    """The receipt of an application and its decision, in a Lithuanian recipient's language."""
    import time_machine

    from pazanga.grants import services
    from pazanga.grants.enums import ApplicationStatus
    from pazanga.grants.tests.factories import CLOSES, CallFactory, complete_application
    from pazanga.grants.workflow import transition

    call = CallFactory(programme=programme)
    with time_machine.travel(CLOSES.replace(day=20), tick=False):
        application = complete_application(call=call, library=library_a, created_by=librarian_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.submit_application(application, actor=librarian_a)
        with django_capture_on_commit_callbacks(execute=True):
            transition(application, ApplicationStatus.INELIGIBLE, actor=None, note="Per vėlu")
    assert len(mailoutbox) == 2
    for message in mailoutbox:
        assert english_on(message.subject + " " + message.body) == []
        assert message.body.startswith("Sveiki,\nŠis laiškas skirtas: " + library_a.name + ".")
