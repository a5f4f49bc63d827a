"""A language version of a story as an IPTC ninjs 2.1 document (News in JSON).

``documents(articles)`` builds the documents of many articles with a fixed number of queries (the
relations are prefetched together, the pictures of every body read at once); ``document(article)`` is
one of them. What each field holds is in docs/SYNDICATION.md ("The ninjs document"); the tests
validate the documents against the IPTC's own schema (``wire/schema/``).

Everything here reads: nothing is written, and no status is decided here but read from the article.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from datetime import datetime
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone, translation
from django.utils.text import slugify

from articles.models import Article, Byline, Correction, Interviewee, StatusChange, TaggedArticle
from images.body import TOKEN, image_id, image_ids
from images.models import Image
from newsroom import languages
from newsroom.translated import display_name
from people.models import Organization
from wire.models import ItemVersion

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
USABLE, WITHHELD, CANCELED = "usable", "withheld", "canceled"
WORDS = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
SPACE = re.compile(r"\s+")
TAG = re.compile(r"<[^>]*>")


def _namespace() -> str:
    return _slug_of(settings.SITE_NAME)


@functools.lru_cache(maxsize=8)
def _slug_of(name: str) -> str:
    return slugify(name) or "newsroom"


def item_uri(article: Article) -> str:
    """The item's identifier: the same for every version of this language version of the story."""
    return f"urn:{_namespace()}:item:{article.translation_key}:{article.language}"


def register_uri(kind: str, pk) -> str:
    """A stable identifier of a row of the register (person, organization, tag, image, section)."""
    return f"urn:{_namespace()}:{kind}:{pk}"


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(dt_timezone.utc).isoformat().replace("+00:00", "Z")


def pubstatus(article: Article) -> str:
    """usable (published, or scheduled: embargoed copy), withheld (withdrawn), canceled (anything
    else: a story taken back before its release)."""
    if article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED):
        return USABLE
    if article.status == Article.Status.WITHDRAWN:
        return WITHHELD
    return CANCELED


def is_embargoed(article: Article, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        article.status in (Article.Status.SCHEDULED, Article.Status.PUBLISHED)
        and article.published_at is not None
        and article.published_at > now
    )


def text_counts(body_html: str) -> tuple[int, int]:
    """(words, characters) of the text a reader reads in ``body_html`` (sanitized HTML: a tag is
    ``<…>`` and no ``>`` hides in an attribute, so a regular expression takes the tags out, each as a
    space, far faster than an HTML parser)."""
    text = SPACE.sub(" ", html.unescape(TAG.sub(" ", body_html))).strip()
    return len(WORDS.findall(text)), len(text)


def _names(prefix: str = "") -> list[str]:
    """The name columns of a translated model (``name``, ``name_en``, ``name_ar``…), under ``prefix``."""
    return [f"{prefix}name", *(f"{prefix}name_{code}" for code in languages.codes())]


def with_relations(queryset):
    """``queryset`` with everything a document shows, loaded in a fixed number of queries (each
    reading only the columns a document uses); the wire version (``wire_version``) is the number of
    the newest version sent out (``ItemVersion``)."""
    newest = ItemVersion.objects.filter(article=OuterRef("pk")).order_by("-version").values("version")[:1]
    return queryset.annotate(wire_version=Subquery(newest)).select_related("lead_image").prefetch_related(
        Prefetch("bylines", queryset=Byline.objects.select_related("user").only(
            "article_id", "position", "name", "user__first_name", "user__last_name", "user__username")),
        Prefetch("interviewee_links", queryset=Interviewee.objects.select_related(
            "person", "affiliation__organization").only(
            "article_id", "position", "role", "person_id", "affiliation_id", "person__native_name",
            *_names("person__"), "affiliation__organization_id", *_names("affiliation__organization__"))),
        Prefetch("organizations", queryset=Organization.objects.only("id", *_names())),
        Prefetch("tagged_items", queryset=TaggedArticle.objects.select_related("tag").only(
            "content_object_id", "tag_id", *_names("tag__"))),
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "id")),
        Prefetch(
            "status_changes",
            queryset=StatusChange.objects.filter(action="withdraw").order_by("-created_at", "-id"),
            to_attr="withdrawals",
        ),
        "lead_image__renditions",
    )


