"""Translation tracking: a story's language versions, outdated translations, requests, release.

A story's versions share ``Article.translation_key`` (at most one per language: the database
constraint ``one_version_per_language``). The **source** is the version the others were translated
from: ``translation_source`` is empty on it and points to it from each translation. A translation
records the source's ``Revision`` it was made from (``translation_source_revision``) and the newest
source correction it has taken into account (``translation_source_corrections_seen``).

**Outdated** is derived, never stored: a translation is outdated when the text (headline,
standfirst, body: ``TEXT_FIELDS``) of its source's latest revision differs from the text of the
revision it records (compared by their ``Revision.text_key`` fingerprints), or when the source has a public correction newer than the translation that
the translation has not taken up. Tags, people or organizations do not count. ``with_translation_state``
is the one place this rule is written (SQL, so lists can filter on it); every screen reads it.

Translators are notified when a save of the source makes their translation outdated, and mark it
up to date (``translation_mark_up_to_date``) once they have dealt with the change.

Who may do what is decided in ``desk.workflow`` (``may_translate``, ``is_translator``,
``can_edit``, ``may_confirm_translation``); the workflow's steps are taken with
``workflow.article_transition`` only. See docs/TRANSLATION.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Case, Exists, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Byline, Correction, Interviewee, Revision, StatusChange, TranslationRequest
from desk import revisions, workflow
from desk.services import article_save
from newsroom.languages import codes as language_codes
from newsroom.languages import name as language_name
from translations import notifications

Status = Article.Status
RequestState = TranslationRequest.State

# What a translation translates. A change to anything else of the source (tags, people,
# organizations, bylines, dateline…) does not make its translations outdated.
TEXT_FIELDS = revisions.TRANSLATED_FIELDS

# Messages (TranslationRefused.code names which).
MAY_NOT_TRANSLATE = _("Only editors and translators may make translations.")
NOT_A_SOURCE = _("Translate from the story's source version, “{source}”, not from one of its translations.")
UNKNOWN_LANGUAGE = _("“{language}” is not one of the site's languages.")
SAME_LANGUAGE = _("The story is written in {language} already: choose another language.")
ALREADY_TRANSLATED = _("This story already has a version in {language}.")
TRANSLATOR_REQUIRED = _("Choose the translator the translation is assigned to.")
NOT_A_TRANSLATOR = _("{name} cannot be assigned translations (they are not a translator).")
ONLY_FOR_YOURSELF = _("Translators make translations for themselves; an editor can assign one to someone else.")
NOT_A_TRANSLATION = _("This article is not a translation of another one.")
MAY_NOT_CONFIRM = _("Only the translation's translator or an editor may mark it up to date.")
ALREADY_UP_TO_DATE = _("This translation is up to date with its source already.")
NOT_THIS_SOURCE = _("That correction belongs to another story.")
CORRECTION_TAKEN = _("This correction has been added to the translation already.")
CORRECTION_NOT_PUBLIC = _(
    "Corrections are notes for readers of a published article: work the change into the translation's "
    "text instead, then mark it up to date."
)
MAY_NOT_CORRECT = _("Only someone who may edit this translation can add a correction to it.")
CORRECTION_TEXT_REQUIRED = _("Write the correction in the translation's language.")
REQUEST_EDITORS_ONLY = _("Only editors may request or cancel translations.")
ALREADY_PUBLISHED_IN = _("This story is already published in {language}.")
DUE_IN_PAST = _("The due time must be in the future.")
REQUEST_WRONG_STATE = _("A request that is {state} cannot be {action}.")
MAY_NOT_START = _("Only the request's translator or an editor may start it.")
RELEASE_EDITORS_ONLY = _("Only editors may release a story.")
RELEASE_NOTHING = _("Choose at least one language version to release.")
RELEASE_NOT_READY = _("Nothing was released: the {language} version is not ready ({reason}).")
RELEASE_REFUSED = _("Nothing was released: the {language} version was refused: {reason}")
RELEASED_NOTE = _("Released together: {languages}.")

# Why a version cannot be released (shown next to it on the release page).
NOT_READY_PUBLISHED = _("already published")
NOT_READY_WITHDRAWN = _("withdrawn")
NOT_READY_DRAFT = _("a draft: not submitted for review yet")
NOT_READY_OUTDATED = _("outdated: its source changed since it was translated")


class TranslationRefused(ValidationError):
    """A translation operation that was not allowed or not possible. Nothing was changed."""


def _refuse(message: str, code: str, **params) -> TranslationRefused:
    return TranslationRefused(message.format(**params), code=code)


def story_source(article: Article) -> Article:
    """The version a story's translations are made from (the article itself for a source)."""
    return article.translation_source if article.translation_source_id else article


