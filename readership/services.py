"""Counting readings and keeping the "Most read" lists (docs/READERSHIP.md).

* ``hit_record``: the beacon's one write — a ``Hit`` row, or nothing for a robot, a prefetch, a
  member of staff or a reading already counted this hour. No cookie is read or set; the address is
  never stored, only ``reader_hash`` of it (salted per day, gone within about two hours).
* ``tally_hits``: turns the hits of each hour into ``Tally`` rows (readers per story and hour), run by
  the periodic task; the hits of hours over are deleted once tallied.
* ``lists_refresh``: the top stories per edition and per section over 24 hours and 7 days, counting
  only stories readers may see now; a ``MostRead`` row is saved only when its list changed (the
  public site retires the pages that show it then).
* ``most_read``: a list as the public site reads it.

Every step can run twice without changing anything more (tasks run at least once).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from articles.models import Article
from fronts.models import Section
from newsroom import languages
from readership.models import Hit, MostRead, Tally

LIST_LENGTH = 5
WINDOWS = {MostRead.Window.DAY: timedelta(hours=24), MostRead.Window.WEEK: timedelta(days=7)}
TALLIES_KEPT = timedelta(days=8)
HITS_KEPT = timedelta(hours=1)  # hits of the hour before the current one are kept for late beacons

# Robots, crawlers, link previews, monitors, headless browsers and tools: never counted. (A robot
# that runs no script never sends the beacon in the first place.)
ROBOTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|fetch|preview|monitor|scan|lighthouse|pagespeed|headless"
    r"|phantomjs|puppeteer|playwright|selenium|curl|wget|python|java/|go-http|okhttp|node-fetch|axios"
    r"|facebookexternalhit|embedly|whatsapp|telegram|discord|skype|yandex|baidu|bingpreview",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def is_robot(user_agent: str) -> bool:
    return not user_agent or bool(ROBOTS.search(user_agent))


def is_prefetch(headers) -> bool:
    """A prefetched or prerendered page the reader may never see."""
    return any(word in headers.get(name, "").lower() for name in PREFETCH_HEADERS for word in ("prefetch", "prerender"))


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def reader_hash(*, address: str, user_agent: str, day) -> str:
    """Who read, as 16 hex digits no one can turn back into an address: an HMAC of the address and
    browser keyed with the site's secret and the day, so the same reader gets another hash tomorrow
    and hashes cannot be joined across days."""
    key = f"{settings.SECRET_KEY}:readership:{day.isoformat()}".encode()
    return hmac.new(key, f"{address}\n{user_agent}".encode(), hashlib.sha256).hexdigest()[:16]


def hit_record(*, article_pk: int, address: str, user_agent: str, headers, staff: bool = False,
               now: datetime | None = None) -> bool:
    """Count a reading of story ``article_pk``, if a reader's: one insert, no other query. Which
    stories count is decided when the hits are tallied (public ones only)."""
    if staff or is_robot(user_agent) or is_prefetch(headers):
        return False
    now = now or timezone.now()
    reader = reader_hash(address=address, user_agent=user_agent, day=now.date())
    Hit.objects.bulk_create([Hit(article_pk=article_pk, hour=hour_of(now), reader=reader)], ignore_conflicts=True)
    return True


def tally_hits(*, now: datetime | None = None) -> int:
    """Set each hour's ``Tally`` from its hits (readers per story), forget hits of hours over and
    tallies past ``TALLIES_KEPT``. Returns the number of tallies written."""
    now = now or timezone.now()
    with transaction.atomic():
        counts = list(Hit.objects.values("article_pk", "hour").annotate(readers=Count("pk")))
        known = set(Article.objects.filter(pk__in={row["article_pk"] for row in counts}).values_list("pk", flat=True))
        tallies = [Tally(article_id=row["article_pk"], hour=row["hour"], reads=row["readers"])
                   for row in counts if row["article_pk"] in known]
        Tally.objects.bulk_create(tallies, update_conflicts=True, unique_fields=["article", "hour"],
                                  update_fields=["reads"])
        Hit.objects.filter(hour__lt=hour_of(now) - HITS_KEPT).delete()
        Tally.objects.filter(hour__lt=now - TALLIES_KEPT).delete()
    return len(tallies)


def top_articles(*, language: str, window: str, section=None, now: datetime | None = None) -> list[int]:
    """The ids of the stories of edition ``language`` (in ``section``) read most in ``window``,
    public now, most read first (newer first among equals)."""
    now = now or timezone.now()
    tallies = Tally.objects.filter(
        hour__gte=hour_of(now - WINDOWS[window]),
        article__in=Article.objects.published().in_language(language),
    )
    if section is not None:
        tallies = tallies.filter(article__section_links__section=section)
    rows = (tallies.values("article").annotate(total=Sum("reads"))
            .order_by("-total", "-article__published_at", "-article")[:LIST_LENGTH])
    return [row["article"] for row in rows]


def lists_refresh(*, now: datetime | None = None) -> int:
    """Compute every list (per edition, and per section of it, per window) and save the ones that
    changed. Returns how many changed."""
    now = now or timezone.now()
    sections = [None, *Section.objects.order_by("pk")]
    current = {(row.language, row.section_id, row.window): row for row in MostRead.objects.all()}
    changed = 0
    for language in languages.codes():
        for section in sections:
            for window in WINDOWS:
                ids = top_articles(language=language, window=window, section=section, now=now)
                row = current.get((language, section.pk if section else None, window))
                if row is not None and row.article_ids == ids:
                    continue
                if row is None:
                    if not ids:
                        continue
                    row = MostRead(language=language, section=section, window=window)
                row.article_ids, row.computed_at = ids, now
                row.save()  # the public site retires the pages showing this list (public.invalidation)
                changed += 1
    return changed


def most_read(*, language: str, section_id=None) -> dict[str, list[int]]:
    """The lists of an edition (or of one of its sections): ``{window: [article id, …]}``, one query."""
    rows = MostRead.objects.filter(language=language, section_id=section_id).values_list("window", "article_ids")
    found = dict(rows)
    return {window: found.get(window, []) for window in WINDOWS}
