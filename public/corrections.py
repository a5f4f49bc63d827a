"""The corrections page and feeds of an edition: every public correction and update, newest first,
each with its story (docs/FRONTS.md, "Corrections").

A correction is public while its story is: the list starts from ``Article.objects.published()`` in
the edition's language, so a withdrawn story's notes leave it with the story. Each story page links
here from its corrections, the footer of every page links here, and each story's NewsArticle carries
its notes as schema.org ``CorrectionComment`` (``public.seo.news_article``).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from articles.models import Article, Correction
from public import keys, seo
from public.caching import public_page
from public.feeds import FEED_SIZE, EditionFeed, FeedSource
from public.labels import CORRECTION_LABELS
from public.views import MAX_PAGE, PAGE_SIZE, ListPaginator, edition


def public_corrections(language: str):
    """The corrections and updates of the edition's published stories, newest first."""
    return (
        Correction.objects.filter(article_id__in=Article.objects.published().in_language(language).values("pk"))
        .select_related("article")
        .order_by("-created_at", "-pk")
    )


def correction_anchor(note) -> str:
    return f"{note.article.get_absolute_url()}#correction-{note.pk}"


@public_page
def corrections_page(request):
    language = edition()
    keys.shows(keys.CORRECTIONS, keys.edition(language))
    try:
        asked = max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        asked = 1
    if asked > MAX_PAGE:
        raise Http404("No such page.")
    paginator = ListPaginator(public_corrections(language), PAGE_SIZE, asked=asked)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    keys.shows_cards(note.article for note in page.object_list)
    return render(request, "articles/corrections.html", {
        "page": page,
        "rss": reverse("corrections-rss"),
        "atom": reverse("corrections-atom"),
    })


class CorrectionsFeed(EditionFeed):
    """The edition's corrections and updates (RSS; ``CorrectionsAtomFeed``: Atom)."""

    def source(self, request, **kwargs) -> FeedSource:
        keys.shows(keys.CORRECTIONS, keys.edition(edition()))
        return FeedSource(
            title=_("%(site)s: corrections and updates") % {"site": settings.SITE_NAME},
            link=reverse("corrections"),
            path=request.path,
            articles=public_corrections(edition()),
        )

    def items(self, source):
        items = list(source.articles[:FEED_SIZE])
        keys.shows_cards(note.article for note in items)
        return items

    def item_title(self, note):
        return f"{CORRECTION_LABELS.get(note.kind, note.kind)}: {note.article.headline}"

    def item_description(self, note):
        return note.text

    def item_link(self, note):
        return seo.absolute_url(correction_anchor(note))

    def item_pubdate(self, note):
        return note.created_at

    def item_updateddate(self, note):
        return note.created_at

    def item_author_name(self, note):
        return None

    def item_categories(self, note):
        return []


class CorrectionsAtomFeed(CorrectionsFeed):
    feed_type = Atom1Feed
