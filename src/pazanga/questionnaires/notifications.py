from pazanga.common.mail import send_mail_in_language
from pazanga.questionnaires.models import Questionnaire


def send_status_change(questionnaire_pk: int) -> None:
    """Tell a questionnaire's author that it was published or closed, in their language."""
    questionnaire = Questionnaire.objects.select_related("created_by").get(pk=questionnaire_pk)
    author = questionnaire.created_by
    send_mail_in_language(
        "questionnaires/email/status_changed",
        {"questionnaire": questionnaire, "user": author, "status": questionnaire.status},
        to=[author.email],
        language=getattr(author, "preferred_language", "lt") or "lt",
    )
