"""Bidirectional control characters: never stored; shown only as the project's own balanced isolates.

U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates) change the order in which the
characters around them are *displayed* without changing the text: an override can make a name, a
file name or an address read backwards ("Trojan source"), and an unbalanced control garbles whatever
follows it on the page. Arabic and Kurdish text never needs them from a writer: the Unicode bidi
algorithm orders mixed text by itself, and our templates isolate with markup (``dir``, ``<bdi>``).
Where markup cannot go (a page title, a message, an e-mail subject) the project isolates a name or
a headline itself, with a balanced pair U+2068 … U+2069 (``newsroom.languages.isolate``). The marks
U+200E/U+200F (LRM, RLM) and U+061C (ALM), which only nudge neutral characters, are kept.

Two walls:

* ``strip_on_save``: every text field of every model is cleaned of all of them when saved
  (``pre_save``, connected in ``NewsroomConfig.ready``), whatever writes it: the admin, the copy
  desk, a shell, an import.
* ``strip_bidi_bytes``: every text response (HTML, feeds, sitemaps, JSON) loses every embedding and
  override, and every isolate that does not come in a balanced pair, on its way out
  (``newsroom.middleware.SecurityHeadersMiddleware``), so text stored before this rule, a search
  typed by a reader, or a name in an address cannot bring them back.
"""

import re

from django.db import models

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
ISOLATES_OPEN = "\u2066\u2067\u2068"
ISOLATE_CLOSE = "\u2069"
BIDI_CONTROLS = OVERRIDES + ISOLATES_OPEN + ISOLATE_CLOSE
_TABLE = str.maketrans("", "", BIDI_CONTROLS)
# The same characters in UTF-8: E2 80 AA–AE and E2 81 A6–A9.
_OVERRIDE_BYTES = re.compile(b"\xe2\x80[\xaa-\xae]")
_ISOLATE_BYTES = re.compile(b"\xe2\x81[\xa6-\xa9]")
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


def isolates_balanced(text: str) -> str:
    """``text`` without the isolates that do not pair up (an opener never closed, a closer that
    closes nothing); balanced pairs stay."""
    unmatched: list[int] = []
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in ISOLATES_OPEN:
            opened.append(index)
        elif char == ISOLATE_CLOSE:
            if opened:
                opened.pop()
            else:
                unmatched.append(index)
    drop = set(unmatched) | set(opened)
    if not drop:
        return text
    return "".join(char for index, char in enumerate(text) if index not in drop)


def strip_bidi_bytes(response) -> None:
    """Remove every embedding and override from a text response's body, and every isolate without
    its pair (and correct its Content-Length)."""
    if response.streaming or not response.get("Content-Type", "").startswith(_TEXT_TYPES):
        return
    content = response.content
    if b"\xe2\x80" not in content and b"\xe2\x81" not in content:
        return  # the common case: no such lead bytes at all
    cleaned = _OVERRIDE_BYTES.sub(b"", content)
    if _ISOLATE_BYTES.search(cleaned):
        cleaned = isolates_balanced(cleaned.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
    if cleaned != content:
        response.content = cleaned
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(cleaned))
