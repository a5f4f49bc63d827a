"""Words around a story in every edition's language: reading them, marking a fallback, and knowing
when a translation is outdated.

Names, bios, descriptions, roles, captions and tags have one column per language
(django-modeltranslation: ``name_en``, ``name_ar``, ``name_ku``; docs/CONTENT-MODEL.md). This module
is the one rule for

* **which text a page shows** (``localized``): the page's language, else the first language that has
  it in the registry's order (English, the source, first); with the language it came from, so a
  fallback is marked with its own ``lang`` and ``dir`` (``marked``);
* **when a translation is outdated** (``TrackedTranslations``): each translated column remembers a
  fingerprint of the English text it was made from, as a story's translation remembers its source's
  revision; a changed English text makes it outdated until the translation is saved again.

It imports no app: people, images and tags use it from below every other layer.
"""

from __future__ import annotations

import hashlib
import re

from django.db import models
from django.utils import translation
from django.utils.html import format_html

from newsroom import languages

SOURCE = languages.DEFAULT
_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def script_of(text: str) -> str:
    """``"Arab"`` or ``"Latn"``, by the first letter of ``text`` that says (``""``: neither)."""
    for char in text or "":
        if _ARABIC_LETTER.match(char):
            return "Arab"
        if _LATIN_LETTER.match(char):
            return "Latn"
    return ""


def column(field: str, code: str) -> str:
    """The column of ``field`` in language ``code``: ``column("name", "ar") == "name_ar"``."""
    return f"{field}_{code}"


def fallback_order(code: str) -> list[str]:
    """The languages whose text stands in for ``code``'s: itself, then the registry's order."""
    return [code, *(c for c in languages.codes() if c != code)]


def localized(obj, field: str, code: str) -> tuple[str, str]:
    """(text, its language) of ``obj``'s ``field`` for a page in ``code``; ("", code) when none has it.

    Reads the loaded columns only: no query, whatever the language.
    """
    for candidate in fallback_order(code):
        value = getattr(obj, column(field, candidate), None)
        if value:
            return value, candidate
    return "", code


def display_name(person, code: str) -> tuple[str, str]:
    """(name, its language) of a person on a page in ``code``.

    The name given for that language first; without one, the person's own name (``native_name``)
    when it is written in that language's script (an Arabic page shows "رائد الصالح", not "Raed
    Al-Saleh"); then the other languages' names, English first.
    """
    own = getattr(person, column("name", code), None)
    if own:
        return own, code
    native = getattr(person, "native_name", "")
    if native and script_of(native) == languages.get(code).script:
        return native, code
    return localized(person, "name", code)


def marked(text: str, text_language: str, page_language: str):
    """``text`` ready for a page in ``page_language``: a ``<span lang dir>`` when it is another
    language's (a fallback), so screen readers pronounce it and fonts shape it right."""
    if not text or text_language == page_language:
        return text
    return format_html(
        '<span lang="{}" dir="{}">{}</span>', text_language, languages.direction(text_language), text
    )


def fingerprint(text: str) -> str:
    """What a translation remembers of its source text (empty text: empty fingerprint)."""
    return hashlib.sha256(text.encode()).hexdigest()[:16] if text else ""


def translation_state(columns: dict, translated_from: dict | None, field: str, code: str, *, source_print: str | None = None) -> str:
    """The state of ``field`` in ``code`` from a row's ``columns`` (a model's ``__dict__`` or a
    ``values()`` row) and its ``translated_from``: ``"source"``, ``"missing"``, ``"outdated"`` (made
    from another English text than today's) or ``"current"``. ``source_print``: the English text's
    fingerprint, when the caller has it already (one per row, not one per language)."""
    if code == SOURCE:
        return "source"
    if not columns.get(column(field, code)):
        return "missing"
    if source_print is None:
        source_print = fingerprint(columns.get(column(field, SOURCE)) or "")
    made_from = (translated_from or {}).get(column(field, code))
    return "current" if made_from == source_print else "outdated"


class SourceColumns(models.Model):
    """Keeps a translated field's own column (``name`` beside ``name_en``…) the source language's.

    modeltranslation writes into ``name`` the text of the language active at the save; saving in
    the source language makes the column the same whoever saves (an Arabic-speaking editor, a
    request on ``/ar/``), so sorting and constraints on it read English, the first language that has
    a text otherwise.
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        with translation.override(SOURCE):
            super().save(*args, **kwargs)


class TrackedTranslations(SourceColumns):
    """Remembers, per translated column, the fingerprint of the English text it was made from.

    ``TRACKED`` names the fields whose translations are tracked (a subset of the model's
    modeltranslation fields). A translated column is *outdated* when the English text changed after
    it was written; saving the translation again (changed, or left as it is through
    ``mark_translation_current``) makes it current.
    """

    TRACKED: tuple[str, ...] = ()

    translated_from = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._texts_as_loaded = instance._translated_texts()
        return instance

    def _translated_texts(self) -> dict[str, str]:
        return {
            column(field, code): self.__dict__.get(column(field, code)) or ""
            for field in self.TRACKED
            for code in languages.codes()
        }

    def record_translation_sources(self) -> None:
        """Note the English text each new or changed translation was made from (``save`` calls it)."""
        loaded = getattr(self, "_texts_as_loaded", {})
        marks = dict(self.translated_from or {})
        for name, text in self._translated_texts().items():
            field, code = name.rsplit("_", 1)
            if code == SOURCE:
                continue
            if not text:
                marks.pop(name, None)
            elif text != loaded.get(name) or name not in marks:
                marks[name] = fingerprint(self.__dict__.get(column(field, SOURCE)) or "")
        self.translated_from = marks

    def translation_state(self, field: str, code: str) -> str:
        """``"source"``, ``"missing"``, ``"outdated"`` or ``"current"`` for ``field`` in ``code``."""
        return translation_state(self.__dict__, self.translated_from, field, code)

    def mark_translation_current(self, field: str, code: str) -> None:
        """The translator checked ``field`` in ``code`` against the English text: current again."""
        marks = dict(self.translated_from or {})
        marks[column(field, code)] = fingerprint(self.__dict__.get(column(field, SOURCE)) or "")
        self.translated_from = marks

    def save(self, *args, **kwargs):
        self.record_translation_sources()
        super().save(*args, **kwargs)
        self._texts_as_loaded = self._translated_texts()
