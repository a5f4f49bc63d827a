"""Public search: the one rule for finding articles by words, on PostgreSQL and on SQLite.

A query matches an article when

* its words are in the headline, standfirst or body (PostgreSQL: full-text search with the
  configuration of the article's language, backed by the GIN index ``article_search_vector``;
  SQLite: every word is a substring of one of those fields), or
* the whole query names a person the article interviews or an organization it links (directly or
  through an interviewee's affiliation), compared on the stored ``name_key``s made by
  ``people.names.normalize_name``: "White Helmets" finds a story that only links Syria Civil Defense.

Arabic writes the conjunctions و ("and") and ف ("so") joined to the next word, and PostgreSQL's
``arabic`` configuration does not strip them, so "والدفاع" would never match "دفاع". The indexed text
is therefore the text followed by a copy with a leading و/ف removed from every word of four or more
letters, and the query gets the same treatment (``strip_conjunctions``). See docs/FRONTEND.md.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Case, Exists, FloatField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from articles.models import Article, Interviewee
from people.models import Organization, Person
from people.names import normalize_name

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"

# Text-search configuration per article language. Kurmanji has no stemmer in PostgreSQL.
CONFIGURATIONS = {"ar": "arabic", "en": "english", "ku": "simple"}

# A و or ف joined to an Arabic word of at least three more letters (the same rule in SQL below).
_CONJUNCTION = re.compile("(^|[^\u0621-\u064a])[\u0648\u0641]([\u0621-\u064a]{3})")

# The indexed document. The migration 0003 builds the GIN index on exactly this expression, and
# PostgreSQL uses the index only when a query repeats it: change both together.
_DOCUMENT = "headline || ' ' || dek || ' ' || body"
SEARCH_VECTOR_SQL = (
    "to_tsvector(CASE language WHEN 'ar' THEN 'arabic'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, "
    f"{_DOCUMENT} || ' ' || regexp_replace({_DOCUMENT}, "
    "'(^|[^\u0621-\u064a])[\u0648\u0641]([\u0621-\u064a]{3})', '\\1\\2', 'g'))"
)


def strip_conjunctions(text: str) -> str:
    """Drop a leading و/ف from Arabic words, as the index does: "والدفاع" → "الدفاع"."""
    return _CONJUNCTION.sub(r"\1\2", text)


def article_search(queryset: QuerySet, *, query: str, sort: str = SORT_RELEVANCE) -> QuerySet:
    """Narrow ``queryset`` (already public and filtered) to articles matching ``query`` and sort it.

    An empty query keeps every article; it is sorted newest first unless ``sort`` says oldest.
    """
    query = " ".join((query or "").split())
    if not query:
        return _by_date(queryset, sort)
    named = _named_article_ids(query)
    if connection.vendor == "postgresql":
        text_match, rank = _postgres_text(query)
    else:
        text_match, rank = _fallback_text(query)
    queryset = queryset.filter(Q(text_match) | Q(pk__in=named))
    if sort == SORT_RELEVANCE:
        score = rank + Case(When(pk__in=named, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        return queryset.annotate(relevance=score).order_by("-relevance", "-published_at", "-pk")
    return _by_date(queryset, sort)


def article_mentions(queryset: QuerySet, *, names: list[str], also: Q | None = None) -> QuerySet:
    """Articles of ``queryset`` whose text contains one of ``names`` as a phrase, or that satisfy
    ``also`` (for example: interviews this person), newest first."""
    conditions = [also] if also is not None else []
    for name in sorted({" ".join(n.replace('"', " ").split()) for n in names} - {""}):
        if connection.vendor == "postgresql":
            conditions.append(Q(_postgres_text(f'"{name}"')[0]))
        else:
            conditions.append(Q(headline__icontains=name) | Q(dek__icontains=name) | Q(body__icontains=name))
    if not conditions:
        return queryset.none()
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return _by_date(queryset.filter(condition), SORT_NEWEST)


def _by_date(queryset, sort):
    if sort == SORT_OLDEST:
        return queryset.order_by("published_at", "pk")
    return queryset.order_by("-published_at", "-pk")


def _key_q(field: str, key: str) -> Q:
    """``field`` holds ``key`` as whole words ("white helmets" in "the white helmets", not "helm")."""
    return (
        Q(**{field: key})
        | Q(**{f"{field}__startswith": f"{key} "})
        | Q(**{f"{field}__endswith": f" {key}"})
        | Q(**{f"{field}__contains": f" {key} "})
    )


def _named_article_ids(query: str) -> list[int]:
    """Articles interviewing a person, or linking an organization, named by ``query`` (one query).

    Evaluated first so that PostgreSQL can combine the text match (GIN index) with ``pk IN (…)``
    (primary key) in one bitmap scan.
    """
    key = normalize_name(query)
    if not key:
        return []
    organizations = Organization.objects.filter(_key_q("name_key", key) | _key_q("aliases__name_key", key))
    people = Person.objects.filter(
        _key_q("name_key", key) | _key_q("native_name_key", key) | _key_q("alternate_names__name_key", key)
    )
    links = Article.organizations.through.objects.filter(
        article=OuterRef("pk"), organization__in=organizations.values("pk")
    )
    interviews = Interviewee.objects.filter(article=OuterRef("pk")).filter(
        Q(person__in=people.values("pk")) | Q(affiliation__organization__in=organizations.values("pk"))
    )
    return list(Article.objects.filter(Exists(links) | Exists(interviews)).values_list("pk", flat=True))


def _postgres_text(query: str):
    """Full-text match and rank against the indexed vector.

    The query is parsed with each language's configuration and the three are OR-ed, so one
    ``vector @@ query`` condition serves every language and can always use the GIN index. (A word
    could in theory match as another language's stem; the language filter keeps results apart.)
    """
    words = strip_conjunctions(query)
    tsquery = " || ".join(["websearch_to_tsquery(%s::regconfig, %s)"] * len(CONFIGURATIONS))
    params = [value for config in CONFIGURATIONS.values() for value in (config, words)]
    table = Article._meta.db_table
    vector = _qualify(SEARCH_VECTOR_SQL, table)
    match = RawSQL(f"{vector} @@ ({tsquery})", params, output_field=BooleanField())
    rank = RawSQL(f"ts_rank({vector}, {tsquery})", params, output_field=FloatField())
    return match, rank


def _qualify(sql: str, table: str) -> str:
    """Prefix the article columns with their table: joins added by filters may bring other columns
    of the same name."""
    return re.sub(r"\b(headline|dek|body|language)\b", rf'"{table}".\1', sql)


def _fallback_text(query: str):
    """SQLite: every word (conjunctions stripped) is a substring of the headline, standfirst or body."""
    match = Q()
    for word in strip_conjunctions(query).split():
        match &= Q(headline__icontains=word) | Q(dek__icontains=word) | Q(body__icontains=word)
    rank = Case(
        When(headline__icontains=query, then=Value(0.3)),
        When(dek__icontains=query, then=Value(0.2)),
        default=Value(0.1),
        output_field=FloatField(),
    )
    return match, rank

