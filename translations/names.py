"""The translations of names tracked like stories': which tags, people and organizations lack a name,
bio or description in a language, or have one made from an older English text, and filling them.

The state of each text is ``TrackedTranslations.translation_state`` (the fingerprint of the English
text a translation was made from, ``newsroom.translated``): *missing*, *outdated* or *current*. It is
read from the loaded columns, so listing every name of a kind costs one query whatever the number of
rows (``NAME_COVERAGE_QUERIES`` for the whole page); the outdated rule compares fingerprints in Python
and has no SQL spelling, so the rows are read whole (only the tracked columns and ``translated_from``)
and paged here.

``name_translation_save`` is the one way a translator's texts are written: in a transaction, checked
(``full_clean``: a tag's name is unique in each language), the fingerprint of the English text
recorded; a text left as it was on an outdated translation marks it current (the translator checked
it against the new English).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Tag
from newsroom import languages
from newsroom.translated import SOURCE, column, fingerprint, translation_state
from people.models import Organization, Person

PER_PAGE = 50
QUEUE_COUNT_KEY = "translations:names-to-translate"
QUEUE_COUNT_SECONDS = 60
# One query per kind of name (tags, people, organizations): the page's cost whatever their number.
NAME_COVERAGE_QUERIES = 3

MISSING, OUTDATED, CURRENT = "missing", "outdated", "current"
STATES = {
    MISSING: pgettext_lazy("name translation state", "Missing"),
    OUTDATED: pgettext_lazy("name translation state", "Outdated"),
    CURRENT: pgettext_lazy("name translation state", "Current"),
}
TO_DO = (MISSING, OUTDATED)


@dataclass(frozen=True)
class Kind:
    key: str
    model: type
    fields: tuple[str, ...]  # the tracked fields, in the order the form shows them
    label: object
    order: str


KINDS = {
    "tag": Kind("tag", Tag, ("name",), _("Tags"), "name_en"),
    "person": Kind("person", Person, ("name", "bio"), _("People"), "name_en"),
    "organization": Kind("organization", Organization, ("name", "description"), _("Organizations"), "name_en"),
}

UNKNOWN_LANGUAGE = _("Choose one of the languages the names are translated into.")
NAME_TAKEN = _("Another tag already has this name in this language.")
NOTHING_CHANGED = _("Nothing to save: the texts are as they were, and none was outdated.")


def target_languages() -> list[str]:
    """The languages names are translated into: every edition's but the source's."""
    return [code for code in languages.codes() if code != SOURCE]


@dataclass
class Cell:
    language: str
    states: dict[str, str]  # field → state

    @property
    def state(self) -> str:
        """The cell's worst state: missing before outdated before current."""
        for state in TO_DO:
            if state in self.states.values():
                return state
        return CURRENT


@dataclass
class Row:
    kind: Kind
    pk: int
    source_name: str
    cells: list[Cell] = field(default_factory=list)


@dataclass
class NameCoverage:
    page: object
    total: int
    counts: list[tuple[str, str, list[tuple[str, int]]]]  # (code, language name, [(state, n)])
    languages: list[tuple[str, str]]


def _rows(kind: Kind, codes: list[str]) -> list[Row]:
    """Every row of ``kind`` with its cells: plain values (no model instances), each English text
    fingerprinted once. A field with no English text (a person without a bio) has nothing to
    translate and no state."""
    columns = [column(f, code) for f in kind.fields for code in languages.codes()]
    rows = []
    for values in kind.model.objects.rewrite(False).order_by(kind.order, "pk").values("pk", "translated_from", *columns):
        prints = {f: fingerprint(values[column(f, SOURCE)]) for f in kind.fields if values[column(f, SOURCE)]}
        marks = values["translated_from"]
        cells = [
            Cell(code, {f: translation_state(values, marks, f, code, source_print=prints[f]) for f in prints})
            for code in codes
        ]
        rows.append(Row(kind, values["pk"], values[column("name", SOURCE)] or "", cells))
    return rows


