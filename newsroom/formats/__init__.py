"""Date formats of the three editions (``FORMAT_MODULE_PATH``), and the month names they use.

Django formats ``F`` with its translated month names. The project's .po files give the names
readers of this agency expect: the Levantine months in Arabic (كانون الثاني, شباط, …), as written in
Syria, and the Kurmanji months (Çile, Sibat, …), for which Django has no translation at all. The
``gettext_noop`` calls below keep these msgids in the .po files when ``makemessages`` runs.
"""

from django.utils.translation import gettext_noop

MONTH_NAMES = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
