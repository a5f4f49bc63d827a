"""The defects an outside audit found (issue 21), each shown fixed by behaviour a reader, a crawler or
a staff member would notice. The browser-only ones (the Arabic search page's width, the Nu HTML
checker, axe under the site's policy) are in tests/browser/test_page_types.py; the read-only
database as a real server is in tests/test_outage_server.py."""

import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from django.urls import reverse

from articles.models import Article, Correction, Tag
from newsroom.text import BIDI_CONTROLS, OVERRIDES, isolates_balanced, strip_bidi_controls
from people.models import Organization, Person
from tests.faults import database_fault
from tests.public_data import hidden_stories, story, white_helmets_newsroom

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ["en", "ar", "ku"]


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


# --- 1. a feed is public exactly when its page is ---------------------------------------------


def test_a_tag_carried_only_by_unpublished_stories_has_no_page_and_no_feed(client, newsroom):
    hidden = hidden_stories(newsroom)
    checked = 0
    for name in hidden:
        if name == "draft_translation":
            continue
        slug = Tag.objects.get(name_en=f"zzqtag{name}").slug
        for edition in EDITIONS:
            for kind in ["", "rss/", "atom/"]:
                response = client.get(f"/{edition}/tags/{slug}/{kind}")
                assert response.status_code == 404, (name, edition, kind)
                assert f"zzqtag{name}" not in response.content.decode()
                checked += 1
    assert checked == 5 * 3 * 3
    # The public tag they share still has its page and feeds.
    for kind in ["", "rss/", "atom/"]:
        assert client.get(f"/en/tags/idlib/{kind}").status_code == 200


def test_every_feed_answers_404_where_its_page_does_and_200_where_it_does_not(client, newsroom):
    """Each feed address is paired with its page: people, tags and editions, public and hidden."""
    hidden = hidden_stories(newsroom)
    hidden_person = Person.objects.get(name="Zzqdraft Person")
    pairs = [
        ("tag-detail", "tag-rss", "tag-atom", {"slug": "idlib"}),
        ("tag-detail", "tag-rss", "tag-atom", {"slug": Tag.objects.get(name_en="zzqtagembargoed").slug}),
        ("person-detail", "person-rss", "person-atom", {"slug": newsroom.raed.slug}),
        ("person-detail", "person-rss", "person-atom", {"slug": hidden_person.slug}),
        ("home", "edition-rss", "edition-atom", {}),
    ]
    assert hidden
    from django.utils import translation

    for edition in EDITIONS:
        with translation.override(edition):
            for page_name, rss, atom, kwargs in pairs:
                page = client.get(reverse(page_name, kwargs=kwargs)).status_code
                for feed in (rss, atom):
                    assert client.get(reverse(feed, kwargs=kwargs)).status_code == page, (edition, feed, kwargs)


# --- 2. page numbers that overflow the database ----------------------------------------------


@pytest.mark.parametrize("page", ["461168601842738791", "9223372036854775807", "99999999999999999999999"])
def test_a_huge_page_number_answers_404_never_500(client, newsroom, page):
    urls = [
        "/en/", "/en/tags/idlib/", "/en/search/?q=Idlib", f"/en/authors/{newsroom.reporter.pk}/",
        f"/en/people/{newsroom.raed.slug}/", f"/en/organizations/{newsroom.civil_defense.slug}/", "/ar/",
    ]
    for url in urls:
        joiner = "&" if "?" in url else "?"
        response = client.get(f"{url}{joiner}page={page}")
        assert response.status_code == 404, url


def test_a_page_beyond_the_last_shows_the_last(client, newsroom):
    response = client.get("/en/tags/idlib/?page=3")
    assert response.status_code == 200
    assert newsroom.news.headline in response.content.decode()


# --- 3. machine-readable times and the search form (the Nu checker's two causes) ----------------


