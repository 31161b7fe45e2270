"""The one way the platform refuses a request: a code, its parameters, a message per app.

A service raises `Refusal("events.full")` or `Refusal("training.quota", library=..., quota=3)`;
the part before the first dot names the app, whose `refusals.py` holds `MESSAGES`: for each
code either a lazy text or a function of the parameters that returns the text in the active
language. Views show `refusal.message` next to the form (`refusal.field` names the field when
the refusal is about one); a refusal no view catches is shown by `RefusalMiddleware` as a page
with the message and HTTP 409 Conflict. Nothing is translated when the refusal is raised, so
the same refusal reads correctly in whichever language it is shown.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Message = Promise | str | Callable[[Mapping[str, Any]], str]

COMMON_MESSAGES: dict[str, Message] = {
    "transition": lambda params: (
        _(
            "This cannot be done now: it is “%(current)s” and cannot become “%(target)s”. "
            "Someone may have changed it meanwhile; reload the page to see it as it is."
        )
        % params
    ),
    "stale": gettext_lazy(
        "Someone else saved a change meanwhile. Your entries are kept below; "
        "check them against the current values and save again."
    ),
}


class Refusal(Exception):  # noqa: N818 (a refusal is an answer to a request, not a fault)
    """A request the rules refuse: `code` ("app.reason") and its parameters.

    `field` names the form field the refusal is about, if any; `details` lists further
    located problems (one per line) where a refusal has several.
    """

    def __init__(
        self,
        code: str,
        *,
        field: str | None = None,
        details: list[str] | None = None,
        **params: Any,
    ) -> None:
        if "." not in code:
            raise ValueError(f"A refusal code names its app: 'app.reason', not {code!r}.")
        super().__init__(code)
        self.code = code
        self.field = field
        self.details = list(details or [])
        self.params = params

    @property
    def app(self) -> str:
        return self.code.split(".", 1)[0]

    @property
    def reason(self) -> str:
        return self.code.split(".", 1)[1]

    @property
    def message(self) -> str:
        return message_for(self.code, self.params)

    def __str__(self) -> str:
        return self.code


class TransitionNotAllowed(Refusal):
    """The object's current status does not lead to the requested one (often a second click).

    Carries both statuses and their labels; shown as a conflict (409), never as a 403.
    """

    def __init__(
        self, *, current: str, target: str, current_label: str = "", target_label: str = ""
    ) -> None:
        super().__init__(
            "common.transition",
            current=current_label or current,
            target=target_label or target,
        )
        self.current = current
        self.target = target


def messages_of(app: str) -> Mapping[str, Message]:
    if app == "common":
        return COMMON_MESSAGES
    try:
        return import_string(f"pazanga.{app}.refusals.MESSAGES")
    except ImportError:
        return {}


def message_for(code: str, params: Mapping[str, Any]) -> str:
    app, reason = code.split(".", 1)
    message = messages_of(app).get(reason)
    if message is None:
        return _("This request cannot be carried out.")
    if callable(message) and not isinstance(message, Promise):
        return message(params)
    text = str(message)
    return text % params if params and "%(" in text else text
