"""How the workplan's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "plan.imported": _("Workplan imported from a spreadsheet"),
    "baseline.saved": _("Baseline of the workplan saved"),
    "activity.linked": _("Record linked to the activity"),
    "activity.unlinked": _("Record unlinked from the activity"),
}
