"""A real server (gunicorn, DEBUG off) whose database is not there: every page is a friendly 503 in
the reader's language, static files still load, and nothing shows a traceback."""

import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # nosec B310 (loopback only)
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(params=["postgres://postgres@127.0.0.1:9/newsroom", "sqlite:////nonexistent-folder/newsroom.sqlite3"],
                ids=["postgresql-not-listening", "sqlite-file-unreachable"])
def server_without_database(request, tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DATABASE_URL": request.param, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1", "CONN_MAX_AGE": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/static/css/site.css")
                break
            except OSError:
                time.sleep(0.1)
        yield base, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_server_without_its_database_answers_503_pages_in_the_readers_language(server_without_database):
    base, server = server_without_database
    for path, language, heading in [
        ("/en/", "en", "Back in a moment"),
        ("/ar/", "ar", "نعود بعد لحظات"),
        ("/ku/articles/1/water/", "ku", "Em ê di demeke kin de vegerin"),
        ("/en/search/?q=aleppo", "en", "Back in a moment"),
        ("/ar/rss/", "ar", "نعود بعد لحظات"),
        ("/sitemap.xml", "en", "Back in a moment"),
    ]:
        status, headers, html = fetch(base + path)
        assert status == 503, (path, html[:500])
        assert f'<html lang="{language}"' in html and heading in html, path
        assert headers["Retry-After"] == "30"
        assert "Traceback" not in html and "Error" not in html
    # Arabic readers arriving at / are sent to their edition first, which then says it is resting.
    status, _headers, html = fetch(base + "/", headers={"Accept-Language": "ar"})
    assert status == 503 and 'lang="ar"' in html
    # A sign-in attempt (django-axes counts it in the database) gets the same page, not a crash.
    status, _headers, html = fetch(base + "/admin/login/", data=b"username=editor&password=x")
    assert status in (403, 503)  # 403: no CSRF cookie; never a 500
    # The page's stylesheet needs no database.
    status, headers, _css = fetch(base + "/static/css/site.css")
    assert status == 200
    server.terminate()
    log = server.communicate(timeout=10)[0]
    assert "Database unavailable for GET /ar/" in log  # operators see why in the log


def test_robots_txt_and_the_suggestions_answer_properly_while_the_database_is_down(server_without_database):
    base, _server = server_without_database
    status, headers, body = fetch(base + "/robots.txt")
    assert status == 200 and "Sitemap:" in body
    status, headers, body = fetch(base + "/ar/search/suggest/?field=person&q=ra")
    assert status == 503 and headers["Content-Type"] == "application/json"
    assert json.loads(body)["error"] and headers["Retry-After"] == "30"


@pytest.fixture(scope="module")
def seeded_database(tmp_path_factory):
    """A demo newsroom in an SQLite file of its own (migrated and seeded by the real commands)."""
    folder = tmp_path_factory.mktemp("read-only")
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({"DATABASE_URL": f"sqlite:///{folder / 'newsroom.sqlite3'}", "MEDIA_ROOT": str(folder / "media")})
    for command in (["migrate", "--noinput", "-v", "0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    with sqlite3.connect(folder / "newsroom.sqlite3") as database:
        article = database.execute(
            "SELECT id, slug, headline FROM articles_article WHERE status = 'published' AND language = 'en' LIMIT 1"
        ).fetchone()
    return folder / "newsroom.sqlite3", article


def test_a_read_only_database_serves_readers_and_refuses_writes_with_the_503_page(seeded_database):
    path, (pk, slug, headline) = seeded_database
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DATABASE_URL": f"sqlite:///{path}", "DATABASE_READ_ONLY": "true", "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1", "CONN_MAX_AGE": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(base + "/robots.txt")
                break
            except OSError:
                time.sleep(0.1)
        # Readers get their pages.
        for path_ in ["/en/", "/ar/", f"/en/articles/{pk}/{slug}/", "/en/search/?q=water", "/en/rss/", "/sitemap.xml", "/robots.txt"]:
            status, _headers, html = fetch(base + path_)
            assert status == 200, (path_, html[:300])
        assert headline in fetch(f"{base}/en/articles/{pk}/{slug}/")[2]
        status, headers, body = fetch(base + "/en/search/suggest/?field=tag&q=a")
        assert status == 200 and headers["Content-Type"] == "application/json"
        # A sign-in writes (the session, the last login, django-axes' log): refused cleanly.
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = opener.open(base + "/admin/login/", timeout=20).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"username": "editor", "password": "editor-demo-2026", "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(base + "/admin/login/", data=data, headers={"Referer": base + "/admin/login/"})
        try:
            opener.open(request, timeout=20)
            status, html = 200, ""
        except urllib.error.HTTPError as error:
            status, html = error.code, error.read().decode()
        assert status == 503 and "Back in a moment" in html and "Traceback" not in html
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "readonly database" in log  # operators see why
    assert "Internal Server Error" not in log
