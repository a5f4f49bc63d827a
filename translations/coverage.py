"""The translation coverage matrix: a row per story, a column per site language.

Each cell is the state of the story in that language: the state of its version there (``draft``,
``in_review``, ``scheduled``, ``published``, ``withdrawn``, or ``outdated`` for a translation whose
source changed since: ``translations.services.with_translation_state``), else ``requested`` when a
translation request is open, else ``missing``.

That rule is written once as an SQL expression (``_state``, for the cells of a page) and once as a
condition (``_in_state``, for the state filter, which the database answers with joins rather than a
subquery per story); the counts per language group the versions by the same ``version_state`` and
derive requested and missing from the open requests and the total. Tests check that the three agree.
A page costs the same five queries (six with a state filter) whatever the number of stories.

A story is represented by its source version; a group saved before sources were marked (several
versions, none a translation) by its oldest version.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article, TranslationRequest
from newsroom import languages
from translations.services import with_translation_state

PER_PAGE = 50
OUTDATED = "outdated"
STATES = {
    "missing": _("Missing"),
    "requested": _("Requested"),
    "draft": _("Draft"),
    "in_review": _("In review"),
    "scheduled": _("Scheduled"),
    "published": pgettext_lazy("article status", "Published"),
    "withdrawn": _("Withdrawn"),
    OUTDATED: _("Outdated"),
}


def _versions(language: str | None = None):
    """Language versions with ``version_state``: their status, or ``outdated:<status>``."""
    versions = with_translation_state(Article.objects.order_by())
    if language:
        versions = versions.filter(language=language)
    return versions.annotate(
        version_state=Case(
            When(translation_outdated=True, then=Concat(Value(OUTDATED + ":"), F("status"))), default=F("status")
        )
    )


def _open_requests(language: str):
    return TranslationRequest.objects.open().filter(language=language)


def _state(language: str):
    """The state of the row's story in ``language``: the version's, else requested, else missing."""
    version = _versions(language).filter(translation_key=OuterRef("translation_key"))
    requested = Exists(_open_requests(language).filter(source=OuterRef("pk")))
    return Coalesce(
        Subquery(version.values("version_state")[:1]),
        Case(When(requested, then=Value("requested")), default=Value("missing")),
    )


def _in_state(language: str, state: str) -> Q:
    """The stories whose state in ``language`` is ``state`` (``_state`` as a condition).

    Written as ``pk IN (…)`` of a query of its own, so that the database runs it once (with joins)
    even when the conditions of several languages are OR-ed."""
    version = _versions(language).filter(translation_key=OuterRef("translation_key"))
    requested = Exists(_open_requests(language).filter(source=OuterRef("pk")))
    if state == "missing":
        condition = ~Exists(version) & ~Q(requested)
    elif state == "requested":
        condition = ~Exists(version) & Q(requested)
    elif state == OUTDATED:
        condition = Q(Exists(version.filter(translation_outdated=True)))
    else:
        condition = Q(Exists(version.filter(status=state, translation_outdated=False)))
    return Q(pk__in=stories().filter(condition).order_by().values("pk"))


def stories():
    """One row per story, newest first. States are added to the rows of a page only."""
    older_source = Article.objects.filter(
        translation_key=OuterRef("translation_key"), translation_source__isnull=True
    ).filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
    return (
        Article.objects.filter(translation_source__isnull=True)
        .filter(~Exists(older_source))
        .annotate(story_date=Coalesce("published_at", "created_at"))
        .order_by("-story_date", "-pk")
    )


def _with_states(rows, codes):
    """``state_<code>`` and ``version_<code>`` (the version's id) for each language."""
    annotations = {}
    for code in codes:
        annotations[f"state_{code}"] = _state(code)
        annotations[f"version_{code}"] = Subquery(
            Article.objects.order_by().filter(translation_key=OuterRef("translation_key"), language=code).values("pk")[:1]
        )
    return rows.annotate(**annotations)


def _counts(period, codes) -> tuple[int, dict[str, Counter]]:
    """How many stories of ``period`` are in each state, per language (three queries)."""
    total = period.count()
    counts = {code: Counter() for code in codes}
    versions = _versions().filter(language__in=codes, translation_key__in=period.values("translation_key"))
    for group in versions.values("language", "version_state").annotate(n=Count("pk")):
        counts[group["language"]][group["version_state"].partition(":")[0]] += group["n"]
    has_version = Article.objects.filter(translation_key=OuterRef("source__translation_key"), language=OuterRef("language"))
    requests = TranslationRequest.objects.open().filter(
        language__in=codes, source__in=period.values("pk")
    ).filter(~Exists(has_version))
    for group in requests.order_by().values("language").annotate(n=Count("pk")):
        counts[group["language"]]["requested"] += group["n"]
    for code in codes:
        counts[code]["missing"] = total - sum(counts[code].values())
    return total, counts


@dataclass(frozen=True)
class Cell:
    language: str
    state: str  # one of STATES
    status: str  # the version's status ("" when there is none)
    version_id: int | None
    is_source: bool

    @property
    def label(self) -> str:
        return STATES[self.state]

    @property
    def status_label(self) -> str:
        return dict(Article.Status.choices).get(self.status, "")


def _cell(story: Article, code: str) -> Cell:
    raw = getattr(story, f"state_{code}")
    state, _, status = raw.partition(":") if raw.startswith(OUTDATED + ":") else (raw, "", raw)
    if state in {"missing", "requested"}:
        status = ""
    return Cell(code, state, status, getattr(story, f"version_{code}"), code == story.language)


@dataclass(frozen=True)
class Row:
    story: Article
    cells: list[Cell]


@dataclass(frozen=True)
class Coverage:
    languages: list[tuple[str, str]]  # the columns shown: (code, name)
    page: object  # django.core.paginator.Page of Row
    counts: dict[str, dict[str, int]]  # language -> state -> number of stories (date filter only)
    total: int  # stories in the period

    @property
    def count_rows(self) -> list[tuple[str, str, list[tuple[str, int]]]]:
        """(code, name, [(state, number)…]) per language, for the table of counts."""
        return [(code, name, list(self.counts[code].items())) for code, name in self.languages]


def coverage(*, language: str = "", state: str = "", since: date | None = None, until: date | None = None,
             page: int | str = 1, per_page: int = PER_PAGE) -> Coverage:
    """The matrix page: rows of the requested page, and counts per language and state.

    ``language`` shows that column only; ``state`` keeps the stories with that state in the shown
    column(s); ``since``/``until`` bound the story's date (first publication, else creation).
    """
    codes = [language] if language in languages.codes() else languages.codes()
    period = stories()
    if since:
        period = period.filter(story_date__date__gte=since)
    if until:
        period = period.filter(story_date__date__lte=until)
    rows = period
    if state in STATES:
        condition = Q()
        for code in codes:
            condition |= _in_state(code, state)
        rows = rows.filter(condition)
    total, counts = _counts(period, codes)
    paginator = Paginator(rows, per_page)
    if rows is period:
        paginator.count = total  # counted already
    current = paginator.get_page(page)
    here = _with_states(stories().filter(pk__in=[story.pk for story in current.object_list]), codes)
    current.object_list = [Row(story, [_cell(story, code) for code in codes]) for story in here]
    return Coverage(
        languages=[(code, languages.name(code)) for code in codes],
        page=current,
        counts={code: {s: counts[code][s] for s in STATES} for code in codes},
        total=total,
    )