def story_versions(article: Article) -> dict[str, Article]:
    """All language versions of the story (unpublished ones too), by language, in site order."""
    versions = {v.language: v for v in with_translation_state(Article.objects.filter(translation_key=article.translation_key))}
    return {code: versions[code] for code in language_codes() if code in versions}


# --- outdated: the one rule -------------------------------------------------------------------


def _text_key_of(revisions_queryset) -> Subquery:
    """The fingerprint of the first row's text (``Revision.text_key``)."""
    return Subquery(revisions_queryset.values("text_key")[:1])


def offered_corrections(*, source, seen, translation):
    """The source's public corrections newer than ``seen`` that ``translation`` has not taken up.

    Takes ids, or ``OuterRef`` expressions when used inside a query on articles."""
    taken = Correction.objects.filter(translation_of=OuterRef("pk"), article=translation)
    return Correction.objects.filter(article=source, pk__gt=seen).filter(~Exists(taken))


def with_translation_state(queryset, *, source_text_key: str | None = None):
    """Annotate articles with ``translation_outdated`` (False for sources and lone articles).

    The text the translation was made from is its recorded source revision's; a translation with
    none recorded (made before tracking began) is taken to match the source's oldest revision.
    ``source_text_key``: judge against this fingerprint of the source's text instead of its latest
    revision's (what the translations were before a save: ``outdated_ids``).
    """
    source_revisions = Revision.objects.filter(article=OuterRef("translation_source"))
    source_text_now = _text_key_of(source_revisions.order_by("-number"))
    if source_text_key is not None:
        source_text_now = Value(source_text_key)
    corrections = offered_corrections(
        source=OuterRef("translation_source"),
        seen=OuterRef("translation_source_corrections_seen"),
        translation=OuterRef(OuterRef("pk")),
    )
    return queryset.alias(
        _source_text_now=source_text_now,
        _source_text_then=Coalesce(
            _text_key_of(Revision.objects.filter(pk=OuterRef("translation_source_revision"))),
            _text_key_of(source_revisions.order_by("number")),
        ),
    ).annotate(
        translation_outdated=Case(
            When(translation_source__isnull=True, then=Value(False)),
            When(Exists(corrections), then=Value(True)),
            When(_source_text_now__isnull=True, then=Value(False)),
            When(_source_text_now=F("_source_text_then"), then=Value(False)),
            default=Value(True),
            output_field=BooleanField(),
        )
    )


def outdated_ids(*, source: Article, source_text_key: str | None = None) -> set[int]:
    """The source's translations that are outdated (judged against ``source_text_key`` if given)."""
    return set(
        with_translation_state(Article.objects.filter(translation_source=source), source_text_key=source_text_key)
        .filter(translation_outdated=True)
        .values_list("pk", flat=True)
    )


def _text_only(content: dict) -> dict:
    return {field: content.get(field, "") for field in TEXT_FIELDS}


@dataclass(frozen=True)
class SourceChanges:
    """What changed in a translation's source since the translation was made (or marked up to date)."""

    outdated: bool
    made_from: Revision | None
    latest: Revision | None
    changes: list  # revisions.FieldDiff, headline/standfirst/body only
    corrections: list[Correction]


def source_changes(translation: Article) -> SourceChanges:
    """For the translation's page: is it outdated, and the diff and corrections to show."""
    outdated = with_translation_state(Article.objects.filter(pk=translation.pk)).values_list(
        "translation_outdated", flat=True
    ).get()
    source_revisions = Revision.objects.filter(article_id=translation.translation_source_id)
    latest = source_revisions.order_by("-number").first()
    made_from = (
        Revision.objects.filter(pk=translation.translation_source_revision_id).first()
        or source_revisions.order_by("number").first()
    )
    changes = []
    if outdated and latest and made_from:
        changes = revisions.revision_diff(_text_only(made_from.content), _text_only(latest.content))
    corrections = list(
        offered_corrections(
            source=translation.translation_source_id,
            seen=translation.translation_source_corrections_seen,
            translation=translation.pk,
        )
    )
    return SourceChanges(outdated, made_from, latest, changes, corrections)


