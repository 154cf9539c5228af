"""English dates and times as Django's, but times on the 24-hour clock used in Finland.

Django's English "P" format writes "1:07 a.m.", so a sentence ending with a time ended
with "a.m.." (issue 21). The other languages' formats end in a digit already.
"""

from django.conf.locale.en.formats import *  # noqa: F403

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
