"""The monitoring visit checklist: what an officer looks at in every funded library."""

from django.utils.translation import gettext_lazy as _

CHECKLIST = (
    ("activities", _("Activities take place as planned")),
    ("equipment", _("Equipment bought with the grant is in place and used")),
    ("publicity", _("The programme's support is acknowledged publicly")),
    ("records", _("Attendance records are kept")),
    ("partners", _("Partners take part as agreed")),
    ("documents", _("Spending is documented with receipts")),
)
