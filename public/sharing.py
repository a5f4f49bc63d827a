"""Share links without trackers (issue 18, item 7): plain links to each service's own share address,
carrying the story's canonical address and headline and nothing else — no third-party script, no
tracking parameter, no counter. ``static/js/share.js`` adds "Copy link", and the browser's own share
sheet (the Web Share API) where there is one."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _

SERVICES = [
    # (key, label, address builder)
    ("whatsapp", _("WhatsApp"), lambda url, title: "https://wa.me/?" + urlencode({"text": f"{title} {url}"}, quote_via=quote)),
    ("telegram", _("Telegram"), lambda url, title: "https://t.me/share/url?" + urlencode({"url": url, "text": title}, quote_via=quote)),
    ("x", _("X"), lambda url, title: "https://x.com/intent/post?" + urlencode({"url": url, "text": title}, quote_via=quote)),
    ("facebook", _("Facebook"), lambda url, title: "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}, quote_via=quote)),
    ("email", _("E-mail"), lambda url, title: "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
]


def share_links(*, url: str, title: str) -> list[dict]:
    """The share links of a page at ``url`` (absolute, canonical) titled ``title``."""
    return [{"key": key, "label": label, "href": build(url, title)} for key, label, build in SERVICES]
