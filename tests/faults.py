"""Injecting database failures: make chosen SQL statements (or all of them) fail the way a dying
database does, at the driver, before they run."""

import re
from contextlib import contextmanager

from django.db import OperationalError, connection


class DatabaseFault:
    """An ``execute_wrapper`` that raises ``OperationalError`` for statements matching ``pattern``
    (all statements when it is ``None``), from the ``after``-th match on."""

    def __init__(self, pattern: str | None = None, *, after: int = 0, message: str = "server closed the connection unexpectedly"):
        self.pattern = re.compile(pattern, re.I) if pattern else None
        self.after = after
        self.message = message
        self.matched = 0
        self.failed: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if self.pattern is None or self.pattern.search(sql):
            self.matched += 1
            if self.matched > self.after:
                self.failed.append(sql)
                raise OperationalError(self.message)
        return execute(sql, params, many, context)


@contextmanager
def database_fault(pattern: str | None = None, **options):
    fault = DatabaseFault(pattern, **options)
    with connection.execute_wrapper(fault):
        yield fault


def insert_into(table: str) -> str:
    return rf'^\s*INSERT INTO "?{table}"?'
