"""The editorial workflow, defined once.

``TRANSITIONS`` is the one table of the moves an article can make between statuses and who may make
each. The admin (its buttons and its edit rights), the ``publish_scheduled`` command and the tests
all read it; nothing else assigns ``Article.status``.

Each move goes through ``article_transition``: one transaction that locks the article's row, refuses
an illegal move with a ``TransitionRefused`` carrying one of the messages below (and changes
nothing), writes a ``StatusChange`` log entry, bumps the article's version and sends
``articles.signals.article_transitioned`` (its receivers: docs/ARCHITECTURE.md, "Hooks").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from articles.bylines import byline_names_user
from articles.models import Article, Byline, StatusChange
from articles.signals import article_transitioned
from newsroom import languages

logger = logging.getLogger(__name__)

Status = Article.Status
EDITOR_PERMISSION = "articles.publish_article"
TRANSLATOR_PERMISSION = "articles.translate_article"


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    RETURN = "return", _("Return to reporter")
    PUBLISH = "publish", _("Publish now")
    SCHEDULE = "schedule", _("Schedule")
    UNSCHEDULE = "unschedule", _("Unschedule")
    WITHDRAW = "withdraw", _("Withdraw")
    REPUBLISH = "republish", _("Republish")
    PUBLISH_DUE = "publish_due", _("Publish when due")


class Who(models.TextChoices):
    AUTHOR_OR_EDITOR = "author_or_editor", _("an author (a byline user), the assigned translator or an editor")
    EDITOR = "editor", _("an editor")
    SCHEDULER = "scheduler", _("the scheduler (publish_scheduled)")


class _Scheduler:
    """The actor of moves nobody clicks: ``publish_scheduled`` publishing what is due."""

    is_active = is_authenticated = is_staff = False

    def __repr__(self):
        return "SCHEDULER"


SCHEDULER = _Scheduler()


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[str]
    target: str
    who: Who
    note: str = ""  # what the note is, when one is required ("a note to the author")
    needs_time: bool = False  # a future publication time (scheduling)
    needs_complete_copy: bool = False  # headline, body and at least one byline
    notify: str = ""  # "editors" or "authors", once the move is committed
    checked_as: str = ""  # "review" or "publication": the step the registered checks look at

    @property
    def label(self) -> str:
        return self.action.label

    @property
    def note_required(self) -> bool:
        return bool(self.note)


# The two moments other apps' checks look at (the checklist: docs/CHECKLIST.md).
REVIEW = "review"
PUBLICATION = "publication"


def _t(action, sources, target, who, **options) -> Transition:
    return Transition(Action(action), frozenset(sources), target, Who(who), **options)


TRANSITIONS: dict[str, Transition] = {
    t.action.value: t
    for t in [
        _t(Action.SUBMIT, {Status.DRAFT}, Status.IN_REVIEW, Who.AUTHOR_OR_EDITOR,
           needs_complete_copy=True, notify="editors", checked_as=REVIEW),
        _t(Action.RETURN, {Status.IN_REVIEW}, Status.DRAFT, Who.EDITOR,
           note=_("a note to the author"), notify="authors"),
        _t(Action.PUBLISH, {Status.DRAFT, Status.IN_REVIEW}, Status.PUBLISHED, Who.EDITOR,
           needs_complete_copy=True, notify="authors", checked_as=PUBLICATION),
        _t(Action.SCHEDULE, {Status.DRAFT, Status.IN_REVIEW}, Status.SCHEDULED, Who.EDITOR,
           needs_time=True, needs_complete_copy=True, checked_as=PUBLICATION),
        _t(Action.UNSCHEDULE, {Status.SCHEDULED}, Status.IN_REVIEW, Who.EDITOR),
        _t(Action.WITHDRAW, {Status.PUBLISHED}, Status.WITHDRAWN, Who.EDITOR,
           note=_("the reason"), notify="authors"),
        _t(Action.REPUBLISH, {Status.WITHDRAWN}, Status.PUBLISHED, Who.EDITOR),
        _t(Action.PUBLISH_DUE, {Status.SCHEDULED}, Status.PUBLISHED, Who.SCHEDULER,
           notify="authors"),
    ]
}

# Fields only this module writes; content saves (the admin form) leave them alone.
WORKFLOW_FIELDS = frozenset({"status", "published_at", "revised_at", "version"})

# Messages of refusals (TransitionRefused.code is the key).
UNKNOWN_ACTION = _("There is no workflow step called “{action}”.")
WRONG_STATUS = _("“{label}” is not possible for an article that is {status}.")
NOT_ALLOWED = _("You may not take the step “{label}” on this article: only {who} may.")
NOTE_REQUIRED = _("“{label}” needs {note}.")
TIME_REQUIRED = _("Scheduling needs a publication time.")
TIME_IN_PAST = _("The publication time must be in the future.")
NOT_DUE = _("This article is not due yet.")
NEEDS_HEADLINE = _("The article needs a headline first.")
NEEDS_BODY = _("The article needs a body first.")
NEEDS_BYLINE = _("The article needs at least one byline first.")
CHECKS_BLOCK = _("The checklist stops “{label}”: {items}.")
WARNINGS_NEED_NOTE = _(
    "The checklist warns: {items}. To go ahead anyway, tick “Go ahead despite the warnings” and say why in the note."
)
OVER_WARNINGS_NOTE = _("Over the checklist's warnings ({items}): {note}")

# Why an article is read-only for someone (shown on its admin page).
READ_ONLY_SUBMITTED = _("Submitted articles are read-only for their authors until an editor returns them.")
READ_ONLY_NOT_YOURS = _(
    "You can edit only articles that carry your byline or translations assigned to you, and only while "
    "they are drafts."
)
READ_ONLY_DONE = _("Scheduled, published and withdrawn articles are edited by editors only.")


class TransitionRefused(ValidationError):
    """An illegal workflow move. Nothing was changed."""


# --- checks other apps add to the steps --------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One failed item of a check: blocking ones refuse the step, warnings need an editor's note."""

    key: str
    label: str
    blocking: bool
    detail: str = ""


