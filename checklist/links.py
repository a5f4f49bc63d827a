"""Do a story's links answer? Fetched by a background task (``checklist.tasks``), never by the request
that saves.

The fetch is made safe against server-side request forgery, since anyone who can write a body picks
the addresses: only ``http``/``https`` on their usual ports; the host name is resolved once and every
address it gives must be a public one (no loopback, private, link-local — the cloud metadata
address 169.254.169.254 —, shared, multicast or reserved range); the connection is made to the
address that was checked (no second lookup a rebinding name could answer differently), with the
name sent for TLS and ``Host``; redirects are followed by hand, at most ``MAX_REDIRECTS``, each one
checked the same way; only the status line is read, within ``TIMEOUT`` seconds.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

TIMEOUT = 5
MAX_REDIRECTS = 4
PORTS = {"http": 80, "https": 443}
USER_AGENT = "NewsroomLinkCheck/1.0"


class UnsafeAddress(Exception):
    """An address the checker refuses to fetch."""


@dataclass(frozen=True)
class Answer:
    ok: bool
    status_code: int | None = None
    error: str = ""


def _allowed_ip(text: str) -> bool:
    ip = ipaddress.ip_address(text.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def public_address(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, an IP address to connect to) for ``url``, or ``UnsafeAddress``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in PORTS:
        raise UnsafeAddress("not a web address")
    host = parts.hostname or ""
    if not host or parts.username or parts.password:
        raise UnsafeAddress("no host, or a password in the address")
    try:
        port = parts.port or PORTS[scheme]
    except ValueError as error:
        raise UnsafeAddress("a bad port") from error
    if port != PORTS[scheme]:
        raise UnsafeAddress("an unusual port")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnsafeAddress("the name does not resolve") from error
    addresses = [info[4][0] for info in found]
    if not addresses or not all(_allowed_ip(address) for address in addresses):
        raise UnsafeAddress("a private or reserved address")
    return scheme, host, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _status(url: str, method: str, *, host: str, port: int, address: str) -> tuple[int, str]:
    """(status, Location) of one request to ``address``, an address ``public_address`` allowed."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPS if parts.scheme.lower() == "https" else _PinnedHTTP
    connection = kind(host, port, address=address, timeout=TIMEOUT)
    try:
        connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def http_fetch(url: str) -> Answer:
    """Whether ``url`` answers (a final status below 400), following redirects safely."""
    try:
        for _ in range(MAX_REDIRECTS + 1):
            _scheme, host, port, address = public_address(url)  # every hop is checked
            status, location = _status(url, "HEAD", host=host, port=port, address=address)
            if status in (405, 501):  # servers that refuse HEAD
                status, location = _status(url, "GET", host=host, port=port, address=address)
            if 300 <= status < 400 and location:
                url = urljoin(url, location)
                continue
            return Answer(status < 400, status, "" if status < 400 else f"HTTP {status}")
        return Answer(False, None, "too many redirects")
    except UnsafeAddress as refusal:
        return Answer(False, None, f"refused: {refusal}")
    except (OSError, http.client.HTTPException) as error:
        return Answer(False, None, f"no answer: {type(error).__name__}")


fetch = http_fetch  # the tests put a fake fetch here