def source_saved(sender, *, article: Article, revision, previous, user, correction_added: bool, **kwargs) -> None:
    """Receiver of ``article_saved`` (``TranslationsConfig.ready``): when the text of a source
    changed, tell the translators whose translation it made outdated; when a public correction was
    added, every translator it is offered to."""
    if revision is None and not correction_added:
        return
    if not Article.objects.filter(translation_source=article).exists():
        return
    now_outdated = outdated_ids(source=article)
    correction = article.corrections.order_by("-pk").first() if correction_added else None
    if correction is None:
        before = outdated_ids(source=article, source_text_key=previous.text_key) if previous else set()
        now_outdated -= before
    for translation in Article.objects.filter(pk__in=now_outdated).select_related("translator", "translation_source"):
        notifications.notify_translation_outdated(translation=translation, actor=user, correction=correction)


# --- making a translation ----------------------------------------------------------------------


def translators():
    """Active staff who may be assigned translations (the translator permission, or superusers)."""
    permission = Permission.objects.filter(codename="translate_article", content_type__app_label="articles")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _check_language(source: Article, language: str) -> None:
    if language not in language_codes():
        raise _refuse(UNKNOWN_LANGUAGE, "unknown_language", language=language)
    if language == source.language:
        raise _refuse(SAME_LANGUAGE, "same_language", language=language_name(language))


def _check_source(source: Article) -> None:
    if source.translation_source_id:
        raise _refuse(NOT_A_SOURCE, "not_a_source", source=source.translation_source.headline)


def _check_translator(translator) -> None:
    if translator is None:
        raise _refuse(TRANSLATOR_REQUIRED, "translator_required")
    if not translators().filter(pk=translator.pk).exists():
        raise _refuse(NOT_A_TRANSLATOR, "not_a_translator", name=translator.get_full_name() or translator.get_username())


def _source_marks(source: Article) -> tuple[Revision, int]:
    """The source's latest revision (kept now if it has none) and its newest correction's id."""
    revisions.revision_ensure_baseline(article=source)
    latest = source.revisions.order_by("-number").first()
    seen = source.corrections.aggregate(newest=Max("pk"))["newest"] or 0
    return latest, seen


@transaction.atomic
def translation_create(*, source: Article, language: str, user, translator=None,
                       request: TranslationRequest | None = None) -> Article:
    """A draft of ``source`` in ``language``, prefilled with the source's text, bylines, people,
    organizations and tags for the translator to overwrite, assigned to ``translator``.

    Editors assign any translator; a translator makes translations for themselves. An open request
    for that language is linked to the draft and moves to "in progress".
    """
    if not workflow.may_translate(user):
        raise _refuse(MAY_NOT_TRANSLATE, "may_not_translate")
    source = Article.objects.select_for_update().get(pk=source.pk)
    _check_source(source)
    _check_language(source, language)
    if Article.objects.filter(translation_key=source.translation_key, language=language).exists():
        raise _refuse(ALREADY_TRANSLATED, "already_translated", language=language_name(language))
    if request is None:
        request = open_request(source=source, language=language)
    if translator is None:
        translator = request.translator if request else (None if workflow.is_editor(user) else user)
    if not workflow.is_editor(user) and translator.pk != user.pk:
        raise _refuse(ONLY_FOR_YOURSELF, "only_for_yourself")
    _check_translator(translator)

    made_from, seen = _source_marks(source)
    translation = Article(
        **{field: getattr(source, field) for field in ("headline", "dek", "kind", "body", "dateline", "agency")},
        lead_image_id=source.lead_image_id,
        language=language,
        translation_key=source.translation_key,
        translation_source=source,
        translation_source_revision=made_from,
        translation_source_corrections_seen=seen,
        translator=translator,
    )

    def copy_relations(translation: Article) -> None:
        Byline.objects.bulk_create(
            Byline(article=translation, user_id=b.user_id, name=b.name, position=b.position)
            for b in source.bylines.all()
        )
        Interviewee.objects.bulk_create(
            Interviewee(article=translation, person_id=i.person_id, role=i.role, affiliation_id=i.affiliation_id,
                        position=i.position)
            for i in source.interviewee_links.all()
        )
        translation.organizations.set(source.organizations.all())
        translation.tags.set(list(source.tags.all()))

    try:
        with transaction.atomic():
            article_save(
                article=translation, user=user, relations=copy_relations,
                note=gettext("Translation of “%(headline)s” (source revision %(number)s)") % {
                    "headline": source.headline, "number": made_from.number},
            )
    except IntegrityError:  # another version in that language was saved meanwhile
        raise _refuse(ALREADY_TRANSLATED, "already_translated", language=language_name(language)) from None
    if request is not None:
        _request_move(request, "start", translation=translation)
    if translator.pk != user.pk:
        notifications.notify_translation_assigned(translation=translation, actor=user)
    return translation


