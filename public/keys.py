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
``t12``    a tag itself (its names): its page and feeds, and every page that shows its name
``lt12``   the stories with a tag: its page and feeds
``p12``    a person (names, bio, roles): their page and feeds, the articles that name them
``lp12``   the stories that name a person: their page and feeds
``q12``    a person's quotes: the "What they said" part of their page
``o12``    an organization (names, description): its page, the articles that name it
``lo12``   the stories that name an organization: its page
``u12``    a staff author's name: the bylines and the page that name them
``w12``    a staff author's stories: their author page
``i12``    a library picture
``c12``    a section: its name (menus, breadcrumbs, blocks) and its front and feed
``f-en-0`` an edition's front layouts: its home (``0``) or a section's front (``f-en-12``)
``m-en``   an edition's navigation menu (every page of the edition)
``b-en``   an edition's breaking news banner (every page of the edition)
``mr-en-0`` an edition's "Most read" lists: its home and ``/en/most-read/`` (``0``) or a section's
           front (``mr-en-12``)
``names``  the lists of public names: search suggestions, the name sitemaps
``search`` search results
``sections`` the list of sections (the sections' sitemap)
``corrections`` the corrections pages and feeds of every edition
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
SECTIONS = "sections"
CORRECTIONS = "corrections"

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
    """A tag itself: its names and addresses."""
    return f"t{pk}"


def tag_list(pk) -> str:
    """The stories that carry a tag (its page and feeds list them)."""
    return f"lt{pk}"


def person(pk) -> str:
    """A person: names, bio, photo, roles."""
    return f"p{pk}"


def person_list(pk) -> str:
    """The stories that name a person."""
    return f"lp{pk}"


def quotes(pk) -> str:
    """A person's quotes (their page lists them)."""
    return f"q{pk}"


def organization(pk) -> str:
    """An organization: names, aliases, description."""
    return f"o{pk}"


def organization_list(pk) -> str:
    """The stories that name an organization."""
    return f"lo{pk}"


def author(pk) -> str:
    """A staff author's name (their bylines)."""
    return f"u{pk}"


def works(pk) -> str:
    """The list of a staff author's stories (their author page)."""
    return f"w{pk}"


def image(pk) -> str:
    return f"i{pk}"


def section(pk) -> str:
    """A section's name and address (the menu, breadcrumbs, a front's block heading)."""
    return f"c{pk}"


def section_list(pk) -> str:
    """The stories of a section (its front, its feed, a block of it on a front): moved when a story
    readers see joins, leaves or changes in it. Apart from ``section``, which every page's menu shows:
    a publication must not retire every page."""
    return f"cl{pk}"


def front(language: str, section_pk=None) -> str:
    """The layouts of a front: an edition's home (no section) or a section's front."""
    return f"f-{language}-{section_pk or 0}"


def menu(language: str) -> str:
    return f"m-{language}"


def breaking(language: str) -> str:
    return f"b-{language}"


def most_read(language: str, section_pk=None) -> str:
    """The "Most read" lists of an edition's home (no section) or of a section's front."""
    return f"mr-{language}-{section_pk or 0}"


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


# --- when what a page shows changes by itself ------------------------------------------------------

_until: ContextVar[list | None] = ContextVar("page_changes_at", default=None)


class Bounding:
    """``with Bounding() as until:`` — the earliest time given to ``changes_at`` inside lands in
    ``until[0]`` (``public.caching.public_page`` keeps the page no longer than that)."""

    def __enter__(self) -> list:
        self.until: list = []
        self._token = _until.set(self.until)
        return self.until

    def __exit__(self, *exc) -> None:
        _until.reset(self._token)


def changes_at(when) -> None:
    """What the page being rendered shows changes by itself at ``when`` (a scheduled front goes
    live, a banner ends): no write marks that moment, so the page must not be kept beyond it."""
    until = _until.get()
    if until is None or when is None:
        return
    if not until or when < until[0]:
        until[:] = [when]


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
