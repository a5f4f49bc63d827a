"""The public site's background work: purging the edge caches once a change is committed.

The process that commits a change purges the edge itself at once (``purge_at_once``: readers see the
change within the edge's round trip, whatever the task worker is doing); when that purge fails or
takes longer than ``EDGE_PURGE_AT_ONCE_SECONDS``, ``edge_purge`` takes over as a background task.
``edge_purge`` runs after the change's transaction commits (``public.invalidation``). With read
replicas (``DATABASE_REPLICA_URLS``) it first waits until every replica has replayed the change, so
that the edge, asking again at once, is never served the old page from a replica that lags behind.
A purge the edge does not take is tried again later (``RETRY_DELAYS``); a lost purge is bounded by
the edge's lifetime of a page (``EDGE_CACHE_SECONDS``).
"""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks import task

from jobs import services as jobs
from public import purge

logger = logging.getLogger(__name__)

RETRY_DELAYS = (2, 5, 15, 60, 300, 900, 3600)  # seconds before each further attempt
REPLICA_WAITS = 10  # seconds to wait for the replicas to replay the change before purging anyway
REPLICA_POLL_SECONDS = 0.02  # how often a purge at once asks whether the replicas have the change


def replication_position() -> str | None:
    """Where the primary's write-ahead log stands now (PostgreSQL with replicas), else None."""
    if not settings.DATABASE_REPLICAS or connections["default"].vendor != "postgresql":
        return None
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def replicas_caught_up(position: str) -> bool:
    for alias in settings.DATABASE_REPLICAS:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [position])
            if not cursor.fetchone()[0]:
                return False
    return True


def purge_at_once(keys: list[str], *, after: str | None = None) -> bool:
    """Purge ``keys`` now, from this process, once the replicas hold the change at ``after``; False
    when that could not be done within ``EDGE_PURGE_AT_ONCE_SECONDS`` (the edge refused, did not
    answer, or a replica still lags): the caller leaves the purge to ``edge_purge``."""
    budget = settings.EDGE_PURGE_AT_ONCE_SECONDS
    if budget <= 0:
        return False
    deadline = time.monotonic() + budget
    try:
        while after and not replicas_caught_up(after):
            if time.monotonic() + REPLICA_POLL_SECONDS >= deadline:
                return False
            time.sleep(REPLICA_POLL_SECONDS)
        purge.purge(keys, timeout=max(0.05, deadline - time.monotonic()))
    except (purge.PurgeFailed, DatabaseError) as failure:
        logger.info("Edge purge at once failed, leaving it to the task: %s", failure)
        return False
    return True


@task()
def edge_purge(keys: list[str], *, after: str | None = None, waited: int = 0, attempt: int = 0) -> str:
    """Purge ``keys`` at the edge (once the replicas hold the change at ``after``)."""
    if after and waited < REPLICA_WAITS and not replicas_caught_up(after):
        jobs.enqueue(edge_purge, keys, after=after, waited=waited + 1, run_after=timezone.now() + timedelta(seconds=1))
        return "waiting for the replicas"
    try:
        sent = purge.purge(keys)
    except purge.PurgeFailed as failure:
        if jobs.retry_later(edge_purge, attempt=attempt, delays=RETRY_DELAYS, args=(keys,)):
            logger.warning("Edge purge failed (attempt %s), trying again later: %s", attempt + 1, failure)
            return "retrying"
        raise
    return f"purged {sent} keys"

