"""Pictures inside an article body.

The body is sanitized HTML (``articles.html``), and no ``<img>`` is allowed in it: a pasted image
could point anywhere and carry anything. A picture from the library is placed instead by a
paragraph holding only its token, ``[image:12]`` (the image library's list shows each image's
token to copy), or the editor's picture button puts ``<figure data-image="12"></figure>``. The token is plain text, so it passes the sanitizer unchanged; when the page is
rendered, each token paragraph becomes a ``<figure>`` drawn by the same ``{% picture %}`` tag as
the lead image (renditions, ``srcset``, ``width``/``height``, ``loading="lazy"``), with its caption
and credit. A token naming no image is dropped. All tokens of a body cost two queries together.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from images.models import Image

# A token paragraph, or the element the editor's picture button inserts (embeds/static/embeds/editor.js),
# ``<figure data-image="12"></figure>``: the one allowed <figure> form (articles.html keeps nothing else).
TOKEN = re.compile(
    r"<p(?:\s[^>]*)?>\s*\[image:\s*(\d+)\s*\]\s*</p>|<figure data-image=\"(\d+)\"></figure>", re.IGNORECASE
)


def image_ids(html: str) -> set[int]:
    """The library pictures a body names, by token or by the editor's figure."""
    return {int(token or element) for token, element in TOKEN.findall(html or "")}


def image_id(match: re.Match) -> int:
    """The picture a ``TOKEN`` match names."""
    return int(match.group(1) or match.group(2))


def token_for(image) -> str:
    return f"[image:{image.pk}]"


def body_with_images(html: str) -> SafeString:
    """``html`` must already be sanitized (an ``Article.body``); the result is marked safe."""
    html = html or ""
    ids = image_ids(html)
    if not ids:
        return mark_safe(html)

    images = Image.objects.with_renditions().in_bulk(ids)

    def figure(match: re.Match) -> str:
        image = images.get(image_id(match))
        if image is None:
            return ""
        return render_to_string("images/figure.html", {"image": image, "loading": "lazy"})

    return mark_safe(TOKEN.sub(figure, html))
