"""Kept fragments: the parts of public pages that depend on one object, built once per change.

A page the page cache does not hold (a new address, a reader's query string, a page retired because
one story on it changed) is built from parts, and most of its parts have not changed: on the home
page after a publication, nineteen of its twenty story cards are the same; an article page read
with a new query string is the same story. ``kept`` keeps such a part — a story card, an article's
content — in Django's cache under a name, with the surrogate keys it showed (``public.keys``) and
their versions, exactly like a kept page (``public.caching``): it is used while none of those keys
has moved, so a change retires the fragments that show it and no other, and it is never stale. What
changes by itself at a time (``keys.changes_at``: a layout scheduled to go live) bounds the fragment
as it bounds a page.

Several fragments of a page are looked up together: one cache read for all of them, one query for
the versions of all their keys; a missing or retired one is built (its keys collected on their own
and added to the page's) and kept, unless a change committed while it was being built. The keys of
every fragment used are added to the page's keys, so the page cache and the edge retire the page
when any of them moves.

Unlike kept pages, fragments are not switched off by ``PAGE_CACHE_SECONDS=0``: they are part of
building a page. ``FRAGMENT_CACHE_SECONDS`` bounds how long one is kept (default a day; 0 turns
them off, for measuring pages built from nothing).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from public import caching
from public import keys as surrogate_keys

_PREFIX = "public-fragment:"


def kept(parts: Sequence[tuple[str, Callable[[], Any]]], *, timeout: int | None = None) -> list[Any]:
    """The value of each ``(name, build)`` of ``parts``, in order: kept ones whose keys have not moved
    since they were built, the others built now (and kept). A value is anything the cache can pickle
    (rendered HTML as ``str``, a dict of them). ``timeout`` shortens how long they are kept (a part
    that also shows something no key names, such as a choice among the newest stories)."""
    if not parts:
        return []
    timeout = min(settings.FRAGMENT_CACHE_SECONDS, timeout or settings.FRAGMENT_CACHE_SECONDS)
    if timeout <= 0:
        return [_built(build)[0] for _name, build in parts]
    stored = cache.get_many([_PREFIX + name for name, _build in parts])
    wanted = set()
    for entry in stored.values():
        wanted.update(entry["versions"])
    current = caching.key_versions(wanted) if wanted else {}
    values: list[Any] = []
    fresh: dict[str, tuple[Any, set[str]]] = {}
    clock = None
    now = timezone.now()
    for name, build in parts:
        entry = stored.get(_PREFIX + name)
        until = entry.get("until") if entry is not None else None
        if (
            entry is not None
            and (until is None or now < until)
            and all(current.get(key) == version for key, version in entry["versions"].items())
        ):
            surrogate_keys.shows(*entry["versions"])
            surrogate_keys.changes_at(until)
            values.append(entry["value"])
            continue
        if clock is None:
            clock = caching.key_clock()  # before the first build: a change during building is seen
        value, shown, until = _built(build)
        fresh[name] = (value, shown, until)
        values.append(value)
    if fresh:
        versions = caching.key_versions(set().union(*(shown for _value, shown, _until in fresh.values())))
        if max(versions.values(), default=0) <= clock:
            cache.set_many(
                {
                    _PREFIX + name: {"value": value, "versions": {key: versions[key] for key in shown}, "until": until}
                    for name, (value, shown, until) in fresh.items()
                },
                timeout,
            )
    return values


def kept_one(name: str, build: Callable[[], Any], *, timeout: int | None = None) -> Any:
    return kept([(name, build)], timeout=timeout)[0]


def name_of(text: str) -> str:
    """A part of a fragment's name for any text (a slug or an address of any length, in any script):
    a safe cache key."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# What a kept response keeps besides its content: the headers that describe the content itself (a
# sitemap's X-Robots-Tag keeps the sitemap itself out of search results).
KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def kept_response(name: str, respond: Callable[[], HttpResponse]) -> HttpResponse:
    """A whole response (its content and ``KEPT_HEADERS``) kept as a fragment: a feed or a sitemap,
    the same for every query string a reader adds, built by ``respond`` only when something it shows
    changed. It shows a list of stories (``caching.lists_public_stories``). An error (a 404 raised)
    is never kept."""

    def build() -> dict:
        caching.lists_public_stories()
        response = respond()
        if hasattr(response, "render"):
            response.render()  # a TemplateResponse (Django's sitemap view)
        return {"content": response.content,
                "headers": {header: response[header] for header in KEPT_HEADERS if header in response}}

    value = kept_one(name, build)
    response = HttpResponse(value["content"])
    for header, content in value["headers"].items():
        response[header] = content
    return response


def _built(build) -> tuple[Any, set[str], Any]:
    """``build()`` with the keys it shows collected on their own, then added to the page's, and the
    time what it shows changes by itself (``keys.changes_at``: a scheduled layout, a banner's end),
    which bounds the fragment and the page."""
    with surrogate_keys.Collecting() as shown, surrogate_keys.Bounding() as until:
        value = build()
    surrogate_keys.shows(*shown)
    surrogate_keys.changes_at(until[0] if until else None)
    return value, shown, (until[0] if until else None)
