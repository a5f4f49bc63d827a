"""The "Most read" block of an edition's home and of a section's front (``readership``,
docs/READERSHIP.md), read as a kept fragment (``public.fragments``), and the edition's page
``/<lang>/most-read/`` with the same lists as story cards.

The block carries the key of its lists (``keys.most_read``), moved only when the periodic tally
changes a list, and the key of each story on it, so a story withdrawn or changed retires it at once.
Between those moments the page that shows it is kept whole: counting readings never rebuilds a page,
and a kept page is served as before (one query).
"""

from __future__ import annotations

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from articles.models import Article
from public import fragments, keys
from public.caching import public_page
from public.templatetags.public import cards_grouped
from public.views import edition, public_articles
from readership.models import MostRead
from readership.services import most_read


def _block(language: str, section_pk) -> str:
    keys.shows(keys.most_read(language, section_pk))
    lists = most_read(language=language, section_id=section_pk)
    wanted = {pk for ids in lists.values() for pk in ids}
    found = {}
    if wanted:
        stories = Article.objects.published().in_language(language).filter(pk__in=wanted)
        found = {a.pk: a for a in stories.only("pk", "headline", "slug", "language", "status", "published_at")}
    keys.shows(*(keys.article(pk) for pk in found))
    windows = [(MostRead.Window(window).label, [found[pk] for pk in ids if pk in found])
               for window, ids in lists.items()]
    windows = [(label, stories) for label, stories in windows if stories]
    if not windows:
        return ""
    with translation.override(language):
        return render_to_string("includes/most_read.html",
                                {"windows": windows, "slug": section_pk or "home"})


def most_read_block(language: str, section=None) -> str:
    """The block's HTML (empty while nothing has been counted): one query while it is kept."""
    section_pk = section.pk if section is not None else None
    return fragments.kept_one(f"most-read:{language}:{section_pk or 0}", lambda: _block(language, section_pk))


@public_page
def most_read_page(request):
    """``/<lang>/most-read/``: the edition's lists as story cards (the same key as the home's block)."""
    language = edition()
    keys.shows(keys.most_read(language))
    lists = most_read(language=language, section_id=None)
    found = {a.pk: a for a in public_articles().filter(pk__in={pk for ids in lists.values() for pk in ids})}
    windows = [(MostRead.Window(window).label, [found[pk] for pk in ids if pk in found]) for window, ids in lists.items()]
    windows = [(label, stories) for label, stories in windows if stories]
    keys.shows_cards(found.values())
    rendered = cards_grouped([(stories, False) for _label, stories in windows])
    return render(request, "fronts/most_read.html", {
        "windows": [(label, html) for (label, _stories), html in zip(windows, rendered, strict=True)],
        "page_title": gettext("Most read"),
    })
