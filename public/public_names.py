"""The public tags, people and organizations, and how a reader names them.

*Public* means linked to a published story (in any language): only those have a page, and only
those can narrow a search or be suggested, so the subject of an unpublished interview is never
revealed (``public_tags``, ``public_people``, ``public_organizations``).

A reader names one by typing (docs/FRONTEND.md, "Search"):

* ``resolve(kind, text)``: what the search form's tag, person or organization box means. A slug
  first (links and bookmarks such as ``?person=raed-al-saleh&tag=idlib`` keep working), else every
  spelling: a person's name, native name and alternate spellings, an organization's name and
  aliases, compared on the keys of ``people.names.normalize_name``; a tag's name, case-insensitively.
* ``suggest(kind, text)``: at most ``SUGGESTIONS`` public names with a word starting with ``text``
  (compared on the same keys), for the box's suggestions. One query, whatever the archive's size.
"""

from django.db import connection
from django.db.models import Case, Exists, Expression, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.text import Truncator

from articles.models import Article, Interviewee, Tag, TaggedArticle
from newsroom import languages
from people.models import Organization, OrganizationAlias, Person, PersonName, key_in
from people.names import normalize_name

KINDS = ("tag", "person", "organization")
SUGGESTIONS = 10  # names offered at most per request
CANDIDATES = 10  # people (…) sharing one spelling that the form offers to choose from
LONGEST = 200  # characters of a typed name (the longest stored name)


def _published(article_field: str) -> Exists:
    """The link row's ``article_field`` is a published article: a primary-key probe per link row,
    so checking one tag, person or organization reads a few rows, not every published article."""
    return Exists(Article.objects.published().filter(pk=OuterRef(article_field)))


def public_tags():
    used = TaggedArticle.objects.filter(tag=OuterRef("pk")).filter(_published("content_object_id"))
    return Tag.objects.filter(Exists(used)).order_by("name")


def person_is_public(person_field: str) -> Exists:
    """The person in ``person_field`` is interviewed in a published story (so has a public page).

    For annotating rows (an organization's affiliations): written against the link table directly,
    so PostgreSQL probes the few links of each row instead of hashing every public person first.
    """
    return Exists(Interviewee.objects.filter(person=OuterRef(person_field)).filter(_published("article_id")))


def organization_is_public(organization_field: str) -> Q:
    """The organization in ``organization_field`` is linked to a published story, directly or
    through an interviewee's affiliation (so has a public page)."""
    linked = Article.organizations.through.objects.filter(organization=OuterRef(organization_field))
    via_interviewee = Interviewee.objects.filter(affiliation__organization=OuterRef(organization_field))
    return Q(Exists(linked.filter(_published("article_id")))) | Q(
        Exists(via_interviewee.filter(_published("article_id")))
    )


def public_people():
    return Person.objects.filter(person_is_public("pk"))


def public_organizations():
    return Organization.objects.filter(organization_is_public("pk"))


def public(kind: str) -> QuerySet:
    """The public tags, people or organizations (``kind`` one of ``KINDS``)."""
    return {"tag": public_tags, "person": public_people, "organization": public_organizations}[kind]()


# --- resolving what was typed -------------------------------------------------------------------


def _spelled(kind: str, text: str) -> Q:
    """One of the names of a ``kind`` is ``text`` (any spelling, compared on the name keys)."""
    if kind == "tag":
        return Q(name__iexact=text)
    key = normalize_name(text)
    if not key:
        return Q(pk__in=[])
    if kind == "person":
        spellings = PersonName.objects.filter(name_key=key).values("person_id")
        return Q(name_key=key) | Q(native_name_key=key) | key_in("translated_name_keys", key) | Q(pk__in=spellings)
    aliases = OrganizationAlias.objects.filter(name_key=key).values("organization_id")
    return Q(name_key=key) | key_in("translated_name_keys", key) | Q(pk__in=aliases)


