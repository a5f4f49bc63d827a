"""Public search: the one rule for finding articles by words, on PostgreSQL and on SQLite.

A query matches an article when

* its words are in the headline, standfirst or body (PostgreSQL: full-text search with the
  configuration of the article's language, against the stored vector ``search_document`` and its
  GIN index ``article_search_vector``, migration 0006; SQLite: every word begins a word of those
  fields, read from the FTS5 table of ``public.fulltext``, migration 0009), or
* the whole query names a person the article interviews or an organization it links (directly or
  through an interviewee's affiliation), compared on the stored ``name_key``s made by
  ``people.names.normalize_name``: "White Helmets" finds a story that only links Syria Civil Defense.

Arabic writes the conjunctions و ("and") and ف ("so") joined to the next word, and PostgreSQL's
``arabic`` configuration does not strip them, so "والدفاع" would never match "دفاع". The indexed text
is therefore the text followed by a copy with a leading و/ف removed from every word of four or more
letters, and the query gets the same treatment (``strip_conjunctions``). SQLite's index holds the
text as written, so there each Arabic query word is looked up in the spellings Arabic can join to it
instead (``_arabic_word_forms``). See docs/FRONTEND.md.
"""

import re
from collections.abc import Sequence

from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from articles.models import Article, Interviewee
from newsroom import languages, stemming
from people.models import KEY_SEPARATOR, Organization, OrganizationAlias, Person, PersonName
from people.names import normalize_name
from public import caching, fragments, fulltext
from public import keys as surrogate_keys

# A search lists at most this many matching stories (see article_search).
SEARCH_WINDOW = 200

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"

# Relevance: a story linking a person or organization the query names comes first, then one whose
# text has the query's words in a row ("White Helmets", not "helmets" of the "Blue Helmets" and a
# "white" elsewhere), then the rank of its words (below 0.5 on either database).
NAMED_BONUS = 1.0
PHRASE_BONUS = 0.5

# Text-search configuration per article language (newsroom.languages).
CONFIGURATIONS = {language.code: language.search_configuration for language in languages.EDITIONS}

# A و or ف joined to an Arabic word of at least three more letters (the same rule in SQL below).
_CONJUNCTION = re.compile("(^|[^\u0621-\u064a])[\u0648\u0641]([\u0621-\u064a]{3})")

# PostgreSQL: the article's search vector, stored by a trigger (migration 0006 holds its definition:
# the text in its language's configuration, followed by a copy with و/ف stripped as above).
SEARCH_DOCUMENT = "search_document"  # unqualified: no other table has it, and in a subquery it is the inner row's


