"""Turning copy into draft articles, and applying what the reporter confirms.

* ``copy_import`` — one story: read it, recognise who and what it is about, and create the draft
  article with its bylines and an ``ImportRecord``, all in one transaction. The same copy imported
  again creates nothing and names the article it already is.
* ``copy_import_batch`` — several files: each is imported (or refused) on its own, with a report per
  file and an optional progress callback. The admin page and ``import_article`` both use it.
* ``copy_import_confirm`` — the reporter's choices from the proposals (interviewees with a role,
  organizations, tags, kind) applied to the draft, then its quotes found and attributed among the
  interviewees confirmed (``quotes.services.quotes_detect``: proposals the reporter confirms on the
  draft's page).

Refusals are ``ValidationError``s whose message is a constant of ``copydesk.messages``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.bylines import staff_member_named
from articles.models import Article, Byline, Interviewee
from copydesk import messages
from copydesk.models import ImportRecord
from copydesk.parser import ParsedCopy, read_copy
from copydesk.recognition import Recognition, copy_recognize
from desk.services import article_save
from people.models import Affiliation, Organization, Person
from quotes.services import quotes_detect

PASTED = "pasted text"
IMPORTED_NOTE = _("Imported agency copy")
CONFIRMED_NOTE = _("People, organizations and tags confirmed from the import's proposals")


@dataclass
class ImportResult:
    """What happened to one file: a new draft, a copy already imported, or a refusal."""

    name: str
    record: ImportRecord | None = None
    created: bool = False
    refusal: str = ""

    @property
    def article(self) -> Article | None:
        return self.record.article if self.record else None

    @property
    def status(self) -> str:
        return "refused" if self.refusal else "created" if self.created else "duplicate"

    @property
    def message(self) -> str:
        if self.refusal:
            return self.refusal
        template = messages.CREATED if self.created else messages.ALREADY_IMPORTED
        return template.format(headline=self.article.headline, pk=self.article.pk)


def _copy_size(data: bytes | str) -> int:
    return len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))


def copy_import(
    *, data: bytes | str, name: str = "", user=None, language: str | None = None
) -> ImportResult:
    """Import one story (file bytes, or pasted text as ``str``). Raises ValidationError if refused."""
    if _copy_size(data) > messages.MAX_COPY_BYTES:
        raise ValidationError(messages.TOO_LARGE, code="too_large")
    parsed = read_copy(data, name=name)
    fingerprint = parsed.fingerprint()
    name = name or PASTED
    existing = ImportRecord.objects.select_related("article").filter(fingerprint=fingerprint).first()
    if existing is not None:
        return ImportResult(name=name, record=existing)
    recognition = copy_recognize(parsed=parsed)
    source_format = ImportRecord.Format.PASTE if isinstance(data, str) else parsed.source_format
    try:
        with transaction.atomic():
            article = _draft_create(parsed=parsed, recognition=recognition, language=language, user=user)
            record = ImportRecord(
                fingerprint=fingerprint,
                article=article,
                source_name=name[:255],
                source_format=source_format,
                proposals=recognition.as_dict(),
                imported_by=user if user is not None and user.pk else None,
            )
            record.full_clean(exclude=["fingerprint"])
            record.save()
    except IntegrityError:
        # The same copy was imported at the same moment by someone else: theirs stands.
        existing = ImportRecord.objects.select_related("article").filter(fingerprint=fingerprint).first()
        if existing is None:
            raise
        return ImportResult(name=name, record=existing)
    return ImportResult(name=name, record=record, created=True)


def _draft_create(*, parsed: ParsedCopy, recognition: Recognition, language: str | None, user) -> Article:
    """The draft of the copy, with its own bylines (an agency writer's byline stays theirs: the
    importer is not added), kept as its revision 1."""
    article = Article(
        headline=parsed.headline,
        dateline=parsed.dateline,
        agency=parsed.agency,
        body=parsed.body_html(),
        language=language or parsed.language,
        kind=recognition.kind or Article.Kind.NEWS,
    )

    def bylines(article: Article) -> None:
        for position, name in enumerate(parsed.bylines):
            byline = Byline(article=article, position=position, name=name[:200], user=staff_member_named(name))
            byline.full_clean()
            byline.save()

    article_save(article=article, user=user, relations=bylines, note=IMPORTED_NOTE)
    return article


@dataclass
class CopySource:
    """A file to import: its name and how to read it (so a batch reads one file at a time)."""

    name: str
    read: Callable[[], bytes | str]


def copy_import_batch(
    *,
    sources: Iterable[CopySource],
    user=None,
    language: str | None = None,
    progress: Callable[[int, ImportResult], None] | None = None,
) -> list[ImportResult]:
    """Import each source on its own: a refusal or a failure never touches the others."""
    results = []
    for number, source in enumerate(sources, start=1):
        try:
            data = source.read()
            result = copy_import(data=data, name=source.name, user=user, language=language)
        except ValidationError as error:
            result = ImportResult(name=source.name, refusal=" ".join(error.messages))
        except OSError as error:
            result = ImportResult(name=source.name, refusal=gettext("The file cannot be read: %(error)s.") % {"error": error.strerror or error})
        results.append(result)
        if progress is not None:
            progress(number, result)
    return results


@dataclass
class IntervieweeChoice:
    person: Person
    role: str = ""
    affiliation: Affiliation | None = None


def copy_import_confirm(
    *,
    record: ImportRecord,
    user,
    kind: str,
    interviewees: list[IntervieweeChoice],
    organizations: Iterable[Organization],
    tags: Iterable,
    version: int | None = None,
) -> Article:
    """Put the confirmed proposals on the draft. Adds (never removes), so it is safe to repeat.

    ``version``: the draft's version when the confirmation page was opened; if someone edited the
    draft since, ``desk.revisions.EditConflict`` is raised and nothing changes. None (a script, not
    a page someone read) confirms onto the draft as it is now.
    """

    def proposals(article: Article) -> None:
        links = {link.person_id: link for link in article.interviewee_links.all()}
        position = max((link.position for link in links.values()), default=-1) + 1
        for choice in interviewees:
            link = links.get(choice.person.pk)
            if link is None:
                link = Interviewee(article=article, person=choice.person, position=position)
                position += 1
            link.role = choice.role
            link.affiliation = choice.affiliation
            link.full_clean()
            link.save()
        article.organizations.add(*organizations)
        article.tags.add(*tags)

    with transaction.atomic():
        article = Article.objects.get(pk=record.article_id)
        version = article.version if version is None else version
        article.kind = kind
        article_save(article=article, user=user, version=version, relations=proposals, note=CONFIRMED_NOTE)
        quotes_detect(article=article)
        record.confirmed_by = user
        record.confirmed_at = timezone.now()
        record.save(update_fields=["confirmed_by", "confirmed_at"])
    return article
