"""bench/loadtest.py: real pages picked from the database, wrk results and missing pages in one table."""

import importlib.util
import json
import time
import urllib.request
import shutil
from pathlib import Path

import pytest
from django.db.models import Count
from articles.models import Tag  # the articles own tag model (per-language names)

from seed import benchdata
from articles.models import Article
from tests.factories import PublishedArticleFactory

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "loadtest.py"
spec = importlib.util.spec_from_file_location("bench_loadtest", SCRIPT)
loadtest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(loadtest)

needs_wrk = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)")


@pytest.mark.django_db
def test_pages_are_picked_from_the_database_and_answer(client):
    benchdata.bench_seed(articles=40, tags=15, people=20, organizations=6)
    paths = loadtest.fill(loadtest.URLS, loadtest.pick_values())

    newest = Article.objects.published().in_language("en").order_by("-published_at").first()
    assert paths["article"] == newest.get_absolute_url()
    assert client.get(paths["article"]).status_code == 200
    assert client.get(paths["person"]).status_code == 200
    most_used = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n", "pk").first()
    assert paths["tag"] == f"/en/tags/{most_used.slug}/"
    assert paths["static"] == "/static/css/site.css"
    for page in ["organization", "author", "search", "feed", "sitemap", "sitemap-articles"]:
        assert client.get(paths[page]).status_code == 200, page
    assert paths["article-cached"] == paths["article"]


@pytest.mark.django_db
def test_the_admin_list_is_loaded_as_a_seeded_editor(client):
    benchdata.bench_seed(articles=20, tags=5, people=5, organizations=2)
    name, _, key = loadtest.admin_cookie().partition("=")
    client.cookies[name] = key
    response = client.get(loadtest.URLS["admin"])
    assert response.status_code == 200
    assert response.context["request"].user.username == loadtest.BENCH_EDITOR
    assert response.context["request"].user.has_perm("articles.publish_article")


def page_cache_entries() -> int:
    from django.core.cache import cache

    return sum(":public-page:" in key for key in cache._cache)


@needs_wrk
def test_uncached_pages_are_rendered_for_every_request_and_the_cached_one_once(live_server, settings):
    settings.PAGE_CACHE_SECONDS = 300
    PublishedArticleFactory()  # a public change: the content generation exists

    def load(**options):
        loadtest.run_wrk(live_server.url + "/en/", duration="1s", connections=2, threads=1, timeout="5s", **options)
        time.sleep(0.5)  # requests still in flight when wrk stopped are answered (and kept) meanwhile

    # The first request of a new server builds its templates and per-process caches: on a busy
    # machine that alone can take most of a second, so it is made before anything is counted.
    urllib.request.urlopen(live_server.url + "/en/?warm-up=1", timeout=30).read()
    before = page_cache_entries()
    load(fresh=True)
    rendered = page_cache_entries() - before
    load()
    load()

    assert rendered > 5  # each request its own address, so its own rendering
    assert page_cache_entries() == before + rendered + 1  # the same address: rendered once, then served


def test_a_page_without_data_is_reported_not_guessed():
    paths = loadtest.fill({"tag": "/en/tags/{tag_slug}/", "home": "/en/"}, {})
    assert paths == {"tag": None, "home": "/en/"}


@needs_wrk
def test_measured_pages_and_missing_ones_share_one_table(live_server, tmp_path):
    PublishedArticleFactory()
    paths = {"home": "/en/", "search": "/en/no-such-search/", "tag": None, "static": "/static/css/site.css"}

    rows = loadtest.measure(live_server.url, paths, duration="1s", connections=2, threads=1, log=lambda _: None)
    by_page = {row["page"]: row for row in rows}

    home = by_page["home"]
    assert home["status"] == "ok" and home["requests"] > 0
    assert 0 < home["p50_ms"] <= home["p99_ms"]
    assert by_page["static"]["percent_of_static"] == 100.0
    assert by_page["search"]["status"] == "missing (404)" and "requests_per_s" not in by_page["search"]
    assert by_page["tag"]["status"] == "no data in the database"

    table = loadtest.render_text(rows)
    assert "missing (404)" in table and "req/s" in table and "p99 ms" in table
    meta = {"started": "2026-01-01T00:00:00Z", "database": "sqlite", "articles": 1}
    markdown, data = loadtest.write_results(rows, meta, directory=tmp_path)
    assert "| search | /en/no-such-search/ | uncached | missing (404) |" in markdown.read_text()
    assert json.loads(data.read_text())["results"][0]["page"] == "home"


def test_only_loopback_addresses_are_loaded():
    with pytest.raises(SystemExit):
        loadtest.parse_args(["--base", "http://news.example.org"])
    assert loadtest.parse_args(["--base", "http://127.0.0.1:9000"]).base == "http://127.0.0.1:9000"
