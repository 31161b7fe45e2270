"""How the portal's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "news.saved": _("News item saved"),
    "news.deleted": _("News item deleted"),
}
