"""Why the questionnaire rules refuse a request (codes `questionnaires.<reason>`)."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "not_ready": _("It cannot be published yet:"),
    # OpenRosa submissions are refused with the reason worded for ODK Collect when raised.
    "submission": lambda params: params["text"],
}
