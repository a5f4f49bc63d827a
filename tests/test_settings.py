import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.translation import get_language_info

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3$Jq9!vZr2@Lm7#Xp4^Tn8&Wd1*Hs6(Fb0)Yc5-Ge3+Ua9=Qo2",
    "ALLOWED_HOSTS": "news.example.org",
    "HTTPS": "true",
}


def run_manage(*args, env_overrides):
    inherited = {"DEBUG", "SECRET_KEY", "HTTPS", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in inherited}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_without_them():
    result = run_manage("check", "--deploy", env_overrides={"DEBUG": "false"})
    assert "security.W" in result.stdout + result.stderr


def test_bad_boolean_is_a_clear_error():
    result = run_manage("check", env_overrides={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_kurdish_kurmanji_is_registered():
    info = get_language_info("ku")
    assert (info["name"], info["name_local"], info["bidi"]) == ("Kurdish", "Kurdî", False)
    assert get_language_info("ar")["bidi"] is True


def test_language_switcher_lists_the_three_editions(client, db):
    html = client.get("/en/").content.decode()
    assert 'hreflang="ar"' in html and "العربيّة" in html
    assert 'hreflang="ku"' in html and "Kurdî" in html


def test_arabic_edition_is_right_to_left(client, db):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<html lang="ku" dir="ltr">' in client.get("/ku/").content.decode()


def _redis_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def test_redis_url_switches_the_cache_to_redis():
    if not _redis_up():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Redis is not running at 127.0.0.1:6379")
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    code = (
        "from django.core.cache import cache; from django.conf import settings;"
        "print(settings.CACHES['default']['BACKEND']);"
        "cache.set('newsroom-test', 'ok', 5); print(cache.get('newsroom-test'))"
    )
    result = run_manage("shell", "-c", code, env_overrides={"REDIS_URL": "redis://127.0.0.1:6379/15"})
    assert result.returncode == 0, result.stderr
    assert "django.core.cache.backends.redis.RedisCache" in result.stdout
    assert result.stdout.strip().endswith("ok")


def test_database_url_selects_postgresql():
    code = "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['HOST'])"
    result = run_manage(
        "shell", "-c", code, env_overrides={"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom"}
    )
    assert "django.db.backends.postgresql newsroom 127.0.0.1" in result.stdout, result.stderr


def test_default_database_is_sqlite_in_the_project(settings):
    if os.environ.get("DATABASE_URL"):
        pytest.skip("DATABASE_URL is set for this run")
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.parametrize("url", ["sqlite:////tmp/newsroom-settings-check.sqlite3", "postgres://postgres@127.0.0.1:5432/newsroom"])
def test_connections_are_kept_between_requests_on_both_databases(url):
    # A page from the page cache costs one query; opening a connection for it (and, on SQLite,
    # setting WAL again) made it ten times slower. PostgreSQL's site connections run no parallel query.
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], d.get('OPTIONS', {}).get('options', '-'))"
    )
    result = run_manage("shell", "-c", code, env_overrides={"DATABASE_URL": url})
    expected = "-" if url.startswith("sqlite") else "-c max_parallel_workers_per_gather=0"
    assert result.stdout.split("\n")[-2] == f"60 True {expected}", result.stdout + result.stderr


def test_the_wsgi_application_freezes_what_loading_made():
    code = "import gc, newsroom.wsgi; print(gc.get_freeze_count() > 10000)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "True", result.stdout + result.stderr
