"""How names are compared: one normalisation for people, organizations and their aliases.

"The White Helmets", "white helmets" and "White-Helmets" are the same key; so are "Raed Al-Saleh" and
"raed al saleh"; Arabic names lose diacritics, tatweel and the differences between alef forms.
Lookups (admin search, import recognition, the public search) all compare these keys.
"""

import re
import unicodedata

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_DASHES = re.compile("[\u2010-\u2015\u2212\u00ad_-]")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^the\s+")


def normalize_name(name: str) -> str:
    """Return the comparison key of a name or alias ('' for a blank one)."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ALEF_FORMS)
    text = _DASHES.sub(" ", text.casefold())
    text = text.replace("\u2019", "").replace("'", "")
    text = _PUNCTUATION.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)
