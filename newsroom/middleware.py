"""The project's middleware, in the order of ``settings.MIDDLEWARE``; each delegates to the module
that owns its rule.

1. ``ReplicaReadsMiddleware``: with read replicas, a reader's request reads from one replica, staff
   and writes from the primary (``newsroom.routers``; docs/DEPLOY.md).
2. ``PageCacheMiddleware``: kept public pages, answered before anything below runs
   (``public.caching``; docs/PERFORMANCE.md).
3. ``SecurityHeadersMiddleware``: the Content-Security-Policy and Permissions-Policy of every
   response (``newsroom.headers``; SECURITY.md), and no bidirectional override in any text
   response (``newsroom.text``).
4. ``DatabaseUnavailableMiddleware``: a database that is down or drops the connection gives a
   friendly 503 in the reader's language, never a traceback (``newsroom.outage``).
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts

from newsroom import headers, outage, routers, text
from public import caching


class ReplicaReadsMiddleware:
    """Before the page cache: the kept page's key versions are read where the page would be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with routers.ReadsFrom(routers.replica_for(request)):
            return self.get_response(request)


class PageCacheMiddleware:
    """Right after Django's SecurityMiddleware (which must still redirect plain HTTP to HTTPS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return caching.page_cache_respond(request, self.get_response)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's additions, plus a Permissions-Policy header."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.update is None:
            parts.update = headers.admin_policy_update(request)
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", headers.PERMISSIONS_POLICY)
        text.strip_bidi_bytes(response)  # before the page cache keeps it (newsroom/text.py)
        return response


class DatabaseUnavailableMiddleware:
    """Below the locale middleware: the 503 page knows the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if outage.is_database_unavailable(exception):
            return outage.database_unavailable(request, exception)
        return None
