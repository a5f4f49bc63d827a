"""HTTP caching of public pages: validators, conditional GET and a short public lifetime.

Nothing is cached on the server: every request reads the database, so a page is never stale there
after a publish, an update or a withdrawal. Browsers and shared caches may keep a page for
``PUBLIC_CACHE_SECONDS`` (default 60) and then revalidate it: the ETag is a hash of the page itself,
so any visible change gives a new one, and an unchanged page answers 304 Not Modified.
"""

from functools import wraps

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date



def public_response(request, response, *, last_modified=None):
    """Add ETag, Last-Modified and Cache-Control to a public 200 response; 304 when the copy the
    reader already has is current."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    set_response_etag(response)
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return get_conditional_response(request, etag=response["ETag"], last_modified=timestamp, response=response)


def private_response(response):
    """Pages of unpublished stories (staff previews): never stored by a shared cache or indexed."""
    patch_cache_control(response, private=True, no_cache=True, no_store=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def public_page(view):
    """Decorate a public view (or a Feed/sitemap view) with ``public_response``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return public_response(request, view(request, *args, **kwargs))

    return wrapper
