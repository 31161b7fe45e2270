"""The account itself: name, e-mail address, position, phone and password go; the row
stays (it is the actor of audit entries and the person of enrolments and roles)."""

from datetime import datetime

from django.db import models

from pazanga.common.erasure import anonymised_email
from pazanga.directory.models import Organisation, User


def erase_person(person: User, now: datetime) -> dict[str, int]:
    """Side effects: the account anonymised and deactivated (no sign-in: unusable password,
    no e-mail addresses known to allauth); organisations they directed lose the link."""
    from allauth.account.models import EmailAddress

    addresses, _by_kind = EmailAddress.objects.filter(user=person).delete()
    person.first_name = person.last_name = person.position = person.phone = ""
    person.email = anonymised_email("user", person.pk)
    person.is_active = person.is_staff = person.is_superuser = False
    person.set_unusable_password()
    person.save()
    directed = Organisation.objects.filter(director=person).update(director=None)
    return {"accounts": 1, "e-mail addresses": addresses, "directed organisations": directed}


def has_history(obj: models.Model) -> bool:
    """Whether rows that are evidence (enrolments, completions, roles, conflicts,
    applications, audit entries, decisions) name this person or organisation: those rows
    protect it (`on_delete=PROTECT`), so it is deactivated or erased, never deleted."""
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: obj}).exists()
        for relation in obj._meta.related_objects
        if relation.on_delete is models.PROTECT
    )


def deactivate(obj: User | Organisation) -> None:
    """No more sign-in for a person, no new applications or enrolments shown for an
    organisation; every record stays. Side effect: saves `is_active`."""
    obj.is_active = False
    obj.save(update_fields=["is_active"])
