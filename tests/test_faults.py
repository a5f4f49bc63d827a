"""Faults: a database failure in the middle of a workflow step, an import or a scheduled publication
leaves nothing half-done; with the database gone the public site answers a friendly 503 page in the
reader's language, never a traceback. (Exit statuses of the commands: tests/test_commands.py; a
real server with no database: tests/test_outage_server.py.)"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from desk import workflow
from articles.models import Article, Byline, Revision, StatusChange
from copydesk.models import ImportRecord
from copydesk.services import copy_import
from newsroom.commands import DATABASE_FAILED
from tests.faults import database_fault, insert_into
from tests.public_data import white_helmets_newsroom
from tests.test_workflow_admin import client_for, step_url
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401
from tests.accounts_support import staff_login

COPY = "Bakeries reopen in Idlib\nBy Samer Taha and Lina Haddad\nThree bakeries are back at work after repairs.\n"


def snapshot(article: Article) -> tuple:
    article = Article.objects.get(pk=article.pk)
    return (article.status, article.published_at, article.version, article.updated_at,
            StatusChange.objects.filter(article=article).count(), Revision.objects.filter(article=article).count())


# --- a workflow step ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "failing",
    [r'^\s*SELECT .* FROM "articles_article" .* FOR UPDATE', r'^\s*UPDATE "articles_article"', insert_into("articles_statuschange")],
    ids=["locking the row", "writing the status", "writing the log entry"],
)
def test_a_database_error_during_a_step_changes_nothing(people, django_capture_on_commit_callbacks, failing):
    if "FOR UPDATE" in failing and not connection.features.has_select_for_update:
        pytest.skip("SQLite has no SELECT … FOR UPDATE (a write transaction locks the whole file)")
    article = article_in(Status.IN_REVIEW, author=people["author"])
    before = snapshot(article)
    with django_capture_on_commit_callbacks() as callbacks:
        with database_fault(failing) as fault, pytest.raises(OperationalError):
            workflow.article_transition(article=article, action="publish", user=people["editor"])
    assert fault.failed
    assert snapshot(article) == before
    assert callbacks == []  # no "published" e-mail for a step that did not happen
    assert mail.outbox == []
    assert not Article.objects.published().filter(pk=article.pk).exists()
    # Once the database is well again, the same step goes through.
    workflow.article_transition(article=article, action="publish", user=people["editor"])
    assert Article.objects.get(pk=article.pk).status == Status.PUBLISHED


@pytest.mark.django_db
def test_a_step_taken_in_the_admin_during_a_fault_shows_a_503_and_changes_nothing(people):
    article = article_in(Status.IN_REVIEW, author=people["author"])
    before = snapshot(article)
    editor = Client(raise_request_exception=False)
    staff_login(editor, people["editor"])
    with database_fault(insert_into("articles_statuschange")):
        response = editor.post(step_url(article, "publish"))
    assert response.status_code == 503
    assert "Back in a moment" in response.content.decode()
    assert snapshot(article) == before


# --- an import ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("table", ["articles_article", "articles_byline", "copydesk_importrecord"])
def test_a_database_error_during_an_import_leaves_no_draft(table):
    with database_fault(insert_into(table), after=1 if table == "articles_byline" else 0), pytest.raises(OperationalError):
        copy_import(data=COPY, name="bakeries.txt")
    assert Article.objects.count() == Byline.objects.count() == ImportRecord.objects.count() == 0
    # The same copy imports cleanly afterwards: no fingerprint was left behind to block it.
    assert copy_import(data=COPY, name="bakeries.txt").created


@pytest.mark.django_db
def test_import_article_stops_with_a_clear_message_and_keeps_only_whole_drafts(tmp_path):
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("Water returns to Aleppo\nBy Samer Taha\nThe pumps work again.\n", encoding="utf-8")
    second.write_text(COPY, encoding="utf-8")
    with database_fault(insert_into("copydesk_importrecord"), after=1), pytest.raises(CommandError) as stopped:
        call_command("import_article", str(first), str(second), stdout=StringIO(), stderr=StringIO())
    assert str(stopped.value).startswith("The database failed: server closed the connection unexpectedly. Nothing half-done")
    assert [a.headline for a in Article.objects.all()] == ["Water returns to Aleppo"]
    assert ImportRecord.objects.count() == 1 and Byline.objects.count() == 1


# --- publish_scheduled -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_database_error_while_publishing_due_articles_keeps_each_whole(people):
    first = article_in(Status.SCHEDULED, author=people["author"], headline="Due first")
    second = article_in(Status.SCHEDULED, author=people["author"], headline="Due second")
    before = snapshot(second)
    with database_fault(insert_into("articles_statuschange"), after=1), pytest.raises(CommandError) as stopped:
        call_command("publish_scheduled", stdout=StringIO())
    assert DATABASE_FAILED.split("{error}")[0] in str(stopped.value)
    published = Article.objects.get(pk=first.pk)
    assert published.status == Status.PUBLISHED
    assert published.status_changes.get().action == "publish_due"
    assert snapshot(second) == before  # still scheduled, no log entry, same version
    # The next run (cron, a minute later) publishes it.
    call_command("publish_scheduled", stdout=StringIO())
    assert Article.objects.get(pk=second.pk).status == Status.PUBLISHED


# --- the database is gone: 503 -----------------------------------------------------------------


@pytest.mark.django_db
def test_with_the_database_gone_every_kind_of_page_answers_a_friendly_503(people):
    newsroom = white_helmets_newsroom()
    reader = Client(raise_request_exception=False)
    staff = Client(raise_request_exception=False)
    staff_login(staff, people["editor"])
    pages = {
        "/en/": reader, "/ar/": reader, "/ku/": reader, newsroom.interview.get_absolute_url(): reader,
        "/en/search/?q=water": reader, "/en/rss/": reader, "/sitemap.xml": reader, "/en/people/raed-al-saleh/": reader,
        "/admin/": staff, reverse("admin:articles_article_changelist"): staff,
    }
    with database_fault() as fault:
        for url, client in pages.items():
            response = client.get(url)
            html = response.content.decode()
            assert response.status_code == 503, url
            assert "Traceback" not in html and "OperationalError" not in html
            assert response["Retry-After"] == "30"
            assert "no-store" in response["Cache-Control"]
        login = reader.post("/admin/login/", {"username": "editor", "password": "pass-word-123"})
        assert login.status_code == 503
    assert fault.failed
    assert reader.get("/en/").status_code == 200  # the database is back


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "headers", "language", "heading"),
    [
        ("/en/", {}, "en", "Back in a moment"),
        ("/ar/", {}, "ar", "نعود بعد لحظات"),
        ("/ku/", {}, "ku", "Em ê di demeke kin de vegerin"),
        ("/sitemap.xml", {"HTTP_ACCEPT_LANGUAGE": "ar"}, "ar", "نعود بعد لحظات"),
    ],
)
def test_the_503_page_speaks_the_readers_language(url, headers, language, heading):
    reader = Client(raise_request_exception=False)
    with database_fault():
        response = reader.get(url, **headers)
    html = response.content.decode()
    assert response.status_code == 503
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in html
    assert heading in html
    assert response["Content-Language"] == language


@pytest.mark.django_db
def test_a_dropped_connection_fails_one_request_and_the_next_one_reconnects(client):
    white_helmets_newsroom()
    reader = Client(raise_request_exception=False)
    with database_fault(after=0, message="connection already closed"):
        assert reader.get("/en/").status_code == 503
    assert reader.get("/en/").status_code == 200


def test_other_errors_still_get_the_500_page_not_the_503(rf):
    from newsroom import views

    request = rf.get("/ar/articles/1/x/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(request)
    assert response.status_code == 500
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = views.server_error(request)
    assert response.status_code == 503
    assert 'lang="ar"' in response.content.decode()
