"""A real server (gunicorn, DEBUG off) whose database is not there: every page is a friendly 503 in
the reader's language, static files still load, and nothing shows a traceback."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
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
