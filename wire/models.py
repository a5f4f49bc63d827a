"""The wire's records: who receives the agency's copy, their keys, what they asked for, what was sent.

Written only by ``wire.services`` (subscribers, keys, the request log, item versions), by
``wire.webhooks`` (deliveries) and by ``wire.ingest`` (incoming partner copy).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class Subscriber(models.Model):
    """A newspaper, broadcaster or site that receives the wire: which languages and sections, whether
    it gets embargoed copy ahead of its release, and where its webhooks go."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    languages = models.JSONField(
        _("languages"), default=list, help_text=_("The language editions it receives.")
    )
    sections = models.JSONField(
        _("sections"),
        default=list,
        blank=True,
        help_text=_("The kinds of story it receives (news, interview…); empty for all of them."),
    )
    embargo = models.BooleanField(
        _("receives embargoed copy"),
        default=False,
        help_text=_("Scheduled stories arrive at once, marked with their embargo time; otherwise at their release."),
    )
    webhook_url = models.URLField(_("webhook address"), blank=True, help_text=_("Where pushed items are sent (POST)."))
    webhook_secret = models.CharField(
        _("webhook signing secret"), max_length=64, blank=True, editable=False,
        help_text=_("Signs each delivery (HMAC-SHA256); shown to the subscriber once, when set."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.name

    def receives(self, article: Article) -> bool:
        """Does this subscriber take this story's language and section?"""
        return article.language in self.languages and (not self.sections or article.kind in self.sections)


class ApiKey(models.Model):
    """One Bearer key of a subscriber. Only its SHA-256 is kept; the key itself is shown once."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="keys", verbose_name=_("subscriber"))
    label = models.CharField(_("label"), max_length=100, blank=True, help_text=_("What it is for, e.g. “production 2027”."))
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    per_minute = models.PositiveIntegerField(_("requests per minute"), default=60)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("created by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["subscriber", "-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.prefix}… ({self.subscriber})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class RequestDay(models.Model):
    """How many API requests a subscriber made on one day (for billing)."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="request_days", verbose_name=_("subscriber")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        ordering = ["-day", "subscriber"]
        verbose_name = _("requests per day")
        verbose_name_plural = _("requests per day")
        constraints = [models.UniqueConstraint(fields=["subscriber", "day"], name="wire_one_count_per_day")]

    def __str__(self):
        return f"{self.subscriber} {self.day}: {self.count}"


class ItemVersion(models.Model):
    """The ninjs document of one version of a language version of a story, as it went out on the wire."""

    class Event(models.TextChoices):
        EMBARGO = "embargo", _("Embargoed copy")
        PUBLISH = "publish", _("Publication")
        UPDATE = "update", _("Update")
        CORRECTION = "correction", _("Correction")
        WITHDRAWAL = "withdrawal", _("Withdrawal")
        CANCEL = "cancel", _("Cancelled before release")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="wire_versions", verbose_name=_("article"))
    version = models.PositiveIntegerField(_("version"))
    event = models.CharField(_("event"), max_length=20, choices=Event.choices)
    document = models.JSONField(_("ninjs document"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["article", "version"]
        verbose_name = _("wire version")
        verbose_name_plural = _("wire versions")
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="wire_one_document_per_version")]

    def __str__(self):
        return f"{self.article} v{self.version} ({self.get_event_display()})"


class Delivery(models.Model):
    """One webhook push of one item version to one subscriber, with its attempts."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscriber")
    )
    item = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("version"))
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_status = models.PositiveIntegerField(_("last answer"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [
            models.Index(fields=["subscriber", "article", "state", "id"], name="wire_delivery_chain"),
            models.Index(fields=["state", "next_attempt_at"], name="wire_delivery_due"),
        ]

    def __str__(self):
        return f"{self.item} → {self.subscriber}"


class Partner(models.Model):
    """A partner agency whose copy we take in: pushed to our signed endpoint, or polled from its feed."""

    class FeedKind(models.TextChoices):
        NINJS = "ninjs", "ninjs (JSON)"
        RSS = "rss", "RSS / Atom"

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=50, unique=True, help_text=_("In its push address."))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en",
                                help_text=_("The language of its copy when an item does not say."))
    push_secret = models.CharField(
        _("push signing secret"), max_length=64, blank=True,
        help_text=_("Signs what it pushes to us (HMAC-SHA256, the same scheme as our webhooks); empty: no pushes."),
    )
    feed_url = models.URLField(_("feed address"), blank=True, help_text=_("Polled every few minutes when given."))
    feed_kind = models.CharField(_("feed format"), max_length=10, choices=FeedKind.choices, default=FeedKind.NINJS)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner agency")
        verbose_name_plural = _("partner agencies")

    def __str__(self):
        return self.name


class Incoming(models.Model):
    """A partner agency's item taken in (ninjs pushed or polled, RSS/Atom), waiting for an editor.

    A malformed document is kept too, with the reason, for inspection; it never becomes a draft."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DRAFTED = "drafted", _("Turned into a draft")
        MALFORMED = "malformed", _("Malformed")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="incoming", verbose_name=_("partner agency"))
    uri = models.CharField(_("item URI"), max_length=500, blank=True)
    version = models.CharField(_("version"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    headline = models.CharField(_("headline"), max_length=300, blank=True)
    standfirst = models.TextField(_("standfirst"), blank=True)
    dateline = models.CharField(_("dateline"), max_length=120, blank=True)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    body = models.TextField(_("body"), blank=True)
    raw = models.TextField(_("as received"))
    error = models.TextField(_("error"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.PROPOSED)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("earlier version"),
        help_text=_("The same item's version taken in before this one."),
    )
    draft = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("draft")
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("incoming item")
        verbose_name_plural = _("incoming items")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "uri", "version"], condition=~models.Q(uri=""), name="wire_incoming_once"
            ),
        ]

    def __str__(self):
        return self.headline or self.uri or str(self.pk)


class StoredDocument(models.Model):
    """The current ninjs document of a language version, as the API serves it (``wire.documents``):
    built once per change, not per request. It is current while the article row's stamp (version,
    status, times, wire version) is the one it was built from, none of the surrogate keys it shows
    (``public.keys``: the story, its people, organizations, tags, pictures, bylines' authors) has
    moved since ``clock``, and ``valid_until`` (an embargo's end) has not passed."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True,
                                   related_name="wire_document", verbose_name=_("article"))
    stamp = models.CharField(_("built from"), max_length=120)
    text = models.TextField(_("ninjs document (JSON)"))
    keys = models.JSONField(_("surrogate keys shown"), default=list)
    clock = models.BigIntegerField(_("key clock when built"))
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    built_at = models.DateTimeField(_("built"), default=timezone.now)

    class Meta:
        verbose_name = _("stored ninjs document")
        verbose_name_plural = _("stored ninjs documents")

    def __str__(self):
        return f"{self.article_id} ({self.stamp})"