def resolve(kind: str, text: str) -> list:
    """The public ``kind``s that ``text`` names: ``[the one whose slug it is]`` if any, else every
    one with a name spelled so (at most ``CANDIDATES + 1``, in name order). One query."""
    text = " ".join((text or "").split())[:LONGEST]
    if not text:
        return []
    slug_first = Case(When(slug=text, then=Value(0)), default=Value(1), output_field=IntegerField())
    found = list(
        public(kind)
        .filter(Q(slug=text) | _spelled(kind, text))
        .annotate(slug_first=slug_first)
        .order_by("slug_first", "name", "pk")[: CANDIDATES + 1]
    )
    by_slug = [item for item in found if item.slug == text]
    return by_slug or found


def display_name(kind: str, item, *, typed: str) -> str:
    """What the box shows for ``item``, found from ``typed``: what was typed, except a slug (from a
    link or a bookmark), which becomes the name, provided the name finds the same one alone again
    (so the form can be sent again as it is; two people of one name keep their slugs)."""
    typed = " ".join(typed.split())
    if typed != item.slug or typed == item.name:
        return typed
    return item.name if resolve(kind, item.name) == [item] else item.slug


def choice_label(kind: str, item) -> str:
    """How a candidate is told apart from others of the same name: its name, the native name of a
    person, the start of a person's bio or an organization's description."""
    parts = [item.name]
    if kind == "person" and item.native_name and item.native_name != item.name:
        parts.append(item.native_name)
    about = getattr(item, "bio", "") or getattr(item, "description", "")
    if about:
        parts.append(Truncator(about).words(12))
    return " — ".join(parts)


# --- suggestions ---------------------------------------------------------------------------------


def _word_starts(field: str, key: str) -> Q:
    """A word of ``field`` (a name key: words separated by single spaces) starts with ``key``."""
    return Q(**{f"{field}__startswith": key}) | Q(**{f"{field}__contains": f" {key}"})


def _starts_a_word(key: str, spelling_key: str) -> bool:
    return spelling_key.startswith(key) or f" {key}" in spelling_key


def _translated_word_starts(key: str) -> Q:
    """A word of one of the row's names in another language (``translated_name_keys``, "|key|key|")
    starts with ``key``."""
    return Q(translated_name_keys__contains=f"|{key}") | Q(translated_name_keys__contains=f" {key}")


TRANSLATED_NAMES = [f"name_{code}" for code in languages.codes() if code != languages.DEFAULT]


def _translated_name(key: str, row: dict) -> str:
    """The row's name in another language one of whose words starts with ``key`` ("" if none)."""
    for column in TRANSLATED_NAMES:
        if row.get(column) and _starts_a_word(key, normalize_name(row[column])):
            return row[column]
    return ""


def suggest(kind: str, text: str) -> list[dict[str, str]]:
    """At most ``SUGGESTIONS`` public ``kind``s with a name having a word that starts with ``text``,
    as ``{"value": what the box gets, "label": what else to show}``: names starting with ``text``
    first, then alphabetically. ``value`` is the spelling that matched (so the browser, which shows
    only options containing what was typed, shows it) and resolves to that one again; two of the same
    spelling get their slugs. One query."""
    text = " ".join((text or "").split())[:LONGEST]
    if kind == "tag":
        rows = _tag_suggestions(text) if text else []
    else:
        key = normalize_name(text)
        rows = (_person_suggestions if kind == "person" else _organization_suggestions)(key) if key else []
    for row in rows:
        row["value"] = row["value"] or row["name"]
    counts: dict[str, int] = {}
    for row in rows:
        counts[normalize_name(row["value"])] = counts.get(normalize_name(row["value"]), 0) + 1
    suggestions = []
    for row in rows:
        value = row["value"] if counts[normalize_name(row["value"])] == 1 else row["slug"]
        label = row["name"] if row["name"] != value else row.get("other", "")
        suggestions.append({"value": value, "label": label})
    return suggestions


def _has_public_link(kind: str) -> Expression:
    """The row's tag, person or organization has one link to a published story, found by probing
    its own links one at a time (a subquery with a limit, so never a join or a hash): suggesting
    ten names then reads a few links each, never the public state of every tag or person first."""
    if kind == "tag":
        links = [TaggedArticle.objects.filter(tag=OuterRef("pk")).filter(_published("content_object_id"))]
    elif kind == "person":
        links = [Interviewee.objects.filter(person=OuterRef("pk")).filter(_published("article_id"))]
    else:
        links = [
            Article.organizations.through.objects.filter(organization=OuterRef("pk")).filter(_published("article_id")),
            Interviewee.objects.filter(affiliation__organization=OuterRef("pk")).filter(_published("article_id")),
        ]
    probes = [Subquery(link.order_by().values("pk")[:1]) for link in links]
    return Coalesce(*probes) if len(probes) > 1 else probes[0]


