"""Running a live story: opening, closing and reopening it, posting, approving, editing, correcting,
withdrawing, translating and breaking out entries. The one place these rules are written.

Every function is keyword-only, runs in one transaction, refuses with a ``LiveRefused`` whose message
is one of the constants below (and then changes nothing), and logs what it did as a ``LiveEvent``.

Who may do what:

* **editors** (``desk.workflow.is_editor``) open, close and reopen a live story, allow its reporters
  to post directly, post, approve, edit, correct, withdraw and break out any entry;
* **reporters** (staff who may add live entries) post on an open story: published at once when its
  editor allowed it (``LiveCoverage.reporters_post_directly``), otherwise waiting for approval; they
  may edit their own entries while they wait;
* **translators** (``desk.workflow.may_translate``) translate published entries into the story's
  other language versions.

A closed live story is frozen: nothing is posted, approved, edited or translated until it is reopened
(withdrawing and correcting stay possible: an error is put right even after the coverage ended).

Readers' pages are kept by the page cache and the edge; ``public.invalidation`` watches entries and
their corrections and purges the live story's key (``public.keys.live``) on each change readers see.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.html import sanitize_html
from articles.models import Article, Byline
from desk import workflow
from desk.revisions import text_key
from desk.services import article_save
from live import notifications
from live.models import EntryCorrection, LiveCoverage, LiveEntry, LiveEvent
from newsroom import languages
from newsroom.text import strip_bidi_controls

State = LiveEntry.State
Action = LiveEvent.Action
POST_PERMISSION = "live.add_liveentry"

NOT_LIVE = _("This story is not a live story: set its kind to “Live coverage” first.")
EDITORS_ONLY = _("Only editors may do this on a live story.")
MAY_NOT_POST = _("You may not post entries on live stories.")
NOT_OPEN = _("This live story is not open: entries can be posted only while the coverage is open.")
ALREADY_OPEN = _("This live story is open already.")
ALREADY_CLOSED = _("This live story is closed already.")
NEVER_OPENED = _("This live story has not been opened yet.")
TEXT_REQUIRED = _("Write the entry's text.")
NOT_PENDING = _("Only an entry waiting for approval can be approved.")
MAY_NOT_EDIT = _("You may not edit this entry.")
WITHDRAWN_ALREADY = _("This entry has been withdrawn already.")
NOT_PUBLISHED_CORRECT = _("Only a published entry can be corrected.")
NOT_PUBLISHED_TRANSLATE = _("Only a published entry can be translated.")
NOT_PUBLISHED_BREAK_OUT = _("Only a published entry can be broken out into a story.")
CORRECTION_REQUIRED = _("Write the correction readers will see.")
MAY_NOT_TRANSLATE = _("Only editors and translators may translate entries.")
NO_VERSION = _("The story has no version in {language} yet: translate the live story itself first.")
SAME_LANGUAGE = _("The entry is written in {language} already.")
NOT_A_SOURCE = _("Translate from the entry's source, not from one of its translations.")
BROKEN_OUT_ALREADY = _("This entry has been broken out into a story already.")
BREAK_OUT_NOTE = _("Broken out from a live entry")
FROM_LIVE = _("From our live coverage")


class LiveRefused(ValidationError):
    """A live-coverage operation that was not allowed or not possible. Nothing was changed."""


def _refuse(message, code: str, **params) -> LiveRefused:
    return LiveRefused(str(message).format(**params), code=code)


def _log(*, article: Article, action: str, user, entry: LiveEntry | None = None, note: str = "") -> LiveEvent:
    return LiveEvent.objects.create(
        article=article, entry=entry, action=action, note=note, actor=user if getattr(user, "pk", None) else None
    )


def _require_editor(user) -> None:
    if not workflow.is_editor(user):
        raise _refuse(EDITORS_ONLY, "editors_only")


def _require_live(article: Article) -> None:
    if article.kind != Article.Kind.LIVE:
        raise _refuse(NOT_LIVE, "not_live")


def may_post(user) -> bool:
    return bool(
        user is not None and getattr(user, "is_active", False) and user.is_staff
        and (workflow.is_editor(user) or user.has_perm(POST_PERMISSION))
    )


def coverage_of(article: Article) -> LiveCoverage:
    coverage, _created = LiveCoverage.objects.get_or_create(article=article)
    return coverage


def _versions(article: Article) -> list[Article]:
    """The live story's language versions (locked): opening and closing apply to all of them."""
    return list(
        Article.objects.select_for_update().filter(translation_key=article.translation_key, kind=Article.Kind.LIVE)
    )