def test_times_carry_no_more_than_whole_seconds_and_no_form_has_an_empty_action(client, newsroom):
    Correction.objects.create(article=newsroom.interview, text="A date was wrong.")
    Article.objects.filter(pk=newsroom.interview.pk).update(
        published_at=newsroom.interview.published_at.replace(microsecond=123456)
    )
    pages = [
        "/en/", "/ar/", newsroom.interview.get_absolute_url(), "/en/tags/idlib/", "/en/search/?q=Idlib",
        "/ar/search/", f"/en/people/{newsroom.raed.slug}/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        times = re.findall(r'<time datetime="([^"]*)"', html)
        assert times or "search" in url, url
        for value in times:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), (url, value)
        assert 'action=""' not in html, url


# --- 4. the favicon ---------------------------------------------------------------------------


def test_favicon_ico_is_an_icon_and_every_page_links_one(client, newsroom):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO signature
    assert "max-age=86400" in response["Cache-Control"]
    assert '<link rel="icon" href="/static/img/favicon.ico"' in client.get("/ar/").content.decode()


# --- 5. an unsafe next= after signing in -------------------------------------------------------


def test_signing_in_with_an_unsafe_next_lands_on_the_admin_not_a_404(client, reporter):
    response = client.post(
        "/admin/login/?next=https://evil.example/steal",
        {"username": "reporter", "password": "pass-word-123", "next": "https://evil.example/steal"},
        follow=True,
    )
    assert response.status_code == 200
    assert [url for url, _status in response.redirect_chain][-1] == "/admin/"
    assert all("evil.example" not in url and "/accounts/profile/" not in url for url, _ in response.redirect_chain)


# --- 6. in an outage, what needs no database still answers -----------------------------------


def test_robots_txt_and_the_favicon_answer_while_the_database_is_down(client):
    with database_fault() as fault:
        robots = client.get("/robots.txt")
        favicon = client.get("/favicon.ico")
    assert fault.failed  # the page cache tried the database, and went on without it
    assert robots.status_code == 200 and "Sitemap:" in robots.content.decode()
    assert favicon.status_code == 200


def test_the_suggestions_answer_json_while_the_database_is_down(newsroom):
    from django.test import Client

    reader = Client(raise_request_exception=False)
    with database_fault():
        response = reader.get("/ar/search/suggest/?field=person&q=ra")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json()["error"].startswith("لا يستطيع الموقع")  # in the reader's language


def test_a_read_only_refusal_from_postgresql_is_a_503_not_a_500(rf):
    """A hot standby answers a write with SQLSTATE 25006, which Django raises as InternalError."""
    from django.db import InternalError

    from newsroom import views

    class ReadOnlySqlTransaction(Exception):
        sqlstate = "25006"

    request = rf.post("/admin/articles/article/1/change/")
    try:
        try:
            raise ReadOnlySqlTransaction("cannot execute UPDATE in a read-only transaction")
        except ReadOnlySqlTransaction as cause:
            raise InternalError("cannot execute UPDATE in a read-only transaction") from cause
    except InternalError:
        response = views.server_error(request)
    assert response.status_code == 503


def test_database_read_only_opens_sqlite_read_only_and_postgresql_in_read_only_transactions():
    code = "from django.conf import settings; d = settings.DATABASES['default']; print(d['NAME'], d['OPTIONS'])"
    env = {**os.environ, "DATABASE_READ_ONLY": "true", "DATABASE_URL": "sqlite:////tmp/newsroom-ro.sqlite3"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert "file:/tmp/newsroom-ro.sqlite3?mode=ro" in result.stdout, result.stderr
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/newsroom"
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert "-c default_transaction_read_only=on" in result.stdout, result.stderr


def test_a_sqlite_file_opened_read_only_serves_reads_and_refuses_writes(tmp_path):
    """The WAL pragma was an init command: on a read-only file every connection failed. Through the
    project's own settings (whatever database this suite runs on)."""
    import sqlite3

    path = tmp_path / "archive.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("CREATE TABLE story (headline TEXT)")
        setup.execute("INSERT INTO story VALUES ('Bakeries reopen')")
    code = (
        "from django.db import connection, OperationalError\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('SELECT headline FROM story'); print(cursor.fetchone()[0])\n"
        "try:\n    cursor.execute(\"INSERT INTO story VALUES ('x')\")\nexcept OperationalError as error:\n    print('refused:', error)\n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "DATABASE_READ_ONLY": "true"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines() == ["Bakeries reopen", "refused: attempt to write a readonly database"], result.stderr


# --- 8. bidirectional overrides ---------------------------------------------------------------

OVERRIDE = "\u202eevil\u202c"
UNCLOSED = "\u2067"  # a right-to-left isolate never closed: it would swallow the rest of the line


def no_stray_control(body: str) -> bool:
    """No embedding or override at all, and the isolates (the project's own) in balanced pairs."""
    return not set(body) & set(OVERRIDES) and isolates_balanced(body) == body


def test_bidi_controls_are_never_stored_whoever_saves(newsroom, reporter):
    person = Person.objects.create(name=f"Lina {OVERRIDE} Haddad", native_name="لينا\u2067 حداد\u2069", bio=f"x{OVERRIDE}")
    organization = Organization.objects.create(name=f"Water \u202dBoard")
    article = story(headline=f"Pumps {OVERRIDE} arrive", dek="\u202bدقيق\u202c", body=f"<p>Body {OVERRIDE}</p>", tags=[f"tag{OVERRIDE}"])
    reporter.first_name = f"Sam{OVERRIDE}"
    reporter.save()
    for obj, fields in [
        (person, ["name", "native_name", "bio", "slug"]),
        (organization, ["name"]),
        (article, ["headline", "dek", "body"]),
        (reporter, ["first_name"]),
    ]:
        obj.refresh_from_db()
        for field in fields:
            assert not set(getattr(obj, field)) & set(BIDI_CONTROLS), (obj, field)
    assert Person.objects.get(pk=person.pk).name == "Lina evil Haddad"
    assert Tag.objects.filter(name_en="tagevil").exists()


def test_no_page_feed_or_suggestion_shows_a_bidi_control_even_from_old_rows_or_a_search(client, newsroom):
    # Rows written before the rule (update() sends no pre_save): the pages still show none.
    Article.objects.filter(pk=newsroom.interview.pk).update(headline=f"Raed {OVERRIDE} speaks")
    Person.objects.filter(pk=newsroom.raed.pk).update(name=f"Raed {OVERRIDE} Al-Saleh{UNCLOSED}")
    from public import invalidation

    invalidation.everything_changed()
    urls = [
        "/en/", newsroom.interview.get_absolute_url(), f"/en/people/{newsroom.raed.slug}/", "/en/rss/", "/en/atom/",
        f"/en/search/?q={OVERRIDE}water", "/en/search/suggest/?field=person&q=raed", "/sitemap.xml",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert no_stray_control(body), url
        if "Content-Length" in response:
            assert int(response["Content-Length"]) == len(response.content)
    assert "Raed evil speaks" in client.get("/en/").content.decode()


def test_the_admin_shows_no_bidi_control_either(client, newsroom, superuser, verified_login):
    Person.objects.filter(pk=newsroom.raed.pk).update(name=f"Raed {OVERRIDE} Al-Saleh{UNCLOSED}")
    verified_login(client, superuser)
    body = client.get("/admin/people/person/").content.decode()
    assert "Raed evil Al-Saleh" in body
    assert no_stray_control(body)


def test_only_isolates_that_pair_up_reach_a_page():
    """The project isolates names in plain text with a balanced pair (``newsroom.languages.isolate``):
    those stay; an opener never closed and a closer that closes nothing go."""
    assert isolates_balanced("أرسل \u2068Sam Jones\u2069 القصة") == "أرسل \u2068Sam Jones\u2069 القصة"
    assert isolates_balanced("a\u2067b \u2069c\u2069 \u2066d") == "a\u2067b \u2069c d"


def test_marks_that_only_nudge_neutral_characters_are_kept():
    assert strip_bidi_controls("\u200fحلب\u200e 2026\u061c") == "\u200fحلب\u200e 2026\u061c"


# --- 9. SITE_URL follows the address ./start.sh serves ----------------------------------------


def shell(code: str, **env) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_host_and_port_unless_set():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    assert shell(code) == "http://127.0.0.1:8000"
    assert shell(code, PORT="8123") == "http://127.0.0.1:8123"
    assert shell(code, HOST="0.0.0.0", PORT="8123") == "http://127.0.0.1:8123"  # nosec B104
    assert shell(code, HOST="newsroom.lan", PORT="9000") == "http://newsroom.lan:9000"
    assert shell(code, HOST="::1", PORT="9000") == "http://[::1]:9000"
    assert shell(code, PORT="8123", SITE_URL="https://news.example.org/") == "https://news.example.org"


def test_robots_feeds_sitemaps_and_the_demo_logins_use_the_port_served(settings, client, newsroom, capsys):
    settings.SITE_URL = "http://127.0.0.1:8123"
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://127.0.0.1:8123/sitemap.xml" in robots and ":8000" not in robots
    feed = feedparser.parse(client.get("/en/rss/").content)
    assert feed.entries and all(entry.link.startswith("http://127.0.0.1:8123/") for entry in feed.entries)
    assert "http://127.0.0.1:8123/" in client.get("/sitemap.xml").content.decode()
    from django.core.management import call_command

    call_command("seed_demo")
    assert "Demo logins for http://127.0.0.1:8123/admin/" in capsys.readouterr().out


def test_start_sh_passes_host_and_port_on():
    script = (ROOT / "start.sh").read_text()
    assert "export HOST=${HOST:-127.0.0.1} PORT=${PORT:-8000}" in script
    assert 'runserver "$HOST:$PORT"' in script
