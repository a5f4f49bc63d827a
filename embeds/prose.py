"""The editor's own nodes and marks, as the sanitizer sees them (no Django models: settings imports it).

``DJANGO_PROSE_EDITOR_EXTENSIONS`` (settings) names the editor's JavaScript module
(``embeds/static/embeds/editor.js``) and these processors; ``articles.html`` derives the one body
allow-list from the extension list (``BODY_EXTENSIONS``), so each element below survives sanitizing
exactly in the form the editor makes, and its attribute values are checked too:

========================  ==============================================  ==========================
extension                 stored as                                       value checked
========================  ==============================================  ==========================
``NewsroomImage``         ``<figure data-image="12"></figure>``           digits (a library image)
``NewsroomEmbed``         ``<figure data-embed="https://…"></figure>``    an https address
``PullQuote``             ``<aside class="pull-quote"><p>…</p></aside>``  the one class
``EditorNote``            ``<span data-note="KEY">passage</span>``        a note's key (hex)
``WordCount``             nothing (the live count under the editor)
========================  ==============================================  ==========================
"""

import re

from django_prose_editor.config import add_allowed_classes, add_tags_and_attributes

_VALUES = {
    ("figure", "data-image"): re.compile(r"\d{1,12}"),
    ("figure", "data-embed"): re.compile(r"https://[^\s\"<>]{1,490}"),
    ("span", "data-note"): re.compile(r"[0-9a-f]{16}"),
}


def attribute_filter(element: str, attribute: str, value: str) -> str | None:
    """nh3's check of each kept attribute: ours must have the value the editor writes."""
    pattern = _VALUES.get((element, attribute))
    if pattern is None:
        return value
    return value if pattern.fullmatch(value) else None


def _with_filter(shared_config) -> None:
    shared_config["attribute_filter"] = attribute_filter


def newsroom_image(config, shared_config) -> None:
    add_tags_and_attributes(shared_config, ["figure"], {"figure": ["data-image"]})
    _with_filter(shared_config)


def newsroom_embed(config, shared_config) -> None:
    add_tags_and_attributes(shared_config, ["figure"], {"figure": ["data-embed"]})
    _with_filter(shared_config)


def pull_quote(config, shared_config) -> None:
    add_tags_and_attributes(shared_config, ["aside"], None)
    add_allowed_classes(shared_config, {"aside": ["pull-quote"]})


def editor_note(config, shared_config) -> None:
    add_tags_and_attributes(shared_config, ["span"], {"span": ["data-note"]})
    _with_filter(shared_config)


def nothing(config, shared_config) -> None:
    """An extension that stores no markup of its own (the word count)."""


PROCESSORS = {
    "NewsroomImage": newsroom_image,
    "NewsroomEmbed": newsroom_embed,
    "PullQuote": pull_quote,
    "EditorNote": editor_note,
    "WordCount": nothing,
}
