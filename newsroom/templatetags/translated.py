"""Words around a story in the page's language: ``{% load translated %}``.

``{{ tag|tr:"name" }}``, ``{{ person|person_name }}``: the text for the active language (the edition's,
or the story's on an article page), a fallback wrapped in ``<span lang dir>``. The ``…_text`` forms
give the plain text, for attributes, titles and meta tags; ``{{ image|fallback_lang:"alt_text" }}``
gives ` lang="en" dir="ltr"` for the element whose attribute holds a fallback. Columns are read as
loaded: no query (newsroom.translated).
"""

from django import template
from django.utils import translation
from django.utils.html import format_html

from newsroom import languages
from newsroom.translated import display_name, localized, marked

register = template.Library()


def _page_language() -> str:
    return translation.get_language() or languages.DEFAULT


@register.filter
def tr(obj, field: str):
    """``obj``'s ``field`` in the page's language, a fallback marked with its own language."""
    if obj is None:
        return ""
    page = _page_language()
    text, language = localized(obj, field, page)
    return marked(text, language, page)


@register.filter
def tr_text(obj, field: str) -> str:
    """``obj``'s ``field`` in the page's language (or its fallback), as plain text."""
    return localized(obj, field, _page_language())[0] if obj is not None else ""


@register.filter
def person_name(person):
    """The person's name for the page (``display_name``: the native name leads in its own script)."""
    if person is None:
        return ""
    page = _page_language()
    text, language = display_name(person, page)
    return marked(text, language, page)


@register.filter
def person_name_text(person) -> str:
    return display_name(person, _page_language())[0] if person is not None else ""


@register.filter
def fallback_lang(obj, field: str):
    """` lang="…" dir="…"` when ``obj``'s ``field`` on this page is another language's text."""
    if obj is None:
        return ""
    page = _page_language()
    _text, language = localized(obj, field, page)
    if language == page:
        return ""
    return format_html(' lang="{}" dir="{}"', language, languages.direction(language))
