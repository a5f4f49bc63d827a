"""The inbox: how the desk, the translation tracking and every part added later tell a member of
staff that something waits for them.

``inbox_notify`` is the one way: an item in each recipient's inbox (shown in the admin, with the
unread count in every page's header) and, for those who keep e-mail on (``Preference``, yes by
default), an e-mail sent by a background task once the change commits. The person who caused it is
never told. Callers write the title and text in the recipient's language (``recipient_language``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from accounts import preferences
from inbox.models import Item, Preference
from jobs import services as jobs
from jobs.tasks import mail_send

# Kinds of items (what they are about); new parts add their own.
RETURNED = "returned"
SUBMITTED = "submitted"
PUBLISHED = "published"
WITHDRAWN = "withdrawn"
TRANSLATION_ASSIGNED = "translation_assigned"
TRANSLATION_REQUESTED = "translation_requested"
TRANSLATION_CANCELLED = "translation_cancelled"
SOURCE_CHANGED = "source_changed"


def recipient_language(user) -> str:
    """The language a message to ``user`` is written in: the admin language they chose ("My
    account", ``accounts.preferences``), else the language of the request that caused it, else the
    site's."""
    if user is None:  # nobody in particular (a request without a translator yet)
        return translation.get_language() or settings.LANGUAGE_CODE
    return recipient_languages([user])[user.pk]


def recipient_languages(users) -> dict[int, str]:
    """``recipient_language`` of each of ``users``, by user id (one query)."""
    chosen = preferences.admin_languages(users)
    fallback = translation.get_language() or settings.LANGUAGE_CODE
    return {user.pk: chosen.get(user.pk) or fallback for user in users}


def _wants_email(users: list) -> set[int]:
    refused = set(Preference.objects.filter(user__in=users, email=False).values_list("user_id", flat=True))
    return {user.pk for user in users if user.email and user.pk not in refused}


@transaction.atomic
def inbox_notify(*, recipients: Iterable, kind: str, title: str, body: str = "", url: str = "", actor=None) -> int:
    """Put an item in each recipient's inbox (not the actor's), and e-mail those who want it; how
    many people were told."""
    users = [user for user in dict.fromkeys(recipients) if user is not None and user.is_active
             and (actor is None or user.pk != getattr(actor, "pk", None))]
    if not users:
        return 0
    Item.objects.bulk_create(
        Item(recipient=user, kind=kind, title=title[:300], body=body, url=url[:500], actor=actor if getattr(actor, "pk", None) else None)
        for user in users
    )
    addresses = [user.email for user in users if user.pk in _wants_email(users)]
    if addresses:
        link = f"{settings.SITE_URL}{url}" if url.startswith("/") else url
        jobs.enqueue(mail_send, subject=title, body="\n".join(part for part in (body, link) if part), addresses=addresses)
    return len(users)


def inbox_unread_count(user) -> int:
    return Item.objects.filter(recipient=user, read_at__isnull=True).count()


@transaction.atomic
def inbox_mark_read(*, user, item_ids: Iterable[int] | None = None) -> int:
    """Mark the user's items read (all of them when ``item_ids`` is None); how many changed."""
    items = Item.objects.filter(recipient=user, read_at__isnull=True)
    if item_ids is not None:
        items = items.filter(pk__in=list(item_ids))
    return items.update(read_at=timezone.now())


@transaction.atomic
def inbox_set_email(*, user, email: bool) -> Preference:
    preference, _ = Preference.objects.update_or_create(user=user, defaults={"email": email})
    return preference
