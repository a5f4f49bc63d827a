"""Who else has a story open (docs/DRAFTS.md, "Presence").

Each open page calls ``presence_beat`` every few seconds (``presence.js``), saying whether its form
has unsaved changes, and gets back the others who have the story open. An editor may take the
story over from someone (``presence_take_over``): that person is told in their inbox and their page
says so at its next beat, keeping their typing as a draft but no longer saving over the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy as _

from articles.admin import article_admin_url
from articles.models import Article
from desk import workflow
from inbox.services import inbox_notify, recipient_language
from newsroom.languages import isolate
from newsroom.text import strip_bidi_controls
from presence.models import Presence

BEAT_SECONDS = 5  # how often a page says it is still open
FRESH = timedelta(seconds=20)  # a page silent for longer has been closed
NOTE_MAX = 1000
TAKEN_OVER = "taken_over"  # the inbox item's kind

ONLY_EDITORS = _("Only editors may take a story over.")
NOT_THERE = _("That person no longer has the story open.")
NOT_YOURSELF = _("You cannot take a story over from yourself.")
NOTE_REQUIRED = _("Write a note to the person you take the story over from.")
NOTE_TOO_LONG = _("The note is too long (at most %(limit)s characters).")
SAVE_REFUSED = _(
    "Not saved: %(editor)s took this story over from you and still has it open. What you typed is kept as "
    "your draft; ask them, or wait until they close the story."
)


@dataclass(frozen=True)
class Other:
    """Someone else with the story open, as a page shows them."""

    user_id: int
    name: str
    editing: bool
    unsaved: bool
    taken_over: bool


@dataclass(frozen=True)
class Beat:
    others: list[Other]
    taken_over_by: str  # who took the story over from the person beating ("" when nobody did)
    taken_over_at: datetime | None
    takeover_note: str


def staff_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _fresh(now: datetime):
    return Presence.objects.filter(seen_at__gte=now - FRESH)


@transaction.atomic
def presence_beat(*, article: Article, user, editing: bool, unsaved: bool, now: datetime | None = None) -> Beat:
    """Record that ``user`` has ``article`` open (``editing``: their form can save; ``unsaved``: it
    holds changes not saved yet) and return who else has it open. Three queries, however many."""
    now = now or timezone.now()
    mine, _created = Presence.objects.select_related("taken_over_by").get_or_create(
        article=article, user=user, defaults={"seen_at": now, "editing": editing, "unsaved": unsaved},
    )
    update = {"seen_at": now, "editing": editing, "unsaved": unsaved}
    taker = mine.taken_over_by
    others = list(_fresh(now).filter(article=article).exclude(user=user).select_related("user").order_by("user_id"))
    if taker is not None and not any(o.user_id == taker.pk for o in others):
        # The editor who took the story over has closed it: the page may save again.
        taker = None
        update.update(taken_over_by=None, taken_over_at=None, takeover_note="")
    Presence.objects.filter(pk=mine.pk).update(**update)
    return Beat(
        others=[Other(user_id=o.user_id, name=staff_name(o.user), editing=o.editing, unsaved=o.unsaved,
                      taken_over=o.taken_over_by_id is not None) for o in others],
        taken_over_by=staff_name(taker) if taker else "",
        taken_over_at=mine.taken_over_at if taker else None,
        takeover_note=mine.takeover_note if taker else "",
    )


def presence_taken_over_by(*, article: Article, user, now: datetime | None = None):
    """The editor who took ``article`` over from ``user`` and still has it open, else None."""
    now = now or timezone.now()
    mine = Presence.objects.filter(article=article, user=user, taken_over_by__isnull=False).first()
    if mine is None:
        return None
    if not _fresh(now).filter(article=article, user_id=mine.taken_over_by_id).exists():
        return None
    return mine.taken_over_by


def presence_leave(*, article: Article, user, now: datetime | None = None) -> None:
    """``user`` closed the story's page (or is reloading it): nobody sees them any more, but a
    takeover of their page holds when they come back while the editor still has it open."""
    now = now or timezone.now()
    Presence.objects.filter(article=article, user=user).update(seen_at=now - FRESH - timedelta(seconds=1), unsaved=False)


@transaction.atomic
def presence_take_over(*, article: Article, editor, user_id: int, note: str, now: datetime | None = None) -> Presence:
    """``editor`` takes ``article`` over from the person ``user_id``, with ``note`` to them."""
    now = now or timezone.now()
    if not workflow.is_editor(editor):
        raise ValidationError(ONLY_EDITORS, code="only_editors")
    if user_id == editor.pk:
        raise ValidationError(NOT_YOURSELF, code="not_yourself")
    note = strip_bidi_controls(note or "").strip()
    if not note:
        raise ValidationError(NOTE_REQUIRED, code="note_required")
    if len(note) > NOTE_MAX:
        raise ValidationError(NOTE_TOO_LONG, code="note_too_long", params={"limit": NOTE_MAX})
    theirs = _fresh(now).select_for_update().select_related("user").filter(article=article, user_id=user_id).first()
    if theirs is None:
        raise ValidationError(NOT_THERE, code="not_there")
    theirs.taken_over_by, theirs.taken_over_at, theirs.takeover_note = editor, now, note
    theirs.save(update_fields=["taken_over_by", "taken_over_at", "takeover_note"])
    # The editor is now the one with the story open: make sure the others see them at once.
    Presence.objects.update_or_create(article=article, user=editor, defaults={"seen_at": now, "editing": True})
    with translation.override(recipient_language(theirs.user)):
        title = gettext("%(editor)s took over “%(headline)s”") % {
            "editor": isolate(staff_name(editor)), "headline": isolate(article.headline)}
    inbox_notify(recipients=[theirs.user], kind=TAKEN_OVER, title=title, body=note,
                 url=article_admin_url("change", article.pk), actor=editor)
    return theirs


FORGET_AFTER = timedelta(days=1)


def presence_forget_stale(*, now: datetime | None = None) -> int:
    """Drop the rows of pages closed more than a day ago (a takeover ends with the editor's page);
    how many."""
    now = now or timezone.now()
    deleted, _by_model = Presence.objects.filter(seen_at__lt=now - FORGET_AFTER).delete()
    return deleted
