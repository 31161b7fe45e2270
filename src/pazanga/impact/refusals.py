"""Why the impact rules refuse a request (codes `impact.<reason>`), in the reader's language."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Params = Mapping[str, Any]


def text(template: str) -> Any:
    return lambda params: gettext(template) % dict(params)


MESSAGES = {
    "no_data": _("The wave has no data yet: import them first."),
    "not_weighted": _("Weight the wave first."),
    "no_targets": _("Give the population margins first: the wave is weighted to them."),
    "calibration": text("The weights cannot be computed: %(reason)s"),
    "design": text("The sample design does not hold: %(reason)s"),
    "definitions_differ": text(
        "“%(indicator)s” is not compared between %(first)s and %(second)s: its definition "
        "changed (version %(first_version)s, then %(second_version)s)."
    ),
    "unknown_question": text(
        "The indicator refers to %(names)s, which the questionnaire does not ask."
    ),
    "bad_expression": text("The expression cannot be read: %(reason)s"),
    "not_comparable": _("These waves belong to different studies."),
    "confirm_replace": _(
        "The wave already has data. Tick the confirmation to replace them; the previous "
        "version is kept."
    ),
    "published": _("A published wave cannot take new data: withdraw its publication first."),
}
