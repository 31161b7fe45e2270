"""How the questionnaire app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "questionnaire.draft": _("Questionnaire drafted"),
    "questionnaire.published": _("Questionnaire published"),
    "questionnaire.closed": _("Questionnaire closed"),
    "questionnaire.saved": _("Questionnaire saved"),
    "questionnaire.imported": _("Questionnaire imported from XLSForm"),
    "questionnaire.new_version": _("New version started"),
    "question.saved": _("Question saved"),
    "question.deleted": _("Question deleted"),
    "response.draft": _("Answering started"),
    "response.submitted": _("Answers submitted"),
    "collect_key.issued": _("ODK Collect key issued"),
    "collect_key.revoked": _("ODK Collect key revoked"),
}
