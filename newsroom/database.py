"""How the site's database connections start, and a database that takes reads only.

**SQLite in WAL mode.** WAL lets readers and one writer work at once (the dev server, cron, tests
with threads). The mode is stored in the database file, so it is asked for on each new connection
(``connection_created``, connected in ``NewsroomConfig.ready``) but written only once. A database
that cannot be written (a read-only file, ``DATABASE_READ_ONLY=true``, another user's file) keeps
the journal it has: the request goes on and reads work. Asking with ``init_command`` instead made
every connection to such a file fail, and every page with it.

**Read-only.** ``DATABASE_READ_ONLY=true`` (``read_only_options``) opens SQLite with ``mode=ro`` and
PostgreSQL with ``default_transaction_read_only``: readers get pages, and any write (a sign-in, a
save in the admin) is refused by the database and answered with the 503 page
(``newsroom.outage``). A PostgreSQL hot standby refuses writes the same way without the setting.
"""

from django.db import OperationalError

from newsroom import stemming

SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")


def sqlite_read_only_name(name: str) -> str:
    """SQLite's URI for opening ``name`` read-only (Django opens SQLite names as URIs)."""
    if name.startswith("file:"):
        return name if "mode=ro" in name else name + ("&" if "?" in name else "?") + "mode=ro"
    return f"file:{name}?mode=ro"


def read_only_options(database: dict) -> dict:
    """``database`` (a ``DATABASES`` entry) changed so the database refuses every write."""
    database = {**database, "OPTIONS": dict(database.get("OPTIONS", {}))}
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database["NAME"] = sqlite_read_only_name(str(database["NAME"]))
    elif database["ENGINE"] == "django.db.backends.postgresql":
        options = database["OPTIONS"].get("options", "")
        database["OPTIONS"]["options"] = f"{options} -c default_transaction_read_only=on".strip()
    return database


def connection_started(sender, connection, **kwargs) -> None:
    """SQLite: WAL and NORMAL synchronous on each new connection, if the file can take them; the
    stemming function the full-text triggers call (``newsroom.stemming``)."""
    if connection.vendor != "sqlite":
        return
    stemming.register(connection.connection)
    with connection.cursor() as cursor:
        for pragma in SQLITE_PRAGMAS:
            try:
                cursor.execute(pragma)
            except OperationalError:  # "attempt to write a readonly database": reads still work
                pass
