"""Live coverage: a live story's settings, its entries, their corrections, and the log of who did what.

A live story is an ``articles.Article`` of kind ``live``; its coverage times are the article's
(``coverage_started_at``/``coverage_ended_at``: the public lists read them), its summary of key
points is the article's body, saved like any story's. Everything here is written by
``live.services`` only (docs/LIVE.md).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.fields import SanitizedHTMLField
from articles.models import Article


class LiveCoverage(models.Model):
    """A live story's desk settings: may its reporters post without approval, and the counter that
    numbers its published entries (what readers' pages ask "newer than")."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="live_coverage", verbose_name=_("live story")
    )
    reporters_post_directly = models.BooleanField(
        _("reporters post directly"),
        default=False,
        help_text=_("Reporters' entries are published at once; otherwise they wait for an editor's approval."),
    )
    last_sequence = models.PositiveBigIntegerField(_("last entry number"), default=0, editable=False)

    class Meta:
        verbose_name = _("live story")
        verbose_name_plural = _("live stories")

    def __str__(self):
        return str(self.article)


class EntryQuerySet(models.QuerySet):
    def published(self):
        """What readers see of a live story: its published entries (never pending or withdrawn ones).
        The story page, the entry pages, the polling endpoint and the structured data start here."""
        return self.filter(state=LiveEntry.State.PUBLISHED)

    def for_readers(self, article):
        return self.published().filter(article=article).order_by("-pinned", "-posted_at", "-sequence")


class LiveEntry(models.Model):
    """One timestamped entry of a live story, in one language version of it.

    ``entry_key`` is shared by an entry and its translations into the story's other language
    versions (one per language version: ``one_entry_per_version``); a translation records the
    fingerprint of its source entry's text it was made from (``source_text_key``), and is outdated
    when the source's text changes (``live.translation``).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        DRAFT = "draft", _("Draft translation")
        PUBLISHED = "published", pgettext_lazy("live entry state", "Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_entries", verbose_name=_("live story"))
    entry_key = models.UUIDField(_("entry key"), default=uuid.uuid4, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    body = SanitizedHTMLField(_("text"))
    key_event = models.BooleanField(_("key event"), default=False)
    pinned = models.BooleanField(_("pinned"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="live_entries",
        verbose_name=_("author"),
    )
    sequence = models.PositiveBigIntegerField(_("number"), null=True, blank=True, editable=False)
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True, help_text=_("The time readers see."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    text_key = models.CharField(_("text fingerprint"), max_length=64, blank=True, editable=False)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="translations",
        verbose_name=_("translation of"),
    )
    source_text_key = models.CharField(
        _("source fingerprint"), max_length=64, blank=True, editable=False,
        help_text=_("The fingerprint of the source entry's text this translation was made from."),
    )
    broken_out_to = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="broken_out_from",
        verbose_name=_("broken out into"),
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-posted_at", "-created_at", "-id"]
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        permissions = [("approve_liveentry", "Can approve reporters' live entries and run live stories")]
        constraints = [
            models.UniqueConstraint(fields=["article", "entry_key"], name="one_entry_per_version"),
            models.UniqueConstraint(
                fields=["article", "sequence"], condition=Q(sequence__isnull=False), name="one_entry_number_per_story"
            ),
        ]
        indexes = [
            models.Index(fields=["article", "state", "-sequence"], name="live_entry_story"),
            models.Index(fields=["state", "-created_at"], name="live_entry_queue"),
        ]

    def __str__(self):
        return self.headline or gettext("Entry of %(time)s") % {"time": f"{self.posted_at or self.created_at:%H:%M}"}

    @property
    def anchor(self) -> str:
        return f"entry-{self.entry_key}"

    def get_absolute_url(self):
        with translation.override(self.article.language):
            return reverse("live-entry", kwargs={"pk": self.article_id, "key": self.entry_key})


class EntryCorrection(models.Model):
    """A public note under one entry: what it got wrong, or an update."""

    entry = models.ForeignKey(LiveEntry, on_delete=models.CASCADE, related_name="corrections", verbose_name=_("entry"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("written by")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("entry correction")
        verbose_name_plural = _("entry corrections")

    def __str__(self):
        return self.text[:60]


class LiveEvent(models.Model):
    """The log of a live story: opened, closed, reopened; each entry posted, submitted, approved,
    edited, corrected, withdrawn, translated, broken out."""

    class Action(models.TextChoices):
        OPEN = "open", _("Opened")
        CLOSE = "close", _("Closed")
        REOPEN = "reopen", _("Reopened")
        ALLOW = "allow", _("Reporters' posting changed")
        POST = "post", _("Posted")
        SUBMIT = "submit", _("Submitted for approval")
        APPROVE = "approve", _("Approved")
        EDIT = "edit", _("Edited")
        CORRECT = "correct", _("Corrected")
        WITHDRAW = "withdraw", _("Withdrawn")
        TRANSLATE = "translate", _("Translated")
        BREAK_OUT = "break_out", _("Broken out into a story")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_events", verbose_name=_("live story"))
    entry = models.ForeignKey(
        LiveEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="events", verbose_name=_("entry")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("live log entry")
        verbose_name_plural = _("live log")

    def __str__(self):
        return f"{self.article}: {self.get_action_display()}"
