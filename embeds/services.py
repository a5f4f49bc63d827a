"""The editor's services: resolving an embedded address (oEmbed), editor's notes.

``embed_resolve`` is the cache: an address already resolved is answered from its ``Embed`` row with
no fetch. A new one is looked up in the provider table (``embeds.providers``) or by oEmbed discovery,
through ``embeds.fetch.http_get`` (https only, public addresses only, timeouts, size limits). Its
thumbnail is fetched once, judged by the image library's safety rule (``images.safety``: no SVG, no
bomb, metadata stripped), shrunk and stored on our own storage.
"""

from __future__ import annotations

import json
import uuid
from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from embeds import fetch, providers
from embeds.models import EditorNote, Embed
from images import renditions
from images.safety import image_prepare
from newsroom.text import strip_bidi_controls

NOT_EMBEDDABLE = _("Nothing to embed was found at this address. Paste the address of a video or a post.")
NOTE_EMPTY = _("Write the note.")
NOTE_UNKNOWN = _("This note no longer exists.")
THUMBNAIL_WIDTH = 640


class _OEmbedLink(HTMLParser):
    """Finds ``<link rel="alternate" type="application/json+oembed" href="…">`` in a page's head."""

    def __init__(self):
        super().__init__()
        self.href = ""

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if (
            tag == "link"
            and not self.href
            and "alternate" in (values.get("rel") or "").lower().split()
            and (values.get("type") or "").lower() == "application/json+oembed"
        ):
            self.href = values.get("href") or ""


def _discover(url: str) -> str:
    page = fetch.http_get(url, accept="text/html")
    if page.status != 200 or "html" not in page.content_type:
        return ""
    finder = _OEmbedLink()
    finder.feed(page.body[:512 * 1024].decode("utf-8", "replace"))
    return finder.href if finder.href.startswith("https://") else ""  # http_get checks it again


def _oembed(endpoint: str) -> dict:
    answer = fetch.http_get(endpoint, accept="application/json")
    if answer.status != 200:
        return {}
    try:
        data = json.loads(answer.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _text(value, limit: int) -> str:
    return strip_bidi_controls(str(value or "")).strip()[:limit] if isinstance(value, str | int) else ""


def _thumbnail(url: str) -> tuple[bytes, int, int] | None:
    """The thumbnail as our own JPEG, at most ``THUMBNAIL_WIDTH`` wide, or None."""
    try:
        answer = fetch.http_get(url, accept="image/*")
        if answer.status != 200:
            return None
        prepared = image_prepare(upload=ContentFile(answer.body, name="thumbnail"))
    except (fetch.FetchError, ValidationError):
        return None
    picture = prepared.picture
    if picture.width > THUMBNAIL_WIDTH:
        height = max(1, round(picture.height * THUMBNAIL_WIDTH / picture.width))
        picture = picture.resize((THUMBNAIL_WIDTH, height), PILImage.Resampling.LANCZOS)
    return renditions.encode(picture, "jpeg"), picture.width, picture.height


def embed_resolve(*, url: str, user=None) -> Embed:
    """The ``Embed`` for ``url``, from the cache or fetched now. Raises ``ValidationError`` with a
    sentence for the editor when the address is refused or nothing can be embedded."""
    url = strip_bidi_controls(url or "").strip()
    try:
        fetch.check_url(url)
    except fetch.FetchError as error:
        raise ValidationError(error.message) from error
    cached = Embed.objects.filter(url=url).first()
    if cached is not None:
        return cached

    provider = providers.provider_for(url)
    token = getattr(settings, "OEMBED_META_TOKEN", "")
    data: dict = {}
    try:
        if provider is not None:
            if not provider.needs_token or token:
                data = _oembed(provider.oembed_url(url, token))
        else:
            endpoint = _discover(url)
            data = _oembed(endpoint) if endpoint else {}
    except fetch.FetchError as error:
        raise ValidationError(error.message) from error
    if provider is None and not data:
        raise ValidationError(NOT_EMBEDDABLE)

    thumbnail = None
    thumbnail_url = data.get("thumbnail_url")
    if isinstance(thumbnail_url, str) and thumbnail_url.startswith("https://"):
        thumbnail = _thumbnail(thumbnail_url)

    embed = Embed(
        url=url,
        provider=provider.name if provider else _text(data.get("provider_name"), 100),
        kind=provider.kind if provider else ("video" if data.get("type") == "video" else "rich"),
        title=_text(data.get("title"), 300),
        author_name=_text(data.get("author_name"), 200),
        player_url=provider.player_url(url) if provider else "",
        created_by=user,
    )
    storage = embed.thumbnail.storage
    written = ""
    try:
        with transaction.atomic():
            if thumbnail is not None:
                content, embed.thumbnail_width, embed.thumbnail_height = thumbnail
                written = storage.save(f"embeds/{uuid.uuid4().hex[:16]}.jpg", ContentFile(content))
                embed.thumbnail.name = written
            embed.full_clean()
            embed.save()
    except IntegrityError:
        # Someone resolved the same address meanwhile: theirs is the cached one.
        if written:
            storage.delete(written)
        return Embed.objects.get(url=url)
    except BaseException:
        if written:
            storage.delete(written)
        raise
    return embed


def note_save(*, text: str, user, key: str = "") -> EditorNote:
    """Write a new note (no ``key``) or change one; returns it."""
    text = strip_bidi_controls(text or "").strip()
    if not text:
        raise ValidationError(NOTE_EMPTY)
    with transaction.atomic():
        if not key:
            return EditorNote.objects.create(text=text, author=user)
        note = EditorNote.objects.select_for_update().filter(key=key).first()
        if note is None:
            raise ValidationError(NOTE_UNKNOWN)
        note.text = text
        note.save(update_fields=["text", "updated_at"])
        return note
