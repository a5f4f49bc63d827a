"""Article bodies are rich text stored as sanitized HTML.

The allow-list is derived from the editor's own extension list, so what a reporter can make in the
editor is exactly what survives sanitizing; anything else (``<script>``, ``on*=`` handlers,
``javascript:`` links, ``style``) is removed by nh3 before the body is ever stored.
"""

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
