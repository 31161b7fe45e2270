"""Test personas shared by every app's tests.

- `programme`: the current programme ("Bibliotekos pažangai 2").
- `staff_member`: programme staff (may do everything in the programme).
- `librarian_a` / `librarian_b`: library staff of `library_a` / `library_b`.
- `reviewer`: an external expert.
- `outsider`: logged in, no role at all. Every view is tested against this persona.
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
    # Tests speak plain HTTP (the live server too) and do not collect static files.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no rate-limit counters left by the tests before it."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


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
