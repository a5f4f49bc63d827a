"""The public site's background work: purging the edge caches once a change is committed.

``edge_purge`` runs after the change's transaction commits (``public.invalidation``). With read
replicas (``DATABASE_REPLICA_URLS``) it first waits until every replica has replayed the change, so
that the edge, asking again at once, is never served the old page from a replica that lags behind.
A purge the edge does not take is tried again later (``RETRY_DELAYS``); a lost purge is bounded by
the edge's lifetime of a page (``EDGE_CACHE_SECONDS``).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django_tasks import task

from jobs import services as jobs
from public import purge

logger = logging.getLogger(__name__)

RETRY_DELAYS = (2, 5, 15, 60, 300, 900, 3600)  # seconds before each further attempt
REPLICA_WAITS = 10  # seconds to wait for the replicas to replay the change before purging anyway


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

