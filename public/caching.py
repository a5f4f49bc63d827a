"""Caching of public pages: a server-side page cache filed by what each page shows, surrogate-key
headers for the edge, validators and conditional GET.

**What a page shows.** Every public view (decorated with ``public_page``) collects, while it renders,
the surrogate keys of what it shows (``public.keys``: the article, the story in every language, the
tags, people, organizations, authors and pictures on it, the stories of a list…). The response
carries them in ``Surrogate-Key``, ``xkey`` and ``Cache-Tag`` headers for an edge cache (Varnish,
Fastly, Cloudflare: docs/DEPLOY.md), with ``Surrogate-Control: max-age=EDGE_CACHE_SECONDS``.

**Server-side page cache.** ``PageCacheMiddleware`` (``newsroom.middleware``) keeps such a page in
Django's cache (Redis when ``REDIS_URL`` is set, the local memory otherwise) for up to
``PAGE_CACHE_SECONDS`` (default 300; ``0`` turns it off), with the version each of its keys had
(``public.models.PageKey``). A change moves the versions of the keys it touches on, in its own
transaction (``public.invalidation``): a kept page is served only while none of its keys moved, and
a change that touches nothing readers see (a draft saved every few seconds) leaves every kept page
kept. Serving a kept page costs one query — the versions of its keys, read from the database so that
every process and machine agrees, and on PostgreSQL doubling as the connection's health check
(``CONN_HEALTH_CHECKS``: one round trip, not two). Building a page reads the keys' clock first
(``KeyClock``): a page during whose building a change committed is served but not kept.

The middleware sits right after Django's SecurityMiddleware (which must still redirect plain HTTP
to HTTPS first), so a kept page is answered before the Content-Security-Policy is built, and before
sessions, languages, CSRF, authentication and URL routing run; it keeps a page with every header the
middleware below it added (the policy included), filed by scheme as well as address. Static files
and media pass straight through to WhiteNoise. Only readers without a session cookie are served kept
pages or fill the cache.

One thing makes a page change without a write: an article stored as published with a future
``published_at`` (an embargo set outside the workflow, which schedules instead) becomes public when
its time comes. Kept pages therefore never outlive the next such time (``_next_embargo``), and a
periodic job purges the edge when it comes (``public.tasks.embargoes_release``).

**HTTP caching.** Public 200 responses carry ``Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS``
(default 60) and an ETag that is a hash of the page itself, so any visible change gives a new one,
and an unchanged page answers 304 Not Modified. Article pages also send Last-Modified. Both work the
same on kept pages.
"""

import contextvars
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections, router
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from articles.models import Article
from public import keys as surrogate_keys
from public.models import KeyClock, PageKey

# Responses worth keeping: pages, permanent redirects (old slugs) and 410 Gone (withdrawn stories).
CACHED_STATUSES = frozenset({200, 301, 410})
_KEY_PREFIX = "public-page"
# Says whether the page cache answered (HIT) or the page was built (MISS): for the benchmarks and
# whoever looks at a slow page; the edge passes it on.
PAGE_CACHE_HEADER = "X-Page-Cache"
# Written with the quoted names of our own table and columns only: no input is formatted in.
_VERSIONS_SQL = "SELECT {key}, {version} FROM {table} WHERE {key} IN ({placeholders})"
_VERSIONS_SQL_PG = "SELECT {key}, {version} FROM {table} WHERE {key} = ANY(%s)"
_CLOCK_SQL = "SELECT {value} FROM {table} WHERE {id} = 1"


# --- the versions of the keys -----------------------------------------------------------------------


def _reader():
    """The connection this request reads from (a replica for a reader, with replicas configured)."""
    return connections[router.db_for_read(PageKey)]


# The versions read while one public page is built (``public_page``): a page that looks up its kept
# parts in several steps (the search: the names' window of each edition, the filter boxes, the menu,
# the cards) reads each key's version once. Safe because a version read earlier is only ever older:
# a part it finds current showed the page as of that moment, after the clock the page cache read
# first, so a change since then keeps the page from being kept (``_store`` reads afresh, outside);
# and a part built and filed under an older version is never found current again, only rebuilt.
_versions_read: contextvars.ContextVar[dict[str, int] | None] = contextvars.ContextVar("versions_read", default=None)


