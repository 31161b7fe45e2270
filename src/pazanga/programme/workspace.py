"""The programme's tasks: people waiting for their role to be confirmed."""

from typing import Any

from django.urls import reverse
from django.utils.translation import ngettext

from pazanga.common.workspace import Task
from pazanga.programme.enums import Role
from pazanga.programme.models import Programme
from pazanga.programme.queries import pending_assignments


def tasks(user: Any, roles: set[str], programme: Programme) -> list[Task]:
    if Role.PROGRAMME_STAFF not in roles:
        return []
    count = pending_assignments(programme).count()
    if not count:
        return []
    text = ngettext(
        "%(count)d person waits for their role to be confirmed",
        "%(count)d people wait for their role to be confirmed",
        count,
    ) % {"count": count}
    return [Task(text, reverse("programme:pending_assignments"), count)]
