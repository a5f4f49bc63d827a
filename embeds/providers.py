"""The oEmbed providers the editor knows, and how the public page may play them (no Django models).

Each provider: the addresses it owns (patterns), its oEmbed endpoint, and — for video players that
offer a privacy mode — the player address built from the video's id, which the reader's click loads
(``frame-src`` of the Content-Security-Policy lists exactly these hosts: ``PLAYER_ORIGINS``).
Any other https address goes through oEmbed discovery (the page's
``<link rel="alternate" type="application/json+oembed">``).

Facebook's and Instagram's oEmbed answers need an app token (``OEMBED_META_TOKEN``); without one the
post is still embedded, as a card naming the provider that opens the post in a new tab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote


@dataclass(frozen=True)
class Provider:
    name: str
    patterns: tuple[re.Pattern, ...]
    endpoint: str  # "{url}" is replaced by the quoted address
    needs_token: bool = False
    player: str = ""  # "{id}" is replaced by the first group of the matching pattern
    kind: str = "rich"
    extra: dict = field(default_factory=dict)

    def match(self, url: str) -> re.Match | None:
        return next((found for pattern in self.patterns if (found := pattern.match(url))), None)

    def oembed_url(self, url: str, token: str = "") -> str:  # nosec B107: no token is the default
        address = self.endpoint.replace("{url}", quote(url, safe=""))
        return f"{address}&access_token={quote(token, safe='')}" if self.needs_token else address

    def player_url(self, url: str) -> str:
        found = self.match(url)
        if not self.player or not found or not found.groups():
            return ""
        return self.player.replace("{id}", found.group(1))


def _re(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


PROVIDERS = (
    Provider(
        "YouTube",
        _re(
            r"^https://(?:www\.|m\.)?youtube\.com/watch\?(?:.*&)?v=([\w-]{6,20})",
            r"^https://(?:www\.|m\.)?youtube\.com/(?:shorts|live|embed)/([\w-]{6,20})",
            r"^https://youtu\.be/([\w-]{6,20})",
        ),
        "https://www.youtube.com/oembed?format=json&url={url}",
        player="https://www.youtube-nocookie.com/embed/{id}?autoplay=1",
        kind="video",
    ),
    Provider(
        "Vimeo",
        _re(r"^https://(?:www\.)?vimeo\.com/(?:.*/)?(\d{4,12})(?:[/?#]|$)", r"^https://player\.vimeo\.com/video/(\d{4,12})"),
        "https://vimeo.com/api/oembed.json?url={url}",
        player="https://player.vimeo.com/video/{id}?dnt=1&autoplay=1",
        kind="video",
    ),
    Provider(
        "X",
        _re(r"^https://(?:www\.|mobile\.)?(?:twitter|x)\.com/\w{1,15}/status/(\d+)"),
        "https://publish.twitter.com/oembed?omit_script=true&url={url}",
    ),
    Provider(
        "Facebook",
        _re(r"^https://(?:www\.|m\.)?facebook\.com/.+", r"^https://fb\.watch/.+"),
        "https://graph.facebook.com/v19.0/oembed_post?url={url}",
        needs_token=True,
    ),
    Provider(
        "Instagram",
        _re(r"^https://(?:www\.)?instagram\.com/(?:p|reel|tv)/[\w-]+"),
        "https://graph.facebook.com/v19.0/instagram_oembed?url={url}",
        needs_token=True,
    ),
    Provider(
        "SoundCloud",
        _re(r"^https://(?:www\.|m\.)?soundcloud\.com/[\w-]+/.+"),
        "https://soundcloud.com/oembed?format=json&url={url}",
        kind="audio",
    ),
)

# The hosts a reader's click may load into the page (the players above); the CSP's frame-src.
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")


def provider_for(url: str) -> Provider | None:
    return next((provider for provider in PROVIDERS if provider.match(url)), None)
