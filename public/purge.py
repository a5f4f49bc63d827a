"""Purging the edge caches by surrogate key: Varnish (xkey), Fastly, Cloudflare.

``EDGE_PURGE_BACKEND`` chooses one (empty: no edge, nothing is sent). Each backend sends the keys in
as few requests as its API allows and raises ``PurgeFailed`` when the edge did not take them, so that
the task (``public.tasks.edge_purge``) tries again later.

* ``varnish``: ``PURGE /`` to each address in ``EDGE_VARNISH_URLS`` with the keys in an
  ``xkey-purge`` header; deploy/varnish/default.vcl accepts it from the application's addresses only
  and answers how many objects it removed.
* ``fastly``: ``POST {FASTLY_API_URL}/service/{FASTLY_SERVICE_ID}/purge`` with the keys in a
  ``Surrogate-Key`` header (256 a request) and ``Fastly-Key: {FASTLY_API_TOKEN}``.
* ``cloudflare``: ``POST {CLOUDFLARE_API_URL}/zones/{CLOUDFLARE_ZONE_ID}/purge_cache`` with
  ``{"tags": [...]}`` (30 a request) and ``Authorization: Bearer {CLOUDFLARE_API_TOKEN}``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TIMEOUT = 10  # seconds a purge request may take


class PurgeFailed(Exception):
    """The edge did not take the purge: try again later."""


def _chunks(keys: Sequence[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(keys), size):
        yield list(keys[start:start + size])


def _send(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310  # nosec B310 (configured https/http URLs)
            return answer.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise PurgeFailed(f"{request.get_method()} {request.full_url}: {error}") from error


def _varnish(keys: list[str], timeout: float) -> None:
    urls = settings.EDGE_VARNISH_URLS
    if not urls:
        raise ImproperlyConfigured("EDGE_PURGE_BACKEND=varnish needs EDGE_VARNISH_URLS.")
    for url in urls:
        for chunk in _chunks(keys, 200):
            request = urllib.request.Request(url.rstrip("/") + "/", method="PURGE", headers={"xkey-purge": " ".join(chunk)})
            _send(request, timeout)


def _fastly(keys: list[str], timeout: float) -> None:
    service, token = settings.FASTLY_SERVICE_ID, settings.FASTLY_API_TOKEN
    if not (service and token):
        raise ImproperlyConfigured("EDGE_PURGE_BACKEND=fastly needs FASTLY_SERVICE_ID and FASTLY_API_TOKEN.")
    for chunk in _chunks(keys, 256):
        request = urllib.request.Request(
            f"{settings.FASTLY_API_URL.rstrip('/')}/service/{service}/purge", method="POST", data=b"",
            headers={"Fastly-Key": token, "Surrogate-Key": " ".join(chunk), "Accept": "application/json"},
        )
        _send(request, timeout)


def _cloudflare(keys: list[str], timeout: float) -> None:
    zone, token = settings.CLOUDFLARE_ZONE_ID, settings.CLOUDFLARE_API_TOKEN
    if not (zone and token):
        raise ImproperlyConfigured("EDGE_PURGE_BACKEND=cloudflare needs CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN.")
    for chunk in _chunks(keys, 30):
        request = urllib.request.Request(
            f"{settings.CLOUDFLARE_API_URL.rstrip('/')}/zones/{zone}/purge_cache", method="POST",
            data=json.dumps({"tags": chunk}).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        answer = _send(request, timeout)
        try:
            succeeded = json.loads(answer or b"{}").get("success", False)
        except ValueError:
            succeeded = False
        if not succeeded:
            raise PurgeFailed(f"Cloudflare did not purge {chunk}: {answer[:300]!r}")


BACKENDS = {"varnish": _varnish, "fastly": _fastly, "cloudflare": _cloudflare}


def purge(keys: Iterable[str], *, timeout: float = TIMEOUT) -> int:
    """Purge ``keys`` at the configured edge; how many keys were sent (0 without an edge). Each
    request may take ``timeout`` seconds."""
    keys = sorted(set(keys))
    backend = settings.EDGE_PURGE_BACKEND
    if not backend or not keys:
        return 0
    if backend not in BACKENDS:
        raise ImproperlyConfigured(f"EDGE_PURGE_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}.")
    BACKENDS[backend](keys, timeout)
    return len(keys)
