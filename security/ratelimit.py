"""Per-address rate limits: ``@rate_limited("search")`` on a view.

A request over its address's limit gets **429 Too Many Requests** with ``Retry-After`` (the seconds
until the window ends), as an HTML page in the reader's language or, for JSON endpoints, as JSON;
never stored by a cache. Counting is django-ratelimit's: a fixed window per address and group, kept
in Django's cache (Redis in production: shared by every worker; the local-memory cache of a laptop
counts per process). It costs no database query.

Only requests that reach the view are counted: the decorator sits *inside* ``public_page``, so a
page the page cache answers (``public.caching``) is neither counted nor slowed. The address is the
one django-axes uses for sign-ins (``newsroom.throttle.client_ip``: behind our proxy, the address it
saw).

The limits are sized so that a reader never meets them, even many readers behind one address (a
university, a mobile operator's shared address): a reader runs a handful of searches a minute and,
typing in a name box, a few suggestions a second at most. ``RATE_LIMIT_SEARCH``,
``RATE_LIMIT_SUGGEST`` and ``RATE_LIMIT_CSP_REPORT`` change them ("count/period", e.g. "120/m").
"""

import functools

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django_ratelimit.core import get_usage

from newsroom import languages
from newsroom.throttle import client_ip

TOO_MANY = "Too many requests from your address. Please wait a moment and try again."


def _address(group, request) -> str:
    return client_ip(request) or "unknown"


def retry_after(group: str, request) -> int | None:
    """Count this request against its address; the seconds to wait if it is over the limit."""
    usage = get_usage(request, group=f"newsroom.{group}", key=_address, rate=settings.RATE_LIMITS[group], increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))


def too_many_requests(request, seconds: int, *, json: bool = False) -> HttpResponse:
    language = translation.get_language() or settings.LANGUAGE_CODE
    if json:
        response = JsonResponse({"error": gettext(TOO_MANY)}, status=429)
    else:
        html = loader.render_to_string(
            "429.html",
            {"LANGUAGE_CODE": language, "TEXT_DIRECTION": languages.direction(language), "SITE_NAME": settings.SITE_NAME},
        )
        response = HttpResponse(html, status=429)
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def rate_limited(group: str, *, json: bool = False):
    """Answer 429 once the requesting address is over ``settings.RATE_LIMITS[group]``."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = retry_after(group, request)
            if seconds is not None:
                return too_many_requests(request, seconds, json=json)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
