"""Taking and restoring backups (``manage.py backup DIR``, ``manage.py restore DIR``, and the task in
``backups.tasks``). docs/BACKUPS.md is the operator's guide.

A backup is one folder ``DIR/newsroom-<UTC time>/`` holding:

* ``database.sqlite3`` (SQLite, copied with SQLite's online backup API) or ``database.dump``
  (PostgreSQL, ``pg_dump --format=custom``);
* ``media.tar`` (the uploaded pictures and renditions under ``MEDIA_ROOT``), when media is on disk;
* ``manifest.json``: when, which database, the SHA-256 of each file, and a *summary* of the database:
  every table's row count and a checksum of its rows.

**Consistent while the site runs.** SQLite's backup API copies the database in one step under a read
transaction, so writers wait a moment and the copy is one moment's state; the summary is read from
the copy. On PostgreSQL the summary is read in a ``REPEATABLE READ`` transaction whose snapshot is
handed to ``pg_dump --snapshot``: dump and summary see exactly the same moment, and writers go on.

**Nothing half-written.** A backup is written into ``newsroom-….partial`` and renamed when complete; a
failed backup leaves no folder that looks whole. A restore checks every file's SHA-256 first, replaces
the database in one step (SQLite's backup API into the live file; ``pg_restore --single-transaction``),
then compares the restored database with the manifest's summary and says so if anything differs.

**Retention.** After each backup only the newest ``keep`` (``BACKUP_KEEP``, default 7) complete
backups in ``DIR`` are kept.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 (pg_dump and pg_restore, arguments as lists)
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from backups.signals import database_restored

PREFIX = "newsroom-"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
MEDIA_FILE = "media.tar"
FORMAT = 1

NOT_A_BACKUP = "{path} is not a Newsroom backup (no manifest.json)."
DAMAGED = "{name} in the backup is damaged: its checksum differs from the manifest's. Nothing was restored."
OTHER_DATABASE = "This backup is of a {made} database; the site uses {current}. Nothing was restored."
NOT_EMPTY = (
    "The database already holds a newsroom ({rows} rows). Restoring replaces all of it: run again "
    "with --replace if that is what you want."
)
TOOL_FAILED = "{tool} failed: {error}"
KEEP_AT_LEAST_ONE = "Keep at least one backup."
IN_TRANSACTION = "A PostgreSQL backup takes its own snapshot: call it outside a transaction."


@dataclass
class Backup:
    path: Path
    manifest: dict


# --- what is in the database --------------------------------------------------------------------


def _tables() -> list[tuple[str, list[str]]]:
    """Every table of the project's models, with the columns that order its rows."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.db_table] = [model._meta.pk.column]
    existing = set(connection.introspection.table_names())
    return sorted((name, order) for name, order in tables.items() if name in existing)


def summarize(cursor, tables: list[tuple[str, list[str]]]) -> dict:
    """``{table: {"rows": n, "checksum": sha256}}``, read with ``cursor`` (Django's or a raw one)."""
    summary = {}
    for table, order in tables:
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {', '.join(quote(c) for c in order)}")  # nosec B608 (quoted names of our own tables)
        digest, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                digest.update(("\x1f".join(_canonical(value) for value in row) + "\x1e").encode("utf-8", "surrogatepass"))
                rows += 1
        summary[table] = {"rows": rows, "checksum": digest.hexdigest()}
    return summary


def _canonical(value) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, (bytes, bytearray)):
        return "b:" + bytes(value).hex()
    return f"{type(value).__name__}:{value}"