# Each check is ``check(article, stage) -> list[Finding]``, ``stage`` being REVIEW or PUBLICATION;
# an app registers its own in its ``AppConfig.ready()`` (the checklist app), so this module imports none.
TRANSITION_CHECKS: dict[str, Callable[[Article, str], list[Finding]]] = {}


def transition_check_register(*, name: str, check: Callable[[Article, str], list[Finding]]) -> None:
    TRANSITION_CHECKS[name] = check


def transition_findings(article: Article, stage: str) -> list[Finding]:
    """What the registered checks find wrong with ``article`` before ``stage``."""
    return [finding for check in TRANSITION_CHECKS.values() for finding in check(article, stage)]


def _listed(findings: list[Finding]) -> str:
    return "; ".join(str(finding.label) for finding in findings)


# --- who may do what ---------------------------------------------------------------------------


def is_editor(user) -> bool:
    return bool(
        user is not None
        and user is not SCHEDULER
        and user.is_active
        and user.is_staff
        and user.has_perm(EDITOR_PERMISSION)
    )


def is_author(user, article: Article) -> bool:
    """A staff user in the article's byline who may change articles at all."""
    if user is None or user is SCHEDULER or not (user.is_active and user.is_staff) or not article.pk:
        return False
    return user.has_perm("articles.change_article") and article.bylines.filter(user=user).exists()


def may_translate(user) -> bool:
    """Who may make translations: editors (for any translator) and translators (for themselves)."""
    if user is None or user is SCHEDULER or not (user.is_active and user.is_staff):
        return False
    return is_editor(user) or (user.has_perm(TRANSLATOR_PERMISSION) and user.has_perm("articles.add_article"))


def is_translator(user, article: Article) -> bool:
    """The translator a translation is assigned to, while they hold the translator permission."""
    if user is None or user is SCHEDULER or not (user.is_active and user.is_staff) or not article.translator_id:
        return False
    return (
        article.translator_id == user.pk
        and user.has_perm(TRANSLATOR_PERMISSION)
        and user.has_perm("articles.change_article")
    )


def may_take(user, transition: Transition, article: Article) -> bool:
    if transition.who == Who.SCHEDULER:
        return user is SCHEDULER
    if transition.who == Who.EDITOR:
        return is_editor(user)
    return is_editor(user) or is_author(user, article) or is_translator(user, article)


def can_edit(user, article: Article) -> bool:
    """Editors edit anything; authors edit their own articles and translators the translations
    assigned to them, and only in draft."""
    if is_editor(user):
        return True
    return article.status == Status.DRAFT and (is_author(user, article) or is_translator(user, article))


