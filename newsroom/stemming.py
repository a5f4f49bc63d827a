"""Words reduced to their stems, for SQLite's search (PostgreSQL stems with its own configurations).

The Snowball stemmers of PyStemmer, chosen by ``newsroom.languages`` (``Language.stemmer``): English
and Arabic have one, Kurmanji none (its words are matched as written, as PostgreSQL's ``simple``
configuration does). The same rule serves the index and the query:

* **the index** (``stems``): the text of a story in its own language's stemmer, each word once, in
  the order met: "Rebuilding the waters" → "rebuild the water". SQLite calls it from the full-text
  triggers as the SQL function ``newsroom_stems(language, text)``, registered on every connection
  (``register``, called by ``newsroom.database.connection_started``);
* **the query** (``query_stems``): a reader's word, whose language is not known, in every stemmer: "waters"
  → {"water", "waters"}.

**Arabic conjunctions.** Snowball's Arabic stemmer strips the article and the prepositions joined
to a word (ال, بال, لل …) but not always a joined و ("and") or ف ("so"): "المياه" → "مياه" while
"والمياه" → "والمي". Like PostgreSQL's index (``public.search.strip_conjunctions``), a word that
begins with و/ف followed by three or more letters is indexed twice, as written and without the
و/ف, and a query word is looked up both ways; so "والمياه" finds "المياه" and "وزير" ("minister",
whose و is its own) still finds itself.

**Short words** (under four letters) are left as written: Snowball's Arabic stemmer turns a final ى
into ي, so "على" ("on", in nearly every story) would share "علي" (Ali)'s stem.

Harakat, tatweel and other combining marks are removed before a word is cut out (Python would
cut "مُدير" at the damma); the body's markup and entities are not words.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

import Stemmer

from newsroom import languages

SQL_FUNCTION = "newsroom_stems"

_MARKUP = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W_]+")
# Every combining mark (Unicode category Mn) and the tatweel: removed before words are cut out.
_MARKS = re.compile("[" + "".join(
    re.escape(chr(code)) for code in range(0x300, 0x10000) if unicodedata.category(chr(code)) == "Mn" or code == 0x640
) + "]")
_ARABIC_CONJUNCTION = re.compile("^[\u0648\u0641](?=[\u0621-\u064a]{3})")  # و or ف before 3+ letters


# Words this short are left as written: Snowball's Arabic stemmer writes a final ى as ي, which would
# make "على" ("on", in every story) the stem of "علي" (Ali), and it has nothing else to take from them.
SHORTEST_STEMMED = 4


class _Stemmer:
    def __init__(self, name: str):
        self._snowball = Stemmer.Stemmer(name)

    def stemWord(self, word: str) -> str:  # noqa: N802 (PyStemmer's name)
        return word if len(word) < SHORTEST_STEMMED else self._snowball.stemWord(word)


@functools.cache
def _stemmer(name: str) -> _Stemmer:
    return _Stemmer(name)


def stemmer_names() -> list[str]:
    """The Snowball stemmers of the site's languages, in the registry's order."""
    return list(dict.fromkeys(language.stemmer for language in languages.EDITIONS if language.stemmer))


def words(text: str) -> list[str]:
    """The words of ``text`` (markup and entities removed, combining marks dropped), lower case."""
    if "<" in text:
        text = _MARKUP.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = _MARKS.sub("", text)
    return _WORD.findall(text.lower())


def _variants(word: str) -> list[str]:
    """The word, and without a joined Arabic conjunction when it may have one."""
    bare = _ARABIC_CONJUNCTION.sub("", word)
    return [word, bare] if bare != word else [word]


def stems(text: str | None, code: str | None) -> str:
    """The stems of ``text`` written in language ``code``, each once, space-separated; "" for a
    language without a stemmer (its words are in the index as written already)."""
    language = languages.BY_CODE.get(code or "")
    if not text or language is None or not language.stemmer:
        return ""
    stemmer = _stemmer(language.stemmer)
    found = dict.fromkeys(stem for word in words(text) for variant in _variants(word) for stem in [stemmer.stemWord(variant)])
    return " ".join(found)


def query_stems(word: str) -> list[str]:
    """The stems a reader's ``word`` may have in any language's index (its language is unknown);
    none for what is not one word ("al-saleh" is a phrase, matched as written)."""
    tokens = words(word)
    if len(tokens) != 1:
        return []
    found = {_stemmer(name).stemWord(variant): None for variant in _variants(tokens[0]) for name in stemmer_names()}
    return list(found)


def register(dbapi_connection) -> None:
    """Give an SQLite connection ``newsroom_stems(language, text)``, which the triggers call."""
    dbapi_connection.create_function(SQL_FUNCTION, 2, lambda code, text: stems(text, code), deterministic=True)
