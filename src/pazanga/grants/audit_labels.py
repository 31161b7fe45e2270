"""How the grants app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "application.created": _("Application started"),
    "application.draft": _("Application drafted"),
    "application.submitted": _("Application submitted"),
    "application.eligible": _("Application found eligible"),
    "application.ineligible": _("Application found ineligible"),
    "application.in_review": _("Application sent for review"),
    "application.reviewed": _("Reviews completed"),
    "application.awarded": _("Grant awarded"),
    "application.reserve": _("Put on the reserve list"),
    "application.rejected": _("Application not funded"),
    "application.withdrawn": _("Application withdrawn"),
    "application.attachment_added": _("Attachment added"),
    "application.conflict_declared": _("Conflict of interest declared"),
    "application.eligibility_overridden": _("Eligibility decided by programme staff"),
    "application.reviewer_added": _("Reviewer assigned"),
    "application.reviewer_removed": _("Reviewer unassigned"),
    "call.saved": _("Call saved"),
    "call.reviewers_assigned": _("Reviewers assigned"),
    "call.decided": _("Funding decision recorded"),
    "review.draft": _("Review started"),
    "review.submitted": _("Review submitted"),
    "application.draft_saved": _("Draft saved"),
    "application.attachment_removed": _("Attachment removed"),
    "call.panel_seat_added": _("Reviewer added to the panel"),
    "call.panel_seat_removed": _("Reviewer removed from the panel"),
    "call.review_reminders_sent": _("Reminders sent to reviewers"),
}
