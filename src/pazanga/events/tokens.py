"""Signed, unguessable codes: the registrant's personal link and the check-in QR code.

Both are a signed copy of ids plus the registration's random secret, so a code cannot be
guessed (the secret) nor altered (the signature), and a check-in code names its event.
"""

from dataclasses import dataclass

from django.core import signing

from pazanga.events.models import Registration

LINK_SALT = "pazanga.events.registration-link"
CHECKIN_SALT = "pazanga.events.check-in"
CHECKIN_PREFIX = "PZE"


class BadCodeError(Exception):
    """The code was altered, forged or does not belong to any registration."""


@dataclass(frozen=True)
class CheckInCode:
    event_id: int
    secret: str


def registration_link_token(registration: Registration) -> str:
    return signing.Signer(salt=LINK_SALT).sign(registration.secret)


def secret_from_link_token(token: str) -> str:
    try:
        return signing.Signer(salt=LINK_SALT).unsign(token)
    except signing.BadSignature as error:
        raise BadCodeError(token) from error


def checkin_code(registration: Registration) -> str:
    value = f"{CHECKIN_PREFIX}.{registration.event_id}.{registration.secret}"
    return signing.Signer(salt=CHECKIN_SALT).sign(value)


def read_checkin_code(text: str) -> CheckInCode:
    """The event and secret a scanned code names; BadCodeError when it is not one of ours.

    A scan may give the whole check-in address: only its last path segment counts.
    """
    code = text.strip().rstrip("/").rsplit("/", 1)[-1]
    try:
        value = signing.Signer(salt=CHECKIN_SALT).unsign(code)
        prefix, event_id, secret = value.split(".", 2)
    except (signing.BadSignature, ValueError) as error:
        raise BadCodeError(text) from error
    if prefix != CHECKIN_PREFIX or not event_id.isdigit():
        raise BadCodeError(text)
    return CheckInCode(int(event_id), secret)
