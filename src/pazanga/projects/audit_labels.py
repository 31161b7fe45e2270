"""How the funded-projects app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "grant.opened": _("Grant opened"),
    "grant.agreement": _("Agreement being prepared"),
    "grant.targets": _("Indicator targets set"),
    "grant.signed_copy": _("Signed agreement uploaded"),
    "grant.active": _("Agreement signed; project under way"),
    "grant.reporting": _("Final reporting started"),
    "grant.closed": _("Project closed"),
    "grant.suspended": _("Project suspended"),
    "grant.terminated": _("Project terminated"),
    "tranche.scheduled": _("Payment scheduled"),
    "tranche.due": _("Payment due"),
    "tranche.approved": _("Payment approved"),
    "tranche.paid": _("Payment made"),
    "tranche.cancelled": _("Payment cancelled"),
    "report.draft": _("Report started"),
    "report.submitted": _("Report submitted"),
    "report.returned": _("Report returned for changes"),
    "report.approved": _("Report approved"),
    "report.cancelled": _("Report cancelled"),
    "report.receipt_added": _("Receipt attached"),
    "report.receipt_removed": _("Receipt removed"),
    "amendment.requested": _("Change to the budget or dates requested"),
    "amendment.approved": _("Change approved"),
    "amendment.rejected": _("Change rejected"),
    "amendment.withdrawn": _("Change withdrawn"),
    "visit.recorded": _("Monitoring visit recorded"),
    "visit.photo_added": _("Photo added to the visit"),
    "visit.follow_up_done": _("Follow-up action done"),
}
