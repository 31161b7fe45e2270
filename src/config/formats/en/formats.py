"""English formats: Django's, except dates written day first ("25 February 2014"), as in
British and European English, never "Feb. 25, 2014"; times on the 24-hour clock."""

from django.conf.locale.en.formats import *  # noqa: F403 (extends Django's own module)

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
