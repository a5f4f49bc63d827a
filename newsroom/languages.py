"""The site's languages, in one place: every other module reads them from here.

One ``Language`` per edition, in the order of the language switcher: its code, its name in English
(the admin) and in itself (the switcher), its text direction, its OpenGraph locale, the PostgreSQL
text-search configuration and the Snowball stemmer its words are searched with, and its date formats
(``newsroom/formats/<code>/formats.py`` hand them to Django's localisation).

Django ships Sorani Kurdish (``ckb``, Arabic script) but not Kurmanji (``ku``, Latin script), which is
what this agency publishes. Every language here is written into Django's ``LANG_INFO``, so
``get_language_info("ku")``, the ``{% get_language_info %}`` tag and the language switcher work for
Kurmanji as for any built-in language.

Adding an edition is one entry below, its ``formats`` module and its message catalogue (``locale/``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf.locale import LANG_INFO
from django.utils.translation import gettext, gettext_lazy

LTR, RTL = "ltr", "rtl"


def gettext_noop(message: str) -> str:
    """Marks a language's name for the catalogues (makemessages knows the name) without asking
    Django's translation machinery, which would read the settings: the settings import this module."""
    return message


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in English, translated where shown: the admin's choices, Django's LANGUAGES
    name_local: str  # in itself: the language switcher
    direction: str  # LTR or RTL
    og_locale: str  # OpenGraph wants a territory-qualified locale
    search_configuration: str  # PostgreSQL text-search configuration of its stories
    stemmer: str | None  # Snowball stemmer of its words; None: words are matched as written
    script: str = "Latn"  # ISO 15924 script of its words: a native name in it leads (newsroom.translated)
    formats: dict[str, str | int] = field(default_factory=dict)  # Django format settings (DATE_FORMAT…)

    @property
    def is_rtl(self) -> bool:
        return self.direction == RTL


EDITIONS: tuple[Language, ...] = (
    Language(
        "en", gettext_noop("English"), "English", LTR, og_locale="en_GB", search_configuration="english", stemmer="english",
        formats={"DATE_FORMAT": "j F Y", "DATETIME_FORMAT": "j F Y, H:i T"},
    ),
    Language(
        "ar", gettext_noop("Arabic"), "العربيّة", RTL, og_locale="ar_AR", search_configuration="arabic", stemmer="arabic",
        script="Arab",
        # The Arabic comma before the time.
        formats={"DATE_FORMAT": "j F Y", "DATETIME_FORMAT": "j F Y، H:i T"},
    ),
    Language(
        # PostgreSQL has no Kurdish configuration and Snowball no Kurmanji stemmer.
        "ku", gettext_noop("Kurdish"), "Kurdî", LTR, og_locale="ku_TR", search_configuration="simple", stemmer=None,
        # The admin's calendar starts its weeks on Monday, as Kurmanji calendars do.
        formats={"DATE_FORMAT": "j F Y", "DATETIME_FORMAT": "j F Y, H:i T", "SHORT_DATE_FORMAT": "d.m.Y",
                 "FIRST_DAY_OF_WEEK": 1},
    ),
)

BY_CODE: dict[str, Language] = {language.code: language for language in EDITIONS}

for _language in EDITIONS:
    LANG_INFO[_language.code] = {
        "bidi": _language.is_rtl,
        "code": _language.code,
        "name": _language.name,
        "name_local": _language.name_local,
    }

# (code, name), as Django's LANGUAGES setting wants them: the name shown in the active language.
LANGUAGES: list[tuple[str, str]] = [(language.code, gettext_lazy(language.name)) for language in EDITIONS]
RTL_LANGUAGES: frozenset[str] = frozenset(language.code for language in EDITIONS if language.is_rtl)
DEFAULT = EDITIONS[0].code


def codes() -> list[str]:
    """The editions' codes, in the switcher's order."""
    return [language.code for language in EDITIONS]


def get(code: str) -> Language:
    """The edition of ``code``; a code that is not one of ours gets the default edition's settings."""
    return BY_CODE.get(code) or BY_CODE[DEFAULT]


def direction(code: str | None) -> str:
    """``"rtl"`` or ``"ltr"``: the one rule for the direction of text in a language."""
    return RTL if code in RTL_LANGUAGES else LTR


def name(code: str) -> str:
    """The language's name in the active language (the admin), or the code itself for an unknown one."""
    language = BY_CODE.get(code)
    return gettext(language.name) if language else code


def isolate(text) -> str:
    """``text`` between Unicode's first-strong isolate and pop directional isolate (U+2068, U+2069).

    A headline or a name of one direction inside a sentence of the other (an English headline in an
    Arabic title, an Arabic name in an English one) is laid out on its own, so it cannot move the
    sentence's punctuation. Where markup is allowed, ``<bdi>`` does the same; this is for plain text:
    page titles, e-mail subjects, log messages.
    """
    return f"\u2068{text}\u2069"


def position(code: str) -> int:
    """Where ``code`` stands in the switcher's order (unknown codes last)."""
    order = codes()
    return order.index(code) if code in order else len(order)
