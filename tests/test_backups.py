"""Backups that restore (backups/): the restore drill on the suite's database (SQLite, or PostgreSQL
with DATABASE_URL) — a seeded newsroom backed up while an editor keeps writing, restored into a
fresh database in another process, every table's row count and every article's checksum compared,
and pages served from it — and retention, damaged backups, refusals, the task."""

import hashlib
import json
import os
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, close_old_connections, connection

from articles.models import Article
from backups import services
from backups.tasks import backup_newsroom
from images.models import Image
from security.models import CspReport
from tests.factories import ImageFactory
from tests.public_data import white_helmets_newsroom

ROOT = Path(__file__).resolve().parent.parent

# Run in the restored site's own process: the counts of every model's table, a checksum of every
# article, and pages served from the restored database.
INSPECT = """
import hashlib, json
from django.apps import apps
from django.test import Client
from articles.models import Article

def article_checksum(a):
    fields = [str(getattr(a, f.attname)) for f in Article._meta.concrete_fields]
    return hashlib.sha256("\\x1f".join(fields).encode()).hexdigest()

counts = {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}
articles = {str(a.pk): article_checksum(a) for a in Article.objects.order_by("pk")}
reader = Client()
story = Article.objects.published().filter(language="en").order_by("-published_at").first()
page = reader.get(story.get_absolute_url())
print(json.dumps({
    "counts": counts, "articles": articles,
    "home": reader.get("/en/").status_code,
    "article": [page.status_code, story.headline in page.content.decode()],
    "search": reader.get("/en/search/?q=Idlib").status_code,
}))
"""


def article_checksum(article) -> str:
    fields = [str(getattr(article, f.attname)) for f in Article._meta.concrete_fields]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def seeded_newsroom(media_root):
    call_command("seed_demo", stdout=StringIO())
    newsroom = white_helmets_newsroom()
    picture = ImageFactory()
    newsroom.interview.lead_image = picture
    newsroom.interview.save(update_fields=["lead_image"])
    return picture


class FreshDatabase:
    """An empty database of the suite's kind, for another process: a new SQLite file, or a new
    PostgreSQL database (dropped afterwards)."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.postgres_name = None

    def __enter__(self) -> str:
        if connection.vendor == "sqlite":
            return f"sqlite:///{self.tmp_path / 'restored.sqlite3'}"
        settings = connection.settings_dict
        self.postgres_name = f"nr_restore_{uuid.uuid4().hex[:10]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{self.postgres_name}"')
        user = settings.get("USER") or "postgres"
        password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
        return f"postgres://{user}{password}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{self.postgres_name}"

    def __exit__(self, *exc):
        if self.postgres_name:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.postgres_name}" WITH (FORCE)')


def run_manage(*args, database_url, media_root):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root), "PAGE_CACHE_SECONDS": "0"})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


class Writer(threading.Thread):
    """An editor's writes going on while the backup runs (rows of a simple table, each committed)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.written = 0

    def run(self):
        try:
            while not self.stop.is_set():
                try:
                    CspReport.objects.create(document_uri=f"/en/{self.written}/", violated_directive="img-src")
                    self.written += 1
                except OperationalError:  # SQLite: locked for a moment by the backup's copy
                    time.sleep(0.005)
        finally:
            close_old_connections()
            connection.close()


@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_a_seeded_newsroom_restored_into_a_fresh_database_is_the_same_and_serves_pages(
    tmp_path, media_root
):
    picture = seeded_newsroom(media_root)
    writer = Writer()
    writer.start()
    while writer.written < 5:
        time.sleep(0.01)
    try:
        out = StringIO()
        call_command("backup", str(tmp_path / "backups"), stdout=out)
    finally:
        writer.stop.set()
        writer.join(10)
    assert "Backed up" in out.getvalue() and "and the media" in out.getvalue()
    (backup,) = services.backups_list(tmp_path / "backups")
    backed_up = backup.manifest["summary"]

    with FreshDatabase(tmp_path) as fresh:
        restored_media = tmp_path / "restored-media"
        restore = run_manage("restore", str(tmp_path / "backups"), database_url=fresh, media_root=restored_media)
        assert restore.returncode == 0, restore.stdout + restore.stderr
        assert "every one as it was backed up" in restore.stdout
        inspect = run_manage("shell", "-v", "0", "-c", INSPECT, database_url=fresh, media_root=restored_media)
        assert inspect.returncode == 0, inspect.stderr
        restored = json.loads(inspect.stdout.strip().splitlines()[-1])

    # Every table's row count: as the manifest says for the moment of the backup (the writer kept
    # going, so the source has more rows now), and equal to the source for every table not written.
    for model in apps.get_models():
        if not model._meta.managed:
            continue
        label, table = model._meta.label, model._meta.db_table
        assert restored["counts"][label] == backed_up[table]["rows"], label
        if model is not CspReport:
            assert restored["counts"][label] == model._default_manager.count(), label
    assert 5 <= restored["counts"]["security.CspReport"] <= CspReport.objects.count()
    assert Article.objects.count() > 10
    # Every article, field by field.
    assert restored["articles"] == {str(a.pk): article_checksum(a) for a in Article.objects.order_by("pk")}
    # The restored site serves pages.
    assert restored["home"] == 200 and restored["article"] == [200, True] and restored["search"] == 200
    # The pictures came back, byte for byte.
    picture = Image.objects.get(pk=picture.pk)
    original = Path(media_root) / picture.file.name
    assert (restored_media / picture.file.name).read_bytes() == original.read_bytes()


