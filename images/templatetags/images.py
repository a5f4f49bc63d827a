"""``{% load images %}``: responsive pictures from the image library.

``{% picture image sizes="…" crop="wide" loading="eager" css_class="…" %}`` renders a ``<picture>``
with a WebP ``srcset`` and a JPEG fallback ``srcset``, ``sizes``, and the ``width``/``height`` of the
fallback so the browser reserves the space before the file arrives (no layout shift). Pictures are
``loading="lazy"`` unless told otherwise; the one above the fold (an article's lead image) passes
``loading="eager"`` and gets ``fetchpriority="high"``. Only stored renditions are read: a page view
never resizes anything.
"""

from django import template
from django.conf import settings
from django.template.loader import render_to_string

from images.body import body_with_images

register = template.Library()

FALLBACK_WIDTH = 1024  # the JPEG an <img> without srcset support gets


@register.simple_tag
def picture(image, sizes="100vw", crop="original", loading="lazy", css_class=""):
    if image is None:
        return ""
    webp = image.renditions_of(crop, "webp")
    jpeg = image.renditions_of(crop, "jpeg")
    if jpeg:
        fallback = max((r for r in jpeg if r.width <= FALLBACK_WIDTH), key=lambda r: r.width, default=jpeg[0])
        src, width, height = fallback.url, fallback.width, fallback.height
    else:  # renditions not made (yet): the cleaned original, still with its dimensions
        src, width, height = image.file.url, image.width, image.height
    return render_to_string(
        "images/picture.html",
        {
            "image": image,
            "webp_srcset": _srcset(webp),
            "jpeg_srcset": _srcset(jpeg),
            "sizes": sizes,
            "src": src,
            "width": width,
            "height": height,
            "loading": "eager" if loading == "eager" else "lazy",
            "css_class": css_class,
        },
    )


def _srcset(found) -> str:
    return ", ".join(f"{r.url} {r.width}w" for r in found)


@register.simple_tag(takes_context=True)
def og_image(context, image):
    """``og:image`` and Twitter card tags for the 1200 × 630 social rendition, in ``<head>``."""
    if image is None:
        return ""
    social = image.renditions_of("social", "jpeg")
    if not social:
        return ""
    url = social[0].url
    request = context.get("request")
    if request is not None:
        url = request.build_absolute_uri(url)
    elif url.startswith("/"):
        url = settings.SITE_URL + url
    return render_to_string("images/og_image.html", {"url": url, "rendition": social[0], "image": image})


@register.filter
def body_images(html):
    """An article body with its ``[image:12]`` paragraphs rendered as library pictures."""
    return body_with_images(html)