def may_confirm_translation(user, article: Article) -> bool:
    """Who may mark a translation up to date with its source: its translator or an editor."""
    return is_editor(user) or is_translator(user, article)


def byline_ensure_author(*, article: Article, user) -> None:
    """Make a new article its non-editor creator's own, so they can go on editing it.

    A byline that spells the creator's full name becomes their staff byline; without one, their
    staff byline is added at the end. Editors edit everything and are left out of the byline.
    """
    if is_editor(user) or is_author(user, article):
        return
    for byline in article.bylines.filter(user__isnull=True):
        if byline_names_user(byline.name, user):
            byline.user, byline.name = user, ""
            byline.full_clean()
            byline.save(update_fields=["user", "name"])
            return
    last = article.bylines.order_by("-position").first()
    Byline.objects.create(article=article, user=user, position=last.position + 1 if last else 0)


def read_only_reason(user, article: Article) -> str:
    if can_edit(user, article):
        return ""
    if article.status == Status.IN_REVIEW and (is_author(user, article) or is_translator(user, article)):
        return READ_ONLY_SUBMITTED
    if article.status in {Status.SCHEDULED, Status.PUBLISHED, Status.WITHDRAWN}:
        return READ_ONLY_DONE
    return READ_ONLY_NOT_YOURS


def available_transitions(user, article: Article) -> list[Transition]:
    """The steps this user may take on this article now: the admin shows these as buttons."""
    return [
        t
        for t in TRANSITIONS.values()
        if article.status in t.sources and t.who != Who.SCHEDULER and may_take(user, t, article)
    ]


# --- the moves ---------------------------------------------------------------------------------


def _refuse(message: str, code: str, **params) -> TransitionRefused:
    return TransitionRefused(message.format(**params), code=code)


def _check(transition: Transition, article: Article, user, note: str, publish_at, now, over_warnings: bool) -> str:
    """Refuse an illegal move; the note to keep with it (an override of warnings names them)."""
    if article.status not in transition.sources:
        raise _refuse(WRONG_STATUS, "wrong_status", label=transition.label,
                      status=article.get_status_display().lower())
    if not may_take(user, transition, article):
        raise _refuse(NOT_ALLOWED, "not_allowed", label=transition.label, who=transition.who.label)
    if transition.note_required and not note:
        raise _refuse(NOTE_REQUIRED, "note_required", label=transition.label, note=transition.note)
    if transition.needs_time:
        if publish_at is None:
            raise _refuse(TIME_REQUIRED, "time_required")
        if publish_at <= now:
            raise _refuse(TIME_IN_PAST, "time_in_past")
    if transition.action == Action.PUBLISH_DUE and article.published_at > now:
        raise _refuse(NOT_DUE, "not_due")
    if transition.needs_complete_copy:
        if not article.headline.strip():
            raise _refuse(NEEDS_HEADLINE, "needs_headline")
        if not strip_tags(article.body).strip():
            raise _refuse(NEEDS_BODY, "needs_body")
        if not article.bylines.exists():
            raise _refuse(NEEDS_BYLINE, "needs_byline")
    if not transition.checked_as:
        return note
    findings = transition_findings(article, transition.checked_as)
    blocking = [finding for finding in findings if finding.blocking]
    if blocking:
        raise _refuse(CHECKS_BLOCK, "checklist_blocks", label=transition.label, items=_listed(blocking))
    warnings = [finding for finding in findings if not finding.blocking]
    if not warnings or transition.checked_as != PUBLICATION:
        return note  # warnings before review are shown, not enforced
    if not (over_warnings and note):
        raise _refuse(WARNINGS_NEED_NOTE, "checklist_warns", items=_listed(warnings))
    return OVER_WARNINGS_NOTE.format(items=_listed(warnings), note=note)