@transaction.atomic
def translation_mark_up_to_date(*, translation: Article, user) -> Article:
    """Record that ``translation`` now matches its source's latest revision and corrections."""
    translation = Article.objects.select_for_update().get(pk=translation.pk)
    if not translation.translation_source_id:
        raise _refuse(NOT_A_TRANSLATION, "not_a_translation")
    if not workflow.may_confirm_translation(user, translation):
        raise _refuse(MAY_NOT_CONFIRM, "may_not_confirm")
    if not source_changes(translation).outdated:
        raise _refuse(ALREADY_UP_TO_DATE, "up_to_date")
    made_from, seen = _source_marks(translation.translation_source)
    translation.translation_source_revision = made_from
    translation.translation_source_corrections_seen = seen
    translation.save(update_fields=["translation_source_revision", "translation_source_corrections_seen", "updated_at"])
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[translation], action_flag=CHANGE,
        change_message=gettext("Marked up to date with revision %(number)s of its source.") % {"number": made_from.number},
    )
    return translation


@transaction.atomic
def translation_correction_add(*, translation: Article, source_correction: Correction, text: str, user) -> Correction:
    """Add a source's public correction to a published translation, in the translation's words."""
    translation = Article.objects.select_for_update().get(pk=translation.pk)
    if source_correction.article_id != translation.translation_source_id or not translation.translation_source_id:
        raise _refuse(NOT_THIS_SOURCE, "not_this_source")
    if not workflow.can_edit(user, translation):
        raise _refuse(MAY_NOT_CORRECT, "may_not_correct")
    if translation.status not in {Status.PUBLISHED, Status.WITHDRAWN}:
        raise _refuse(CORRECTION_NOT_PUBLIC, "correction_not_public")
    if translation.corrections.filter(translation_of=source_correction).exists():
        raise _refuse(CORRECTION_TAKEN, "correction_taken")
    text = (text or "").strip()
    if not text:
        raise _refuse(CORRECTION_TEXT_REQUIRED, "text_required")
    correction = Correction(article=translation, kind=source_correction.kind, text=text, created_by=user,
                            translation_of=source_correction)
    correction.full_clean()
    article_save(article=translation, user=user, version=translation.version,
                 relations=lambda _article: correction.save(), correction_added=True)
    return correction


# --- requests ----------------------------------------------------------------------------------

# The moves a request can make: name -> (from states, to state).
REQUEST_MOVES = {
    "start": ({RequestState.REQUESTED}, RequestState.IN_PROGRESS),
    "complete": ({RequestState.REQUESTED, RequestState.IN_PROGRESS}, RequestState.DONE),
    "cancel": ({RequestState.REQUESTED, RequestState.IN_PROGRESS}, RequestState.CANCELLED),
}
_MOVE_WORDS = {
    "start": pgettext_lazy("a translation request cannot be", "started"),
    "complete": pgettext_lazy("a translation request cannot be", "completed"),
    "cancel": pgettext_lazy("a translation request cannot be", "cancelled"),
}


def _request_move(request: TranslationRequest, move: str, *, translation: Article | None = None,
                  now: datetime | None = None) -> TranslationRequest:
    sources, target = REQUEST_MOVES[move]
    if request.state not in sources:
        raise _refuse(REQUEST_WRONG_STATE, "request_wrong_state",
                      state=request.get_state_display().lower(), action=_MOVE_WORDS[move])
    request.state = target
    if translation is not None:
        request.translation = translation
    if target in {RequestState.DONE, RequestState.CANCELLED}:
        request.closed_at = now or timezone.now()
    request.save(update_fields=["state", "translation", "closed_at"])
    return request


