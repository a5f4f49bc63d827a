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
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from newsroom import languages

logger = logging.getLogger("newsroom.outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_unavailable(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_ERRORS)


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
    with translation.override(language):
        html = loader.render_to_string(
            "503.html",
            {
                "LANGUAGE_CODE": language,
                "TEXT_DIRECTION": languages.direction(language),
                "SITE_NAME": settings.SITE_NAME,
            },
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response