def reindex_postgres() -> None:
    """PostgreSQL: every story's stored vector made again by its trigger (which fires on a write of
    ``language``), after a change to the configurations or to the trigger's function."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Article._meta.db_table} SET language = language")  # nosec B608 (a model's table name)


def strip_conjunctions(text: str) -> str:
    """Drop a leading و/ف from Arabic words, as the index does: "والدفاع" → "الدفاع"."""
    return _CONJUNCTION.sub(r"\1\2", text)


def article_search(queryset: QuerySet, *, query: str, sort: str = SORT_RELEVANCE, editions: Sequence[str] = (),
                   window: int | None = None, named: dict | None = None, scope: str | None = None) -> QuerySet:
    """Narrow ``queryset`` (already public and filtered) to articles matching ``query`` and sort it.

    An empty query keeps every article; it is sorted newest first unless ``sort`` says oldest.

    With words, the results are the ``window`` (``SEARCH_WINDOW`` unless given) newest matches (the oldest, sorted oldest first),
    sorted as asked; when more stories match, the queryset's ``more_than`` says how many are shown
    and the page says "more than". A query such as "civil defense", in most English stories, would
    otherwise be ranked and counted over tens of thousands of stories for every page of results;
    narrowing the dates reaches older stories. The people and organizations the query names are
    looked up first (``_named_subjects``; ``named``, a dict shared by the searches of one request,
    remembers them); the window is then read in parts, the words and one per kind of link to those
    names, each stopping after ``window + 1`` rows (``_newest_matches``), so that PostgreSQL can
    choose for each the cheap way (walking the newest stories, or the indexes); a query naming no
    one reads no name part at all.

    ``editions``: the languages searched, each read in parts of its own — the reader's words in the
    other editions ("In other languages"), where they are usually rare and PostgreSQL cannot tell
    (see ``_first_matches``).

    ``scope``: a name for the stories of ``queryset`` when no filter but their language narrows
    them ("en", or the other editions' "ar,ku"). The newest stories linking the people and
    organizations a query names are then kept as a fragment (``public.fragments``) under the keys
    of those people's and organizations' lists of stories, like their own pages' lists: they change
    when a story does, not with every search ("Civil Defense" and "White Helmets" name the same
    organizations), and reading them is most of the time of a search that names anyone.
    """
    window = window or SEARCH_WINDOW  # read now: tests narrow it
    query = " ".join((query or "").split())
    if not query:
        return _by_date(queryset, sort)
    if connection.vendor == "postgresql":
        text_match, rank = _postgres_text(query)
    else:
        text_match, rank = _fallback_text(query)
    named = {} if named is None else named
    if query not in named:
        named[query] = _named_subjects(query)
    organizations, people = named[query]
    conditions = [Q(text_match), *_named_conditions(organizations=organizations, people=people)]
    kept_as = None
    if scope is not None and len(conditions) > 1:
        # The lists' keys, and the organizations' own: an affiliation given to another organization moves it.
        shown = [*(key for pk in organizations for key in (surrogate_keys.organization(pk), surrogate_keys.organization_list(pk))),
                 *(key for pk in people for key in (surrogate_keys.person(pk), surrogate_keys.person_list(pk)))]
        subjects_name = fragments.name_of(f"{organizations}{people}")
        kept_as = (f"search-names:{fragments.name_of(scope)}:{sort == SORT_OLDEST:d}:{window}:{subjects_name}", shown)
    matches = _newest_matches(queryset, conditions, oldest=sort == SORT_OLDEST, editions=editions, window=window,
                              kept_as=kept_as)
    found = Article.objects.published().filter(_id_in([pk for pk, _named in matches[:window]]))
    if sort == SORT_RELEVANCE:
        by_name = [pk for pk, is_named in matches if is_named]
        bonus = Case(When(_id_in(by_name), then=Value(NAMED_BONUS)), default=Value(0.0), output_field=FloatField())
        found = found.annotate(relevance=rank + bonus + _phrase_bonus(query)).order_by("-relevance", "-published_at", "-pk")
    else:
        found = _by_date(found, sort)
    found.more_than = window if len(matches) > window else None
    found.known_count = min(len(matches), window)  # the paginator need not count them again
    return found


def _phrase_bonus(query: str):
    """``PHRASE_BONUS`` for a story whose headline, standfirst or body has the query's words in a
    row, as written (PostgreSQL: a phrase of the stemmed words); nothing for a one-word query."""
    if len(query.split()) < 2:
        return Value(0.0, output_field=FloatField())
    if connection.vendor == "postgresql":
        phrase = " ".join(query.replace('"', " ").split())
        condition = Q(_postgres_match(*_tsquery_of(f'"{phrase}"')))
    else:
        condition = _fulltext_match(_fulltext_phrases([query]))
    return Case(When(condition, then=Value(PHRASE_BONUS)), default=Value(0.0), output_field=FloatField())


def _newest_matches(queryset: QuerySet, conditions: list[Q], *, oldest: bool, editions: Sequence[str] = (),
                    window: int, kept_as: tuple[str, list[str]] | None = None) -> list[tuple[int, bool]]:
    """(id, matched by a name) of the ``window + 1`` newest (or oldest) articles of ``queryset``
    meeting one of ``conditions`` (the words first, then the names, if any).

    Each condition gives its own ``window + 1`` newest stories (ids and dates only), merged here.
    The words come first, in a query of their own. When they alone fill the window, no story older
    than their last one (newer, for oldest first) can enter it, so the names look no further back
    than that date: "civil defense" names 18 organizations linked to 23,000 stories, and their part
    then reads the links of a few days of stories instead of walking the archive until it has found
    its own 201. The date is written into the names' query, so PostgreSQL plans each name for that
    very range, or, when the words are few, for the whole archive (a rare name is read from its few
    links). The window is the same as one query over every part would give.

    ``kept_as``: ``(name, keys)`` under which the names' part, read without that date, is kept
    (``article_search``'s ``scope``); the date then only drops the stories that cannot enter.
    """
    words = _first_matches(queryset, [conditions[0]], oldest=oldest, editions=editions, limit=window + 1,
                           index_first=bool(editions))
    found = {pk: (at, False) for pk, at in words}
    if len(conditions) > 1:
        last = sorted(found.values(), reverse=not oldest)[window][0] if len(found) > window else None
        if kept_as is not None:
            named = _kept_name_matches(queryset, conditions[1:], oldest=oldest, editions=editions,
                                       limit=window + 1, kept_as=kept_as)
            if last is not None:
                named = [(pk, at) for pk, at in named if (at <= last if oldest else at >= last)]
        else:
            if last is not None:
                queryset = queryset.filter(**{"published_at__lte" if oldest else "published_at__gte": last})
            named = _first_matches(queryset, conditions[1:], oldest=oldest, editions=editions, limit=window + 1)
        for pk, at in named:
            found[pk] = (at, True)
    ordered = sorted(found.items(), key=lambda item: (item[1][0], item[0]), reverse=not oldest)
    return [(pk, named) for pk, (_at, named) in ordered[: window + 1]]


def _kept_name_matches(queryset, conditions, *, oldest, editions, limit, kept_as) -> list[tuple[int, object]]:
    """The names' part of ``_newest_matches``, kept as a fragment: under the keys of the named
    people's and organizations' lists, and no longer than the next embargo lifts (a story stored as
    published with a later time joins them then, as it joins their pages)."""
    name, shown = kept_as

    def build():
        surrogate_keys.shows(*shown)
        caching.lists_public_stories()
        return _first_matches(queryset, conditions, oldest=oldest, editions=editions, limit=limit)

    return fragments.kept_one(name, build)


# Reading an edition's words index first stops after this many matches: more, and the words are
# common there, so walking its newest stories finds the newest matches sooner.
INDEX_FIRST_CAP = 1000


def _first_matches(queryset: QuerySet, conditions: list[Q], *, oldest: bool, editions: Sequence[str] = (),
                   limit: int, index_first: bool = False) -> list[tuple[int, object]]:
    """(id, published_at) of the ``limit`` newest (or oldest) articles of ``queryset`` meeting
    each of ``conditions`` — in each of ``editions`` if given — in one query of a part per condition
    and edition (a story may come twice).

    ``index_first`` (PostgreSQL, with ``editions``): each edition's matches are read first through
    that edition's full-text index (``article_search_<language>``, a materialized set of at most
    ``INDEX_FIRST_CAP``), then sorted. PostgreSQL's statistics of the stored vectors are the whole
    table's, so it expects English words to be as frequent in the Arabic edition as in the English
    one and walks the Arabic stories newest first, through all of them when none matches (300 ms at
    100,000 articles). A part that reaches the cap is read again by walking (the words are common
    there, so the walk is short)."""
    postgres = connection.vendor == "postgresql"
    parts = [(condition, code) for condition in conditions for code in (editions or [None])]
    rows, again = _read_parts(queryset, parts, oldest=oldest, limit=limit, index_first=index_first and postgres)
    if again:
        more, _none = _read_parts(queryset, again, oldest=oldest, limit=limit, index_first=False)
        rows += more
    # The dates as the ORM reads them (SQLite returns text): aware datetimes, to compare and filter on.
    column = Article._meta.get_field("published_at").get_col(Article._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    for convert in converters:
        rows = [(pk, convert(at, column, connection)) for pk, at in rows]
    return rows


def _read_parts(queryset, parts, *, oldest: bool, limit: int, index_first: bool):
    """The rows of ``parts`` (``(condition, language or None)``), and the parts read index first that
    reached ``INDEX_FIRST_CAP`` (to be read again by walking)."""
    sql, params = [], []
    direction = "ASC" if oldest else "DESC"
    for n, (condition, code) in enumerate(parts):
        part = queryset.filter(condition) if code is None else queryset.filter(condition, language=code)
        if index_first:
            matches_sql, part_params = part.order_by().values_list("id", "published_at").query.sql_with_params()
            part_sql = (f"WITH matches AS MATERIALIZED ({matches_sql} LIMIT {INDEX_FIRST_CAP}) "  # nosec B608 (the ORM's own SQL)
                        f"SELECT id, published_at, (SELECT count(*) FROM matches) >= {INDEX_FIRST_CAP} "
                        f"FROM matches ORDER BY 2 {direction}, 1 {direction} LIMIT {limit}")
        else:
            part = _by_date(part, SORT_OLDEST if oldest else SORT_NEWEST)
            part_sql, part_params = part.values_list("id", "published_at")[:limit].query.sql_with_params()
            part_sql = f"SELECT *, false FROM ({part_sql}) AS walked"  # nosec B608 (the ORM's own SQL)
        sql.append(f"SELECT *, {n} FROM ({part_sql}) AS part{n}")  # nosec B608 (the ORM's own SQL; values are parameters)
        params += part_params
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(sql), params)
        fetched = cursor.fetchall()
    capped = {n for _pk, _at, full, n in fetched if full}
    return [(pk, at) for pk, at, _full, n in fetched if n not in capped], [parts[n] for n in sorted(capped)]


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
    walk would read every story to the end when few match. SQLite takes the same two ways, the
    listing told so (``walk``: see ``_fulltext_match``).
    """
    phrases = sorted({" ".join(n.replace('"', " ").split()) for n in names} - {""})
    named = _phrases_match(phrases, walk=not for_counting) if phrases else None
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


def _phrases_match(phrases: list[str], *, walk: bool = False) -> Q:
    """The headline, standfirst or body contains one of ``phrases``. (``walk``: SQLite only.)"""
    if connection.vendor == "postgresql":
        # One tsquery for every spelling: each story's vector is read once, not once per spelling.
        parts = [_tsquery_of(f'"{phrase}"') for phrase in phrases]
        tsquery = " || ".join(f"({sql})" for sql, _params in parts)
        params = [value for _sql, part_params in parts for value in part_params]
        return Q(_postgres_match(tsquery, params))
    return _fulltext_match(_fulltext_phrases(phrases), walk=walk)


def _by_date(queryset, sort):
    if sort == SORT_OLDEST:
        return queryset.order_by("published_at", "pk")
    return queryset.order_by("-published_at", "-pk")


def _names_sql() -> str:
    """Seven short reads of the name tables for a key as a part of a name key, one per column (an
    organization's name in each language, its aliases, a person's name in each language and native
    name, their other spellings): on PostgreSQL each from that column's trigram index (people
    migration 0008; an OR of columns would read the whole table). A row may come twice. Written
    once: the ORM took longer to write it than the database to answer it."""
    # Table and column names of models only; the key is a parameter (hence the nosec B608 below).
    organization, alias = Organization._meta.db_table, OrganizationAlias._meta.db_table
    person, spelling = Person._meta.db_table, PersonName._meta.db_table
    separator = KEY_SEPARATOR.replace("'", "''")
    person_keys = f"native_name_key || '{separator}' || translated_name_keys"
    like = "LIKE %s ESCAPE '\\'"
    reads = [
        *(f"SELECT 'o', id, name_key, translated_name_keys FROM {organization} WHERE {column} {like}"  # nosec B608
          for column in ("name_key", "translated_name_keys")),
        f"SELECT 'o', organization_id, name_key, '' FROM {alias} WHERE name_key {like}",  # nosec B608
        *(f"SELECT 'p', id, name_key, {person_keys} FROM {person} WHERE {column} {like}"  # nosec B608
          for column in ("name_key", "native_name_key", "translated_name_keys")),
        f"SELECT 'p', person_id, name_key, '' FROM {spelling} WHERE name_key {like}",  # nosec B608
    ]
    return " UNION ALL ".join(reads)


_NAMES_SQL = _names_sql()


def _named_subjects(query: str) -> tuple[list[int], list[int]]:
    """The ids of the organizations and of the people named by ``query``: one of whose name keys
    (an organization's name in each language or aliases; a person's name in each language, native
    name or alternate spellings, all made by ``normalize_name``) holds the query's key as whole words ("white helmets" in "the
    white helmets", not "helm").

    One query of four short scans of the name tables; the whole-word test is made here on the
    few keys that contain the text at all. Knowing the ids beforehand lets a search that names
    no one skip the name parts entirely, and lets PostgreSQL plan the others for these very ids.
    """
    key = normalize_name(query)
    if not key:
        return [], []
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with connection.cursor() as cursor:
        cursor.execute(_NAMES_SQL, [pattern] * 7)
        names = cursor.fetchall()
    found: dict[str, set[int]] = {"o": set(), "p": set()}
    for kind, pk, *keys in names:
        name_keys = [name_key for text in keys for name_key in (text or "").split(KEY_SEPARATOR)]
        if any(f" {key} " in f" {name_key} " for name_key in name_keys):
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
    tsquery, params = _tsquery_of(query)
    rank = RawSQL(f"ts_rank({SEARCH_DOCUMENT}, {tsquery})", params, output_field=FloatField())
    return _postgres_match(tsquery, params), rank


def _tsquery_of(query: str) -> tuple[str, list[str]]:
    """(SQL, parameters) of a tsquery for ``query`` in every language's configuration, with a
    joined و/ف stripped (as the stored vector's second copy) and, when that changed the query, as
    typed too: the و of "وزير" ("minister") is its own, and "الوزير" is stored as "وزير"."""
    spellings = list(dict.fromkeys([strip_conjunctions(query), query]))
    params = [value for words in spellings for config in CONFIGURATIONS.values() for value in (config, words)]
    return " || ".join(["websearch_to_tsquery(%s::regconfig, %s)"] * (len(params) // 2)), params


def _postgres_match(tsquery: str, params: list[str]) -> RawSQL:
    return RawSQL(f"{SEARCH_DOCUMENT} @@ ({tsquery})", params, output_field=BooleanField())


def _fallback_text(query: str):
    """SQLite: every word of the query begins a word of the headline, standfirst or body, looked
    up in the FTS5 index (``_fulltext_words``)."""
    match = _fulltext_match(_fulltext_words(query), walk=True)
    rank = Case(
        When(headline__icontains=query, then=Value(0.3)),
        When(dek__icontains=query, then=Value(0.2)),
        default=Value(0.1),
        output_field=FloatField(),
    )
    return match, rank


# SQLite full-text queries. The reader's text never reaches FTS5 as syntax: every word is a quoted
# string (a '"' in it doubled), so "*", "(", "-", ":", OR, NOT and NEAR are only characters or words.

# A word of three letters or more matches as the beginning of a word ("defen", "defense" and
# "defenses" all find "defenses"); a shorter one only as a whole word ("un" is not "union").
PREFIX_FROM = 3
_TOKEN = re.compile(r"[^\W_]+")  # letters and digits of any script: what FTS5's unicode61 keeps
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)  # "Saleh's" is looked up as "Saleh"
_ARABIC_WORD = re.compile("[\u0621-\u064a]{3,}")
_ARABIC_CONJUNCTIONS = ("", "\u0648", "\u0641")  # و "and", ف "so"
# The definite article ال, with ب "with" and ك "like" before it, and ل "for" + ال written لل.
_ARABIC_ARTICLES = ("\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0644\u0644")
_ARABIC_PREPOSITIONS = ("\u0628", "\u0644", "\u0643")  # ب ل ك, joined to a word without the article


def _fulltext_match(expression: str | None, *, walk: bool = False) -> Q:
    """The article is in the FTS5 index's answer to ``expression`` (never, without one).

    With ``walk``, SQLite may not look the answer's ids up one by one (``+id IN …``, a unary plus
    keeps the primary key out of the plan): it walks an index of the stories newest first and
    checks each id against the answer, stopping at the window's end. Looking up ten thousand
    matching ids instead reads each row, past its body, to learn its date and status.
    """
    if expression is None:
        return Q(Value(False, output_field=BooleanField()))  # compiles (``pk__in=[]`` would not, alone)
    table = fulltext.TABLE
    ids = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])
    if not walk:
        return Q(pk__in=ids)
    return Q(In(Func(F("pk"), template="+%(expressions)s", output_field=BigIntegerField()), ids))


