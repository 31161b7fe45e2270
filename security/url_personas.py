"""Every URL × every persona on the demo data: how many tried, how many leaks (goal 0).

    .venv/bin/python security/url_personas.py DEMO_SQLITE_FILE [--per-pattern 5]

Works on a copy of a demo database (`make setup`, or `migrate`, `load_reference`,
`load_demo` into a file). Eleven personas: the visitor, the outsider (an account with no
role), the eight demo logins (staff, library staff, reviewer, committee, trainer,
researcher, partner, administrator) and the staff of a second library. Each persona walks
the site from every page without parameters, following its links (GET only, up to
`--per-pattern` addresses per URL pattern, so each kind of page is tried on several
objects). Then every persona opens every address any persona reached.

A leak is an address that answers 200 to a persona who could not reach it by following
the links of their own pages, that is not public (the visitor does not get it) and that
no rule grants them (`GRANTED_BY_ROLE`, link surveys): the object of another person,
library, panel or programme opened by typing its address.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import _here  # noqa: F401 (the source folder on the path)

parser = argparse.ArgumentParser()
parser.add_argument("database")
parser.add_argument("--per-pattern", type=int, default=5)
arguments = parser.parse_args()
copy = os.path.join(tempfile.mkdtemp(prefix="pazanga-personas-"), "db.sqlite3")
shutil.copy(arguments.database, copy)
os.environ["DATABASE_URL"] = f"sqlite:///{copy}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.pop("DEBUG", None)
os.environ.setdefault("SECRET_KEY", "measure-" + "x7Kq2vLp9Zr4Tw8Ys1Nb6Hc3Jd5Fg0Me" * 2)
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ["REDIS_URL"] = ""

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import Resolver404, resolve, reverse  # noqa: E402

settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
from django.test.signals import setting_changed  # noqa: E402

setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)
setup_test_environment()

LINK = re.compile(r'href="(/lt/[^"#?]*)')
SKIP = re.compile(r"(/logout/|/accounts/|/admin/|\.pdf$|\.csv$|\.xlsx$|\.ics$|\.zip$|/export|/qr)")
DEMO_LOGINS = {
    "programme staff": "programa@pazanga.example",
    "library staff": "biblioteka@pazanga.example",
    "reviewer": "vertintoja@pazanga.example",
    "committee member": "komisija@pazanga.example",
    "trainer": "lektore@pazanga.example",
    "researcher": "tyreja@pazanga.example",
    "partner": "partneris@pazanga.example",
    "administrator": "admin@pazanga.example",
}


def personas() -> dict[str, Client]:
    from pazanga.directory.models import User
    from pazanga.programme.enums import AssignmentStatus, Role
    from pazanga.programme.models import RoleAssignment

    clients = {"visitor": Client(raise_request_exception=False)}
    outsider, _ = User.objects.get_or_create(email="pasalietis@example.org")
    for name, email in {**DEMO_LOGINS, "outsider": outsider.email}.items():
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(email=email))
        clients[name] = client
    own = RoleAssignment.objects.filter(
        user__email=DEMO_LOGINS["library staff"], role=Role.LIBRARY_STAFF
    ).values_list("organisation_id", flat=True)
    second = (
        RoleAssignment.objects.filter(role=Role.LIBRARY_STAFF, status=AssignmentStatus.CONFIRMED)
        .exclude(organisation_id__in=list(own))
        .exclude(user__email__in=DEMO_LOGINS.values())
        .select_related("user")
        .first()
    )
    if second is not None:
        client = Client(raise_request_exception=False)
        client.force_login(second.user)
        clients["staff of a second library"] = client
    return clients


# Pages a role opens by rule although that persona's own pages link to none of them (the
# committee reaches its call screens from the staff's messages, not from a menu).
GRANTED_BY_ROLE = {
    "committee member": {
        "grants:application",  # submitted ones only: a draft answers 404
        "grants:applications",
        "grants:ranking",
        "grants:decision",
    },
}


def granted(persona: str, path: str) -> bool:
    """The rules give this persona the page although no link of theirs leads to it."""
    match = resolve(path)
    if match.view_name in GRANTED_BY_ROLE.get(persona, ()):
        return True
    if match.view_name == "questionnaires:answer":
        # A survey for anyone with its link is answered by anyone, signed in or not.
        from pazanga.questionnaires.enums import Audience
        from pazanga.questionnaires.models import Questionnaire

        return Questionnaire.objects.filter(pk=match.kwargs["pk"], audience=Audience.LINK).exists()
    return False


def pattern_of(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client: Client, starts: list[str], per_pattern: int) -> set[str]:
    seen: set[str] = set()
    reached: set[str] = set()
    per: Counter[str] = Counter()
    queue = list(starts)
    while queue:
        path = queue.pop(0)
        if path in seen or SKIP.search(path):
            continue
        name = pattern_of(path)
        if name is None or per[name] >= per_pattern:
            continue
        seen.add(path)
        per[name] += 1
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reached.add(path)
        links = LINK.findall(response.content.decode("utf-8", "replace"))
        queue.extend(link for link in links if urlsplit(link).path not in seen)
    return reached


def main() -> None:
    from pazanga.portal.tests.test_access import PAGES

    with django.utils.translation.override("lt"):
        starts = [reverse(name) for name in PAGES]
    clients = personas()
    reached = {
        name: crawl(client, starts, arguments.per_pattern) for name, client in clients.items()
    }
    addresses = sorted(set().union(*reached.values()))
    answers: dict[str, dict[str, int]] = defaultdict(dict)
    for name, client in clients.items():
        for path in addresses:
            answers[path][name] = client.get(path).status_code
    leaks = [
        (name, path)
        for path in addresses
        for name in clients
        if answers[path][name] == 200
        and path not in reached[name]
        and answers[path]["visitor"] != 200
        and name not in ("programme staff", "administrator")
        and not granted(name, path)
    ]
    patterns = {pattern_of(p) for p in addresses}
    print(f"personas: {len(clients)} ({', '.join(clients)})")
    print(f"addresses reached: {len(addresses)} of {len(patterns)} URL patterns")
    print(f"URLs x personas tried: {len(addresses) * len(clients)}")
    print(f"leaks: {len(leaks)}")
    for name, path in leaks[:50]:
        print(f"  {name}: {path} ({pattern_of(path)})")
    sys.exit(1 if leaks else 0)


if __name__ == "__main__":
    main()
