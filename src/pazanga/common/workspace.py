"""What waits for a person: each app lists its own tasks; the portal shows them on one page.

An app's `workspace.tasks(user, roles, programme)` returns `Task`s worded in the active
language, each with a link the person may open (the same role checks the linked view
makes) and, where there is one, a deadline. It reads with aggregate queries, so the page
takes the same number of queries whatever the number of tasks.
"""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Task:
    text: str
    url: str
    count: int | None = None
    due: date | datetime | None = None
    urgent: bool = False  # overdue, or due within a few days
