"""publish_scheduled: due articles are published once, never early, also with two runs at once."""

import re
import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from desk import workflow
from articles.models import Article, StatusChange
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

ON_SQLITE = connection.vendor == "sqlite"
SQLITE_REASON = (
    "SQLite has no row locks: a write transaction locks the whole database (this project opens "
    "them IMMEDIATE), so two runs cannot interleave and there is no skip_locked to exercise. "
    "Run the suite with DATABASE_URL=postgres://… to test the row locks."
)


def run_command(**options) -> list[int]:
    out = StringIO()
    call_command("publish_scheduled", stdout=out, **options)
    return [int(pk) for pk in re.findall(r"Published #(\d+)", out.getvalue())]


@pytest.mark.django_db
def test_due_articles_are_published_once_however_often_it_runs(people):
    due = [article_in(Status.SCHEDULED, author=people["author"]) for _ in range(3)]
    later = article_in(Status.SCHEDULED, author=people["author"], published_at=timezone.now() + timedelta(hours=1))
    embargoes = {a.pk: a.published_at for a in due}
    assert sorted(run_command()) == sorted(a.pk for a in due)
    assert run_command() == []
    for article in due:
        article.refresh_from_db()
        assert (article.status, article.published_at) == ("published", embargoes[article.pk])
        assert article.status_changes.filter(action="publish_due").count() == 1
    later.refresh_from_db()
    assert later.status == "scheduled"


@pytest.mark.django_db
def test_nothing_scheduled_is_visible_before_its_time(people, client, time_machine):
    time_machine.move_to("2026-05-01 08:00Z", tick=False)
    article = article_in(Status.IN_REVIEW, author=people["author"])
    workflow.article_transition(
        article=article, action="schedule", user=people["editor"], publish_at=timezone.now() + timedelta(hours=1)
    )
    url = f"/en/articles/{article.pk}/{article.slug}/"
    time_machine.move_to("2026-05-01 08:59:59Z", tick=False)
    assert run_command() == []
    assert client.get(url).status_code == 404
    assert not Article.objects.published().filter(pk=article.pk).exists()
    time_machine.move_to("2026-05-01 09:00Z", tick=False)
    assert client.get(url).status_code == 404  # due, but not yet published by the command
    assert run_command() == [article.pk]
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_loop_keeps_checking_until_stopped(people, time_machine, monkeypatch):
    """--loop, on a clock the test moves: an article due in 90 s goes out on the third check."""
    time_machine.move_to("2026-05-01 08:00Z", tick=False)
    monkeypatch.setattr("time.sleep", lambda seconds: time_machine.shift(timedelta(seconds=seconds)))
    article = article_in(Status.SCHEDULED, author=people["author"], published_at=timezone.now() + timedelta(seconds=90))
    out = StringIO()
    call_command("publish_scheduled", loop=True, interval=60, max_rounds=3, verbosity=2, stdout=out)
    checks = re.findall(r"Checked for due articles: (\d+) published", out.getvalue())
    assert checks == ["0", "0", "1"]
    article.refresh_from_db()
    assert article.status == "published"


@pytest.mark.postgres
@pytest.mark.skipif(ON_SQLITE, reason=SQLITE_REASON)
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_publish_each_due_article_exactly_once(people):
    due = {article_in(Status.SCHEDULED, author=people["author"]).pk for _ in range(40)}
    start = threading.Barrier(2)
    published: dict[str, list[int]] = {}
    errors = []

    def run(name):
        try:
            start.wait(timeout=10)
            published[name] = run_command()
        except Exception as error:  # reported below: a thread's exception would be lost
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(name,)) for name in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    both = published["first"] + published["second"]
    assert sorted(both) == sorted(due), "each due article published by exactly one run"
    assert StatusChange.objects.filter(action="publish_due").count() == len(due)
    assert set(Article.objects.filter(pk__in=due).values_list("status", flat=True)) == {"published"}
    print(f"split between the runs: {len(published['first'])} + {len(published['second'])}")


@pytest.mark.postgres
@pytest.mark.skipif(ON_SQLITE, reason=SQLITE_REASON)
@pytest.mark.django_db(transaction=True)
def test_a_run_passes_over_an_article_another_run_holds(people):
    """skip_locked: with the first due article locked elsewhere, a run publishes the next one
    at once instead of waiting, and leaves the held one for the next run."""
    held = article_in(Status.SCHEDULED, author=people["author"], published_at=timezone.now() - timedelta(minutes=5))
    free = article_in(Status.SCHEDULED, author=people["author"])
    locked, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Article.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        assert [a.pk for a in workflow.articles_publish_due()] == [free.pk]
    finally:
        release.set()
        holder.join(timeout=10)
    assert [a.pk for a in workflow.articles_publish_due()] == [held.pk]