@transaction.atomic
def translation_request_create(*, source: Article, language: str, translator, due_at: datetime, user,
                               note: str = "") -> TranslationRequest:
    """An editor asks ``translator`` for ``source`` in ``language`` by ``due_at``.

    If an unpublished version in that language exists already, the request takes it over: it is
    assigned to the translator and the request starts "in progress".
    """
    if not workflow.is_editor(user):
        raise _refuse(REQUEST_EDITORS_ONLY, "editors_only")
    source = Article.objects.select_for_update().get(pk=source.pk)
    _check_source(source)
    _check_language(source, language)
    _check_translator(translator)
    if due_at is None or due_at <= timezone.now():
        raise _refuse(DUE_IN_PAST, "due_in_past")
    existing = Article.objects.filter(translation_key=source.translation_key, language=language).first()
    if existing is not None and existing.status in {Status.PUBLISHED, Status.WITHDRAWN}:
        raise _refuse(ALREADY_PUBLISHED_IN, "already_published", language=language_name(language))
    request = TranslationRequest(source=source, language=language, translator=translator, due_at=due_at,
                                 note=(note or "").strip(), requested_by=user)
    request.full_clean()  # one open request per story and language (the constraint's message)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        request.validate_constraints()
        raise
    if existing is not None:
        existing.translator = translator
        existing.save(update_fields=["translator", "updated_at"])
        _request_move(request, "start", translation=existing)
    notifications.notify_translation_requested(request=request)
    return request


@transaction.atomic
def translation_request_start(*, request: TranslationRequest, user) -> Article:
    """The translator (or an editor) starts a request: its translation draft is made, or reopened."""
    request = TranslationRequest.objects.select_for_update().select_related("source").get(pk=request.pk)
    if not may_start_request(user, request):
        raise _refuse(MAY_NOT_START, "may_not_start")
    if request.state == RequestState.IN_PROGRESS and request.translation_id:
        return request.translation
    if request.state not in REQUEST_MOVES["start"][0] | {RequestState.IN_PROGRESS}:
        raise _refuse(REQUEST_WRONG_STATE, "request_wrong_state",
                      state=request.get_state_display().lower(), action="started")
    existing = Article.objects.filter(translation_key=request.source.translation_key, language=request.language).first()
    if existing is not None:
        request.translation = existing
        request.state = RequestState.IN_PROGRESS
        request.save(update_fields=["translation", "state"])
        return existing
    if request.state == RequestState.IN_PROGRESS:  # its translation was deleted: start again
        request.state = RequestState.REQUESTED
    return translation_create(source=request.source, language=request.language, user=user,
                              translator=request.translator, request=request)


@transaction.atomic
def translation_request_cancel(*, request: TranslationRequest, user) -> TranslationRequest:
    if not workflow.is_editor(user):
        raise _refuse(REQUEST_EDITORS_ONLY, "editors_only")
    request = TranslationRequest.objects.select_for_update().get(pk=request.pk)
    _request_move(request, "cancel")
    notifications.notify_translation_request_cancelled(request=request, actor=user)
    return request


def requests_complete_on_publish(sender, *, article: Article, change: StatusChange, to_status: str, **kwargs) -> None:
    """Receiver of ``article_transitioned`` (``TranslationsConfig.ready``): publishing a version
    completes the requests it answers, in the same transaction as the step."""
    if to_status == Status.PUBLISHED:
        translation_requests_complete(article=article, now=change.created_at)


def translation_requests_complete(*, article: Article, now: datetime) -> int:
    """A version was published: the open requests it answers are done."""
    if not article.translation_source_id:
        return 0
    done = 0
    answered = Q(translation=article) | Q(source_id=article.translation_source_id, language=article.language)
    for request in TranslationRequest.objects.open().select_for_update().filter(answered):
        _request_move(request, "complete", translation=article, now=now)
        done += 1
    return done


def open_requests_for(user):
    return TranslationRequest.objects.open().filter(translator=user)


