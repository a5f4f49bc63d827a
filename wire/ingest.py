"""Partner agencies' copy taken in: ninjs pushed to our signed endpoint or polled from a feed, and
RSS/Atom feeds. Each item becomes a proposal (``Incoming``) that an editor turns into a draft through
the copy desk (its recognition of people, organizations and places, its confirmation page).

* A duplicate (same partner, ``uri`` and ``version``) is ignored.
* A later version of an item already taken in points at the earlier one (``previous``); once the
  earlier one is our draft, the update is shown as a diff against the draft (``incoming_diff``).
* A malformed document is kept whole, with a clear error, for inspection, and nothing of it is
  imported: one row, written in one transaction.
"""

from __future__ import annotations

import difflib
import html
import json
import logging
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import feedparser
import jsonschema
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django_tasks import task

from articles.html import sanitize_html
from copydesk.services import copy_import
from newsroom import languages
from wire.models import Incoming, Partner

logger = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
POLL_EVERY = timedelta(minutes=5)
POLL_TIMEOUT = 20
_SCHEMA = json.loads((Path(__file__).resolve().parent / "schema" / "ninjs-schema_2.1.json").read_text(encoding="utf-8"))
_VALIDATOR = jsonschema.Draft202012Validator(_SCHEMA)

NOT_JSON = "Not a JSON document: {error}"
NOT_NINJS = "Not a valid ninjs 2.1 document: {error}"
NO_HEADLINE = "The item has no headline."
NO_BODY = "The item has no body text."
TOO_LARGE = "The document is larger than 2 MB."
NOT_A_FEED = "Not an RSS or Atom feed: {error}"
ALREADY_DRAFTED = "This item is already a draft."
CANNOT_DRAFT_MALFORMED = "A malformed item cannot become a draft."
PARAGRAPH = re.compile(r"</(?:p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Taken:
    incoming: Incoming
    created: bool

    @property
    def status(self) -> str:
        if self.incoming.state == Incoming.State.MALFORMED:
            return "malformed"
        return "proposed" if self.created else "duplicate"


def _value(items: list | None, role: str | None = None) -> str:
    for item in items or []:
        if role is None or item.get("role") == role:
            return str(item.get("value", ""))
    return ""


def _malformed(partner: Partner, raw: str, error: str) -> Taken:
    """Keep what arrived, whole, with the reason (once: a feed polled again repeats it)."""
    kept = Incoming.objects.filter(partner=partner, state=Incoming.State.MALFORMED, raw=raw).first()
    if kept is not None:
        return Taken(kept, False)
    incoming = Incoming.objects.create(partner=partner, raw=raw, error=error, state=Incoming.State.MALFORMED)
    logger.warning("Malformed item from %s kept as %s: %s", partner, incoming.pk, error)
    return Taken(incoming, True)


def _language(partner: Partner, code: str) -> str:
    code = (code or "").split("-")[0].lower()
    return code if code in languages.codes() else partner.language


def _take(partner: Partner, *, raw: str, uri: str, version: str, fields: dict) -> Taken:
    """Keep one well-formed item, once per (partner, uri, version); link it to its earlier version."""
    existing = Incoming.objects.filter(partner=partner, uri=uri, version=version).first()
    if existing is not None:
        return Taken(existing, False)
    # The earlier version it is compared with: the newest one that became our draft, else the newest.
    earlier = Incoming.objects.filter(partner=partner, uri=uri).exclude(state=Incoming.State.MALFORMED)
    previous = (earlier.filter(draft__isnull=False).order_by("-received_at", "-id").first()
                or earlier.order_by("-received_at", "-id").first())
    try:
        with transaction.atomic():
            incoming = Incoming.objects.create(partner=partner, raw=raw, uri=uri, version=version, previous=previous,
                                               **fields)
    except IntegrityError:  # the same item arrived twice at once
        return Taken(Incoming.objects.get(partner=partner, uri=uri, version=version), False)
    return Taken(incoming, True)


def ninjs_take(*, partner: Partner, data: bytes | str | dict) -> Taken:
    """Take one ninjs document in (bytes or text as received, or already parsed)."""
    if isinstance(data, dict):
        raw, document = json.dumps(data, ensure_ascii=False), data
    else:
        raw = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        if len(raw.encode("utf-8", "replace")) > MAX_DOCUMENT_BYTES:
            return _malformed(partner, raw[:MAX_DOCUMENT_BYTES], TOO_LARGE)
        try:
            document = json.loads(raw)
        except ValueError as error:
            return _malformed(partner, raw, NOT_JSON.format(error=error))
    if not isinstance(document, dict):
        return _malformed(partner, raw, NOT_NINJS.format(error="the document is not an object"))
    errors = sorted(_VALIDATOR.iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "the document"
        return _malformed(partner, raw, NOT_NINJS.format(error=f"{where}: {first.message}"))
    headline = _value(document.get("headlines"), "main") or _value(document.get("headlines")) or document.get("headline", "")
    body = _value(document.get("bodies"))
    if not str(headline).strip():
        return _malformed(partner, raw, NO_HEADLINE)
    if not strip_tags(body).strip():
        return _malformed(partner, raw, NO_BODY)
    fields = {
        "language": _language(partner, document.get("language", "")),
        "headline": str(headline).strip()[:300],
        "standfirst": _value(document.get("descriptions")),
        "dateline": str(document.get("located", ""))[:120],
        "byline": str(document.get("by", ""))[:200],
        "body": sanitize_html(body),
    }
    return _take(partner, raw=raw, uri=document["uri"][:500], version=str(document.get("version", ""))[:100],
                 fields=fields)


def feed_take(*, partner: Partner, data: bytes) -> list[Taken]:
    """Take in each entry of an RSS or Atom feed; a feed that cannot be read is kept as one malformed item."""
    raw = data.decode("utf-8", "replace")
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        return [_malformed(partner, raw, NOT_A_FEED.format(error=parsed.get("bozo_exception", "")))]
    taken = []
    for entry in parsed.entries:
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        uri = entry.get("id") or entry.get("link") or ""
        version = entry.get("updated") or entry.get("published") or ""
        headline = html.unescape(strip_tags(entry.get("title", ""))).strip()
        entry_raw = json.dumps({"title": headline, "id": uri, "updated": version, "body": body}, ensure_ascii=False)
        if not headline or not uri:
            taken.append(_malformed(partner, entry_raw, NO_HEADLINE if not headline else "The entry has no id or link."))
            continue
        if not strip_tags(body).strip():
            taken.append(_malformed(partner, entry_raw, NO_BODY))
            continue
        fields = {
            "language": _language(partner, parsed.feed.get("language", "")),
            "headline": headline[:300],
            "byline": entry.get("author", "")[:200],
            "body": sanitize_html(body if "<" in body else f"<p>{html.escape(body)}</p>"),
        }
        taken.append(_take(partner, raw=entry_raw, uri=uri[:500], version=version[:100], fields=fields))
    return taken


def _paragraphs(body_html: str) -> list[str]:
    return [p for p in (html.unescape(strip_tags(part)).strip() for part in PARAGRAPH.split(body_html)) if p]


def _copy_text(incoming: Incoming) -> str:
    """The item as agency copy the copy desk reads: headline, labelled header lines, paragraphs."""
    lines = [incoming.headline]
    if incoming.dateline:
        lines.append(f"Dateline: {incoming.dateline}")
    lines.append(f"Agency: {incoming.partner.name}"[:120])
    if incoming.byline:
        lines.append(f"Byline: {incoming.byline}")
    lines.append("")
    if incoming.standfirst:
        lines += [incoming.standfirst, ""]
    for paragraph in _paragraphs(incoming.body):
        lines += [paragraph, ""]
    return "\n".join(lines)


def incoming_draft(*, incoming: Incoming, user):
    """Turn a proposal into a draft through the copy desk's import (recognition of people,
    organizations and places; its confirmation page follows). Returns the draft."""
    if incoming.state == Incoming.State.MALFORMED:
        raise ValidationError(CANNOT_DRAFT_MALFORMED, code="malformed")
    if incoming.draft_id:
        raise ValidationError(ALREADY_DRAFTED, code="drafted")
    with transaction.atomic():
        result = copy_import(data=_copy_text(incoming), name=f"{incoming.partner.slug}: {incoming.uri}"[:255],
                             user=user, language=incoming.language or incoming.partner.language)
        incoming.draft, incoming.state = result.article, Incoming.State.DRAFTED
        incoming.save(update_fields=["draft", "state"])
    return result.article


def drafted_earlier(incoming: Incoming) -> Incoming | None:
    """The earlier version of this item that became our draft, if any."""
    seen, earlier = set(), incoming.previous
    while earlier is not None and earlier.pk not in seen:
        if earlier.draft_id:
            return earlier
        seen.add(earlier.pk)
        earlier = earlier.previous
    return None


def incoming_diff(incoming: Incoming) -> list[str]:
    """An update of an item we drafted: its text against our draft's, as unified diff lines (empty
    when no earlier version was drafted)."""
    earlier = drafted_earlier(incoming)
    if earlier is None or earlier.draft is None:
        return []
    draft = earlier.draft
    ours = [draft.headline, *([draft.dek] if draft.dek else []), *_paragraphs(draft.body)]
    theirs = [incoming.headline, *([incoming.standfirst] if incoming.standfirst else []), *_paragraphs(incoming.body)]
    return list(difflib.unified_diff(ours, theirs, fromfile=draft.headline, tofile=incoming.headline, lineterm="", n=1))


def _fetch(url: str) -> bytes:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise OSError(f"Not an http(s) address: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom wire ingest"})
    with urllib.request.urlopen(request, timeout=POLL_TIMEOUT) as answer:  # nosec B310 (http(s) only, checked above)
        return answer.read(MAX_DOCUMENT_BYTES + 1)


def partner_poll(*, partner: Partner) -> list[Taken]:
    """Read a partner's feed once: ninjs (one document, a list, or ``{"items": [...]}``) or RSS/Atom."""
    data = _fetch(partner.feed_url)
    if partner.feed_kind == Partner.FeedKind.RSS:
        return feed_take(partner=partner, data=data)
    try:
        parsed = json.loads(data)
    except ValueError:
        return [ninjs_take(partner=partner, data=data)]
    documents = parsed.get("items") if isinstance(parsed, dict) and "items" in parsed else parsed
    if not isinstance(documents, list):
        documents = [documents]
    return [ninjs_take(partner=partner, data=d if isinstance(d, dict) else json.dumps(d)) for d in documents]


@task()
def feeds_poll() -> int:
    """Poll every active partner with a feed; how many new items arrived. A partner whose feed cannot
    be reached is logged and tried again next time."""
    new = 0
    for partner in Partner.objects.filter(active=True).exclude(feed_url=""):
        try:
            new += sum(1 for taken in partner_poll(partner=partner) if taken.created)
        except OSError as error:
            logger.warning("Could not read the feed of %s: %s", partner, error)
    return new
