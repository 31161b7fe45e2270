"""Malformed inputs against the running views: how many answer 500 (goal 0), and the
slowest malformed file's time and peak memory (goal < 2 s, < 100 MB).

    .venv/bin/python security/malformed_inputs.py [--mutations N]

Runs in-process on a throw-away SQLite database with the production middleware and
settings (DEBUG off). Sends, as programme staff:
- every hostile file of the test suite (pazanga/common/tests/hostile_files.py) and N random
  mutations (bytes flipped, cut, repeated, inserted) of an honest CSV, an honest XLSX and
  an honest XLSForm, to the invitation import and to the XLSForm import;
- the same files as grant attachments;
and, as a visitor and as staff, malformed query strings on every page without parameters,
malformed answers to a public survey, and malformed event registrations.
Each request's time and peak Python memory (tracemalloc) are measured.
"""

import argparse
import io
import os
import random
import sys
import time
import tracemalloc
from collections import Counter

import _here  # noqa: F401 (the source folder on the path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.pop("DEBUG", None)
os.environ.setdefault("SECRET_KEY", "measure-" + "x7Kq2vLp9Zr4Tw8Ys1Nb6Hc3Jd5Fg0Me" * 2)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ["REDIS_URL"] = ""

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

RESULTS: list[tuple[str, int, float, float]] = []
SIZES: dict[str, int] = {}


def prepare() -> dict[str, object]:
    import tempfile

    from django.db import connection

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="pazanga-malformed-")
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, "100000/h")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.test.signals import setting_changed

    setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    from pazanga.events.tests.factories import CategoryFactory, EventFactory
    from pazanga.grants.tests.factories import CallFactory, complete_application
    from pazanga.programme.enums import Role
    from pazanga.programme.tests.factories import ProgrammeFactory, person_with_role
    from pazanga.questionnaires.enums import Audience, QuestionnaireStatus
    from pazanga.questionnaires.examples.forms import example_bytes
    from pazanga.questionnaires.services import import_questionnaire
    from pazanga.questionnaires.workflow import transition

    programme = ProgrammeFactory()
    staff = person_with_role(Role.PROGRAMME_STAFF, email="staff@lnb.example")
    from pazanga.directory.tests.factories import LibraryFactory

    library = LibraryFactory()
    librarian = person_with_role(
        Role.LIBRARY_STAFF, email="ona@alytus.example", organisation=library
    )
    event = EventFactory(programme=programme, slug="seminaras", capacity=500)
    CategoryFactory(event=event, code="libraries", name_lt="Bibliotekos")
    survey = import_questionnaire(
        example_bytes("library_use.xlsx"), programme=programme, actor=staff
    )
    survey.audience = Audience.LINK
    survey.save()
    transition(survey, QuestionnaireStatus.PUBLISHED, actor=staff)
    from django.utils import timezone

    call = CallFactory(
        programme=programme,
        opens_at=timezone.now() - timezone.timedelta(days=1),
        closes_at=timezone.now() + timezone.timedelta(days=30),
    )
    application = complete_application(call=call, library=library)
    return {
        "staff": staff,
        "librarian": librarian,
        "event": event,
        "survey": survey,
        "application": application,
    }


def send(
    label: str, client: Client, method: str, url: str, data: object = None, *, memory: bool = False
) -> None:
    """One request, timed; with `memory`, sent again under tracemalloc for its peak (the
    tracing slows Python down, so the time is the untraced one)."""

    def once() -> int:
        for value in (data or {}).values() if isinstance(data, dict) else ():
            if hasattr(value, "seek"):
                value.seek(0)
        if data is None:
            return getattr(client, method)(url).status_code
        return getattr(client, method)(url, data).status_code

    started = time.perf_counter()
    status = once()
    elapsed = time.perf_counter() - started
    peak = 0
    if memory:
        tracemalloc.start()
        once()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    RESULTS.append((label, status, elapsed, peak / 1e6))


def mutations(data: bytes, count: int, rng: random.Random) -> list[bytes]:
    out = []
    for _ in range(count):
        mutated = bytearray(data)
        for _step in range(rng.randint(1, 8)):
            choice = rng.random()
            position = rng.randrange(max(1, len(mutated)))
            if choice < 0.4 and mutated:
                mutated[position] = rng.randrange(256)
            elif choice < 0.6:
                mutated = mutated[:position]
            elif choice < 0.8:
                mutated[position:position] = bytes(rng.randrange(256) for _ in range(16))
            else:
                chunk = mutated[position : position + 64]
                mutated[position:position] = chunk * rng.randint(2, 50)
        out.append(bytes(mutated))
    return out