# --- the story: open, close, reopen -------------------------------------------------------------------


@transaction.atomic
def live_open(*, article: Article, user) -> Article:
    """Open the coverage (every language version of the story): entries can be posted."""
    _require_editor(user)
    _require_live(article)
    versions = _versions(article)
    current = next(v for v in versions if v.pk == article.pk)
    if current.coverage_started_at is not None:
        raise _refuse(ALREADY_OPEN if current.coverage_ended_at is None else ALREADY_CLOSED, "already_opened")
    now = timezone.now()
    for version in versions:
        if version.coverage_started_at is None:
            version.coverage_started_at, version.coverage_ended_at = now, None
            version.save(update_fields=["coverage_started_at", "coverage_ended_at", "updated_at"])
            coverage_of(version)
            _log(article=version, action=Action.OPEN, user=user)
    article.refresh_from_db()
    return article


@transaction.atomic
def live_close(*, article: Article, user, note: str = "") -> Article:
    """Close the coverage: the story is frozen, its end time shown and given to search engines."""
    _require_editor(user)
    versions = _versions(article)
    current = next(v for v in versions if v.pk == article.pk)
    if current.coverage_started_at is None:
        raise _refuse(NEVER_OPENED, "never_opened")
    if current.coverage_ended_at is not None:
        raise _refuse(ALREADY_CLOSED, "already_closed")
    now = timezone.now()
    for version in versions:
        if version.coverage_started_at is not None and version.coverage_ended_at is None:
            version.coverage_ended_at = now
            version.save(update_fields=["coverage_ended_at", "updated_at"])
            _log(article=version, action=Action.CLOSE, user=user, note=note)
    article.refresh_from_db()
    return article


@transaction.atomic
def live_reopen(*, article: Article, user, note: str = "") -> Article:
    """Reopen a closed live story (logged): posting is possible again, the end time goes."""
    _require_editor(user)
    versions = _versions(article)
    current = next(v for v in versions if v.pk == article.pk)
    if current.coverage_started_at is None:
        raise _refuse(NEVER_OPENED, "never_opened")
    if current.coverage_ended_at is None:
        raise _refuse(ALREADY_OPEN, "already_open")
    for version in versions:
        if version.coverage_ended_at is not None:
            version.coverage_ended_at = None
            version.save(update_fields=["coverage_ended_at", "updated_at"])
            _log(article=version, action=Action.REOPEN, user=user, note=note)
    article.refresh_from_db()
    return article


@transaction.atomic
def live_allow_reporters(*, article: Article, user, allowed: bool) -> LiveCoverage:
    """The story's editor lets its reporters post directly (or makes their entries wait again)."""
    _require_editor(user)
    _require_live(article)
    coverage = coverage_of(article)
    coverage.reporters_post_directly = allowed
    coverage.save(update_fields=["reporters_post_directly"])
    _log(article=article, action=Action.ALLOW, user=user, note="on" if allowed else "off")
    return coverage


# --- entries ------------------------------------------------------------------------------------------


def _locked_open_story(article_pk: int) -> Article:
    article = Article.objects.select_for_update().get(pk=article_pk)
    _require_live(article)
    if not article.is_live:
        raise _refuse(NOT_OPEN, "not_open")
    return article


def _clean_text(headline: str, body: str) -> tuple[str, str]:
    headline = strip_bidi_controls(headline or "").strip()
    body = sanitize_html(body or "")
    if not body:
        raise _refuse(TEXT_REQUIRED, "text_required")
    return headline, body


def entry_text_key(entry: LiveEntry) -> str:
    """The fingerprint of an entry's text: the stories' own (``desk.revisions.text_key``), so entries
    and stories go out of date by one rule."""
    return text_key({"headline": entry.headline, "body": entry.body})


