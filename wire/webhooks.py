"""Webhooks: each version of a story pushed to the subscribers who receive it, signed, in order.

* ``deliveries_create`` writes one ``Delivery`` per subscriber in the transaction that made the
  version, and enqueues its background task with it (``jobs.services.enqueue``): no push for a change
  that rolled back, none lost for one that committed.
* ``delivery_attempt`` sends one delivery. Deliveries of one story to one subscriber form a chain, sent
  oldest first: a delivery waits while an older one of its chain is still waiting, so a version never
  overtakes an older one at the receiver, however many workers run (the row is locked while it is sent).
* A refusal (not 2xx), a timeout or an unreachable receiver is tried again after 30 s, 1, 2, 4… minutes
  (at most an hour apart) until ``WIRE_RETRY_HOURS`` (24) after the version was made; then the delivery
  is marked failed and the chain goes on. ``deliveries_retry_due`` runs every minute as the safety net:
  a task lost with a killed worker, or a retry a backend could not schedule, is sent by it.
* Each request is signed like Stripe's and GitHub's webhooks: ``Newsroom-Signature: t=<unix time>,
  v1=<hex HMAC-SHA256 of "<t>.<body>" with the subscriber's secret>`` (docs/SYNDICATION.md shows the
  check). A delivery is sent at least once; ``Newsroom-Delivery`` lets the receiver drop a repeat.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from articles.models import Article
from jobs import services as jobs
from wire.models import Delivery, ItemVersion, Subscriber

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 30
LONGEST_WAIT_SECONDS = 3600
RETRY_SWEEP_EVERY = timedelta(minutes=1)
SWEEP_BATCH = 500
EVENTS_FOR_EMBARGO_ONLY = (ItemVersion.Event.EMBARGO, ItemVersion.Event.CANCEL)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``"<timestamp>.<body>"`` with ``secret``."""
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def signature_verify(*, secret: str, header: str, body: bytes, now: int, tolerance: int = 300) -> bool:
    """The receiver's check (also used for partners pushing to us): the signature matches and its time
    is within ``tolerance`` seconds of ``now`` (a replayed old request is refused)."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), parts.get("v1", ""))


def retry_delay(attempts: int) -> timedelta:
    """The wait after ``attempts`` failed attempts: 30 s, 1, 2, 4… minutes, at most an hour."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_WAIT_SECONDS))


def subscribers_for(*, item: ItemVersion, article: Article):
    """Who gets this version pushed: active subscribers with a webhook address that receive the
    story's language and section; embargoed copy (and its cancellation) only those with embargo rights."""
    found = Subscriber.objects.filter(active=True).exclude(webhook_url="")
    if item.event in EVENTS_FOR_EMBARGO_ONLY:
        found = found.filter(embargo=True)
    return [s for s in found if s.receives(article)]


def deliveries_create(*, item: ItemVersion, article: Article) -> list[Delivery]:
    deliveries = [
        Delivery.objects.create(subscriber=subscriber, item=item, article=article)
        for subscriber in subscribers_for(item=item, article=article)
    ]
    for delivery in deliveries:
        jobs.enqueue(delivery_send, delivery.pk)
    return deliveries


@transaction.atomic
def delivery_replay(*, delivery: Delivery) -> Delivery:
    """Send a delivery's version again (a receiver lost it): a new delivery at the end of its chain."""
    again = Delivery.objects.create(subscriber=delivery.subscriber, item=delivery.item, article=delivery.article)
    jobs.enqueue(delivery_send, again.pk)
    return again


def _post(delivery: Delivery, now: datetime) -> tuple[int | None, str]:
    """POST the version; (HTTP status or None, error text)."""
    subscriber = delivery.subscriber
    body = json.dumps(delivery.item.document, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = int(now.timestamp())
    request = urllib.request.Request(
        subscriber.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"{settings.SITE_NAME} wire",
            "Newsroom-Event": delivery.item.event,
            "Newsroom-Delivery": str(delivery.pk),
            "Newsroom-Signature": signature_header(subscriber.webhook_secret, timestamp, body),
        },
    )
    try:
        if urllib.parse.urlsplit(subscriber.webhook_url).scheme not in ("http", "https"):
            return None, "Not an http(s) address."
        with urllib.request.urlopen(request, timeout=settings.WIRE_WEBHOOK_TIMEOUT) as answer:  # nosec B310 (http(s) only, checked above)
            return answer.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, str(reason)[:500] or type(error).__name__


def _next_in_chain(delivery: Delivery) -> None:
    following = (
        Delivery.objects.filter(subscriber_id=delivery.subscriber_id, article_id=delivery.article_id,
                                state=Delivery.State.PENDING, id__gt=delivery.pk)
        .order_by("id").values_list("pk", flat=True).first()
    )
    if following is not None:
        jobs.enqueue(delivery_send, following)


def delivery_attempt(delivery_id: int, *, now: datetime | None = None) -> str:
    """Try to send one delivery; what happened, in a word."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = Delivery.objects.select_related("subscriber", "item").filter(pk=delivery_id)
        if connection.features.has_select_for_update:
            rows = rows.select_for_update(of=("self",))
        delivery = rows.first()
        if delivery is None or delivery.state != Delivery.State.PENDING:
            return "done"
        older = Delivery.objects.filter(subscriber_id=delivery.subscriber_id, article_id=delivery.article_id,
                                        state=Delivery.State.PENDING, id__lt=delivery.pk)
        if older.exists():
            return "waiting"  # the older one's end enqueues this one
        if delivery.next_attempt_at > now:
            return "not due"
        status, error = _post(delivery, now)
        delivery.attempts += 1
        delivery.last_status, delivery.last_error = status, error
        if status is not None and 200 <= status < 300:
            delivery.state, delivery.delivered_at, delivery.last_error = Delivery.State.DELIVERED, now, ""
        elif now - delivery.created_at >= timedelta(hours=settings.WIRE_RETRY_HOURS):
            delivery.state = Delivery.State.FAILED
            logger.warning("Webhook delivery %s to %s failed for good: %s", delivery.pk, delivery.subscriber, error)
        else:
            delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        delivery.save()
        if delivery.state == Delivery.State.PENDING:
            jobs.enqueue(delivery_send, delivery.pk, run_after=delivery.next_attempt_at)
            return "retry"
        _next_in_chain(delivery)
        return delivery.state


@task()
def delivery_send(delivery_id: int) -> str:
    return delivery_attempt(delivery_id)


def deliveries_due(*, now: datetime | None = None) -> int:
    """Send every waiting delivery whose time has come and that heads its chain; how many were tried."""
    now = now or timezone.now()
    due = (
        Delivery.objects.filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
        .order_by("id").values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    tried = 0
    for delivery_id in list(due):
        if delivery_attempt(delivery_id, now=now) not in ("waiting", "done", "not due"):
            tried += 1
    return tried


@task()
def deliveries_retry_due() -> int:
    return deliveries_due()
