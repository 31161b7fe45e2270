"""Reading settings from the environment, with clear errors instead of tracebacks."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Known only to development machines; production refuses it (see secret_keys below).
DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
MINIMUM_SECRET_KEY_LENGTH = 50
MINIMUM_SECRET_KEY_CHARACTERS = 5
SECRET_KEY_EXAMPLE = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"  # noqa: S105


def secret_keys(*, debug: bool) -> tuple[str, list[str]]:
    """SECRET_KEY and SECRET_KEY_FALLBACKS, refusing keys that would let a stranger sign.

    Everything the platform signs (sessions, e-mail confirmation and password-reset links,
    registration management links, certificate codes) is only as secret as this key.
    Under DEBUG=1 a missing key means the development key; with DEBUG=0 the key must be
    set, must not be the development key and must be long and varied. Fallbacks (old keys
    kept while signed links issued under them expire) are held to the same rule.
    """
    key = os.environ.get("SECRET_KEY", "")
    fallbacks = env_list("SECRET_KEY_FALLBACKS", "")
    if debug:
        return key or DEVELOPMENT_SECRET_KEY, fallbacks
    if not key:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set; with DEBUG=0 it must be a long random value, "
            f"made for example with {SECRET_KEY_EXAMPLE}."
        )
    for name, value in [("SECRET_KEY", key)] + [("SECRET_KEY_FALLBACKS", k) for k in fallbacks]:
        refuse_weak_secret_key(name, value)
    return key, fallbacks


def refuse_weak_secret_key(name: str, value: str) -> None:
    if value == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            f"{name} is the development key published with the source code; with DEBUG=0 "
            f"set a long random value, made for example with {SECRET_KEY_EXAMPLE}."
        )
    if (
        len(value) < MINIMUM_SECRET_KEY_LENGTH
        or len(set(value)) < MINIMUM_SECRET_KEY_CHARACTERS
        or value.startswith("django-insecure")
    ):
        raise ImproperlyConfigured(
            f"{name} is too weak ({len(value)} characters); with DEBUG=0 it needs at least "
            f"{MINIMUM_SECRET_KEY_LENGTH} random characters, made for example with "
            f"{SECRET_KEY_EXAMPLE}."
        )


SUPPORTED_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")


def database_from_url(url: str) -> dict[str, object]:
    """Parse DATABASE_URL, naming what is wrong when it cannot be used."""
    example = "sqlite:///var/pazanga.sqlite3 or postgres://USER:PASSWORD@HOST:5432/NAME"
    scheme = url.split("://", 1)[0].lower() if "://" in url else ""
    if scheme not in SUPPORTED_DATABASE_SCHEMES:
        raise ImproperlyConfigured(
            f"DATABASE_URL {url!r} is not a database URL this platform supports; "
            f"use for example {example}."
        )
    try:
        config = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    except ValueError as error:
        message = f"DATABASE_URL {url!r} cannot be read ({error}); use {example}."
        raise ImproperlyConfigured(message) from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no database; use {example}.")
    return config