def _publish(entry: LiveEntry, *, now=None) -> None:
    """Give a published entry its number (what readers' pages poll for) and its time."""
    coverage = LiveCoverage.objects.select_for_update().get_or_create(article_id=entry.article_id)[0]
    LiveCoverage.objects.filter(pk=coverage.pk).update(last_sequence=F("last_sequence") + 1)
    coverage.refresh_from_db(fields=["last_sequence"])
    entry.sequence = coverage.last_sequence
    entry.posted_at = now or timezone.now()
    entry.state = State.PUBLISHED


@transaction.atomic
def entry_post(
    *, article: Article, user, body: str, headline: str = "", key_event: bool = False, pinned: bool = False
) -> LiveEntry:
    """Post an entry on an open live story: published at once by an editor, or by a reporter the
    story's editor allowed to; otherwise it waits in the approval queue."""
    if not may_post(user):
        raise _refuse(MAY_NOT_POST, "may_not_post")
    article = _locked_open_story(article.pk)
    headline, body = _clean_text(headline, body)
    editor = workflow.is_editor(user)
    direct = editor or coverage_of(article).reporters_post_directly
    entry = LiveEntry(
        article=article, author=user, headline=headline, body=body,
        key_event=key_event, pinned=pinned and editor,  # pinning is the editor's
    )
    entry.text_key = entry_text_key(entry)
    if direct:
        _publish(entry)
    else:
        entry.state = State.PENDING
    entry.full_clean()
    entry.save()
    _log(article=article, entry=entry, action=Action.POST if direct else Action.SUBMIT, user=user)
    if not direct:
        notifications.entry_submitted_notify(entry=entry)
    return entry


@transaction.atomic
def entry_approve(*, entry: LiveEntry, user) -> LiveEntry:
    """One click: an editor publishes an entry from the approval queue."""
    _require_editor(user)
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    _locked_open_story(entry.article_id)
    if entry.state != State.PENDING:
        raise _refuse(NOT_PENDING, "not_pending")
    _publish(entry)
    entry.save()
    _log(article=entry.article, entry=entry, action=Action.APPROVE, user=user)
    notifications.entry_approved_notify(entry=entry, actor=user)
    return entry


def may_edit(user, entry: LiveEntry) -> bool:
    if workflow.is_editor(user):
        return True
    return entry.state == State.PENDING and entry.author_id == getattr(user, "pk", None) and may_post(user)


@transaction.atomic
def entry_edit(
    *, entry: LiveEntry, user, body: str, headline: str = "", key_event: bool | None = None, pinned: bool | None = None
) -> LiveEntry:
    """Change an entry's text or marks (logged). A changed text makes its translations outdated."""
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    if not may_edit(user, entry):
        raise _refuse(MAY_NOT_EDIT, "may_not_edit")
    if entry.state == State.WITHDRAWN:
        raise _refuse(WITHDRAWN_ALREADY, "withdrawn")
    _locked_open_story(entry.article_id)
    entry.headline, entry.body = _clean_text(headline, body)
    if key_event is not None:
        entry.key_event = key_event
    if pinned is not None and workflow.is_editor(user):
        entry.pinned = pinned
    entry.text_key = entry_text_key(entry)
    entry.full_clean()
    entry.save()
    _log(article=entry.article, entry=entry, action=Action.EDIT, user=user)
    # The marks are the story's, in every language (the text is each translation's own).
    for translated in entry.translations.select_for_update().exclude(key_event=entry.key_event, pinned=entry.pinned):
        translated.key_event, translated.pinned = entry.key_event, entry.pinned
        translated.save(update_fields=["key_event", "pinned", "updated_at"])
    return entry


@transaction.atomic
def entry_withdraw(*, entry: LiveEntry, user, note: str = "") -> LiveEntry:
    """Take one entry off the story (the rest stays): gone from the page, the polling endpoint and
    the structured data on the next request; its own address answers 410. A source entry goes from
    every language version (its translations with it); a translation alone from its own."""
    _require_editor(user)
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state == State.WITHDRAWN:
        raise _refuse(WITHDRAWN_ALREADY, "withdrawn")
    for gone in [entry, *entry.translations.select_for_update().exclude(state=State.WITHDRAWN)]:
        gone.state = State.WITHDRAWN
        gone.save(update_fields=["state", "updated_at"])
        _log(article=gone.article, entry=gone, action=Action.WITHDRAW, user=user, note=note)
    return entry


