"""Test personas shared by every app's tests.

- `programme`: the current programme ("Bibliotekos pažangai 2").
- `staff_member`: programme staff (may do everything in the programme).
- `librarian_a` / `librarian_b`: library staff of `library_a` / `library_b`.
- `reviewer`: an external expert.
- `outsider`: logged in, no role at all. Every view is tested against this persona.
- `other_programme`: a past programme; staff views refuse its objects (404).
"""

import pytest

from pazanga.directory.tests.factories import LibraryFactory
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import ProgrammeFactory, person_with_role


def pytest_configure(config):
    """Test-only settings, applied before any test client or live server starts."""
    from django.conf import settings

    # Hashing with the production hasher would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A test runs inside a transaction that never commits, so saves would never make cached
    # public pages out of date: pages are not kept between requests, except in the tests of
    # the cache itself (portal/tests/test_public_cache.py), which commit their changes.
    settings.PUBLIC_PAGE_SECONDS = 0
    # Tests speak plain HTTP (the live server too) and do not collect static files.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Storages read while the apps loaded (django-cleanup reads each file field's) forget
    # the production ones, as they do when a test overrides the setting.
    from django.test.signals import setting_changed

    setting_changed.send(sender=None, setting="STORAGES", value=settings.STORAGES, enter=True)


@pytest.fixture(autouse=True)
def language_of_each_test_is_its_own():
    """A page read in English leaves English active in the thread; each test starts afresh."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no rate-limit counters left by the tests before it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def other_programme(db):
    """A programme that is not the current one: its objects are out of reach of staff views."""
    from pazanga.programme.enums import ProgrammeStatus

    return ProgrammeFactory(
        code="bp1",
        name_lt="Bibliotekos pažangai",
        name_en="Libraries for Innovation",
        status=ProgrammeStatus.PAST,
    )


@pytest.fixture
def library_a(db):
    return LibraryFactory(name="Alytaus rajono savivaldybės viešoji biblioteka")


@pytest.fixture
def library_b(db):
    return LibraryFactory(name="Birštono viešoji biblioteka")


@pytest.fixture
def staff_member(programme):
    return person_with_role(
        Role.PROGRAMME_STAFF, email="rasa@lnb.example", first_name="Rasa", last_name="Rasaitė"
    )


@pytest.fixture
def librarian_a(programme, library_a):
    return person_with_role(
        Role.LIBRARY_STAFF,
        email="ona@alytus.example",
        organisation=library_a,
        first_name="Ona",
        last_name="Onaitė",
    )


@pytest.fixture
def librarian_b(programme, library_b):
    return person_with_role(
        Role.LIBRARY_STAFF,
        email="bronius@birstonas.example",
        organisation=library_b,
        first_name="Bronius",
        last_name="Bronaitis",
    )


@pytest.fixture
def reviewer(programme):
    return person_with_role(Role.REVIEWER, email="vida@expert.example", first_name="Vida")


@pytest.fixture
def outsider(db):
    from pazanga.directory.tests.factories import UserFactory

    return UserFactory(email="charlie@outside.example", first_name="Čarlis")


@pytest.fixture
def client_of(client):
    """`client_of(user)`: the test client logged in as that user."""

    def log_in(user):  # type: ignore[no-untyped-def]
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def query_guard(db):
    """`query_guard(fetch, add, pinned=N)`: a list view's queries do not grow with its rows.

    `add()` creates one item and returns a text the page must show for it; `fetch()` gets the
    page (a response). The guard adds one item and fetches, adds two more and fetches again,
    checks that every added item is on the page (so a list of nothing cannot pass), and that
    both fetches took exactly `pinned` queries.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch_counted(fetch):  # type: ignore[no-untyped-def]
        with CaptureQueriesContext(connection) as captured:
            response = fetch()
        assert response.status_code == 200, response.status_code
        content = response.content.decode()
        return [q["sql"] for q in captured.captured_queries], content

    def guard(fetch, add, *, pinned):  # type: ignore[no-untyped-def]
        shown = [add()]
        fetch()  # warm the process's caches (content types, sites) so counts are stable
        one, content = fetch_counted(fetch)
        assert all(text in content for text in shown), f"not on the page: {shown}"
        shown += [add(), add()]
        three, content = fetch_counted(fetch)
        missing = [text for text in shown if text not in content]
        assert not missing, f"not on the page: {missing}"
        assert len(one) == len(three), "queries grow with the rows:\n" + "\n".join(
            q for q in three if q not in one
        )
        assert len(one) == pinned, f"{len(one)} queries, pinned at {pinned}:\n" + "\n".join(
            q[:120] for q in one
        )
        return len(one)

    return guard
