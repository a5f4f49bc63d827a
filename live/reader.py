"""What readers see of live coverage: the entries on the live story's page, each entry's own page,
the small polling answer the page asks for newer entries, and the ``LiveBlogPosting`` structured data.

Everything starts from ``LiveEntry.objects.published()`` of a story in ``Article.objects.published()``
and names the live story's key (``public.keys.live``), so the page cache and the edge keep these pages
until an entry readers see changes (``public.invalidation`` purges the key). This module reads; it
imports nothing of the desk's (``.importlinter``: it is held to the public site's contract).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.translation import ngettext

from articles.models import Article
from live.models import EntryCorrection, LiveEntry
from images.body import image_ids
from public import keys, seo
from public.caching import public_page

# How long a story with open coverage says it may run, for search engines that need an end time
# before it comes (Google's live blog rules): this long after its newest entry.
EXPECTED_RUN = timedelta(hours=24)
# Entries the story page and its structured data list; older ones stay on their own pages.
PAGE_ENTRIES = 200
# Entries the polling answer carries: a reader further behind than this reloads the page.
RECENT = 20


def _entries(article):
    return (
        LiveEntry.objects.for_readers(article)
        .select_related("author", "broken_out_to")
        .prefetch_related(Prefetch("corrections", queryset=EntryCorrection.objects.order_by("created_at", "pk")))
    )


def _attached(article, entries) -> list:
    """The entries with their story set (their addresses need it: no query per entry)."""
    entries = list(entries)
    for entry in entries:
        entry.article = article
    return entries


def _shows_entries(article, entries) -> None:
    keys.shows(keys.live(article.pk))
    keys.shows(*(keys.author(e.author_id) for e in entries if e.author_id))
    keys.shows(*(keys.article(e.broken_out_to_id) for e in entries if e.broken_out_to_id))
    keys.shows(*(keys.image(pk) for e in entries for pk in image_ids(e.body)))


def poll_seconds() -> int:
    return settings.LIVE_POLL_SECONDS


def updates_url(article) -> str:
    with translation.override(article.language):
        return reverse("live-updates", kwargs={"pk": article.pk})


def live_parts(article, *, url: str, news_article: dict) -> dict:
    """The entries part of a live story's page and its structured data (``public.views``'s hook for
    articles of kind "live"); built inside the article's kept fragment."""
    entries = _attached(article, _entries(article)[:PAGE_ENTRIES])
    _shows_entries(article, entries)
    latest = max((e.sequence or 0 for e in entries), default=0)
    context = {
        "article": article,
        "pinned": [e for e in entries if e.pinned],
        "entries": [e for e in entries if not e.pinned],
        "key_events": [e for e in entries if e.key_event],
        "latest": latest,
        "updates_url": updates_url(article),
        "poll_seconds": poll_seconds(),
    }
    return {
        "html": render_to_string("live/entries.html", context),
        "structured_data": live_blog_posting(article, entries, news_article=news_article, url=url),
    }


def live_blog_posting(article, entries, *, news_article: dict, url: str) -> dict:
    """schema.org ``LiveBlogPosting``: the story's NewsArticle properties, the coverage's start and
    end, and each published entry as a ``liveBlogUpdate``."""
    data = dict(news_article)
    data["@type"] = "LiveBlogPosting"
    start = article.coverage_started_at or article.published_at
    data["coverageStartTime"] = start.isoformat() if start else None
    if article.coverage_ended_at:
        end = article.coverage_ended_at
    else:
        newest = max([e.posted_at for e in entries if e.posted_at] or [start or article.published_at])
        end = newest + EXPECTED_RUN
    data["coverageEndTime"] = end.isoformat()
    updates = []
    for entry in sorted(entries, key=lambda e: e.posted_at, reverse=True):
        text = " ".join(strip_tags(entry.body).split())
        update = {
            "@type": "BlogPosting",
            "headline": entry.headline or _shortened(text),
            "datePublished": entry.posted_at.isoformat(),
            "dateModified": max(entry.posted_at, entry.updated_at).isoformat(),
            "articleBody": text,
            "url": f"{url}#{entry.anchor}",
            "mainEntityOfPage": seo.absolute_url(entry.get_absolute_url()),
            "inLanguage": article.language,
        }
        if entry.author_id:
            update["author"] = {"@type": "Person", "name": entry.author.get_full_name() or entry.author.get_username()}
        updates.append(update)
    data["liveBlogUpdate"] = updates
    if updates:
        data["dateModified"] = max(data.get("dateModified") or "", updates[0]["dateModified"])
    return data