@transaction.atomic
def entry_correct(*, entry: LiveEntry, user, text: str) -> EntryCorrection:
    """Add a public correction under one published entry."""
    _require_editor(user)
    entry = LiveEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.state != State.PUBLISHED:
        raise _refuse(NOT_PUBLISHED_CORRECT, "not_published")
    text = strip_bidi_controls(text or "").strip()
    if not text:
        raise _refuse(CORRECTION_REQUIRED, "correction_required")
    correction = EntryCorrection.objects.create(entry=entry, text=text, created_by=user)
    _log(article=entry.article, entry=entry, action=Action.CORRECT, user=user, note=text)
    return correction


# --- across languages ------------------------------------------------------------------------------


@transaction.atomic
def entry_translate(
    *, entry: LiveEntry, language: str, user, body: str, headline: str = "", publish: bool = True
) -> LiveEntry:
    """Write (or rewrite) ``entry``'s translation into the story's ``language`` version; it records
    the fingerprint of the source text it was made from, so a later change of the source makes it
    outdated (``live.translation``). Published at once unless ``publish`` is False (a draft)."""
    if not workflow.may_translate(user):
        raise _refuse(MAY_NOT_TRANSLATE, "may_not_translate")
    source = LiveEntry.objects.select_for_update().select_related("article").get(pk=entry.pk)
    if source.translation_of_id:
        raise _refuse(NOT_A_SOURCE, "not_a_source")
    if source.state != State.PUBLISHED:
        raise _refuse(NOT_PUBLISHED_TRANSLATE, "not_published")
    if language == source.article.language:
        raise _refuse(SAME_LANGUAGE, "same_language", language=languages.name(language))
    version = Article.objects.filter(translation_key=source.article.translation_key, language=language).first()
    if version is None:
        raise _refuse(NO_VERSION, "no_version", language=languages.name(language))
    version = _locked_open_story(version.pk)
    headline, body = _clean_text(headline, body)
    translated = LiveEntry.objects.select_for_update().filter(article=version, entry_key=source.entry_key).first()
    if translated is None:
        translated = LiveEntry(article=version, entry_key=source.entry_key, translation_of=source, author=user)
    translated.headline, translated.body = headline, body
    translated.key_event, translated.pinned = source.key_event, source.pinned
    translated.source_text_key = source.text_key
    translated.text_key = entry_text_key(translated)
    if publish and translated.state != State.PUBLISHED:
        _publish(translated, now=source.posted_at)  # the time of the event, as the source tells it
    elif not publish and translated.state != State.PUBLISHED:
        translated.state = State.DRAFT
    translated.full_clean()
    translated.save()
    _log(article=version, entry=translated, action=Action.TRANSLATE, user=user)
    return translated


# --- break out -----------------------------------------------------------------------------------


@transaction.atomic
def entry_break_out(*, entry: LiveEntry, user) -> Article:
    """Turn an entry into a story of its own (a draft in the same language, through
    ``desk.services.article_save``): the entry links to the story, the story's text links back."""
    _require_editor(user)
    entry = LiveEntry.objects.select_for_update().select_related("article").get(pk=entry.pk)
    if entry.state != State.PUBLISHED:
        raise _refuse(NOT_PUBLISHED_BREAK_OUT, "not_published")
    if entry.broken_out_to_id:
        raise _refuse(BROKEN_OUT_ALREADY, "broken_out")
    live = entry.article
    from_live = format_html(
        '<p><a href="{}">{}: {}</a></p>', entry.get_absolute_url(), _in(live.language, FROM_LIVE), live.headline
    )
    story = Article(
        headline=entry.headline or live.headline,
        kind=Article.Kind.NEWS,
        language=live.language,
        body=entry.body + from_live,
        dateline=live.dateline,
    )
    article_save(
        article=story, user=user, author=user, note=str(BREAK_OUT_NOTE),
        relations=lambda new: _byline_of(new, entry),
    )
    entry.broken_out_to = story
    entry.save(update_fields=["broken_out_to", "updated_at"])
    _log(article=live, entry=entry, action=Action.BREAK_OUT, user=user, note=str(story.pk))
    return story


def _byline_of(story: Article, entry: LiveEntry) -> None:
    """The broken-out story carries the entry's author (who wrote the words)."""
    if entry.author_id:
        Byline.objects.create(article=story, user_id=entry.author_id, position=0)


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)
