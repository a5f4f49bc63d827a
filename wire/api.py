"""The content API, ``/api/v1/`` (Django Ninja; why Ninja: docs/SYNDICATION.md).

Read-only. Every request carries a subscriber's key (``Authorization: Bearer <key>``), is counted
against the key's per-minute limit and in the subscriber's requests of the day, and sees only what
``wire.services.visible_articles`` gives that subscriber. Items are ninjs 2.1 documents
(``wire.ninjs``); a list wraps them in ``items`` with a ``next`` cursor. Answers carry an ``ETag`` and
a matching ``If-None-Match`` gets ``304``. The OpenAPI document is ``/api/v1/openapi.json``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.security import HttpBearer
from pydantic import ConfigDict

from newsroom import languages
from wire import documents, ingest, services, webhooks
from wire.filters import ItemFilter
from wire.models import ItemVersion, Partner

PAGE_DEFAULT, PAGE_MAX = 20, 100
BAD_CURSOR = "This cursor is not one the API gave out."
BAD_FILTER = "A filter has a value the API does not accept."
NOT_FOUND = "No item with this id is available to your subscription."
NO_VERSION = "This item has no such version."
TOO_MANY = "Too many requests for this key: wait for the next minute."


class RateLimited(Exception):
    def __init__(self, allowance: services.Allowance):
        self.allowance = allowance


class BearerKey(HttpBearer):
    """A subscriber's key; a revoked one, or a subscriber switched off, gets 401 at once."""

    def authenticate(self, request, token):
        api_key = services.key_authenticate(token)
        if api_key is None:
            return None
        allowance = services.key_rate_check(api_key)
        if not allowance.allowed:
            raise RateLimited(allowance)
        services.request_log(subscriber=api_key.subscriber)
        services.key_mark_used(api_key)
        request.wire_key = api_key
        return api_key


api = NinjaAPI(
    title="Newsroom wire",
    version="1",
    description="The agency's copy as IPTC ninjs 2.1 documents, for subscribers (docs/SYNDICATION.md).",
    auth=BearerKey(),
    docs_url=None,
    urls_namespace="wire-api",
)


@api.exception_handler(RateLimited)
def rate_limited(request, error: RateLimited):
    response = api.create_response(request, {"detail": TOO_MANY}, status=429)
    response["Retry-After"] = str(error.allowance.retry_after)
    response["RateLimit-Limit"] = str(error.allowance.limit)
    response["RateLimit-Remaining"] = "0"
    return response


class Error(Schema):
    detail: Any


class NinjsItem(Schema):
    """An IPTC ninjs 2.1 document (http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json)."""

    model_config = ConfigDict(extra="allow")
    uri: str
    version: str
    pubstatus: Literal["usable", "withheld", "canceled"]
    language: str
    versioncreated: str
    embargoed: str | None = None


class ItemList(Schema):
    items: list[NinjsItem]
    next: str | None = Field(None, description="Pass as `cursor` for the next page; null on the last page.")


LanguageCode = Literal[tuple(languages.codes())]  # type: ignore[valid-type]
Kind = Literal["interview", "news", "feature", "analysis", "opinion"]


class ItemQuery(Schema):
    language: LanguageCode | None = None
    kind: Kind | None = None
    section: Kind | None = Field(None, description="The same as kind: the section a story runs in.")
    tag: int | None = Field(None, ge=1, le=2**62, description="A tag's id (subjects with rel tag: urn:…:tag:<id>).")
    person: int | None = Field(None, ge=1, le=2**62, description="A person's id (people: urn:…:person:<id>).")
    organization: int | None = Field(None, ge=1, le=2**62, description="An organization's id.")
    updated_since: datetime | None = Field(None, description="Only items changed at or after this time (ISO 8601).")
    status: Literal["usable", "withheld", "embargoed"] | None = None
    uri: str | None = Field(None, max_length=300, description="One item by its ninjs uri.")
    limit: int = Field(PAGE_DEFAULT, ge=1, le=PAGE_MAX)
    cursor: str | None = Field(None, max_length=200)


def _json(request, payload, *, status: int = 200) -> HttpResponse:
    return _answer(request, json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), status=status)


def _answer(request, body: bytes, *, status: int = 200) -> HttpResponse:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = HttpResponse(content_type="application/json; charset=utf-8", status=status)
    if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
        response.status_code = 304
    else:
        response.content = body
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Authorization"])
    return response


