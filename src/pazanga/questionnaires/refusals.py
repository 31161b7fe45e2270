"""Why the questionnaire rules refuse a request (codes `questionnaires.<reason>`)."""

from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "not_ready": _("It cannot be published yet:"),
}