def name_coverage(*, kind: str = "", language: str = "", state: str = "", page=1) -> NameCoverage:
    """The tags, people and organizations (or one ``kind``) with their state in each target language
    (or ``language``), those with something ``state`` (default: missing or outdated) listed, 50 a
    page; counts per language and state over all of them. ``NAME_COVERAGE_QUERIES`` queries."""
    codes = [language] if language in target_languages() else target_languages()
    kinds = [KINDS[kind]] if kind in KINDS else list(KINDS.values())
    every = [row for k in kinds for row in _rows(k, codes)]
    wanted = (state,) if state in STATES else TO_DO
    listed = [row for row in every if any(s in wanted for cell in row.cells for s in cell.states.values())]
    counts = []
    for code in codes:
        tally = {s: 0 for s in STATES}
        for row in every:
            for cell in row.cells:
                if cell.language == code and cell.states:
                    tally[cell.state] += 1
        counts.append((code, languages.get(code).name, list(tally.items())))
    return NameCoverage(
        page=Paginator(listed, PER_PAGE).get_page(page),
        total=len(listed),
        counts=counts,
        languages=[(code, languages.get(code).name) for code in codes],
    )


def names_to_translate_count() -> int:
    """How many tags, people and organizations lack a text, or have an outdated one, in a target
    language (the translators' queue on the admin index). Reading every name takes a noticeable
    fraction of a second with thousands of them, so the number is kept ``QUEUE_COUNT_SECONDS``
    (and dropped when a translator saves one): a queue's count may lag an editor's change by that."""
    return cache.get_or_set(QUEUE_COUNT_KEY, _count_to_translate, QUEUE_COUNT_SECONDS)


def _count_to_translate() -> int:
    codes = target_languages()
    return sum(
        1 for kind in KINDS.values() for row in _rows(kind, codes)
        if any(s in TO_DO for cell in row.cells for s in cell.states.values())
    )


def name_object(*, kind: str, pk: int):
    """The tag, person or organization to translate (``Http404`` is the caller's)."""
    return KINDS[kind].model.objects.get(pk=pk)


@transaction.atomic
def name_translation_save(*, obj, language: str, texts: dict[str, str]) -> list[str]:
    """Write ``texts`` (field → text in ``language``) on ``obj``; returns the fields changed or
    marked current. A text left as it was on an outdated translation is marked current. Raises
    ``ValidationError`` (nothing written) for a language that is not a target, a tag name another
    tag has, or a save that would change nothing."""
    if language not in target_languages():
        raise ValidationError(UNKNOWN_LANGUAGE)
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    changed = []
    for field_name, text in texts.items():
        name = column(field_name, language)
        text = (text or "").strip()
        if text != (obj.__dict__.get(name) or ""):
            setattr(obj, name, text or None)
            changed.append(field_name)
        elif text and obj.translation_state(field_name, language) == OUTDATED:
            obj.mark_translation_current(field_name, language)
            changed.append(field_name)
    if not changed:
        raise ValidationError(NOTHING_CHANGED)
    if isinstance(obj, Tag) and "name" in changed:
        _tag_slug(obj, language)
    try:
        obj.full_clean(validate_unique=True)
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise ValidationError(NAME_TAKEN) from error
    except ValidationError as error:
        if isinstance(obj, Tag) and any(column("name", language) in key or "slug" in key for key in error.message_dict):
            raise ValidationError(NAME_TAKEN) from error
        raise
    transaction.on_commit(lambda: cache.delete(QUEUE_COUNT_KEY))
    return changed


def _tag_slug(tag: Tag, language: str) -> None:
    """A tag named in a language for the first time gets that language's address from the name."""
    name = column("slug", language)
    if getattr(tag, name) or not getattr(tag, column("name", language)):
        return
    base = slugify(getattr(tag, column("name", language)), allow_unicode=True)[:90] or None
    if base is None:
        return
    slug, n = base, 2
    while Tag.objects.rewrite(False).filter(**{name: slug}).exclude(pk=tag.pk).exists():
        slug, n = f"{base}-{n}", n + 1
    setattr(tag, name, slug)
