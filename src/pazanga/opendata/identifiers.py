"""Identifiers the open-data files use, in one place (decision 0085).

- An organisation: `LT-RC-<code>` when its code in the Register of Legal Entities is known
  (org-id.guide's list "LT-RC", Information Platform of Legal Entities, Lithuania); else
  `360G-<prefix>-ORG-<id>`, as the 360Giving guidance asks of an organisation without one.
- A grant: `360G-<prefix>-<reference>`.
- IATI activities: `<publisher>-<programme code>` and `<publisher>-<grant reference>`.
"""

from django.conf import settings

from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation

REGISTER = "LT-RC"


def prefix() -> str:
    return settings.OPEN_DATA_360G_PREFIX


def organisation_id(organisation: Organisation) -> str:
    code = (organisation.registry_code or "").strip()
    if code:
        return f"{REGISTER}-{code}"
    return f"360G-{prefix()}-ORG-{organisation.pk}"


def grant_id(reference: str) -> str:
    return f"360G-{prefix()}-{reference}"


def publisher() -> Organisation | None:
    libraries = Organisation.objects.filter(kind=OrganisationKind.NATIONAL_LIBRARY)
    return libraries.order_by("pk").first()


def publisher_id(organisation: Organisation | None = None) -> str:
    if settings.OPEN_DATA_PUBLISHER_ID:
        return settings.OPEN_DATA_PUBLISHER_ID
    organisation = organisation or publisher()
    return organisation_id(organisation) if organisation else f"360G-{prefix()}"