def _shortened(text: str, length: int = 110) -> str:
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def _public_live_story(pk) -> Article:
    article = Article.objects.published().filter(pk=pk, kind=Article.Kind.LIVE).first()
    if article is None:
        raise Http404("No such live story.")
    return article


def _edition() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


@public_page
def entry_detail(request, pk, key):
    """An entry's own page: its permanent address, linking back to its place in the story."""
    keys.shows(keys.live(pk), keys.article(pk))
    article = _public_live_story(pk)
    if _edition() != article.language:
        with translation.override(article.language):
            return redirect(reverse("live-entry", kwargs={"pk": pk, "key": key}), permanent=True)
    entry = next(iter(_attached(article, _entries(article).filter(entry_key=key)[:1])), None)
    if entry is None:
        if LiveEntry.objects.filter(article=article, entry_key=key, state=LiveEntry.State.WITHDRAWN).exists():
            return render(request, "live/entry_gone.html", {"article": article}, status=410)
        raise Http404("No such entry.")
    _shows_entries(article, [entry])
    context = {
        "article": article,
        "entry": entry,
        "canonical_url": seo.absolute_url(entry.get_absolute_url()),
        "story_url": f"{article.get_absolute_url()}#{entry.anchor}",
    }
    with translation.override(article.language):
        return render(request, "live/entry_detail.html", context)


@public_page
def live_updates(request, pk):
    """The polling answer: the newest ``RECENT`` published entries (rendered, with their numbers), the
    words announcing 1…n of them in the story's language, and the entries withdrawn since.

    Every follower of an edition asks the same address (the page's script compares the numbers with
    the newest it shows), so after each entry the edge and the page cache build one answer per
    edition, whoever follows. ``?after=N`` asks only for entries newer than number N (``count`` and
    ``label`` then say how many)."""
    keys.shows(keys.live(pk), keys.article(pk))
    after = None
    if "after" in request.GET:
        try:
            after = max(0, int(request.GET["after"]))
        except ValueError:
            after = 0
    article = _public_live_story(pk)
    entries = _entries(article).order_by("-sequence")
    if after is not None:
        entries = entries.filter(sequence__gt=after)
    newer = _attached(article, entries[: PAGE_ENTRIES if after is not None else RECENT])
    _shows_entries(article, newer)
    withdrawn = LiveEntry.objects.filter(article=article, state=LiveEntry.State.WITHDRAWN).values_list(
        "entry_key", flat=True
    )
    with translation.override(article.language):
        rendered = [
            {"sequence": e.sequence, "key": str(e.entry_key),
             "html": render_to_string("live/includes/entry.html", {"entry": e, "article": article})}
            for e in newer
        ]
        count = len(newer)
        answer = {
            "latest": max([e.sequence for e in newer], default=after or 0),
            "oldest": min([e.sequence for e in newer], default=0),
            "recent": RECENT,
            "count": count,
            "label": _announcement(count),
            "labels": {str(n): _announcement(n) for n in range(1, count + 1)},
            "entries": rendered,
            "html": "".join(item["html"] for item in rendered),
            "withdrawn": [str(key) for key in withdrawn],
            "open": article.is_live,
        }
    # The search suggestions' way (public.suggest): "<", ">" and "&" as \u escapes, so no browser
    # taking the answer for a page finds markup in it.
    return HttpResponse(seo.safe_json(answer, compact=True), content_type="application/json")


def _announcement(count: int) -> str:
    """"3 new updates", in the active language (Arabic has six plural forms)."""
    if not count:
        return ""
    return ngettext("%(count)s new update", "%(count)s new updates", count) % {"count": count}


def poll_lifetime(view):
    """The polling answer lives in a reader's browser for a few seconds only (the edge and the page
    cache keep it until the next entry: ``public_page``)."""

    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, max_age=settings.LIVE_POLL_BROWSER_SECONDS)
        return response

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


live_updates = poll_lifetime(live_updates)
