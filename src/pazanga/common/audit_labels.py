"""How the common app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "rate.checked": _("Exchange rate checked"),
    "rate.corrected": _("Exchange rate corrected"),
}
