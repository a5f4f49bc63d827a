"""The wire's rules: subscribers and their keys, what a subscriber may see, the request log, and the
versions a story's life sends out (recorded by the receivers of the desk's hooks, ``WireConfig``)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom import languages
from newsroom.text import strip_bidi_controls
from wire import ninjs, webhooks
from wire.models import ApiKey, ItemVersion, RequestDay, Subscriber

KEY_PREFIX = "nrw_"
NAME_REQUIRED = _("A subscriber needs a name.")
NAME_TAKEN = _("There is already a subscriber called “%(name)s”.")
LANGUAGES_REQUIRED = _("Choose at least one language.")
UNKNOWN_LANGUAGE = _("“%(code)s” is not a language of this newsroom.")
UNKNOWN_SECTION = _("“%(section)s” is not a section (kind of story) of this newsroom.")


# --- subscribers and keys ---------------------------------------------------------------------------


def _check_lists(language_codes: list[str], sections: list[str]) -> None:
    if not language_codes:
        raise ValidationError(LANGUAGES_REQUIRED, code="languages_required")
    for code in language_codes:
        if code not in languages.codes():
            raise ValidationError(UNKNOWN_LANGUAGE, code="unknown_language", params={"code": code})
    for section in sections:
        if section not in Article.Kind.values:
            raise ValidationError(UNKNOWN_SECTION, code="unknown_section", params={"section": section})


@transaction.atomic
def subscriber_create(
    *, name: str, language_codes: list[str], sections: list[str] | None = None, embargo: bool = False,
    webhook_url: str = "", user=None,
) -> tuple[Subscriber, str]:
    """A new subscriber and its first API key; returns (subscriber, the key, shown this once)."""
    name = strip_bidi_controls(name or "").strip()
    if not name:
        raise ValidationError(NAME_REQUIRED, code="name_required")
    sections = list(sections or [])
    _check_lists(language_codes, sections)
    if Subscriber.objects.filter(name=name).exists():
        raise ValidationError(NAME_TAKEN, code="name_taken", params={"name": name})
    subscriber = Subscriber(name=name, languages=list(dict.fromkeys(language_codes)), sections=sections,
                            embargo=embargo, webhook_url=webhook_url)
    if webhook_url:
        subscriber.webhook_secret = secrets.token_hex(32)
    subscriber.full_clean()
    subscriber.save()
    _, key = key_create(subscriber=subscriber, user=user)
    return subscriber, key


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def key_create(*, subscriber: Subscriber, label: str = "", user=None, per_minute: int = 60) -> tuple[ApiKey, str]:
    """A new key for ``subscriber`` (several may be active, for rotation); the key is returned once,
    and only its hash is kept."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key = ApiKey.objects.create(subscriber=subscriber, label=strip_bidi_controls(label), prefix=key[:10],
                                    key_hash=key_hash(key), created_by=user, per_minute=per_minute)
    return api_key, key


def key_revoke(*, api_key: ApiKey) -> None:
    """The key stops working at once (its next request gets 401)."""
    ApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    api_key.refresh_from_db(fields=["revoked_at"])


def key_authenticate(key: str) -> ApiKey | None:
    """The active key (with its subscriber) that ``key`` is, or None. One query."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    found = ApiKey.objects.select_related("subscriber").filter(key_hash=key_hash(key)).first()
    if found is None or not found.is_active or not found.subscriber.active:
        return None
    return found


@dataclass(frozen=True)
class Allowance:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int


def key_rate_check(api_key: ApiKey, *, now: datetime | None = None) -> Allowance:
    """Count one request against the key's per-minute limit (a fixed window per minute, kept in the
    cache: Redis in production, shared by every worker); no database query."""
    now = now or timezone.now()
    window = int(now.timestamp()) // 60
    name = f"wire:rate:{api_key.pk}:{window}"
    cache.add(name, 0, timeout=70)
    try:
        used = cache.incr(name)
    except ValueError:  # evicted between add and incr
        cache.set(name, 1, timeout=70)
        used = 1
    limit = api_key.per_minute
    return Allowance(used <= limit, limit, max(0, limit - used), 60 - int(now.timestamp()) % 60)


LAST_USED_EVERY = timedelta(minutes=5)


def key_mark_used(api_key: ApiKey, *, now: datetime | None = None) -> None:
    """Note when a key was last used (at most every five minutes: no write on every request)."""
    now = now or timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at >= LAST_USED_EVERY:
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        api_key.last_used_at = now


def request_log(*, subscriber: Subscriber, now: datetime | None = None) -> None:
    """Count one API request of ``subscriber`` on today's row (billing)."""
    day = timezone.localdate(now or timezone.now())
    if RequestDay.objects.filter(subscriber=subscriber, day=day).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            RequestDay.objects.create(subscriber=subscriber, day=day, count=1)
    except IntegrityError:  # another request made today's row first
        RequestDay.objects.filter(subscriber=subscriber, day=day).update(count=F("count") + 1)


