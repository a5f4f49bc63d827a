"""Fetching a third party's page or oEmbed answer for the editor, safely (no Django, no models).

The server fetches on a member of staff's behalf, so an address typed into the editor must never make
it reach inside the newsroom's own network (server-side request forgery):

* only ``https://`` on port 443;
* the host name is resolved once, and every address it gives must be public (no loopback, private,
  link-local, carrier-grade NAT, multicast or reserved range); the connection is then made to the
  address that was checked, so a second DNS answer cannot point elsewhere (DNS rebinding), while the
  certificate is still checked against the host name;
* redirects are followed by hand (at most ``MAX_REDIRECTS``), each new address checked again;
* a short timeout and a size limit: a slow or endless answer costs seconds and a few megabytes.

``http_get`` is the one function that touches the network; tests replace it (no test reaches the
internet).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.utils.translation import gettext_lazy as _

TIMEOUT_SECONDS = 5
MAX_REDIRECTS = 3
MAX_BYTES = 2 * 1024 * 1024
USER_AGENT = "NewsroomEmbeds/1.0 (+oEmbed)"

ONLY_HTTPS = _("Only https:// addresses can be embedded.")
NOT_PUBLIC = _("This address does not lead to a public website.")
UNREACHABLE = _("The site did not answer. Check the address, or try again later.")
TOO_LARGE = _("The site's answer is too large.")


class FetchError(Exception):
    """A fetch refused or failed; ``message`` is a translatable sentence for the editor."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    content_type: str
    body: bytes


def _public_address(host: str) -> str:
    """The first address of ``host`` once every address it resolves to is known to be public."""
    try:
        infos = socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(UNREACHABLE) from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchError(UNREACHABLE)
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            raise FetchError(NOT_PUBLIC)
    return addresses[0]


def check_url(url: str) -> tuple[str, str]:
    """``(host, path with query)`` of an address that may be fetched; raises ``FetchError``."""
    parts = urlsplit((url or "").strip())
    if parts.scheme != "https" or not parts.hostname:
        raise FetchError(ONLY_HTTPS)
    if parts.port not in (None, 443) or parts.username or parts.password:
        raise FetchError(NOT_PUBLIC)
    try:  # a literal address is judged without DNS
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        literal = None
    if literal is not None and (not literal.is_global or literal.is_multicast):
        raise FetchError(NOT_PUBLIC)
    path = parts.path or "/"
    return parts.hostname, f"{path}?{parts.query}" if parts.query else path


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """Connects to the address that was checked, verifies the certificate for the host name."""

    def __init__(self, host: str, address: str, **kwargs):
        super().__init__(host, 443, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context(), **kwargs)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, 443), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _get_once(url: str, accept: str) -> tuple[int, dict, bytes]:
    host, path = check_url(url)
    connection = _PinnedHTTPSConnection(host, _public_address(host))
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": accept})
        answer = connection.getresponse()
        body = answer.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            raise FetchError(TOO_LARGE)
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, body
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(UNREACHABLE) from error
    finally:
        connection.close()


def http_get(url: str, *, accept: str = "*/*") -> Response:
    """GET ``url`` under the rules above, following redirects; raises ``FetchError``."""
    for _hop in range(MAX_REDIRECTS + 1):
        status, headers, body = _get_once(url, accept)
        if status in (301, 302, 303, 307, 308) and headers.get("location"):
            url = urljoin(url, headers["location"])
            continue
        return Response(url=url, status=status, content_type=headers.get("content-type", ""), body=body)
    raise FetchError(UNREACHABLE)
