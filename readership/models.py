"""Readings of public stories, counted without cookies (docs/READERSHIP.md).

``Hit``: one reader's reading of a story in one hour, written by the beacon (``readership.views``)
and kept only until its hour is tallied (about two hours). ``Tally``: the readings of a story in one
hour, kept eight days. ``MostRead``: the stories read most in an edition (or a section of it) over
the last 24 hours or 7 days, as the last tally left them; the public site shows these lists and
watches them (``public.invalidation``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Hit(models.Model):
    """A reading, as the beacon saw it. ``reader`` is a hash of the address and browser with a salt
    that changes every day (``readership.services.reader_hash``): it only tells two readings of the
    same story in the same hour apart, and is deleted with the row."""

    article_pk = models.PositiveIntegerField(_("article"))  # not a foreign key: one plain insert
    hour = models.DateTimeField(_("hour"))
    reader = models.CharField(_("reader"), max_length=16)

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            models.UniqueConstraint(fields=["article_pk", "hour", "reader"], name="one_reading_per_reader_and_hour"),
        ]
        indexes = [models.Index(fields=["hour"], name="readership_hit_hour")]


class Tally(models.Model):
    """The readers of a story in one hour (written by ``readership.services.tally_hits``)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("article"))
    hour = models.DateTimeField(_("hour"))
    reads = models.PositiveIntegerField(_("readings"), default=0)

    class Meta:
        verbose_name = _("readings in an hour")
        verbose_name_plural = _("readings by hour")
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="one_tally_per_article_and_hour")]
        indexes = [models.Index(fields=["hour"], name="readership_tally_hour")]


class MostRead(models.Model):
    """The stories read most in an edition, or in one of its sections, over a window."""

    class Window(models.TextChoices):
        DAY = "day", _("Last 24 hours")
        WEEK = "week", _("Last 7 days")

    language = models.CharField(_("edition"), max_length=8)
    section = models.ForeignKey("fronts.Section", on_delete=models.CASCADE, null=True, blank=True,
                                related_name="+", verbose_name=_("section"))
    window = models.CharField(_("window"), max_length=8, choices=Window.choices)
    article_ids = models.JSONField(_("stories"), default=list)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("most read list")
        verbose_name_plural = _("most read lists")
        indexes = [models.Index(fields=["language", "section"], name="readership_mostread_scope")]

    def __str__(self):
        return f"{self.language} {self.section_id or '-'} {self.window}"
