"""Public search: the one rule for finding articles by words, on PostgreSQL and on SQLite.

A query matches an article when

* its words are in the headline, standfirst or body (PostgreSQL: full-text search with the
  configuration of the article's language, against the stored vector ``search_document`` and its
  GIN index ``article_search_vector``, migration 0006; SQLite: every word is a substring of one of
  those fields), or
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
from django.db.models import BooleanField, Case, CharField, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from articles.models import Article, Interviewee
from people.models import Organization, OrganizationAlias, Person, PersonName
from people.names import normalize_name

# A search lists at most this many matching stories (see article_search).
SEARCH_WINDOW = 200

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"

# Text-search configuration per article language. Kurmanji has no stemmer in PostgreSQL.
CONFIGURATIONS = {"ar": "arabic", "en": "english", "ku": "simple"}

# A و or ف joined to an Arabic word of at least three more letters (the same rule in SQL below).
_CONJUNCTION = re.compile("(^|[^\u0621-\u064a])[\u0648\u0641]([\u0621-\u064a]{3})")

# PostgreSQL: the article's search vector, stored by a trigger (migration 0006 holds its definition:
# the text in its language's configuration, followed by a copy with و/ف stripped as above).
SEARCH_DOCUMENT = "search_document"  # unqualified: no other table has it, and in a subquery it is the inner row's


def strip_conjunctions(text: str) -> str:
    """Drop a leading و/ف from Arabic words, as the index does: "والدفاع" → "الدفاع"."""
    return _CONJUNCTION.sub(r"\1\2", text)


def article_search(queryset: QuerySet, *, query: str, sort: str = SORT_RELEVANCE) -> QuerySet:
    """Narrow ``queryset`` (already public and filtered) to articles matching ``query`` and sort it.

    An empty query keeps every article; it is sorted newest first unless ``sort`` says oldest.

    With words, the results are the ``SEARCH_WINDOW`` newest matches (the oldest, sorted oldest
    first), sorted as asked; when more stories match, the queryset's ``more_than`` says how many
    are shown and the page says "more than". A query such as "civil defense", in most English
    stories, would otherwise be ranked and counted over tens of thousands of stories for every
    page of results; narrowing the dates reaches older stories. The people and organizations the
    query names are looked up first (``_named_subjects``); the window is then read in parts, the
    words and one per kind of link to those names, each stopping after ``SEARCH_WINDOW + 1`` rows
    (``_newest_matches``), so that PostgreSQL can choose for each the cheap way (walking the newest
    stories, or the indexes); a query naming no one reads no name part at all.
    """
    query = " ".join((query or "").split())
    if not query:
        return _by_date(queryset, sort)
    if connection.vendor == "postgresql":
        text_match, rank = _postgres_text(query)
    else:
        text_match, rank = _fallback_text(query)
    organizations, people = _named_subjects(query)
    conditions = [Q(text_match), *_named_conditions(organizations=organizations, people=people)]
    window = _newest_matches(queryset, conditions, oldest=sort == SORT_OLDEST)
    found = Article.objects.published().filter(_id_in([pk for pk, _named in window[:SEARCH_WINDOW]]))
    if sort == SORT_RELEVANCE:
        named = [pk for pk, is_named in window if is_named]
        bonus = Case(When(_id_in(named), then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        found = found.annotate(relevance=rank + bonus).order_by("-relevance", "-published_at", "-pk")
    else:
        found = _by_date(found, sort)
    found.more_than = SEARCH_WINDOW if len(window) > SEARCH_WINDOW else None
    return found


def _newest_matches(queryset: QuerySet, conditions: list[Q], *, oldest: bool) -> list[tuple[int, bool]]:
    """(id, matched by a name) of the ``SEARCH_WINDOW + 1`` newest (or oldest) articles of
    ``queryset`` meeting one of ``conditions`` (the words first, then the names, if any).

    Each condition gives its own ``SEARCH_WINDOW + 1`` newest stories (ids and dates only), merged
    here. The words come first, in a query of their own. When they alone fill the window, no story
    older than their last one (newer, for oldest first) can enter it, so the names look no further
    back than that date: "civil defense" names 18 organizations linked to 23,000 stories, and their
    part then reads the links of a few days of stories instead of walking the archive until it has
    found its own 201. The date is written into the names' query, so PostgreSQL plans each name
    for that very range, or, when the words are few, for the whole archive (a rare name is read
    from its few links). The window is the same as one query over every part would give.
    """
    window = {pk: (at, False) for pk, at in _first_matches(queryset, [conditions[0]], oldest=oldest)}
    if len(conditions) > 1:
        if len(window) > SEARCH_WINDOW:
            last = min(window.values()) if not oldest else max(window.values())
            since = {"published_at__lte" if oldest else "published_at__gte": last[0]}
            queryset = queryset.filter(**since)
        for pk, at in _first_matches(queryset, conditions[1:], oldest=oldest):
            window[pk] = (at, True)
    ordered = sorted(window.items(), key=lambda item: (item[1][0], item[0]), reverse=not oldest)
    return [(pk, named) for pk, (_at, named) in ordered[: SEARCH_WINDOW + 1]]


def _first_matches(queryset: QuerySet, conditions: list[Q], *, oldest: bool) -> list[tuple[int, object]]:
    """(id, published_at) of the ``SEARCH_WINDOW + 1`` newest (or oldest) articles of ``queryset``
    meeting each of ``conditions``, in one query of a part per condition (a story may come twice)."""
    sql, params = [], []
    for n, condition in enumerate(conditions):
        part = _by_date(queryset.filter(condition), SORT_OLDEST if oldest else SORT_NEWEST)
        part_sql, part_params = part.values_list("id", "published_at")[: SEARCH_WINDOW + 1].query.sql_with_params()
        sql.append(f"SELECT * FROM ({part_sql}) AS part{n}")  # nosec B608 (the ORM's own SQL; values are parameters)
        params += part_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        rows = cursor.fetchall()
    # The dates as the ORM reads them (SQLite returns text): aware datetimes, to compare and filter on.
    column = Article._meta.get_field("published_at").get_col(Article._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    for convert in converters:
        rows = [(pk, convert(at, column, connection)) for pk, at in rows]
    return rows


def _id_in(ids: list[int]) -> Q:
    """The article's id is one of ``ids``: on PostgreSQL one array parameter (``= ANY(%s)``), not a
    placeholder per id for the driver to parse."""
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    return Q(RawSQL(f'"{Article._meta.db_table}"."id" = ANY(%s)', [list(ids)], output_field=BooleanField()))


def article_mentions(
    queryset: QuerySet, *, names: list[str], linked: list[QuerySet] = (), for_counting: bool = False
) -> QuerySet:
    """Articles of ``queryset`` whose text contains one of ``names`` as a phrase, or whose id is in
    one of the ``linked`` querysets of article ids (for example: the articles interviewing this
    person), newest first.

    Two spellings of the same condition, for PostgreSQL's sake. Listing the newest twenty is
    fastest walking the newest stories and checking each (``id IN (…) OR text``: hashes and one
    read of the stored vector). Counting is fastest from the other side (``for_counting``: the ids
    of the links and of the text index, gathered in one ``UNION ALL``, then looked up), since a
    walk would read every story to the end when few match.
    """
    phrases = sorted({" ".join(n.replace('"', " ").split()) for n in names} - {""})
    named = _phrases_match(phrases) if phrases else None
    links = [ids.order_by() for ids in linked]
    if for_counting:
        sources = links + ([Article.objects.filter(named).order_by().values("pk")] if named is not None else [])
        if not sources:
            return queryset.none()
        union = sources[0].union(*sources[1:], all=True) if len(sources) > 1 else sources[0]
        return _by_date(queryset.filter(pk__in=union), SORT_NEWEST)
    conditions = [Q(pk__in=ids) for ids in links] + ([named] if named is not None else [])
    if not conditions:
        return queryset.none()
    condition = conditions[0]
    for other in conditions[1:]:
        condition |= other
    return _by_date(queryset.filter(condition), SORT_NEWEST)


def _phrases_match(phrases: list[str]) -> Q:
    """The headline, standfirst or body contains one of ``phrases``."""
    if connection.vendor == "postgresql":
        # One tsquery for every spelling: each story's vector is read once, not once per spelling.
        tsquery = " || ".join(f"({_tsquery(len(CONFIGURATIONS))})" for _ in phrases)
        params = [value for phrase in phrases for value in _tsquery_params(f'"{phrase}"')]
        return Q(_postgres_match(tsquery, params))
    match = Q()
    for name in phrases:
        match |= Q(headline__icontains=name) | Q(dek__icontains=name) | Q(body__icontains=name)
    return match


def article_id_in(ids: QuerySet) -> Q:
    """The article's id is one of ``ids`` (a queryset of one column of article ids).

    On PostgreSQL this is ``id = ANY(ARRAY(subquery))``: the subquery runs once, and unlike
    ``id IN (subquery)`` the condition can use the primary key index, so OR-ed with a text match
    both sides are index scans combined in one bitmap (a person page: interviews or mentions).
    """
    if not ids.query.is_sliced:
        ids = ids.order_by()  # an ordering (a model's default) is wasted work in a subquery
    if connection.vendor != "postgresql":
        return Q(pk__in=ids)
    sql, params = ids.query.sql_with_params()
    table = Article._meta.db_table
    return Q(RawSQL(f'"{table}"."id" = ANY(ARRAY({sql}))', params, output_field=BooleanField()))


def _by_date(queryset, sort):
    if sort == SORT_OLDEST:
        return queryset.order_by("published_at", "pk")
    return queryset.order_by("-published_at", "-pk")


def _named_subjects(query: str) -> tuple[list[int], list[int]]:
    """The ids of the organizations and of the people named by ``query``: one of whose name keys
    (an organization's name or aliases; a person's name, native name or alternate spellings, all
    made by ``normalize_name``) holds the query's key as whole words ("white helmets" in "the
    white helmets", not "helm").

    One query of four short scans of the name tables; the whole-word test is made here on the
    few keys that contain the text at all. Knowing the ids beforehand lets a search that names
    no one skip the name parts entirely, and lets PostgreSQL plan the others for these very ids.
    """
    key = normalize_name(query)
    if not key:
        return [], []
    blank = Value("", output_field=CharField())
    organization, person = Value("o", output_field=CharField()), Value("p", output_field=CharField())
    parts = [
        Organization.objects.filter(name_key__contains=key).values_list(organization, "pk", "name_key", blank),
        OrganizationAlias.objects.filter(name_key__contains=key).values_list(organization, "organization_id", "name_key", blank),
        Person.objects.filter(Q(name_key__contains=key) | Q(native_name_key__contains=key)).values_list(
            person, "pk", "name_key", "native_name_key"
        ),
        PersonName.objects.filter(name_key__contains=key).values_list(person, "person_id", "name_key", blank),
    ]
    names = parts[0].order_by().union(*(part.order_by() for part in parts[1:]), all=True)
    found: dict[str, set[int]] = {"o": set(), "p": set()}
    for kind, pk, *keys in names:
        if any(f" {key} " in f" {name_key} " for name_key in keys):
            found[kind].add(pk)
    return sorted(found["o"]), sorted(found["p"])


def _named_conditions(*, organizations: list[int], people: list[int]) -> list[Q]:
    """The articles that link one of ``organizations`` (directly, or through an interviewee's
    affiliation), or interview one of ``people``: one condition per kind of link, read from the
    link tables' indexes. Each is a part of its own in ``_newest_matches``, so PostgreSQL chooses
    for each how to find its newest stories: walking the newest stories and probing the links
    (a name in thousands of stories), or reading the few links first (a rare name)."""
    conditions = []
    if organizations:
        conditions.append(Q(pk__in=Article.organizations.through.objects.filter(organization_id__in=organizations).values("article_id")))
        conditions.append(Q(pk__in=Interviewee.objects.filter(affiliation__organization_id__in=organizations).values("article_id")))
    if people:
        conditions.append(Q(pk__in=Interviewee.objects.filter(person_id__in=people).values("article_id")))
    return conditions


def _postgres_text(query: str):
    """Full-text match and rank against the stored vector.

    The query is parsed with each language's configuration and the three are OR-ed, so one
    ``vector @@ query`` condition serves every language and can always use the GIN index. (A word
    could in theory match as another language's stem; the language filter keeps results apart.)
    """
    tsquery, params = _tsquery(len(CONFIGURATIONS)), _tsquery_params(query)
    rank = RawSQL(f"ts_rank({SEARCH_DOCUMENT}, {tsquery})", params, output_field=FloatField())
    return _postgres_match(tsquery, params), rank


def _tsquery(configurations: int) -> str:
    return " || ".join(["websearch_to_tsquery(%s::regconfig, %s)"] * configurations)


def _tsquery_params(query: str) -> list[str]:
    words = strip_conjunctions(query)
    return [value for config in CONFIGURATIONS.values() for value in (config, words)]


def _postgres_match(tsquery: str, params: list[str]) -> RawSQL:
    return RawSQL(f"{SEARCH_DOCUMENT} @@ ({tsquery})", params, output_field=BooleanField())


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

