"""Article bodies are rich text stored as sanitized HTML.

The allow-list is derived from the editor's own extension list, so what a reporter can make in the
editor is exactly what survives sanitizing; anything else (``<script>``, ``on*=`` handlers,
``javascript:`` links, ``style``) is removed by nh3 before the body is ever stored.
"""

import html as html_module
import itertools
import re

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
    "SpecialCharacters": True,
    # The newsroom's own (embeds/prose.py, embeds/static/embeds/editor.js): a picture from the library,
    # an embed by address, a pull quote, an editor's note on a passage, the live word count.
    "NewsroomImage": True,
    "NewsroomEmbed": True,
    "PullQuote": True,
    "EditorNote": True,
    "WordCount": True,
}

_allow = allowlist_from_extensions(expand_extensions(BODY_EXTENSIONS))
# Text direction marks are kept so mixed Arabic/English paragraphs render right.
for _tag in ("p", "h2", "h3", "blockquote", "li"):
    _allow["attributes"].setdefault(_tag, set()).add("dir")
_allow["url_schemes"] = {"http", "https", "mailto"}
_allow["link_rel"] = "noopener noreferrer"
_allow["attributes"]["a"].discard("rel")
_allow["attributes"]["a"].discard("target")
_cleaner = nh3.Cleaner(**_allow)


# Cleaning badly nested markup can give markup that parses differently again ("<h2><b><h2>" comes out
# as nested headings, which a browser reads as two): it is cleaned until it stays the same, so that a
# saved body is stable however often it is saved (tests/test_sanitize_and_names_properties.py).
_MAX_PASSES = 4


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the body allow-list; an editor's lone empty paragraph becomes ''.
    Sanitizing the result again changes nothing."""
    cleaned = _cleaner.clean(html or "").strip()
    for _ in range(_MAX_PASSES):
        again = _cleaner.clean(cleaned).strip()
        if again == cleaned:
            break
        cleaned = again
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


# --- paragraphs: the one numbering that links point to --------------------------------------------
#
# The paragraphs of a body are its ``<p>`` elements in order, numbered from 1 (a sanitized body has
# no nested ``<p>``: the parser closes one before the next opens). Readers' pages give each one the
# id ``p-N`` (``paragraph_ids``), and whatever points into a story (a quote on a person's page:
# ``quotes``) names the same number, read from the stored body (``paragraph_texts``).

_PARAGRAPH = re.compile(r"<p(?=[\s>])([^>]*)>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def paragraph_anchor(number: int) -> str:
    """The id of paragraph ``number`` (from 1) on the reader's page."""
    return f"p-{number}"


def paragraph_texts(html: str) -> list[str]:
    """The text of each paragraph of a sanitized body, in order (tags dropped, entities read,
    spaces folded): item 0 is paragraph 1."""
    return [" ".join(html_module.unescape(_TAG.sub("", match.group(2))).split()) for match in _PARAGRAPH.finditer(html or "")]


def paragraph_ids(html: str) -> str:
    """``html`` (sanitized: it holds no ``id``) with each paragraph given its ``id="p-N"``."""
    numbers = itertools.count(1)
    return _PARAGRAPH.sub(lambda m: f'<p id="{paragraph_anchor(next(numbers))}"{m.group(1)}>{m.group(2)}</p>', html or "")