def _translations_of(articles: list[Article]) -> dict:
    """The other language versions that subscribers may see, per translation key (one query)."""
    keys = {a.translation_key for a in articles}
    found: dict = {}
    rows = Article.objects.filter(translation_key__in=keys, status=Article.Status.PUBLISHED,
                                  published_at__lte=timezone.now())
    for other in rows.only("pk", "translation_key", "language", "headline", "version", "status"):
        found.setdefault(other.translation_key, []).append(other)
    return found


def documents(articles: Iterable[Article], *, now: datetime | None = None) -> list[dict]:
    """The ninjs documents of ``articles`` (each loaded with ``with_relations``), in their order."""
    articles = list(articles)
    now = now or timezone.now()
    wanted = set().union(*(image_ids(a.body) for a in articles)) if articles else set()
    pictures = Image.objects.with_renditions().in_bulk(wanted) if wanted else {}
    others = _translations_of(articles) if articles else {}
    return [
        _document(a, pictures=pictures, others=[o for o in others.get(a.translation_key, []) if o.pk != a.pk], now=now)
        for a in articles
    ]


def document(article: Article, *, now: datetime | None = None, version: int | None = None) -> dict:
    """The ninjs document of one article as it stands (the relations are read here); ``version``:
    the wire version it is to carry (the newest one sent out when not given)."""
    loaded = with_relations(Article.objects.filter(pk=article.pk)).get()
    if version is not None:
        loaded.wire_version = version
    return documents([loaded], now=now)[0]


def _renditions(image: Image) -> list[dict]:
    found = []
    for r in sorted(image.renditions.all(), key=lambda r: (r.crop, r.format, r.width)):
        found.append({
            "name": f"{r.crop}-{r.width}-{r.format}",
            "href": absolute(r.url),
            "contenttype": f"image/{r.format}",
            "width": r.width,
            "height": r.height,
        })
    if not found and image.file:
        found.append({"name": "original", "href": absolute(image.file.url), "width": image.width, "height": image.height})
    return found


def _picture(image: Image, name: str) -> dict:
    picture = {
        "name": name,
        "uri": register_uri("image", image.pk),
        "type": "picture",
        "representationtype": "full",
        "headlines": [{"role": "main", "value": image.alt_text}],
        "renditions": _renditions(image),
    }
    if image.caption:
        picture["descriptions"] = [{"role": "caption", "value": image.caption}]
    if image.credit:
        picture["by"] = image.credit
    if image.source:
        picture["copyrightholder"] = image.source
    return picture


def _body(article: Article, pictures: dict) -> tuple[str, list[dict]]:
    """The body with each picture paragraph pointing at its association, and those associations."""
    associations: list[dict] = []

    def figure(match: re.Match) -> str:
        image = pictures.get(image_id(match))
        if image is None:
            return ""
        name = f"bodypicture{len(associations) + 1}"
        associations.append(_picture(image, name))
        return f'<figure data-association="{name}"></figure>'

    return TOKEN.sub(figure, article.body or ""), associations


def _ednote(article: Article, corrections: list[Correction]) -> str:
    if article.status not in (Article.Status.PUBLISHED, Article.Status.SCHEDULED, Article.Status.WITHDRAWN):
        return "Cancelled before release: do not use."
    if article.status == Article.Status.WITHDRAWN:
        withdrawal = article.withdrawals[0] if getattr(article, "withdrawals", None) else None
        note = withdrawal.public_note if withdrawal else ""
        return f"Withdrawn: do not use. {note}".strip()
    if corrections:
        last = corrections[-1]
        return f"{last.get_kind_display()} ({last.created_at:%Y-%m-%d}): {last.text}"
    return ""


def _document(article: Article, *, pictures: dict, others: list[Article], now: datetime) -> dict:
    with translation.override(article.language):
        return _build(article, pictures=pictures, others=others, now=now)


