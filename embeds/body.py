"""An article body as readers get it: editor's notes removed, library pictures and embeds drawn.

The body is sanitized HTML (``articles.html``), so its few forms are known exactly:

* ``<span data-note="KEY">passage</span>``: an editor's note's anchor (the only ``<span>`` the
  sanitizer keeps). The tags go, the passage stays; the note's words were never in the body.
* ``<figure data-image="12"></figure>`` (and the older ``[image:12]`` paragraphs): drawn by the
  image library (``images.body``), with renditions, caption and credit.
* ``<figure data-embed="https://…"></figure>``: a privacy-respecting placeholder drawn from the
  ``Embed`` row (title, provider, a thumbnail copied to our own storage) that loads nothing from the
  third party: the reader's click opens the post in a new tab or, for the players in
  ``embeds.providers.PLAYER_ORIGINS``, plays it in the page (``embeds/embeds.js``, named only after
  a playable embed: a page without one runs no script). An address never resolved becomes a plain
  link; one that is not https is dropped.

Each paragraph gets its id ``p-N`` (``articles.html.paragraph_ids``: the numbering a quote on a
person's page links to). All embeds of a body cost one query; the pictures two.
"""

import html as html_module
import re

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.html import paragraph_ids
from embeds.models import Embed
from images.body import body_with_images

NOTE_TAG = re.compile(r"<span(?:\s[^>]*)?>|</span>")
EMPTY_FIGURE = re.compile(r"<figure(?:\s[^>]*)?></figure>")
EMBED = re.compile(r'<figure data-embed="([^"]*)"></figure>')


def strip_notes(html: str) -> str:
    """``html`` without the anchors of editor's notes (the passages themselves stay)."""
    return NOTE_TAG.sub("", html or "")


def body_public(html: str) -> SafeString:
    """``html`` must already be sanitized (an ``Article.body``); the result is marked safe."""
    html = paragraph_ids(strip_notes(html))
    urls = {html_module.unescape(found) for found in EMBED.findall(html)}
    embeds = {embed.url: embed for embed in Embed.objects.filter(url__in=urls)} if urls else {}

    def placeholder(match: re.Match) -> str:
        url = html_module.unescape(match.group(1))
        if not url.startswith("https://"):
            return ""
        return render_to_string("embeds/placeholder.html", {"url": url, "embed": embeds.get(url)})

    if urls:
        html = EMBED.sub(placeholder, html)
    html = body_with_images(html)
    # An element whose value the sanitizer refused goes. The rest is the sanitized body and pieces the
    # template engine rendered (escaped).
    return mark_safe(EMPTY_FIGURE.sub("", html))  # nosec B308, B703: sanitized body and rendered templates
