"""Events whose places are given through another way in.

A training session is an event, but its places are taken only through training enrolment
(its role check, library quota, overlap check and approval). An app above events that owns
such events adds a finder here (in its AppConfig.ready): given an event, the address of its
own way in, or None. The events app then offers no registration form for that event, and
its registration service refuses every booking that does not come through that way in.
"""

from collections.abc import Callable

from pazanga.events.models import Event

EntryFinder = Callable[[Event], str | None]
_finders: list[EntryFinder] = []


def add_entry(finder: EntryFinder) -> None:
    if finder not in _finders:
        _finders.append(finder)


def entry_elsewhere(event: Event) -> str | None:
    """The address where places of `event` are taken, when that is not the event's form."""
    for finder in _finders:
        url = finder(event)
        if url:
            return url
    return None