def key_versions(keys) -> dict[str, int]:
    """The current version of each of ``keys`` (0 for a key nothing has changed yet): one query, or
    none while a public page is built and has read them all already."""
    read = _versions_read.get()
    if read is None:
        return _read_versions(keys)
    missing = set(keys) - read.keys()
    if missing:
        read.update(_read_versions(missing))
    return {key: read[key] for key in keys}


def _read_versions(keys) -> dict[str, int]:
    keys = sorted(set(keys))
    if not keys:
        return {}
    connection = _reader()
    names = {"table": PageKey._meta.db_table, "key": "key", "version": "version"}
    names = {name: connection.ops.quote_name(value) for name, value in names.items()}
    if connection.vendor == "postgresql":
        sql, params = _VERSIONS_SQL_PG.format(**names), [keys]
    else:
        sql, params = _VERSIONS_SQL.format(**names, placeholders=", ".join(["%s"] * len(keys))), keys
    rows = _read_as_health_check(connection, sql, params)
    if rows is _NOT_READ:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    versions = dict.fromkeys(keys, 0)
    versions.update(rows)
    return versions


def key_clock() -> int:
    """The clock of the key versions (the newest version given out): one query."""
    connection = _reader()
    names = {"table": KeyClock._meta.db_table, "value": "value", "id": "id"}
    sql = _CLOCK_SQL.format(**{name: connection.ops.quote_name(value) for name, value in names.items()})
    rows = _read_as_health_check(connection, sql, [])
    if rows is _NOT_READ:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
    return rows[0][0] if rows else 0


_NOT_READ = object()


def _read_as_health_check(connection, sql: str, params: list):
    """The rows of ``sql``, read as the request's first query on a kept connection in place of
    Django's health check ("SELECT 1" before the first query of each request): a page served from
    the cache then costs one round trip to the database, not two. ``_NOT_READ`` when this is not that
    case (no kept connection, checks off or done, inside a transaction); a connection that fails is
    closed, and the caller's ordinary query opens a new one (or reports the database down)."""
    if (
        connection.vendor != "postgresql"
        or not hasattr(connection.Database, "Cursor")  # psycopg 3 (psycopg2 has no prepared statements)
        or connection.connection is None
        or not connection.health_check_enabled
        or connection.health_check_done
        or connection.in_atomic_block
    ):
        return _NOT_READ
    try:
        # psycopg's own cursor, as Django's health check uses; a prepared statement with server-side
        # binding: half the time of the client-side cursor Django would make.
        with connection.Database.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            rows = cursor.fetchall()
    except connection.Database.Error:  # a connection the server dropped: closed, as Django's check does
        connection.close()
        return _NOT_READ
    connection.health_check_done = True
    return rows


def keyed_value(name: str, keys, build, *, timeout: int = 3600):
    """``build()``, kept until something named by ``keys`` changes (or ``timeout`` seconds): for data
    a kind of page needs whole (the public slugs of a sitemap). One query to check it is current.
    Not switched off by ``PAGE_CACHE_SECONDS=0``: it is part of building a page, not a kept page."""
    keys = sorted({surrogate_keys.ALL, *keys})
    versions = key_versions(keys)
    stored = cache.get(f"public-value:{name}")
    if stored is not None and stored["versions"] == versions:
        return stored["value"]
    value = build()
    cache.set(f"public-value:{name}", {"versions": versions, "value": value}, timeout)
    return value


# --- the page cache -------------------------------------------------------------------------------


# Parameters that links carry for the sender's statistics and that change nothing on the page: a
# story shared on Facebook is asked with a new fbclid on every click. They are left out of the page's
# address in the cache, so every such link shares one kept page (deploy/varnish/default.vcl drops the
# same ones at the edge: tests/test_edge_purge.py keeps the two lists in step).
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "igshid", "mc_cid", "mc_eid", "ref_src"})
TRACKING_PREFIX = "utm_"


