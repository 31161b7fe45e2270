"""How the impact app's audit actions read (see pazanga.common.audit.describe)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "wave.planned": _("Wave planned"),
    "wave.fieldwork": _("Fieldwork started"),
    "wave.data_in": _("Data received"),
    "wave.weighted": _("Wave weighted"),
    "wave.published": _("Results published"),
    "wave.imported": _("Data imported"),
    "wave.targets": _("Population margins set"),
    "wave.estimated": _("Estimates computed"),
    "study.created": _("Study created"),
    "indicator.saved": _("Indicator definition saved"),
    "microdata.exported": _("Microdata exported"),
}
