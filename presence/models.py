"""Who has a story's page open, and whether an editor took the story over from them.

A row per person and story, refreshed by their page every few seconds (``presence.services``); a
row not refreshed for ``services.FRESH`` is somebody who left.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Presence(models.Model):
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="presences", verbose_name=_("article")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="presences", verbose_name=_("user")
    )
    seen_at = models.DateTimeField(_("last seen"), default=timezone.now)
    editing = models.BooleanField(_("may edit"), default=False)
    unsaved = models.BooleanField(_("has unsaved changes"), default=False)
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("taken over by"),
    )
    taken_over_at = models.DateTimeField(_("taken over at"), null=True, blank=True)
    takeover_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("story open")
        verbose_name_plural = _("stories open")
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="presence_one_per_person_and_story")]
        indexes = [models.Index(fields=["article", "seen_at"], name="presence_article_seen")]

    def __str__(self):
        return f"{self.article_id}/{self.user_id}"