def files(count: int) -> list[tuple[str, bytes]]:
    from pazanga.common.tests.hostile_files import HOSTILE_FILES, workbook_bytes
    from pazanga.questionnaires.examples.forms import example_bytes

    rng = random.Random(11)
    honest_csv = b"email,first_name,last_name\nona@alytus.example,Ona,Onaite\n" * 20
    named = [(f"hostile: {name}", build()) for name, build in HOSTILE_FILES.items()]
    for source, data in (
        ("csv", honest_csv),
        ("xlsx", workbook_bytes()),
        ("xlsform", example_bytes("library_use.xlsx")),
    ):
        named += [(f"mutated {source} #{n}", m) for n, m in enumerate(mutations(data, count, rng))]
    return named


def upload(name: str, data: bytes) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


MALFORMED_QUERIES = [
    "page=-1",
    "page=abc",
    "page=99999999999999999999",
    "q=%00%ff",
    "q=" + "x" * 5000,
    "status=<script>",
    "county=abc",
    "min_score=1e309",
    "min_score=NaN",
    "export=xlsx&page=0",
    "lang=../../etc",
    "date=2014-02-30",
    "month=13",
    "year=-5",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutations", type=int, default=150)
    arguments = parser.parse_args()
    world = prepare()
    staff = Client(raise_request_exception=False)
    staff.force_login(world["staff"])
    librarian = Client(raise_request_exception=False)
    librarian.force_login(world["librarian"])
    visitor = Client(raise_request_exception=False)
    invitations = reverse("events:invitations", args=[world["event"].slug])
    xlsform = reverse("questionnaires:import")
    attach = reverse("grants:attach", args=[world["application"].pk])
    for name, data in files(arguments.mutations):
        SIZES[name] = len(data)
        for target, client, url, file_name in (
            ("invitations", staff, invitations, "f.csv"),
            ("xlsform", staff, xlsform, "f.xlsx"),
            ("attachment", librarian, attach, "f.pdf"),
        ):
            payload = {"file": upload(file_name, data)}
            send(f"{target} · {name}", client, "post", url, payload, memory=True)
    from pazanga.portal.tests.test_access import PAGES

    for page in PAGES:
        for query in MALFORMED_QUERIES:
            for who, client in (("visitor", visitor), ("staff", staff)):
                send(f"GET {page}?{query} as {who}", client, "get", f"{reverse(page)}?{query}")
    survey = reverse("questionnaires:anonymous_answer", args=[world["survey"].public_token])
    rng = random.Random(7)
    junk = ["", "-1", "1e400", "\x00", "<b>", "x" * 100_000, "2014-02-30", "[]", "{}", "∞"]
    for n in range(300):
        data = {
            f"q-{name}": rng.choice(junk)
            for name in ("gender", "age", "settlement", "uses_library", "visits", "services")
        }
        data.update(action=rng.choice(["next", "save", "back", "refresh", "add:x", "remove:9"]))
        data["shown"] = rng.choice(["", "age,gender", "\x00", "x" * 1000])
        page = rng.choice(["0", "1", "-5", "abc", "99"])
        send(f"survey answer #{n}", visitor, "post", f"{survey}?page={page}", data)
    register = reverse("events:register", args=[world["event"].slug])
    for n in range(200):
        data = {
            key: rng.choice(junk)
            for key in ("first_name", "last_name", "email", "category", "organisation_name")
        }
        send(f"registration #{n}", visitor, "post", register, data)

    statuses = Counter(status for _label, status, _t, _m in RESULTS)
    errors = [r for r in RESULTS if r[1] >= 500]
    files_only = [r for r in RESULTS if "·" in r[0]]
    slowest = max(files_only, key=lambda r: r[2])
    hungriest = max(files_only, key=lambda r: r[3])
    print(f"malformed inputs sent: {len(RESULTS)}")
    print(f"answers by status: {dict(sorted(statuses.items()))}")
    print(f"500s: {len(errors)}")
    for label, status, _t, _m in errors[:20]:
        print(f"  {status} {label}")
    for title, row in (("slowest malformed file", slowest), ("most memory", hungriest)):
        size = SIZES[row[0].split(" · ", 1)[1]]
        print(f"{title}: {row[0]} ({size:,} bytes): {row[2]:.2f} s, {row[3]:.1f} MB peak")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
