"""Lithuanian formats: Django's, except that thousands are grouped with a (no-break) space,
as Lithuanian typography prescribes ("12 500 000,00"), not with a full stop."""

from django.conf.locale.lt.formats import *  # noqa: F403 (extends Django's own module)

THOUSAND_SEPARATOR = "\xa0"
