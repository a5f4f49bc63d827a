"""When the database is down: a friendly 503 page in the reader's language, never a traceback.

``OperationalError`` (cannot connect, connection lost, server shutting down, locked) and
``InterfaceError`` (a connection already closed) mean "try again shortly", not "this page is
broken". Raised in a view or while rendering, ``newsroom.middleware.DatabaseUnavailableMiddleware``
answers; raised
anywhere else (another middleware), the 500 handler (``newsroom.views.server_error``) does. The
page itself needs no database: its language comes from the address (``/ar/…``), else the language
cookie or ``Accept-Language``. Django closes the broken connection at the end of the request, so
the next request connects again by itself.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from newsroom import languages

logger = logging.getLogger("newsroom.outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# PostgreSQL's "cannot execute … in a read-only transaction" (a hot standby, or
# DATABASE_READ_ONLY=true): Django raises it as an InternalError.
READ_ONLY_SQLSTATE = "25006"


def is_database_unavailable(error: BaseException | None) -> bool:
    """The database is down, or refuses to write (read-only): "try again shortly"."""
    if isinstance(error, DATABASE_ERRORS):
        return True
    return isinstance(error, InternalError) and getattr(error.__cause__, "sqlstate", None) == READ_ONLY_SQLSTATE


def answers_json(view):
    """Mark a view whose clients read JSON: in an outage it gets a JSON 503, not the HTML page."""
    view.outage_json = True
    return view


def _wants_json(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and getattr(match.func, "outage_json", False))


def reader_language(request) -> str:
    """The edition in the address, else the reader's language preference; no database needed."""
    language = translation.get_language_from_path(request.path_info)
    if not language:
        try:
            language = translation.get_language_from_request(request)
        except Exception:  # a broken header must not break the error page
            language = settings.LANGUAGE_CODE
    return language or settings.LANGUAGE_CODE


def database_unavailable(request, error: BaseException | None = None) -> HttpResponse:
    """503 Service Unavailable, with a Retry-After, never stored by a cache."""
    logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
    language = reader_language(request)
    if _wants_json(request):
        with translation.override(language):
            message = gettext(
                "The site cannot reach its archive just now, so this page cannot be shown. "
                "Nothing is lost: please try again in a minute."
            )
        response = JsonResponse({"error": str(message)}, status=503)
        return _retry_later(response, language)
    with translation.override(language):
        html = loader.render_to_string(
            "503.html",
            {
                "LANGUAGE_CODE": language,
                "TEXT_DIRECTION": languages.direction(language),
                "SITE_NAME": settings.SITE_NAME,
            },
        )
    return _retry_later(HttpResponse(html, status=503), language)


def _retry_later(response, language: str):
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response
