"""Whose login attempts are counted together: the client's address for django-axes.

Without a proxy it is the connection's address. Behind one reverse proxy (``BEHIND_PROXY=true``)
every connection comes from the proxy, so the address is the last one the proxy appended to
``X-Forwarded-For``; entries before it are whatever the client sent and are never trusted (a client
could otherwise pick a fresh address for every guess).
"""

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext


def client_ip(request) -> str:
    if settings.BEHIND_PROXY:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while sign-ins are paused (429 Too Many Requests)."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
        "title": gettext("Too many failed sign-ins"),
        "site_header": gettext("Newsroom"),
    }
    response = render(request, "axes/locked_out.html", context, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
