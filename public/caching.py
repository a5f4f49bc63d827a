"""Caching of public pages: a server-side page cache that is never stale, validators, conditional GET.

**Server-side page cache.** Responses of public views (every view decorated with ``public_page``)
are kept in Django's cache by ``PageCacheMiddleware`` for up to ``PAGE_CACHE_SECONDS`` (default 300;
``0`` turns the cache off), filed under the current *content generation*: a random token in the one
``ContentGeneration`` row. The token changes in the same database transaction as any change a reader
could see, so the moment a publish, an edit, a correction or a withdrawal is committed, every kept
page is out of reach and the next reader of each page gets it rendered from the database again.
Reading the token is one primary-key query per request, which on PostgreSQL doubles as the
connection's health check (``CONN_HEALTH_CHECKS``: one round trip, not two); it comes from the
database, not from the cache, so that the cache may be per process (the default local-memory cache under several gunicorn
workers) or shared (Redis), and a restored database or cache can never bring old pages back.

The middleware sits right after Django's SecurityMiddleware (which must still redirect plain HTTP
to HTTPS first), so a kept page is answered before the Content-Security-Policy is built, and before
sessions, languages, CSRF, authentication and URL routing run; it keeps a page with every header the
middleware below it added (the policy included), filed by scheme as well as address. Static files
and media pass straight through to WhiteNoise. Only readers without a session cookie are served kept
pages or fill the cache.

What changes the token (``content_changed``):

* saving or deleting any row of the models readers see (``PUBLIC_MODELS``: articles, bylines,
  interviewees, corrections, tags, people and their names, organizations and aliases,
  affiliations, images and renditions, the names of staff users) and changing the article's
  organizations: whatever does it, the workflow, the admin, the copy desk, a shell;
* writes that skip ``save()`` call it themselves: ``revision_record`` (its ``QuerySet.update``),
  ``seed_bench`` (``bulk_create``). New code that writes public data with ``update()`` or
  ``bulk_create`` must call ``content_changed()`` too.

One thing makes a page change without a write: an article stored as published with a future
``published_at`` (an embargo) becomes public when its time comes. Kept pages therefore never
outlive the next such time (``_next_embargo``).

**HTTP caching.** Public 200 responses carry ``Cache-Control: public, max-age=PUBLIC_CACHE_SECONDS``
(default 60) and an ETag that is a hash of the page itself, so any visible change gives a new one,
and an unchanged page answers 304 Not Modified. Article pages also send Last-Modified. Both work the
same on kept pages.
"""

import functools
import hashlib
import uuid
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date

from articles.models import Article, ContentGeneration
from articles.signals import article_saved
from backups.signals import database_restored

# Models whose rows appear on public pages: a saved or deleted row changes the content generation.
PUBLIC_MODELS = [
    "articles.Article",
    "articles.Byline",
    "articles.Interviewee",
    "articles.Correction",
    "people.Person",
    "people.PersonName",
    "people.Organization",
    "people.OrganizationAlias",
    "people.Affiliation",
    "images.Image",
    "images.Rendition",
    "taggit.Tag",
    "taggit.TaggedItem",
]
# Of a staff user, only these fields are shown (bylines, author pages): logging in changes nothing.
USER_FIELDS_SHOWN = frozenset({"first_name", "last_name", "username", "is_active"})

# Responses worth keeping: pages, permanent redirects (old slugs) and 410 Gone (withdrawn stories).
CACHED_STATUSES = frozenset({200, 301, 410})
_KEY_PREFIX = "public-page"


# --- the content generation ---------------------------------------------------------------------


# The token as read in the current request (PageCacheMiddleware opens and closes the scope), so that
# the page cache and generation_cached read it once per request.
_request_generation: ContextVar[list | None] = ContextVar("request_generation", default=None)


def content_changed() -> None:
    """Give the content generation a new token: every cached page is out of date from now on.

    Call it inside the transaction that makes the change (the signal handlers below do), so that
    the new token and the new content are committed together.
    """
    token, now = uuid.uuid4().hex, timezone.now()
    if not ContentGeneration.objects.filter(pk=1).update(token=token, changed_at=now):
        ContentGeneration.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})
    known = _request_generation.get()
    if known:
        known.clear()  # read again after this change


def current_generation() -> str | None:
    """The current token (one primary-key query), or None before the first change is recorded."""
    known = _request_generation.get()
    if known:
        return known[0]
    sql = f"SELECT token FROM {connection.ops.quote_name(ContentGeneration._meta.db_table)} WHERE id = 1"  # noqa: S608  # nosec B608 (a table name)
    row = _read_as_health_check(sql)
    if row is _NOT_READ:
        with connection.cursor() as cursor:
            cursor.execute(sql)
            row = cursor.fetchone()
    token = row[0] if row else None
    if known is not None and token is not None:
        known.append(token)
    return token


_NOT_READ = object()


