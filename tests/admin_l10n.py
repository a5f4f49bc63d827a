"""What the admin shows a person, as text, and the English of ours left in it.

Used by tests/test_admin_l10n.py (and its browser twin): a page's visible text (text nodes and the
attributes a person sees or hears: ``title``, ``placeholder``, ``aria-label``, ``alt``, the label of
a button), with the data of the newsroom (headlines, names, usernames, tags, file names…) taken out,
is searched for

* every English sentence of our catalogue (each msgid whose translation differs from it, cut at its
  placeholders and markup into runs of words), and
* every English word of our catalogue that the language's own catalogue does not also use, plus, for
  Arabic, any word in Latin script at all that is not on a short allow-list of names of formats and
  products.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

# Words in Latin script an Arabic page may show: formats, products, units, our own names for things
# that have no Arabic name (the command publish_scheduled), the time zone's name.
LATIN_ALLOWED = {
    "jpeg", "png", "webp", "gif", "svg", "pdf", "utf", "docx", "doc", "txt", "text", "word", "mb",
    "rss", "atom", "axes", "utc", "iphone", "publish_scheduled", "windows", "latin", "id", "url",
    # The wire's formats and signing algorithm (docs/SYNDICATION.md).
    "ninjs", "hmac", "sha",
}

# Attributes whose text a person sees (or hears from a screen reader).
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
SKIPPED_ELEMENTS = {"script", "style", "template", "textarea", "noscript", "svg"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
            return
        for name in VISIBLE_ATTRIBUTES & attributes.keys():
            self.parts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in {"submit", "button", "reset"}:
            self.parts.append(attributes.get("value") or "")

    def handle_startendtag(self, tag, attrs):
        if tag not in SKIPPED_ELEMENTS:  # a self-closed <svg/> or <script/> holds nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


# A revision diff's lines are the story's text, cut word by word (desk/revisions.py): all data.
DIFF_LINE = re.compile(r'<div class="diff-(?:same|changed|added|removed)"[^>]*>.*?</div>', re.S)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(DIFF_LINE.sub(" ", html))
    return " ".join(" ".join(parser.parts).split())


def without_data(text: str, data: list[str]) -> str:
    """``text`` with every piece of newsroom data blanked, longest first."""
    for item in sorted({d.strip() for d in data if d and d.strip()}, key=len, reverse=True):
        text = text.replace(item, " ")
    return " ".join(text.split())


def _without_phrases(text: str, phrases: tuple[str, ...]) -> str:
    for phrase in phrases:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text, flags=re.IGNORECASE)
    return text


@cache
def catalogue(language: str) -> polib.POFile | None:
    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(path)) if path.exists() else None


def _messages(language: str) -> list[tuple[list[str], list[str]]]:
    """(msgid and plural, translations) of each message of ours; a language without a catalogue
    (English) translates nothing."""
    own = catalogue(language)
    translated = {(e.msgctxt, e.msgid): e for e in own if not e.obsolete and e.translated()} if own else {}
    result = []
    for entry in catalogue("ar"):
        if entry.obsolete:
            continue
        mine = translated.get((entry.msgctxt, entry.msgid))
        texts = (list(mine.msgstr_plural.values()) if mine.msgid_plural else [mine.msgstr]) if mine else []
        result.append(([m for m in (entry.msgid, entry.msgid_plural) if m], texts))
    return result


@cache
def english_sentences(language: str) -> tuple[str, ...]:
    """Runs of three words or more from our msgids whose translation into ``language`` differs."""
    runs = set()
    for msgids, texts in _messages(language):
        if msgids[0] in texts:
            continue
        for msgid in msgids:
            for run in PLACEHOLDER.split(msgid):
                run = " ".join(run.split()).strip(" ,.:;()“”‘’—–·…")
                if len(WORD.findall(run)) >= 3:
                    runs.add(run)
    return tuple(sorted(runs, key=len, reverse=True))


@cache
def english_words(language: str) -> frozenset[str]:
    """Words of our msgids (three letters or more) that ``language``'s translations never use."""
    english, local = set(), set()
    for msgids, texts in _messages(language):
        for msgid in msgids:
            english.update(w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", msgid)) if len(w) >= 3)
        for text in texts:
            local.update(w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text)))
    return frozenset(english - local - LATIN_ALLOWED)


# The catalogues of Django and of the libraries whose words the admin shows (their msgids are the
# English): those words are theirs, not ours.
LIBRARY_CATALOGUES = (
    ("django", "contrib/admin/locale/en/LC_MESSAGES/django.po"),
    ("django", "contrib/auth/locale/en/LC_MESSAGES/django.po"),
    ("django", "conf/locale/en/LC_MESSAGES/django.po"),
    ("axes", "locale/ar/LC_MESSAGES/django.po"),
    ("taggit", "locale/ar/LC_MESSAGES/django.po"),
)
# Text Django's admin templates write without marking it for translation (search_form.html).
DJANGO_HARD_CODED = ('alt="Search"',)


@cache
def django_untranslated(language: str) -> tuple[str, ...]:
    """Django's and the libraries' own messages that have no translation into ``language`` (Django
    ships no catalogue for Kurmanji): they are their English, not ours."""
    found = set()
    with translation.override(language):
        for package, path in LIBRARY_CATALOGUES:
            for entry in polib.pofile(str(Path(importlib.import_module(package).__file__).parent / path)):
                if entry.msgctxt:
                    untranslated = translation.pgettext(entry.msgctxt, entry.msgid) == entry.msgid
                elif entry.msgid_plural:
                    untranslated = translation.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgid_plural
                else:
                    untranslated = translation.gettext(entry.msgid) == entry.msgid
                if untranslated:
                    found.update(PLACEHOLDER.split(entry.msgid) + PLACEHOLDER.split(entry.msgid_plural or ""))
    return tuple(sorted((f.strip() for f in found if WORD.search(f)), key=len, reverse=True))


def english_of_ours(html: str, language: str, data: list[str]) -> list[str]:
    """What of our English a page in ``language`` still shows: sentences, then words."""
    for hard_coded in DJANGO_HARD_CODED:
        html = html.replace(hard_coded, "")
    text = without_data(visible_text(html), data)
    found = [f"sentence: {run!r}" for run in english_sentences(language) if run in text]
    text = _without_phrases(text, django_untranslated(language))
    words = {w.lower() for w in WORD.findall(text)}
    found += [f"word: {w!r}" for w in sorted(words & english_words(language))]
    if language in settings.LANGUAGES_BIDI:
        latin = {w.lower() for w in LATIN_WORD.findall(text)} - LATIN_ALLOWED
        found += [f"latin: {w!r}" for w in sorted(latin - words.intersection(english_words(language)))]
    return found
