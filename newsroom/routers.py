"""Reads from the read replicas, writes to the primary (``DATABASE_REPLICA_URLS``, docs/DEPLOY.md).

A reader without a session (the public site) reads from one replica, chosen once for the whole
request: the page cache's key versions and the page itself come from the same replica, so a page is
never kept under versions newer than what it shows. Staff (a session cookie), any request that is
not a GET or HEAD, management commands and the task workers read the primary; and once a request
writes, the rest of it reads the primary too. Writes always go to the primary. The edge is purged
only once every replica has replayed a change (``public.tasks.edge_purge``).
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings

PRIMARY = "default"

_reads: ContextVar[str] = ContextVar("database_reads", default=PRIMARY)


def replica_for(request) -> str:
    """Where this request reads: a replica for a reader's GET or HEAD, else the primary."""
    replicas = settings.DATABASE_REPLICAS
    if not replicas or request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return PRIMARY
    return random.choice(replicas)  # noqa: S311  # nosec B311 (spreading load, not a secret)


class ReadsFrom:
    """``with ReadsFrom(alias):`` — reads inside go to ``alias`` (until a write pins the primary)."""

    def __init__(self, alias: str):
        self.alias = alias

    def __enter__(self):
        self._token = _reads.set(self.alias)
        return self

    def __exit__(self, *exc):
        _reads.reset(self._token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        return _reads.get()

    def db_for_write(self, model, **hints):
        _reads.set(PRIMARY)  # what follows a write in this request reads what it wrote
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
