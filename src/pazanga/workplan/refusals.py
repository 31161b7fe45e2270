"""Why the workplan refuses a request (codes `workplan.<reason>`), in the reader's language."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "empty_plan": _("The plan has no activities yet: there is nothing to keep as a baseline."),
    "not_linkable": _(
        "An activity can be linked to events, training, calls and funded projects only."
    ),
    "already_linked": _("This record is already linked to the activity."),
}