def _fts_string(text: str, *, prefix: bool) -> str:
    """``text`` as one FTS5 string (a phrase of its words), its last word a prefix if asked and long
    enough."""
    quoted = '"' + text.replace('"', '""') + '"'
    words = _TOKEN.findall(text)
    return quoted + "*" if prefix and words and len(words[-1]) >= PREFIX_FROM else quoted


def _without_article(word: str) -> str:
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word[len(article) :]
    return word


def _arabic_word_forms(word: str) -> list[str]:
    """The spellings in which a searched Arabic word can stand in a text: with a joined و/ف, the
    article (also as بال كال لل) or ب/ل/ك, or none. The word is first reduced to its bare form,
    as PostgreSQL's ``arabic`` configuration and ``strip_conjunctions`` do: "والدفاع" and "الدفاع"
    find "دفاع", "للدفاع" and "فالدفاع", and "دفاع" finds them all."""
    bare = strip_conjunctions(word)
    nouns = {_without_article(bare)}
    if bare != word and _without_article(bare) == bare:
        nouns.add(word)  # the و/ف may be the word's own first letter: "وزير" is "minister"
    leads = ("", *_ARABIC_ARTICLES, *_ARABIC_PREPOSITIONS)
    return sorted({conj + lead + noun for noun in nouns for lead in leads for conj in _ARABIC_CONJUNCTIONS})


