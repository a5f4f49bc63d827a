"""The site's languages, in one place.

Django ships Sorani Kurdish (``ckb``, Arabic script) but not Kurmanji (``ku``, Latin script), which is
what this agency publishes. Registering ``ku`` in ``LANG_INFO`` makes ``get_language_info("ku")``,
the ``{% get_language_info %}`` tag and the language switcher work like for any built-in language.
"""

from django.conf.locale import LANG_INFO

LANG_INFO.setdefault(
    "ku",
    {"bidi": False, "code": "ku", "name": "Kurdish", "name_local": "Kurdî"},
)

# (code, English name). The order is the order of the language switcher.
LANGUAGES = [
    ("en", "English"),
    ("ar", "Arabic"),
    ("ku", "Kurdish"),
]
RTL_LANGUAGES = {code for code, _ in LANGUAGES if LANG_INFO[code]["bidi"]}
