import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Embed(models.Model):
    """What the server learnt about an address embedded in a body (oEmbed): the cache of
    ``embeds.services.embed_resolve``. The public page draws its placeholder from this row alone;
    the thumbnail is a copy on our own storage, so a reader's browser asks the third party nothing
    until the reader clicks."""

    url = models.URLField(_("address"), max_length=500, unique=True)
    provider = models.CharField(_("provider"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, default="rich")
    title = models.CharField(_("title"), max_length=300, blank=True)
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    thumbnail = models.FileField(_("thumbnail"), max_length=255, blank=True, editable=False)
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    player_url = models.URLField(_("player"), max_length=500, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    fetched_at = models.DateTimeField(_("fetched"), auto_now=True)

    class Meta:
        ordering = ["-fetched_at"]
        verbose_name = _("embed")
        verbose_name_plural = _("embeds")

    def __str__(self):
        return self.title or self.url


def new_note_key() -> str:
    return secrets.token_hex(8)


class EditorNote(models.Model):
    """A note an editor attaches to a passage of a body. The body holds only the passage's anchor
    (``<span data-note="KEY">``); the note's words live here, so they never reach the body's column,
    and so never a public page, a feed, the search index or a preview for readers."""

    key = models.CharField(max_length=16, unique=True, default=new_note_key, editable=False)
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("editor's note")
        verbose_name_plural = _("editor's notes")

    def __str__(self):
        return self.text[:60]