def _arabic_name_forms(word: str) -> list[str]:
    """The spellings of the first word of a name with what Arabic joins to it: و/ف, and ب/ل/ك
    (before the article: بال كال لل). The name itself is not shortened: "فادي" stays Fadi."""
    noun = _without_article(word)
    leads = _ARABIC_ARTICLES if noun != word else ("", *_ARABIC_PREPOSITIONS)
    return sorted({conj + lead + noun for lead in leads for conj in _ARABIC_CONJUNCTIONS})


def _fulltext_words(query: str) -> str | None:
    """An FTS5 query for ``query``'s words, all of them required; None when it has no word."""
    terms = []
    for word in fulltext.fold(query).split():
        word = _POSSESSIVE.sub("", word)
        if not _TOKEN.search(word):
            continue  # punctuation only
        bare = _EDGES.sub("", word)
        if _ARABIC_WORD.fullmatch(bare):
            written = " OR ".join(_fts_string(form, prefix=True) for form in _arabic_word_forms(bare))
        else:
            written = _fts_string(word, prefix=True)
        term = f"{fulltext.WORDS} : ({written})"
        stems = stemming.query_stems(bare)
        if stems:
            term += f" OR {fulltext.STEMS} : (" + " OR ".join(_fts_string(stem, prefix=False) for stem in stems) + ")"
        terms.append(f"({term})")
    return " AND ".join(terms) or None


def _fulltext_phrases(phrases: list[str]) -> str | None:
    """An FTS5 query for any of ``phrases`` (names: their words in a row, each whole)."""
    alternatives = []
    for phrase in phrases:
        words = [word for word in fulltext.fold(phrase).split() if _TOKEN.search(word)]
        if not words:
            continue
        first, rest = _EDGES.sub("", words[0]), words[1:]
        firsts = _arabic_name_forms(first) if _ARABIC_WORD.fullmatch(first) else [words[0]]
        alternatives += [_fts_string(" ".join([form, *rest]), prefix=False) for form in firsts]
    return f"{fulltext.WORDS} : (" + " OR ".join(alternatives) + ")" if alternatives else None