def _first_ten(kind: str, model, *, starts: Q, words: Q, fields: list[str], **annotations) -> list[dict]:
    """``fields`` (and ``annotations``) of the first ``SUGGESTIONS`` public rows of ``model`` whose
    name starts with the text (``starts``), then of those with another word starting so
    (``words``), each in name order: one query of two parts, each walking the names in order (the
    ``name, -id`` indexes) and stopping at ``SUGGESTIONS``."""
    # The source-language columns as stored (modeltranslation would rename "name" in the result).
    public_now = model.objects.rewrite(False).alias(public_link=_has_public_link(kind)).filter(public_link__isnull=False)
    columns = list(dict.fromkeys([*fields, *annotations, "name", "pk"]))
    sql, params = [], []
    for n, condition in enumerate([starts, words & ~starts]):
        part = public_now.filter(condition).annotate(**annotations).order_by("name", "-pk")
        part_sql, part_params = part.values(*columns)[:SUGGESTIONS].query.sql_with_params()
        # Only the ORM's own SQL and integers are written into the text; values are parameters.
        sql.append(f"SELECT *, {n} AS part FROM ({part_sql}) AS part{n}")  # nosec B608
        params += part_params
    quote = connection.ops.quote_name
    order = f"part, {quote('name')}, {quote('pk')} DESC"
    with connection.cursor() as cursor:
        cursor.execute(f"{' UNION ALL '.join(sql)} ORDER BY {order} LIMIT {SUGGESTIONS}", params)  # nosec B608
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _first_matching(variants: QuerySet, owner: str) -> Subquery:
    """The first (by key) of ``variants`` (alternate spellings or aliases) of the row."""
    return Subquery(variants.filter(**{owner: OuterRef("pk")}).order_by("name_key", "pk").values("name")[:1])


def _tag_suggestions(text: str) -> list[dict]:
    starts = Q(name__istartswith=text)
    rows = _first_ten("tag", Tag, starts=starts, words=Q(name__icontains=f" {text}"), fields=["slug", "name"])
    return [{**row, "value": row["name"]} for row in rows]


def _person_suggestions(key: str) -> list[dict]:
    spellings = PersonName.objects.filter(_word_starts("name_key", key))
    starts = Q(name_key__startswith=key) | Q(native_name_key__startswith=key)
    words = (
        _word_starts("name_key", key) | _word_starts("native_name_key", key) | _translated_word_starts(key)
        | Q(pk__in=spellings.values("person_id"))
    )
    rows = _first_ten(
        "person",
        Person,
        starts=starts,
        words=words,
        fields=["slug", "name", "name_key", "native_name", "native_name_key", *TRANSLATED_NAMES],
        spelling=_first_matching(spellings, "person"),
    )
    suggestions = []
    for row in rows:
        if _starts_a_word(key, row["name_key"]):
            value, other = row["name"], row["native_name"]
        elif row["native_name"] and _starts_a_word(key, row["native_name_key"]):
            value, other = row["native_name"], ""
        elif translated := _translated_name(key, row):
            value, other = translated, row["name"]
        else:
            value, other = row["spelling"], row["native_name"]
        suggestions.append({"slug": row["slug"], "name": row["name"], "value": value, "other": other})
    return suggestions


def _organization_suggestions(key: str) -> list[dict]:
    aliases = OrganizationAlias.objects.filter(_word_starts("name_key", key))
    words = _word_starts("name_key", key) | _translated_word_starts(key) | Q(pk__in=aliases.values("organization_id"))
    rows = _first_ten(
        "organization",
        Organization,
        starts=Q(name_key__startswith=key),
        words=words,
        fields=["slug", "name", "name_key", *TRANSLATED_NAMES],
        alias=_first_matching(aliases, "organization"),
    )
    return [
        {
            "slug": row["slug"],
            "name": row["name"],
            "value": row["name"] if _starts_a_word(key, row["name_key"]) else (_translated_name(key, row) or row["alias"]),
        }
        for row in rows
    ]