# --- what a subscriber sees ----------------------------------------------------------------------


def visible_articles(subscriber: Subscriber, *, now: datetime | None = None):
    """The language versions ``subscriber`` may read: released ones (published, or withdrawn after
    release, shown as withheld) in its languages and sections; with embargo rights, scheduled ones
    too. Every address of the API starts here, so embargoed copy cannot leak through a filter."""
    now = now or timezone.now()
    released = Q(status=Article.Status.PUBLISHED, published_at__lte=now) | Q(status=Article.Status.WITHDRAWN)
    if subscriber.embargo:
        released |= Q(status__in=[Article.Status.SCHEDULED, Article.Status.PUBLISHED])
    articles = Article.objects.filter(released, language__in=subscriber.languages)
    if subscriber.sections:
        articles = articles.filter(kind__in=subscriber.sections)
    return articles


# --- versions on the wire --------------------------------------------------------------------------

EVENT_OF_TRANSITION = {
    Article.Status.PUBLISHED: ItemVersion.Event.PUBLISH,
    Article.Status.SCHEDULED: ItemVersion.Event.EMBARGO,
    Article.Status.WITHDRAWN: ItemVersion.Event.WITHDRAWAL,
}


def version_record(*, article: Article, event: str) -> ItemVersion:
    """Keep the ninjs document of ``article`` as it stands as its next wire version, and push it to
    the subscribers who receive it (in the caller's transaction, which holds the article's row: kept
    and enqueued with the change, or not at all). Wire versions count 1, 2, 3… per language version;
    a story public before the wire existed starts at 2 (its first one was read through the API)."""
    newest = ItemVersion.objects.filter(article=article).order_by("-version").values_list("version", flat=True).first()
    if newest is None:
        newest = 0 if event in (ItemVersion.Event.PUBLISH, ItemVersion.Event.EMBARGO) else 1
    number = newest + 1
    document = ninjs.document(article, version=number)
    version = ItemVersion.objects.create(article=article, version=number, event=event, document=document)
    webhooks.deliveries_create(item=version, article=article)
    return version


def on_transition(sender, *, article, from_status, to_status, **kwargs) -> None:
    """Receiver of ``article_transitioned``: publication, embargoed copy, withdrawal, and a
    scheduled story taken back before its release (cancelled for those who had it)."""
    event = EVENT_OF_TRANSITION.get(to_status)
    if from_status == Article.Status.SCHEDULED and to_status != Article.Status.PUBLISHED:
        event = ItemVersion.Event.CANCEL
    if event is None:
        return
    if event == ItemVersion.Event.PUBLISH and from_status == Article.Status.WITHDRAWN:
        event = ItemVersion.Event.UPDATE  # republished
    version_record(article=article, event=event)


def on_save(sender, *, article, revision, correction_added=False, **kwargs) -> None:
    """Receiver of ``article_saved``: a change to a story subscribers have (or have under embargo)
    goes out as a new version; a correction carries its note in ``ednote``."""
    if article.status not in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
        return
    if revision is None and not correction_added:
        return
    event = ItemVersion.Event.CORRECTION if correction_added else ItemVersion.Event.UPDATE
    if article.status == Article.Status.SCHEDULED:
        event = ItemVersion.Event.EMBARGO
    version_record(article=article, event=event)


def webhook_secret_renew(*, subscriber: Subscriber) -> str:
    """A new signing secret for the subscriber's webhooks (the old one stops signing at once)."""
    subscriber.webhook_secret = secrets.token_hex(32)
    subscriber.save(update_fields=["webhook_secret"])
    return subscriber.webhook_secret