def current_summary() -> dict:
    """The summary of the site's database as it is now."""
    if connection.vendor == "sqlite":
        return _sqlite_summary(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        return summarize(cursor, _tables())


def _sqlite_summary(name) -> dict:
    """Read with a plain sqlite3 connection (no type converters), so that a copy and the database it
    was copied from are read the same way."""
    name = str(name)
    plain = sqlite3.connect(name if name.startswith("file:") else f"file:{name}", uri=True)
    try:
        return summarize(plain.cursor(), _tables())
    finally:
        plain.close()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --- taking a backup ----------------------------------------------------------------------------


def backup_create(*, directory: Path, keep: int | None = None, include_media: bool = True) -> Backup:
    """Back up the database and the media into a new folder of ``directory``; keep the newest ``keep``."""
    keep = settings.BACKUP_KEEP if keep is None else keep
    if keep < 1:
        raise ValidationError(KEEP_AT_LEAST_ONE)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    final = directory / f"{PREFIX}{stamp}"
    partial = directory / f"{PREFIX}{stamp}.partial"
    partial.mkdir()
    try:
        if connection.vendor == "sqlite":
            files, summary = _sqlite_backup(partial)
        elif connection.vendor == "postgresql":
            files, summary = _postgres_backup(partial)
        else:
            raise ValidationError(f"Backups know SQLite and PostgreSQL, not {connection.vendor}.")
        media = _media_backup(partial) if include_media else None
        if media:
            files.append(media)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "files": {name: _sha256(partial / name) for name in files},
            "media": bool(media),
            "summary": summary,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    backups_prune(directory=directory, keep=keep)
    return Backup(final, manifest)


def _sqlite_backup(folder: Path) -> tuple[list[str], dict]:
    connection.ensure_connection()
    target = sqlite3.connect(folder / SQLITE_FILE)
    try:
        connection.connection.backup(target)  # one step: a consistent copy, writers wait
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, not WAL's three
    finally:
        target.close()
    return [SQLITE_FILE], _sqlite_summary(f"file:{folder / SQLITE_FILE}?mode=ro")


def _postgres_environment() -> tuple[list[str], dict]:
    """pg_dump/pg_restore's connection arguments and environment for the site's database."""
    database = connection.settings_dict
    arguments = ["--dbname", database["NAME"]]
    if database.get("HOST"):
        arguments += ["--host", database["HOST"]]
    if database.get("PORT"):
        arguments += ["--port", str(database["PORT"])]
    if database.get("USER"):
        arguments += ["--username", database["USER"]]
    environment = {**os.environ}
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    return arguments, environment


def _run(tool: str, arguments: list[str], environment: dict) -> None:
    binary = shutil.which(tool)
    if binary is None:
        raise ValidationError(TOOL_FAILED.format(tool=tool, error="not installed (apt-get install postgresql-client)"))
    result = subprocess.run([binary, *arguments], env=environment, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        raise ValidationError(TOOL_FAILED.format(tool=tool, error=result.stderr.strip() or result.returncode))


def _postgres_backup(folder: Path) -> tuple[list[str], dict]:
    if connection.in_atomic_block:
        raise ValidationError(IN_TRANSACTION)
    arguments, environment = _postgres_environment()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        # The dump runs while this transaction holds the snapshot open: both see the same moment.
        _run(
            "pg_dump",
            [*arguments, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
             "--file", str(folder / POSTGRES_FILE)],
            environment,
        )
        summary = summarize(cursor, _tables())
    return [POSTGRES_FILE], summary


def _media_backup(folder: Path) -> str | None:
    root = Path(settings.MEDIA_ROOT)
    if "FileSystemStorage" not in settings.STORAGES["default"]["BACKEND"]:
        return None  # object storage keeps its own versions (docs/BACKUPS.md)
    with tarfile.open(folder / MEDIA_FILE, "w") as archive:
        if root.is_dir():
            archive.add(root, arcname="media")
    return MEDIA_FILE


def backups_list(directory: Path) -> list[Backup]:
    """The complete backups in ``directory``, newest first."""
    found = []
    for path in sorted(Path(directory).glob(f"{PREFIX}*"), reverse=True):
        if path.is_dir() and not path.name.endswith(".partial") and (path / MANIFEST).is_file():
            found.append(Backup(path, json.loads((path / MANIFEST).read_text(encoding="utf-8"))))
    return found


def backups_prune(*, directory: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` complete backups (and any partial one left by a crash)."""
    removed = [backup.path for backup in backups_list(directory)[keep:]]
    removed += [path for path in Path(directory).glob(f"{PREFIX}*.partial") if path.is_dir()]
    for path in removed:
        shutil.rmtree(path)
    return removed


# --- restoring ---------------------------------------------------------------------------------


def backup_read(path: Path) -> Backup:
    """The backup in ``path`` (a backup folder, or a folder of backups: its newest), files checked."""
    path = Path(path)
    if not (path / MANIFEST).is_file():
        newest = backups_list(path) if path.is_dir() else []
        if not newest:
            raise ValidationError(NOT_A_BACKUP.format(path=path))
        path = newest[0].path
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    for name, checksum in manifest["files"].items():
        if not (path / name).is_file() or _sha256(path / name) != checksum:
            raise ValidationError(DAMAGED.format(name=name))
    return Backup(path, manifest)


def _rows_now() -> int:
    tables = dict(_tables())
    if "django_migrations" not in connection.introspection.table_names():
        return 0
    with connection.cursor() as cursor:
        total = 0
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # nosec B608 (our table names)
            total += cursor.fetchone()[0]
    return total


def backup_restore(*, path: Path, replace: bool = False) -> tuple[Backup, dict]:
    """Put the backup in ``path`` in place of the site's database (and media).

    Refuses a damaged backup, one of another kind of database, and (unless ``replace``) a database
    that already holds data. Returns the backup and the differences between the restored database
    and the manifest's summary (``{}``: identical)."""
    backup = backup_read(path)
    if backup.manifest["database"] != connection.vendor:
        raise ValidationError(OTHER_DATABASE.format(made=backup.manifest["database"], current=connection.vendor))
    rows = _rows_now()
    if rows and not replace:
        raise ValidationError(NOT_EMPTY.format(rows=rows))
    if connection.vendor == "sqlite":
        _sqlite_restore(backup.path / SQLITE_FILE)
    else:
        _postgres_restore(backup.path / POSTGRES_FILE)
    if backup.manifest.get("media"):
        _media_restore(backup.path / MEDIA_FILE)
    differences = summary_differences(backup.manifest["summary"], current_summary())
    database_restored.send(sender=backup_restore, backup=backup.path)
    return backup, differences


def _sqlite_restore(source_file: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)  # replaces the whole database in one step
    finally:
        source.close()
    connection.close()  # the next query sees the restored schema from a new connection


def _postgres_restore(dump: Path) -> None:
    arguments, environment = _postgres_environment()
    connection.close()
    _run(
        "pg_restore",
        [*arguments, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", str(dump)],
        environment,
    )


def _media_restore(archive_file: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    unpacked = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=root.parent))
    try:
        with tarfile.open(archive_file) as archive:
            archive.extractall(unpacked, filter="data")  # no absolute paths, links out or devices
        restored = unpacked / "media"
        restored.mkdir(exist_ok=True)
        old = root.with_name(root.name + ".before-restore")
        if root.exists():
            shutil.rmtree(old, ignore_errors=True)
            root.rename(old)
        restored.rename(root)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(unpacked, ignore_errors=True)


def summary_differences(expected: dict, found: dict) -> dict:
    """``{table: (expected, found)}`` for every table whose rows differ."""
    return {
        table: (expected.get(table), found.get(table))
        for table in sorted(set(expected) | set(found))
        if expected.get(table) != found.get(table)
    }
