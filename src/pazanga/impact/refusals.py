"""Why the impact rules refuse a request (codes `impact.<reason>`), in the reader's language."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

Params = Mapping[str, Any]

MESSAGES = {
    "no_data": _("The wave has no data yet: import them first."),
    "not_weighted": _("Weight the wave first."),
    "no_targets": _("Give the population margins first: the wave is weighted to them."),
    "calibration": lambda params: (
        gettext("The weights cannot be computed: %(reason)s") % dict(params)
    ),
    "design": lambda params: gettext("The sample design does not hold: %(reason)s") % dict(params),
    "definitions_differ": lambda params: (
        gettext(
            "“%(indicator)s” is not compared between %(first)s and %(second)s: its definition "
            "changed (version %(first_version)s, then %(second_version)s)."
        )
        % dict(params)
    ),
    "unknown_question": lambda params: (
        gettext("The indicator refers to %(names)s, which the questionnaire does not ask.")
        % dict(params)
    ),
    "bad_expression": lambda params: (
        gettext("The expression cannot be read: %(reason)s") % dict(params)
    ),
    "not_comparable": _("These waves belong to different studies."),
    "confirm_replace": _(
        "The wave already has data. Tick the confirmation to replace them; the previous "
        "version is kept."
    ),
    "no_questionnaire": _("Choose the questionnaire the wave uses first."),
    "no_answers": _("Nobody has submitted answers to the wave's questionnaire yet."),
    "published": _("A published wave cannot take new data: withdraw its publication first."),
}