@transaction.atomic
def article_transition(
    *,
    article: Article,
    action: str,
    user,
    note: str = "",
    public_note: str = "",
    publish_at: datetime | None = None,
    now: datetime | None = None,
    over_warnings: bool = False,
) -> StatusChange:
    """Move ``article`` one step along the workflow, or raise ``TransitionRefused``.

    ``user`` is the person acting (``SCHEDULER`` for due publications). ``article`` is updated in
    place with the new status, publication time and version. ``over_warnings``: an editor publishes
    although the checklist warns, saying why in ``note`` (kept with the warnings in the step's log,
    which the audit trail shows).
    """
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise _refuse(UNKNOWN_ACTION, "unknown_action", action=action)
    now = now or timezone.now()
    note = (note or "").strip()
    locked = Article.objects.select_for_update().get(pk=article.pk)
    note = _check(transition, locked, user, note, publish_at, now, over_warnings)

    from_status = locked.status
    locked.status = transition.target
    if transition.action == Action.PUBLISH:
        locked.published_at = now  # never published before: no path leads back to draft
    elif transition.action == Action.SCHEDULE:
        locked.published_at = publish_at  # the embargo; it becomes the first publication time
    elif transition.action == Action.UNSCHEDULE:
        locked.published_at = None
    locked.version += 1
    locked.full_clean()
    locked.save(update_fields=["status", "published_at", "version", "updated_at"])
    change = StatusChange.objects.create(
        article=locked,
        action=transition.action,
        from_status=from_status,
        to_status=transition.target,
        note=note,
        public_note=(public_note or "").strip() if transition.action == Action.WITHDRAW else "",
        scheduled_for=publish_at if transition.needs_time else None,
        version=locked.version,
        created_at=now,
        actor=None if user is SCHEDULER else user,
    )
    for field in ("status", "published_at", "version", "updated_at"):
        setattr(article, field, getattr(locked, field))
    article_transitioned.send(
        sender=Article, article=locked, change=change, action=transition.action, from_status=from_status,
        to_status=transition.target, user=user,
    )
    return change


# Steps that a story's source can take for its translations at once (withdrawn for a legal reason:
# gone in every language), and the status its translations must have to be offered.
STEPS_FOR_ALL_VERSIONS = {Action.WITHDRAW: Status.PUBLISHED, Action.REPUBLISH: Status.WITHDRAWN}
NOT_A_TRANSLATION_OF_IT = "“{headline}” is not a translation of this story."


def versions_offered(article: Article, action: str) -> list[Article]:
    """The translations of ``article`` (a source) that the step ``action`` is offered for together
    with it: the published ones when withdrawing, the withdrawn ones when republishing."""
    status = STEPS_FOR_ALL_VERSIONS.get(action)
    if status is None or article.translation_source_id is not None:
        return []
    return sorted(article.translations.filter(status=status), key=lambda a: languages.position(a.language))


@transaction.atomic
def article_transition_with_versions(
    *, article: Article, action: str, user, versions: list[Article], note: str = "", public_note: str = "",
    publish_at=None, over_warnings: bool = False,
) -> list[StatusChange]:
    """Take the step ``action`` on ``article`` and on each of ``versions`` (its translations, from
    ``versions_offered``) in one transaction, with the same notes: one refusal and none is taken."""
    offered = {version.pk for version in versions_offered(article, action)}
    for version in versions:
        if version.pk not in offered:
            raise _refuse(NOT_A_TRANSLATION_OF_IT, "not_a_translation", headline=version.headline)
    same = {"action": action, "user": user, "note": note, "public_note": public_note, "publish_at": publish_at,
            "over_warnings": over_warnings}
    changes = [article_transition(article=article, **same)]
    for version in versions:
        changes.append(article_transition(article=version, **same))
    return changes


def articles_publish_due(*, now: datetime | None = None) -> list[Article]:
    """Publish every scheduled article whose time has come; return them.

    Safe when several copies run at once: one article per transaction, its row locked. On
    PostgreSQL, ``skip_locked`` makes each run pass over the rows another run holds; on SQLite a
    write transaction locks the whole database, so runs take turns. Either way the move itself
    re-checks the status under the lock, so each article is published exactly once.
    """
    now = now or timezone.now()
    published: list[Article] = []
    passed_over: set[int] = set()
    while True:
        with transaction.atomic():
            due = (
                Article.objects.filter(status=Status.SCHEDULED, published_at__lte=now)
                .exclude(pk__in=passed_over)
                .order_by("published_at", "pk")
            )
            if connection.features.has_select_for_update_skip_locked:
                due = due.select_for_update(skip_locked=True)
            article = due.first()
            if article is None:
                return published
            try:
                article_transition(article=article, action=Action.PUBLISH_DUE, user=SCHEDULER, now=now)
            except ValidationError as refusal:
                # Another run got there first, or the article no longer validates: say so, go on.
                logger.warning("Not publishing article %s: %s", article.pk, "; ".join(refusal.messages))
                passed_over.add(article.pk)
                continue
            published.append(article)
