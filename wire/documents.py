"""The API's documents, built once per change and stored (``StoredDocument``), not per request.

Building a ninjs document reads the story's relations and walks its body: a few milliseconds each, so
a list of a hundred built on every request costs most of a second. ``current_texts(articles)`` gives
each article's document as JSON text: the stored one while it is current (see ``StoredDocument``:
the row's stamp, the surrogate keys of what it shows, an embargo's end), the others built now (in
one batch, a fixed number of queries) and stored for the next request. Changes are seen the way the
public pages see them: through the surrogate keys that ``public.invalidation`` moves, plus the
article's own version and status, which move even where no reader sees the story (embargoed copy).
``documents_build`` is the same for many stories at once (after a change, a fresh install, a seed).

The stored text is exactly what ``wire.ninjs.documents`` gives, serialised; the API splices the texts
into its answer without decoding them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from types import SimpleNamespace

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from articles.models import Article
from images.body import image_ids
from public import caching
from public import keys as k
from wire import ninjs
from wire.models import ItemVersion, StoredDocument

STAMP_FIELDS = ("pk", "version", "status", "updated_at", "published_at")
BATCH = 500  # stories built together by ``documents_build``


def with_stamp(queryset) -> list[SimpleNamespace]:
    """The rows of ``queryset`` (sliced as wanted) as light records of what decides whether a stored
    document is current, with it: ``pk``, the stamp's fields, ``wire_version`` and ``document`` (a
    record of the stored one, or None). Plain values, not model instances: a list of a hundred
    reads its rows in a fraction of the time."""
    newest = ItemVersion.objects.filter(article=OuterRef("pk")).order_by("-version").values("version")[:1]
    rows = queryset.annotate(wire_version=Subquery(newest)).values_list(
        *STAMP_FIELDS, "wire_version", "wire_document__stamp", "wire_document__text", "wire_document__keys",
        "wire_document__clock", "wire_document__valid_until",
    )
    records = []
    for pk, version, status, updated_at, published_at, wire_version, *stored in rows:
        document = None
        if stored[0] is not None:
            doc_stamp, text, doc_keys, clock, valid_until = stored
            document = SimpleNamespace(stamp=doc_stamp, text=text, keys=_keys(doc_keys), clock=clock,
                                       valid_until=valid_until)
        records.append(SimpleNamespace(pk=pk, version=version, status=status, updated_at=updated_at,
                                       published_at=published_at, wire_version=wire_version, wire_document=document))
    return records


def _keys(value) -> list[str]:
    # values_list reads a JSONField through its own decoder: a list already, or (some backends) text.
    return json.loads(value) if isinstance(value, str) else value


def stamp(article: Article) -> str:
    moment = article.updated_at.isoformat() if article.updated_at else ""
    published = article.published_at.isoformat() if article.published_at else ""
    return f"{article.version}:{article.status}:{getattr(article, 'wire_version', None) or 0}:{moment}:{published}"


def shown_keys(article: Article) -> set[str]:
    """What the document of ``article`` (loaded with ``ninjs.with_relations``) shows, as surrogate
    keys: its own and its story's (the other language versions), its people, organizations, tags,
    bylines' authors and pictures."""
    found = {k.article(article.pk), k.story(article.translation_key)}
    if article.lead_image_id:
        found.add(k.image(article.lead_image_id))
    found |= {k.image(pk) for pk in image_ids(article.body or "")}
    found |= {k.tag(t.tag_id) for t in article.tagged_items.all()}
    found |= {k.organization(o.pk) for o in article.organizations.all()}
    for link in article.interviewee_links.all():
        found.add(k.person(link.person_id))
        if link.affiliation_id and link.affiliation.organization_id:
            found.add(k.organization(link.affiliation.organization_id))
    found |= {k.author(b.user_id) for b in article.bylines.all() if b.user_id}
    return found


def current_texts(articles: Sequence[SimpleNamespace], *, now: datetime | None = None) -> list[str]:
    """The JSON text of each article's document, in order (``articles`` as ``with_stamp`` reads them)."""
    now = now or timezone.now()
    stored = {}
    for article in articles:
        document = article.wire_document
        if document is not None and document.stamp == stamp(article) and (
            document.valid_until is None or now < document.valid_until
        ):
            stored[article.pk] = document
    versions = caching.key_versions(set().union(*(d.keys for d in stored.values()))) if stored else {}
    texts = {
        pk: document.text for pk, document in stored.items()
        if max((versions.get(key, 0) for key in document.keys), default=0) <= document.clock
    }
    missing = [article.pk for article in articles if article.pk not in texts]
    if missing:
        texts.update(_build(missing, now=now))
    return [texts[article.pk] for article in articles if article.pk in texts]


def documents_build(article_ids: Iterable[int], *, now: datetime | None = None) -> int:
    """Build and store the documents of ``article_ids`` (in batches); how many were built."""
    ids = list(article_ids)
    for start in range(0, len(ids), BATCH):
        _build(ids[start:start + BATCH], now=now)
    return len(ids)


def _build(article_ids: list[int], *, now: datetime | None) -> dict[int, str]:
    now = now or timezone.now()
    clock = caching.key_clock()  # before reading: a change committed meanwhile leaves the result stale
    loaded = list(ninjs.with_relations(Article.objects.filter(pk__in=article_ids)))
    built = ninjs.documents(loaded, now=now)
    rows, texts = [], {}
    for article, document in zip(loaded, built, strict=True):
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        texts[article.pk] = text
        rows.append(StoredDocument(
            article_id=article.pk, stamp=stamp(article), text=text, keys=sorted(shown_keys(article)), clock=clock,
            valid_until=article.published_at if ninjs.is_embargoed(article, now) else None, built_at=now,
        ))
    StoredDocument.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["article"],
        update_fields=["stamp", "text", "keys", "clock", "valid_until", "built_at"],
    )
    return texts


def database_restored(**kwargs) -> None:
    """A backup was restored (``backups.signals.database_restored``): the stored documents were
    checked against key versions that later changes will give out again, so none is kept."""
    StoredDocument.objects.all().delete()
