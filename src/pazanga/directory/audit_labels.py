"""How the directory's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "user.erased": _("Personal data erased on request; the records were kept"),
}
