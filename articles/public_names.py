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

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils.text import Truncator
from taggit.models import Tag, TaggedItem

from articles.models import Article, Interviewee
from people.models import Organization, OrganizationAlias, Person, PersonName
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
    used = TaggedItem.objects.filter(tag=OuterRef("pk"), content_type__app_label="articles").filter(
        _published("object_id")
    )
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
        return Q(name_key=key) | Q(native_name_key=key) | Q(pk__in=spellings)
    aliases = OrganizationAlias.objects.filter(name_key=key).values("organization_id")
    return Q(name_key=key) | Q(pk__in=aliases)


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
    counts: dict[str, int] = {}
    for row in rows:
        counts[normalize_name(row["value"])] = counts.get(normalize_name(row["value"]), 0) + 1
    suggestions = []
    for row in rows:
        value = row["value"] if counts[normalize_name(row["value"])] == 1 else row["slug"]
        label = row["name"] if row["name"] != value else row.get("other", "")
        suggestions.append({"value": value, "label": label})
    return suggestions


def _ranked(queryset: QuerySet, starts: Q) -> QuerySet:
    """``queryset`` with the names that start with the typed text first, then by name, cut short."""
    first = Case(When(starts, then=Value(0)), default=Value(1), output_field=IntegerField())
    return queryset.annotate(rank=first).order_by("rank", "name", "pk")


def _tag_suggestions(text: str) -> list[dict]:
    words = Q(name__istartswith=text) | Q(name__icontains=f" {text}")
    rows = _ranked(public_tags().filter(words), Q(name__istartswith=text)).values("slug", "name")
    return [{**row, "value": row["name"]} for row in rows[:SUGGESTIONS]]


def _person_suggestions(key: str) -> list[dict]:
    spellings = PersonName.objects.filter(_word_starts("name_key", key))
    matching_spelling = spellings.filter(person=OuterRef("pk")).order_by("name_key", "pk").values("name")[:1]
    people = (
        public_people()
        .filter(
            _word_starts("name_key", key)
            | _word_starts("native_name_key", key)
            | Q(pk__in=spellings.values("person_id"))
        )
        .annotate(spelling=Subquery(matching_spelling))
    )
    starts = Q(name_key__startswith=key) | Q(native_name_key__startswith=key)
    rows = _ranked(people, starts).values("slug", "name", "name_key", "native_name", "native_name_key", "spelling")
    suggestions = []
    for row in rows[:SUGGESTIONS]:
        if _starts_a_word(key, row["name_key"]):
            value, other = row["name"], row["native_name"]
        elif row["native_name"] and _starts_a_word(key, row["native_name_key"]):
            value, other = row["native_name"], ""
        else:
            value, other = row["spelling"], row["native_name"]
        suggestions.append({"slug": row["slug"], "name": row["name"], "value": value, "other": other})
    return suggestions


def _organization_suggestions(key: str) -> list[dict]:
    aliases = OrganizationAlias.objects.filter(_word_starts("name_key", key))
    matching_alias = aliases.filter(organization=OuterRef("pk")).order_by("name_key", "pk").values("name")[:1]
    organizations = (
        public_organizations()
        .filter(_word_starts("name_key", key) | Q(pk__in=aliases.values("organization_id")))
        .annotate(alias=Subquery(matching_alias))
    )
    rows = _ranked(organizations, Q(name_key__startswith=key)).values("slug", "name", "name_key", "alias")
    suggestions = []
    for row in rows[:SUGGESTIONS]:
        value = row["name"] if _starts_a_word(key, row["name_key"]) else row["alias"]
        suggestions.append({"slug": row["slug"], "name": row["name"], "value": value})
    return suggestions
