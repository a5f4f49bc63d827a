"""Entries across a live story's languages: which translation each entry has, and whether it is
outdated, and the translators' live queue.

An entry's translations share its ``entry_key`` and point to it (``translation_of``). A translation
records the fingerprint of its source entry's text it was made from (``source_text_key``): it is
**outdated** when the source's fingerprint (``text_key``, the stories' own fingerprint of a headline
and a text: ``desk.revisions.text_key``) has moved since, by the same rule as a story's translation
(``translations.services.with_translation_state``: the text now against the text it was made from).
``entry_states`` is the one place this is decided; every screen reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from articles.models import Article
from live.models import LiveEntry
from newsroom import languages

MISSING, DRAFT, PUBLISHED, OUTDATED = "missing", "draft", "published", "outdated"


def translation_state(source: LiveEntry, translated: LiveEntry | None) -> str:
    """missing, draft, published or outdated: one translation of ``source``."""
    if translated is None or translated.state == LiveEntry.State.WITHDRAWN:
        return MISSING
    if translated.source_text_key != source.text_key:
        return OUTDATED
    return PUBLISHED if translated.state == LiveEntry.State.PUBLISHED else DRAFT


@dataclass
class EntryRow:
    entry: LiveEntry
    states: dict[str, str]  # language -> state, for the story's other language versions

    @property
    def waiting(self) -> list[str]:
        return [code for code, state in self.states.items() if state in (MISSING, OUTDATED, DRAFT)]


def entry_states(source: LiveEntry, versions: dict[str, Article]) -> dict[str, str]:
    """The state of ``source``'s translation in each of the story's other language ``versions``
    (``source.translations`` prefetched or not)."""
    by_article = {t.article_id: t for t in source.translations.all()}
    return {
        code: translation_state(source, by_article.get(version.pk))
        for code, version in versions.items()
        if code != source.article.language
    }


def story_versions(article: Article) -> dict[str, Article]:
    found = {v.language: v for v in Article.objects.filter(translation_key=article.translation_key, kind=Article.Kind.LIVE)}
    return {code: found[code] for code in languages.codes() if code in found}


def translation_queue(*, language: str | None = None, limit: int = 100) -> list[EntryRow]:
    """Published source entries of open live stories, newest first, with a translation missing,
    outdated or still a draft in one of their story's other language versions (``language`` only)."""
    sources = (
        LiveEntry.objects.published()
        .filter(translation_of__isnull=True, article__coverage_started_at__isnull=False, article__coverage_ended_at__isnull=True)
        .select_related("article")
        .prefetch_related(Prefetch("translations", queryset=LiveEntry.objects.all()))
        .order_by("-posted_at", "-pk")[: limit * 3]
    )
    versions_of: dict = {}
    rows = []
    for entry in sources:
        key = entry.article.translation_key
        if key not in versions_of:
            versions_of[key] = story_versions(entry.article)
        states = entry_states(entry, versions_of[key])
        if language:
            states = {code: state for code, state in states.items() if code == language}
        row = EntryRow(entry=entry, states=states)
        if row.waiting:
            rows.append(row)
        if len(rows) >= limit:
            break
    return rows
