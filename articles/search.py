"""Public search: the one rule for finding articles by words, on PostgreSQL and on SQLite.

A query matches an article when

* its words are in the headline, standfirst or body (PostgreSQL: full-text search with the
  configuration of the article's language, against the stored vector ``search_document`` and its
  GIN index ``article_search_vector``, migration 0006; SQLite: every word begins a word of those
  fields, read from the FTS5 table of ``articles.fulltext``, migration 0009), or
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

from django.db import connection
from django.db.models import BigIntegerField, BooleanField, Case, F, FloatField, Func, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from articles import fulltext
from articles.models import Article, Interviewee
from people.models import Organization, Person
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
    page of results; narrowing the dates reaches older stories. The window is read in one query of
    two parts, the words and the names, each stopping after ``SEARCH_WINDOW + 1`` rows, so that
    PostgreSQL can choose for each the cheap way (walking the newest stories, or the indexes).
    """
    query = " ".join((query or "").split())
    if not query:
        return _by_date(queryset, sort)
    if connection.vendor == "postgresql":
        text_match, rank = _postgres_text(query)
    else:
        text_match, rank = _fallback_text(query)
    is_named = None
    for ids in _named_articles(query):
        is_named = Q(pk__in=ids) if is_named is None else is_named | Q(pk__in=ids)
    window = _newest_matches(queryset, [Q(text_match), is_named], oldest=sort == SORT_OLDEST)
    found = Article.objects.published().filter(_id_in([pk for pk, _named in window[:SEARCH_WINDOW]]))
    if sort == SORT_RELEVANCE:
        named = [pk for pk, is_named in window if is_named]
        bonus = Case(When(_id_in(named), then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        found = found.annotate(relevance=rank + bonus).order_by("-relevance", "-published_at", "-pk")
    else:
        found = _by_date(found, sort)
    found.more_than = SEARCH_WINDOW if len(window) > SEARCH_WINDOW else None
    return found


def _newest_matches(queryset: QuerySet, conditions: list[Q | None], *, oldest: bool) -> list[tuple[int, bool]]:
    """(id, matched by a name) of the ``SEARCH_WINDOW + 1`` newest (or oldest) articles of
    ``queryset`` meeting one of ``conditions`` (the words, then the names), in one query.

    Each condition is a part of its own, stopping at ``SEARCH_WINDOW + 1`` rows, and the parts are
    merged by date in the database: only ids come back.
    """
    direction = "ASC" if oldest else "DESC"
    parts, params = [], []
    for n, condition in enumerate(conditions):
        if condition is None:
            continue
        part = _by_date(queryset.filter(condition), SORT_OLDEST if oldest else SORT_NEWEST)
        part = part.values(window_id=F("pk"), window_at=F("published_at"))[: SEARCH_WINDOW + 1]
        sql, part_params = part.query.sql_with_params()
        parts.append(f"SELECT window_id, window_at, {int(n > 0)} AS named FROM ({sql}) AS part{n}")
        params += part_params
    merged = (
        f"SELECT window_id, MAX(named) FROM ({' UNION ALL '.join(parts)}) AS matches GROUP BY window_id "
        f"ORDER BY MAX(window_at) {direction}, window_id {direction} LIMIT {SEARCH_WINDOW + 1}"
    )
    with connection.cursor() as cursor:
        cursor.execute(merged, params)
        return [(pk, bool(named)) for pk, named in cursor.fetchall()]


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
        tsquery = " || ".join(f"({_tsquery(len(CONFIGURATIONS))})" for _ in phrases)
        params = [value for phrase in phrases for value in _tsquery_params(f'"{phrase}"')]
        return Q(_postgres_match(tsquery, params))
    return _fulltext_match(_fulltext_phrases(phrases), walk=walk)


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


def _key_q(field: str, key: str) -> Q:
    """``field`` holds ``key`` as whole words ("white helmets" in "the white helmets", not "helm")."""
    return (
        Q(**{field: key})
        | Q(**{f"{field}__startswith": f"{key} "})
        | Q(**{f"{field}__endswith": f" {key}"})
        | Q(**{f"{field}__contains": f" {key} "})
    )


def _named_articles(query: str) -> list[QuerySet]:
    """Article ids (querysets of one column) of the articles that interview a person, or link an
    organization (directly or through an interviewee's affiliation), named by ``query``.

    Read from the link tables, so a name costs an index lookup per link, never a pass over the
    articles; ``article_id_in`` lets PostgreSQL OR them with the text match in one bitmap scan.
    """
    key = normalize_name(query)
    if not key:
        return []
    organizations = Organization.objects.filter(_key_q("name_key", key) | _key_q("aliases__name_key", key))
    people = Person.objects.filter(
        _key_q("name_key", key) | _key_q("native_name_key", key) | _key_q("alternate_names__name_key", key)
    )
    return [
        Article.organizations.through.objects.filter(organization__in=organizations.values("pk")).values("article_id"),
        Interviewee.objects.filter(person__in=people.values("pk")).values("article_id"),
        Interviewee.objects.filter(affiliation__organization__in=organizations.values("pk")).values("article_id"),
    ]


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
            forms = _arabic_word_forms(bare)
            terms.append("(" + " OR ".join(_fts_string(form, prefix=True) for form in forms) + ")")
        else:
            terms.append(_fts_string(word, prefix=True))
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
    return " OR ".join(alternatives) or None
