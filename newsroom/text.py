"""Bidirectional control characters: never stored, never shown.

U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates) change the order in which the
characters around them are *displayed* without changing the text: an override can make a name, a
file name or an address read backwards ("Trojan source"), and an unbalanced one garbles whatever
follows it on the page. Arabic and Kurdish text never needs them: the Unicode bidi algorithm orders
mixed text by itself, and our templates isolate with markup (``dir``, ``<bdi>``) where needed. The
marks U+200E/U+200F (LRM, RLM) and U+061C (ALM), which only nudge neutral characters, are kept.

Two walls, one rule (``BIDI_CONTROLS``):

* ``strip_on_save``: every text field of every model is cleaned when saved (``pre_save``, connected
  in ``NewsroomConfig.ready``), whatever writes it: the admin, the copy desk, a shell, an import.
* ``strip_bidi_bytes``: every text response (HTML, feeds, sitemaps, JSON) is cleaned on its way out
  (``newsroom.middleware.SecurityHeadersMiddleware``), so text stored before this rule, a search
  typed by a reader, or a name in an address cannot bring them back.
"""

import re

from django.db import models

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TABLE = str.maketrans("", "", BIDI_CONTROLS)
# The same characters in UTF-8: E2 80 AA–AE and E2 81 A6–A9.
_BIDI_BYTES = re.compile(b"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml")
_NOT_TEXT_FIELDS = frozenset({"password"})


def strip_bidi_controls(text: str) -> str:
    return text.translate(_TABLE)


def strip_on_save(sender, instance, raw=False, **kwargs) -> None:
    """``pre_save``: remove the controls from every text field of ``instance``."""
    for field in sender._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.name in _NOT_TEXT_FIELDS:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and any(char in value for char in BIDI_CONTROLS):
            setattr(instance, field.attname, strip_bidi_controls(value))


def strip_bidi_bytes(response) -> None:
    """Remove the controls from a text response's body (and correct its Content-Length)."""
    if response.streaming or not response.get("Content-Type", "").startswith(_TEXT_TYPES):
        return
    content = response.content
    if b"\xe2\x80" not in content and b"\xe2\x81" not in content:
        return  # the common case: no such lead bytes at all
    cleaned = _BIDI_BYTES.sub(b"", content)
    if cleaned != content:
        response.content = cleaned
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(cleaned))