def open_request(*, source: Article, language: str) -> TranslationRequest | None:
    """The story's open request for ``language`` (there is at most one: a database constraint)."""
    requests = TranslationRequest.objects.open().select_related("translator", "requested_by")
    return requests.filter(source=source, language=language).first()


def may_start_request(user, request: TranslationRequest) -> bool:
    """Who may start a request: its translator (while they may translate) or an editor."""
    return workflow.is_editor(user) or (request.translator_id == user.pk and workflow.may_translate(user))


# --- release across languages --------------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseCandidate:
    article: Article
    is_source: bool
    reason: str  # why it cannot be released; empty when it can

    @property
    def ready(self) -> bool:
        return not self.reason


def release_candidates(source: Article) -> list[ReleaseCandidate]:
    """Every version of the story and whether it can go out in a release (the source first)."""
    candidates = []
    for version in story_versions(source).values():
        is_source = version.pk == source.pk
        reason = ""
        if version.status == Status.PUBLISHED:
            reason = NOT_READY_PUBLISHED
        elif version.status == Status.WITHDRAWN:
            reason = NOT_READY_WITHDRAWN
        elif not is_source and version.translation_outdated:
            reason = NOT_READY_OUTDATED
        elif not is_source and version.status == Status.DRAFT:
            reason = NOT_READY_DRAFT
        candidates.append(ReleaseCandidate(version, is_source, reason))
    return sorted(candidates, key=lambda c: not c.is_source)


@transaction.atomic
def story_release(*, source: Article, languages: list[str], user, publish_at: datetime | None = None,
                  now: datetime | None = None) -> list[StatusChange]:
    """Publish the chosen versions of a story together now, or schedule them for one embargo time.

    All or nothing: each version takes the workflow's own steps (``workflow.article_transition``,
    each logged on its article with the same note); if any is refused, none is changed. A scheduled
    version is unscheduled first, then scheduled for the new time (or published).
    """
    if not workflow.is_editor(user):
        raise _refuse(RELEASE_EDITORS_ONLY, "editors_only")
    source = story_source(source)
    list(Article.objects.select_for_update().filter(translation_key=source.translation_key))
    chosen = [c for c in release_candidates(source) if c.article.language in set(languages)]
    if not chosen:
        raise _refuse(RELEASE_NOTHING, "nothing_chosen")
    for candidate in chosen:
        if not candidate.ready:
            raise _refuse(RELEASE_NOT_READY, "not_ready", language=language_name(candidate.article.language),
                          reason=candidate.reason)
    names = gettext(", ").join(language_name(c.article.language) for c in chosen)
    note = RELEASED_NOTE.format(languages=names)
    changes = []
    for candidate in chosen:
        article = candidate.article
        steps = ["unschedule"] if article.status == Status.SCHEDULED else []
        steps.append("schedule" if publish_at else "publish")
        for action in steps:
            try:
                changes.append(workflow.article_transition(article=article, action=action, user=user, note=note,
                                                           publish_at=publish_at, now=now))
            except ValidationError as refusal:
                raise _refuse(RELEASE_REFUSED, refusal.code or "refused", language=language_name(article.language),
                              reason=" ".join(refusal.messages)) from None
    return changes


# --- the source beside the translator's fields -------------------------------------------------

BESIDE_FIELDS = ("headline", "dek", "dateline", "body")


@dataclass(frozen=True)
class SourceBeside:
    """One field of the source, for the translator's form: its text at the revision the translation
    was made from, and what changed in it since (empty when the translation is up to date)."""

    field: str
    text: str  # the source's text (the body as sanitized HTML) at ``made_from``
    changes: object  # a revisions.FieldDiff of this field, made_from → latest, or None


def source_beside(translation: Article, changes: SourceChanges | None = None) -> dict[str, SourceBeside]:
    """The source's words beside each translated field: what the translation was made from, with the
    changes since highlighted when it is outdated. Nothing when there is no source revision."""
    changes = changes or source_changes(translation)
    if changes.made_from is None:
        return {}
    beside = {}
    for field in BESIDE_FIELDS:
        old = changes.made_from.content.get(field) or ""
        diff = None
        if changes.outdated and changes.latest is not None:
            new = changes.latest.content.get(field) or ""
            if new != old:
                found = revisions.revision_diff({field: old}, {field: new})
                diff = found[0] if found else None
        beside[field] = SourceBeside(field, old, diff)
    return beside