def _cursor_encode(article) -> str:
    raw = json.dumps([article.published_at.isoformat(), article.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _cursor_decode(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, pk = json.loads(raw)
        moment, pk = datetime.fromisoformat(moment).astimezone(dt_timezone.utc), int(pk)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError, OverflowError):
        raise ValueError(BAD_CURSOR) from None
    if not 0 < pk < 2**63:  # the database's ids
        raise ValueError(BAD_CURSOR)
    return moment, pk


@api.get(
    "/items/",
    response={200: ItemList, 304: None, 400: Error, 401: Error, 422: Error, 429: Error},
    summary="List items",
    description="Newest first, with a cursor for the next page. Filters combine.",
)
def items_list(request, filters: Query[ItemQuery]):
    subscriber = request.auth.subscriber
    params = filters.dict(exclude_none=True)
    limit = params.pop("limit", PAGE_DEFAULT)
    cursor = params.pop("cursor", None)
    try:
        # Times in UTC: any offset ISO 8601 allows (PostgreSQL takes none beyond ±15:59).
        data = {k: (v.astimezone(dt_timezone.utc).isoformat() if isinstance(v, datetime) else v) for k, v in params.items()}
    except (OverflowError, ValueError):  # a time the calendar cannot hold once in UTC
        return Status(400, {"detail": BAD_FILTER})
    filterset = ItemFilter(data, queryset=services.visible_articles(subscriber))
    if not filterset.is_valid():
        return Status(400, {"detail": BAD_FILTER, "errors": filterset.errors.get_json_data()})
    articles = filterset.qs.filter(published_at__isnull=False).order_by("-published_at", "-id")
    if cursor:
        try:
            moment, pk = _cursor_decode(cursor)
        except ValueError as error:
            return Status(400, {"detail": str(error)})
        articles = articles.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))
    page = documents.with_stamp(articles[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    # The stored documents' JSON spliced in as it is (``wire.documents``): the same bytes as encoding
    # {"items": [...], "next": ...} whole.
    following = json.dumps(_cursor_encode(page[-1]) if more else None)
    body = '{"items":[' + ",".join(documents.current_texts(page)) + '],"next":' + following + "}"
    return _answer(request, body.encode())


@api.get(
    "/items/{item_id}/",
    response={200: NinjsItem, 304: None, 401: Error, 404: Error, 422: Error, 429: Error},
    summary="One item",
    description="The item's current version, or an earlier one with `version` (corrections and "
    "withdrawals are new versions).",
)
def items_detail(request, item_id: int, version: int | None = Query(None, ge=1, le=2**31)):
    subscriber = request.auth.subscriber
    if not 1 <= item_id <= 2**62:
        return Status(404, {"detail": NOT_FOUND})
    found = documents.with_stamp(services.visible_articles(subscriber).filter(pk=item_id))
    article = found[0] if found else None
    if article is None:
        return Status(404, {"detail": NOT_FOUND})
    if version is not None:
        kept = ItemVersion.objects.filter(article_id=article.pk, version=version).first()
        if kept is None:
            return Status(404, {"detail": NO_VERSION})
        return _json(request, kept.document)
    return _answer(request, documents.current_texts([article])[0].encode())


class IngestAnswer(Schema):
    status: Literal["proposed", "duplicate", "malformed"]
    id: int
    error: str = ""


PUSH_REFUSED = "Unknown partner or bad signature."


@api.post(
    "/ingest/{partner}/",
    auth=None,
    response={202: IngestAnswer, 200: IngestAnswer, 401: Error, 422: IngestAnswer},
    summary="Push a partner's ninjs item",
    description="For partner agencies: one ninjs document in the body, signed with the partner's secret "
    "(header `Newsroom-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">`). A malformed "
    "document is kept for inspection and answered 422 with the reason; a duplicate 200.",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}},
)
def ingest_push(request, partner: str):
    found = Partner.objects.filter(slug=partner[:50], active=True).exclude(push_secret="").first()
    header = request.headers.get("Newsroom-Signature", "")
    if found is None or not webhooks.signature_verify(
        secret=found.push_secret, header=header, body=request.body, now=int(time.time())
    ):
        return Status(401, {"detail": PUSH_REFUSED})
    taken = ingest.ninjs_take(partner=found, data=request.body)
    answer = {"status": taken.status, "id": taken.incoming.pk, "error": taken.incoming.error}
    return Status({"proposed": 202, "duplicate": 200, "malformed": 422}[taken.status], answer)