def _build(article: Article, *, pictures: dict, others: list[Article], now: datetime) -> dict:
    code = article.language
    status = pubstatus(article)
    doc: dict = {
        "uri": item_uri(article),
        "standard": {"name": "ninjs", "version": "2.1", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": f"{_namespace()}-article",
        "version": str(getattr(article, "wire_version", None) or 1),
        "firstcreated": iso(article.published_at or article.created_at),
        "versioncreated": iso(article.updated_at),
        "contentcreated": iso(article.created_at),
        "pubstatus": status,
        "language": code,
        "slugline": article.slug,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.headline}],
        "copyrightholder": settings.SITE_NAME,
        "copyrightnotice": f"© {settings.SITE_NAME}",
        "usageterms": settings.WIRE_USAGE_TERMS,
        "altids": [
            {"role": "article-id", "value": str(article.pk)},
            {"role": "story", "value": str(article.translation_key)},
        ],
        "genres": [{"name": article.get_kind_display(), "uri": register_uri("section", article.kind)}],
    }
    if is_embargoed(article, now):
        doc["embargoed"] = iso(article.published_at)
    if status != USABLE:
        # Withdrawn, or taken back before release: the item says so and carries nothing else of the
        # story (no text, names or pictures: it may have been withdrawn for a legal reason).
        note = _ednote(article, [])
        if note:
            doc["ednote"] = note
        return doc
    if article.dek:
        doc["headlines"].append({"role": "subhead", "contenttype": "text/plain", "value": article.dek})
        doc["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": article.dek}]
    body, associations = _body(article, pictures)
    if body:
        words, chars = text_counts(body)
        doc["bodies"] = [{"role": "main", "contenttype": "text/html", "value": body, "wordcount": words, "charcount": chars}]
    corrections = list(article.corrections.all())
    note = _ednote(article, corrections)
    if note:
        doc["ednote"] = note

    bylines = [b for b in article.bylines.all()]
    if bylines:
        doc["by"] = ", ".join(b.display_name for b in bylines)
    people = [
        {"name": b.display_name, "rel": "author", **({"uri": register_uri("staff", b.user_id)} if b.user_id else {})}
        for b in bylines
    ]
    organisations = []
    for link in article.interviewee_links.all():
        person = {"name": display_name(link.person, code)[0], "rel": "interviewee",
                  "uri": register_uri("person", link.person_id)}
        if link.role:
            person["literal"] = link.role
        people.append(person)
        if link.affiliation_id and link.affiliation.organization_id:
            organization = link.affiliation.organization
            organisations.append({"name": organization.name, "rel": "affiliation",
                                  "uri": register_uri("organization", organization.pk)})
    seen = {o["uri"] for o in organisations}
    for organization in article.organizations.all():
        uri = register_uri("organization", organization.pk)
        if uri not in seen:
            organisations.append({"name": organization.name, "rel": "mentioned", "uri": uri})
    if people:
        doc["people"] = people
    if organisations:
        doc["organisations"] = organisations
    if article.dateline:
        doc["located"] = article.dateline
        doc["places"] = [{"name": article.dateline, "rel": "dateline"}]
    subjects = [{"name": article.get_kind_display(), "rel": "section", "uri": register_uri("section", article.kind)}]
    for tagged in article.tagged_items.all():
        subjects.append({"name": tagged.tag.name, "rel": "tag", "uri": register_uri("tag", tagged.tag_id)})
    doc["subjects"] = subjects

    lead = []
    if article.lead_image_id:
        lead = [_picture(article.lead_image, "leadpicture")]
    translations = [
        {
            "name": f"translation-{other.language}",
            "uri": item_uri(other),
            "type": "text",
            "representationtype": "partial",
            "language": other.language,
            "headlines": [{"role": "main", "value": other.headline}],
        }
        for other in sorted(others, key=lambda o: languages.position(o.language))
    ]
    if lead or associations or translations:
        doc["associations"] = lead + associations + translations
    return doc
