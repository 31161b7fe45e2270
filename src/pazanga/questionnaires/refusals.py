"""Why the questionnaire rules refuse a request (codes `questionnaires.<reason>`)."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "not_ready": _("It cannot be published yet:"),
    "closed": _("This questionnaire is not accepting answers."),
    "invalid": _("Some answers are missing or not valid:"),
    "files_too_large": _("The files of one response can take at most %(size)s MB in all."),
    "not_invited": _("This questionnaire is answered only by the people it was meant for."),
    # OpenRosa submissions are refused with the reason worded for ODK Collect when raised.
    "submission": lambda params: params["text"],
}