def _page_key(request) -> str:
    query = request.META.get("QUERY_STRING", "")
    if query:
        kept = [
            part for part in query.split("&")
            if part and not _is_tracking(part.split("=", 1)[0])
        ]
        query = "&".join(kept)
    address = f"{request.scheme}:{request.path}" + (f"?{query}" if query else "")
    return f"{_KEY_PREFIX}:{hashlib.sha256(address.encode()).hexdigest()}"


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIX)


def _next_embargo(clock: int):
    """When the next article stored as published with a future time becomes public (or None)."""
    key, now = f"{_KEY_PREFIX}-embargo:{clock}", timezone.now()
    known = cache.get(key)
    if known is not None and (known == "none" or known > now):
        return None if known == "none" else known
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    cache.set(key, upcoming or "none", max(settings.PAGE_CACHE_SECONDS, 60))
    return upcoming


def next_embargo():
    """When the next article stored as published with a future time becomes public (or None): what
    a list kept as a fragment must not outlive (``public.fragments``)."""
    return _next_embargo(key_clock())


def lists_public_stories() -> None:
    """What is being built (a kept fragment: a list, a feed, a sitemap) lists public stories, so it
    holds no longer than the next embargo lifts: a story stored as published with a later time
    becomes public by the clock, which moves no key."""
    surrogate_keys.changes_at(next_embargo())


def _lifetime(seconds: int, clock: int) -> int:
    """``seconds``, or less if an embargo lifts sooner."""
    embargo = _next_embargo(clock)
    if embargo is not None:
        seconds = min(seconds, max(0, int((embargo - timezone.now()).total_seconds())))
    return seconds