@pytest.mark.django_db(transaction=True)
def test_restoring_over_a_newsroom_needs_replace_and_then_brings_the_backup_back(tmp_path, media_root):
    white_helmets_newsroom()
    call_command("backup", str(tmp_path), stdout=StringIO())
    headline = Article.objects.order_by("pk").first().headline
    Article.objects.update(headline="Changed after the backup")
    with pytest.raises(CommandError, match="--replace"):
        call_command("restore", str(tmp_path), stdout=StringIO())
    assert Article.objects.order_by("pk").first().headline == "Changed after the backup"
    out = StringIO()
    call_command("restore", str(tmp_path), "--replace", stdout=out)
    assert "every one as it was backed up" in out.getvalue()
    assert Article.objects.order_by("pk").first().headline == headline


@pytest.mark.django_db(transaction=True)
def test_only_the_newest_backups_are_kept(tmp_path, media_root):
    white_helmets_newsroom()
    for _ in range(4):
        call_command("backup", str(tmp_path), "--keep", "2", stdout=StringIO())
    kept = services.backups_list(tmp_path)
    assert len(kept) == 2 and len(list(tmp_path.iterdir())) == 2
    assert kept[0].manifest["created_at"] > kept[1].manifest["created_at"]


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_and_nothing_is_restored(tmp_path, media_root):
    white_helmets_newsroom()
    call_command("backup", str(tmp_path), stdout=StringIO())
    (backup,) = services.backups_list(tmp_path)
    name = services.SQLITE_FILE if connection.vendor == "sqlite" else services.POSTGRES_FILE
    with (backup.path / name).open("r+b") as damaged:
        damaged.seek(200)
        damaged.write(b"\x00garbage\x00")
    Article.objects.update(headline="Still here")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path), "--replace", stdout=StringIO())
    assert set(Article.objects.values_list("headline", flat=True)) == {"Still here"}


@pytest.mark.django_db(transaction=True)
def test_a_backup_that_fails_leaves_no_folder_that_looks_whole(tmp_path, media_root, monkeypatch):
    white_helmets_newsroom()

    def broken(folder):
        raise OSError("disk full")

    monkeypatch.setattr(services, "_media_backup", broken)
    with pytest.raises(OSError):
        call_command("backup", str(tmp_path), stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


def test_bad_arguments_get_clear_messages(tmp_path):
    with pytest.raises(CommandError, match="not a Newsroom backup"):
        call_command("restore", str(tmp_path), stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_keeping_no_backup_is_refused(tmp_path):
    with pytest.raises(CommandError, match="Keep at least one backup"):
        call_command("backup", str(tmp_path), "--keep", "0", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_the_backup_task_backs_up_into_backup_dir(tmp_path, settings, media_root):
    settings.BACKUP_DIR = tmp_path / "scheduled"
    white_helmets_newsroom()
    result = backup_newsroom.enqueue()
    assert result.status == "SUCCESSFUL"
    made = Path(result.return_value["path"])
    assert made.parent == settings.BACKUP_DIR and (made / services.MANIFEST).is_file()
    assert result.return_value["rows"]["articles_article"] == Article.objects.count()


def test_a_media_archive_cannot_write_outside_media_root(tmp_path, settings):
    """A backup's tar is extracted with the "data" filter: no absolute paths, no climbing out."""
    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "evil.tar"
    with tarfile.open(archive, "w") as tar:
        info = tarfile.TarInfo("../../escaped.txt")
        info.size = 4
        tar.addfile(info, StringIOBytes(b"evil"))
    with pytest.raises(tarfile.FilterError):
        services._media_restore(archive)
    assert not (tmp_path.parent / "escaped.txt").exists()


class StringIOBytes:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, size=-1):
        chunk, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return chunk