def _read_as_health_check(sql: str):
    """The row of ``sql``, read as the request's first query on a kept connection in place of
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
            cursor.execute(sql, prepare=True)
            row = cursor.fetchone()
    except connection.Database.Error:  # a connection the server dropped: closed, as Django's check does
        connection.close()
        return _NOT_READ
    connection.health_check_done = True
    return row


def _changed(sender, action=None, update_fields=None, **kwargs) -> None:
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: once, after the change
    if sender is get_user_model() and update_fields is not None and not set(update_fields) & USER_FIELDS_SHOWN:
        return  # a login (last_login), a new password: nothing readers see
    content_changed()


def _content_saved(sender, **kwargs) -> None:
    content_changed()  # article_save writes the version and "updated" time with update(): no post_save


def connect_signals() -> None:
    """Change the generation whenever a row readers see is saved or deleted (PublicConfig.ready)."""
    for label in [*PUBLIC_MODELS, settings.AUTH_USER_MODEL]:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model, dispatch_uid=f"public-generation-{signal}-{label}")
    m2m_changed.connect(
        _changed, sender=Article.organizations.through, dispatch_uid="public-generation-organizations"
    )
    article_saved.connect(_content_saved, dispatch_uid="public-generation-content-saved")
    # A restored database carries an older generation, whose pages may still be kept: retire them.
    database_restored.connect(_content_saved, dispatch_uid="public-generation-database-restored")


def generation_cached(name: str, build, *, timeout: int = 3600):
    """``build()``, kept until the content changes (or ``timeout`` seconds): for data that every
    request of a kind needs whole, such as the search form's lists of tags, people and organizations.
    Not switched off by ``PAGE_CACHE_SECONDS=0``: it is part of building a page, not a stored page.
    """
    generation = current_generation()
    if generation is None:
        return build()
    known = _recent.get(name)
    if known is not None and known[0] == generation:
        return known[1]  # this process read it already: no unpickling
    key = f"{name}:{generation}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout)
    _recent[name] = (generation, value)
    return value


# The latest value of each generation_cached name in this process, with its generation.
_recent: dict[str, tuple[str, object]] = {}


def forget_this_process() -> None:
    """Drop this process's copies (tests: a rolled-back test leaves its token to the next one)."""
    _recent.clear()


# --- the page cache -----------------------------------------------------------------------------


def _page_key(generation: str, request) -> str:
    path = hashlib.sha256(f"{request.scheme}:{request.get_full_path()}".encode()).hexdigest()
    return f"{_KEY_PREFIX}:{generation}:{path}"


def _next_embargo(generation: str):
    """When the next article stored as published with a future time becomes public (or None)."""
    key, now = f"{_KEY_PREFIX}-embargo:{generation}", timezone.now()
    known = cache.get(key)
    if known is not None and (known == "none" or known > now):
        return None if known == "none" else known
    upcoming = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    cache.set(key, upcoming or "none", settings.PAGE_CACHE_SECONDS)
    return upcoming


def _freeze(response) -> dict:
    return {
        "status": response.status_code,
        "content": response.content,
        "headers": [(name, value) for name, value in response.items() if name.lower() != "set-cookie"],
        "validated_date": getattr(response, "validated_date", None),
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


def _store(key: str, generation: str, response) -> None:
    timeout = settings.PAGE_CACHE_SECONDS
    embargo = _next_embargo(generation)
    if embargo is not None:
        timeout = min(timeout, max(0, int((embargo - timezone.now()).total_seconds())))
    if timeout > 0:
        cache.set(key, _freeze(response), timeout)


def page_cache_respond(request, get_response):
    """The server-side page cache around the rest of the stack (``newsroom.middleware``
    ``PageCacheMiddleware`` calls it right after Django's SecurityMiddleware).

    For a reader without a session cookie, a ``GET`` whose page is kept for the current content
    generation is answered here, before sessions, languages, CSRF, authentication or URL routing
    run; otherwise the request goes through ``get_response``, and a response marked by
    ``public_page`` comes back with every header the middleware below added, and is kept as it is.
    Staff (with a session cookie) are always served fresh pages and never fill the cache.
    Conditional GET is answered here either way.
    """
    scope = _request_generation.set([])
    try:
        return _respond(request, get_response)
    finally:
        _request_generation.reset(scope)


def _respond(request, get_response):
    if (
        request.method not in ("GET", "HEAD")
        or settings.PAGE_CACHE_SECONDS <= 0
        or request.path_info.startswith(_passed_prefixes())
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return get_response(request)
    try:
        generation = current_generation()
    except DatabaseError:
        # The database is down: no page can be kept or found, but a page that needs no database
        # (robots.txt, the favicon) still answers, and the others get the 503 page from below.
        return get_response(request)
    request.page_cache = True  # public_page leaves the conditional answer to the page cache
    key = _page_key(generation, request) if generation else None
    stored = cache.get(key) if key else None
    if stored is not None:
        return _conditional(request, _thaw(stored))
    response = get_response(request)
    if key and request.method == "GET" and _storable(response):
        _store(key, generation, response)
    return _conditional(request, response) if getattr(response, "public_page", False) else response


@functools.cache
def _passed_prefixes() -> tuple[str, ...]:
    """Addresses never kept: static files and media (WhiteNoise or the web server answers them)."""
    return tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p and p.startswith("/") and p != "/")


def public_page(view):
    """Mark a public view's responses (page, feed, sitemap) for the page cache, with validators and a
    public lifetime; answer 304 when the reader's copy is current."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD"):
            return response
        response = public_response(request, response)
        response.public_page = True
        if getattr(request, "page_cache", False):
            return response  # the page cache keeps it whole, then answers the conditional GET
        return _conditional(request, response)

    return wrapper


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