def _freeze(response) -> dict:
    return {
        "status": response.status_code,
        "content": response.content,
        "headers": [(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        "validated_date": getattr(response, "validated_date", None),
        "keys": sorted(getattr(response, "surrogate_keys", ())),
    }


def _thaw(stored: dict) -> HttpResponse:
    headers = dict(stored["headers"])
    status = stored["status"]
    if status in (301, 302):
        redirect = HttpResponsePermanentRedirect if status == 301 else HttpResponseRedirect
        response = redirect(headers.pop("Location"))
    else:
        response = HttpResponse(stored["content"], status=status)
    for name, value in headers.items():
        response[name] = value
    response.validated_date = stored["validated_date"]
    return response


def _storable(response) -> bool:
    """A public page as every reader gets it: marked by ``public_page``, no cookie set or read."""
    return (
        getattr(response, "public_page", False)
        and response.status_code in CACHED_STATUSES
        and not response.streaming
        and not response.cookies
        and "cookie" not in response.get("Vary", "").lower()
    )


def _store(key: str, clock: int, response) -> None:
    """Keep ``response`` with the versions of its keys, unless one moved past ``clock`` while it was
    being built (it may show some of the old and some of the new)."""
    versions = key_versions(getattr(response, "surrogate_keys", ()) or [surrogate_keys.ALL])
    if max(versions.values(), default=0) > clock:
        return
    timeout = _lifetime(settings.PAGE_CACHE_SECONDS, clock)
    if getattr(response, "keep_seconds", None) is not None:  # it changes by itself then (_bound)
        timeout = min(timeout, response.keep_seconds)
    if timeout > 0:
        cache.set(key, {"page": _freeze(response), "versions": versions}, timeout)


def page_cache_respond(request, get_response):
    """The server-side page cache around the rest of the stack (``newsroom.middleware``
    ``PageCacheMiddleware`` calls it right after Django's SecurityMiddleware).

    For a reader without a session cookie, a ``GET`` whose page is kept, and none of whose keys has
    moved since, is answered here, before sessions, languages, CSRF, authentication or URL routing
    run; otherwise the request goes through ``get_response``, and a response marked by
    ``public_page`` comes back with every header the middleware below added, and is kept as it is.
    Staff (with a session cookie) are always served fresh pages and never fill the cache.
    Conditional GET is answered here either way.
    """
    if (
        request.method not in ("GET", "HEAD")
        or settings.PAGE_CACHE_SECONDS <= 0
        or request.path_info.startswith(_passed_prefixes())
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return get_response(request)
    key = _page_key(request)
    stored = cache.get(key)
    try:
        if stored is not None and key_versions(stored["versions"]) == stored["versions"]:
            kept = _thaw(stored["page"])
            kept[PAGE_CACHE_HEADER] = "HIT"
            return _conditional(request, kept)
        clock = key_clock()
    except DatabaseError:
        # The database is down: no page can be checked or kept, but a page that needs no database
        # (robots.txt, the favicon) still answers, and the others get the 503 page from below.
        return get_response(request)
    request.page_cache = True  # public_page leaves the conditional answer to the page cache
    request.key_clock = clock
    response = get_response(request)
    if request.method == "GET" and _storable(response):
        _store(key, clock, response)
    if getattr(response, "public_page", False):
        response[PAGE_CACHE_HEADER] = "MISS"
    return _conditional(request, response) if getattr(response, "public_page", False) else response


@functools.cache
def _passed_prefixes() -> tuple[str, ...]:
    """Addresses never kept: static files and media (WhiteNoise or the web server answers them)."""
    return tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/") and p != "/")


def public_page(view):
    """Mark a public view's responses (page, feed, sitemap) for the page cache and the edge: the keys
    of what it showed, validators and a public lifetime; answer 304 when the reader's copy is current."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        reading = _versions_read.set({})
        try:
            with surrogate_keys.Collecting() as shown, surrogate_keys.Bounding() as until:
                response = view(request, *args, **kwargs)
                if request.method not in ("GET", "HEAD"):
                    return response
                response = public_response(request, response)  # renders a lazy response: its keys too
        finally:
            _versions_read.reset(reading)
        response.public_page = True
        if response.status_code in CACHED_STATUSES:
            response.surrogate_keys = frozenset(shown)
            for header, value in surrogate_keys.headers(shown).items():
                response[header] = value
            response["Surrogate-Control"] = (
                f"max-age={settings.EDGE_CACHE_SECONDS}, stale-while-revalidate={settings.EDGE_STALE_SECONDS}"
            )
            if until:
                _bound(response, until[0])
        if getattr(request, "page_cache", False):
            return response  # the page cache keeps it whole, then answers the conditional GET
        return _conditional(request, response)

    return wrapper


def _bound(response, until) -> None:
    """Keep ``response`` nowhere beyond ``until`` (``public.keys.changes_at``): not in the page
    cache, not at the edge (no stale copy either), not in the reader's browser."""
    seconds = max(0, int((until - timezone.now()).total_seconds()))
    response.keep_seconds = seconds
    response["Surrogate-Control"] = f"max-age={min(seconds, settings.EDGE_CACHE_SECONDS)}"
    if response.has_header("Cache-Control"):
        patch_cache_control(response, max_age=min(seconds, settings.PUBLIC_CACHE_SECONDS))


# --- HTTP validators ----------------------------------------------------------------------------


def public_response(request, response, *, last_modified=None):
    """Add ETag, Last-Modified and Cache-Control to a public 200 response (``public_page`` answers
    304 when the reader's copy is current)."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if not response.has_header("ETag"):
        set_response_etag(response)
    if last_modified is not None:
        # Only these dates answer If-Modified-Since alone (a feed's own date is shown, not trusted:
        # a story leaving a list makes no date newer).
        response.validated_date = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(response.validated_date)
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response


def _conditional(request, response):
    if response.status_code != 200 or not response.has_header("ETag"):
        return response
    timestamp = getattr(response, "validated_date", None)
    return get_conditional_response(request, etag=response["ETag"], last_modified=timestamp, response=response)


def private_response(response):
    """Pages of unpublished stories (staff previews): never stored by a shared cache or indexed."""
    patch_cache_control(response, private=True, no_cache=True, no_store=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
