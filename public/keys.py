"""Surrogate keys: what a public page shows, named, so that a change retires exactly the pages that
show it — in the server's page cache (``public.caching``) and at the edge (Varnish's xkey, Fastly's
``Surrogate-Key``, Cloudflare's ``Cache-Tag``: ``public.purge``).

A page collects the keys of what it renders while it renders (``shows`` and the helpers below, called
by the views, feeds and sitemaps); ``public_page`` sends them as headers and files the page under
them. A change names the keys it touches (``public.invalidation``) and ``keys_changed`` moves their
versions on, in the change's transaction, and has the edge purge them once it commits.

The keys (short: a list page carries one per story it lists):

========== ==================================================================================
``all``    every page (a bulk change: ``seed_bench``)
``e-en``   an edition's lists: home, its feeds and the sitemaps of its stories
``a12``    an article: its page and every list, feed, related box and sitemap that shows it
``s<hex>`` a story in all its languages: the language switcher and hreflang of each version
``l12``    a live story's entries: its page, the entries' own pages, the polling answer
``t12``    a tag: its page and feeds, and the related boxes that chose stories by it
``p12``    a person: their page and feeds, the articles that name them
``o12``    an organization: its page, the articles that name it
``u12``    a staff author's name: the bylines and the page that name them
``w12``    a staff author's stories: their author page
``i12``    a library picture
``names``  the lists of public names: search suggestions, the name sitemaps
``search`` search results
``sitemap`` the sitemap index
========== ==================================================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar

ALL = "all"
NAMES = "names"
SEARCH = "search"
SITEMAP = "sitemap"

_shown: ContextVar[set[str] | None] = ContextVar("surrogate_keys_shown", default=None)


def edition(language: str) -> str:
    return f"e-{language}"


def article(pk) -> str:
    return f"a{pk}"


def story(translation_key) -> str:
    return f"s{translation_key.hex if hasattr(translation_key, 'hex') else translation_key}"


def live(pk) -> str:
    """A live story's entries (one language version): its page, its entries' pages, its polling answer."""
    return f"l{pk}"


def tag(pk) -> str:
    return f"t{pk}"


def person(pk) -> str:
    return f"p{pk}"


def organization(pk) -> str:
    return f"o{pk}"


def author(pk) -> str:
    """A staff author's name (their bylines)."""
    return f"u{pk}"


def works(pk) -> str:
    """The list of a staff author's stories (their author page)."""
    return f"w{pk}"


def image(pk) -> str:
    return f"i{pk}"


# --- collecting the keys of a page while it renders ------------------------------------------------


class Collecting:
    """``with Collecting() as keys:`` — every key shown inside lands in ``keys`` (a set)."""

    def __enter__(self) -> set[str]:
        self.keys: set[str] = {ALL}
        self._token = _shown.set(self.keys)
        return self.keys

    def __exit__(self, *exc) -> None:
        _shown.reset(self._token)


def shows(*keys: str) -> None:
    """The page being rendered shows these (outside a public page: nothing happens)."""
    collected = _shown.get()
    if collected is not None:
        collected.update(key for key in keys if key)


def shows_cards(articles: Iterable) -> None:
    """A list of stories (cards: headline, standfirst, kind, date, lead picture)."""
    collected = _shown.get()
    if collected is None:
        return
    for item in articles:
        collected.add(article(item.pk))
        if getattr(item, "lead_image_id", None):
            collected.add(image(item.lead_image_id))


def shows_article(item, *, related: Iterable = ()) -> None:
    """An article's page: the story in every language, its people, organizations, tags, bylines,
    pictures, and the related stories listed with it (prefetched: no query here)."""
    if _shown.get() is None:
        return
    shows(article(item.pk), story(item.translation_key))
    if item.lead_image_id:
        shows(image(item.lead_image_id))
    shows(*(tag(t.pk) for t in item.tags.all()))
    shows(*(organization(o.pk) for o in item.organizations.all()))
    for link in item.interviewee_links.all():
        shows(person(link.person_id))
        if link.affiliation_id and link.affiliation is not None:
            shows(organization(link.affiliation.organization_id))
    shows(*(author(b.user_id) for b in item.bylines.all() if b.user_id))
    shows_cards(related)


def current() -> set[str]:
    """The keys collected so far on the page being rendered (empty outside one)."""
    return set(_shown.get() or ())


# --- the headers -----------------------------------------------------------------------------------


def headers(keys: Iterable[str]) -> dict[str, str]:
    """The keys as each edge cache reads them: Fastly (``Surrogate-Key``, space-separated), Varnish's
    xkey (``xkey``), Cloudflare (``Cache-Tag``, comma-separated). The edge removes them before a
    reader sees the page (deploy/varnish/default.vcl)."""
    ordered = sorted(set(keys))
    return {"Surrogate-Key": " ".join(ordered), "xkey": " ".join(ordered), "Cache-Tag": ",".join(ordered)}
