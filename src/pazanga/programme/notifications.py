from pazanga.common.mail import send_mail_in_language
from pazanga.programme.models import RoleAssignment


def send_assignment_decision(assignment_pk: int, note: str = "") -> None:
    """Tell a person their role was confirmed or rejected, in their language."""
    assignment = RoleAssignment.objects.select_related("user", "organisation").get(pk=assignment_pk)
    user = assignment.user
    send_mail_in_language(
        f"programme/email/assignment_{assignment.status}",
        {"assignment": assignment, "user": user, "note": note},
        to=[user.email],
        language=user.preferred_language,
    )
