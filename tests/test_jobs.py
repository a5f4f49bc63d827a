"""Background work (jobs/): tasks go out with the change that needs them, periodic jobs are enqueued
once per period, and a real worker process — killed in the middle of a task and restarted, beside a
second one — publishes every scheduled story exactly once and loses no task."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jobs import services
from jobs.models import PeriodicRun, WorkerHeartbeat
from jobs.tasks import mail_send

ROOT = Path(__file__).resolve().parent.parent
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_BACKEND


@pytest.mark.django_db
class TestEnqueue:
    def test_a_task_is_written_with_the_change_and_gone_with_its_rollback(self, database_tasks):
        with transaction.atomic():
            services.enqueue(mail_send, subject="Kept", body="", addresses=["a@example.org"])
        with pytest.raises(RuntimeError), transaction.atomic():
            services.enqueue(mail_send, subject="Rolled back", body="", addresses=["b@example.org"])
            raise RuntimeError("the change failed")
        assert [t.args_kwargs["kwargs"]["subject"] for t in DBTaskResult.objects.all()] == ["Kept"]

    def test_a_later_task_waits_for_its_time(self, database_tasks):
        later = timezone.now() + timedelta(hours=1)
        services.enqueue(mail_send, subject="Later", body="", addresses=["a@example.org"], run_after=later)
        assert not DBTaskResult.objects.ready().exists()
        assert DBTaskResult.objects.get().run_after == later

    def test_on_a_backend_outside_the_database_it_waits_for_the_commit(self, mailoutbox,
                                                                        django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks() as callbacks:
            services.enqueue(mail_send, subject="After commit", body="Text.", addresses=["a@example.org"])
            assert mailoutbox == []
        assert len(callbacks) == 1
        callbacks[0]()
        assert [m.subject for m in mailoutbox] == ["[Newsroom] After commit"]

    def test_retries_stop_when_the_delays_are_used_up(self, database_tasks):
        assert services.retry_later(mail_send, attempt=0, delays=(10, 60), kwargs={"subject": "s", "body": "", "addresses": []})
        retry = DBTaskResult.objects.get()
        assert retry.args_kwargs["kwargs"]["attempt"] == 1
        assert retry.run_after > timezone.now() + timedelta(seconds=5)
        assert not services.retry_later(mail_send, attempt=2, delays=(10, 60))
        assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db
class TestPeriodicJobs:
    def test_each_period_is_enqueued_once_however_many_workers_ask(self, database_tasks, monkeypatch):
        monkeypatch.setattr(services, "PERIODIC", {})
        services.periodic_register(name="test.mail", task=mail_send, every=timedelta(minutes=1))
        start = timezone.now()
        assert services.periodic_enqueue_due(now=start) == ["test.mail"]
        assert services.periodic_enqueue_due(now=start + timedelta(seconds=30)) == []  # a second worker
        assert services.periodic_enqueue_due(now=start + timedelta(seconds=61)) == ["test.mail"]
        assert DBTaskResult.objects.count() == 2
        assert PeriodicRun.objects.get().next_run_at == start + timedelta(seconds=121)

    def test_the_desk_sweeps_for_due_stories_every_minute(self):
        job = services.PERIODIC["desk.publish_due_sweep"]
        assert job.every == timedelta(minutes=1) and job.task.name == "publish_due_sweep"


@pytest.mark.django_db
class TestDeadWorkers:
    def running_task(self, worker_id: str, started_at):
        return DBTaskResult.objects.create(
            task_path="jobs.tasks.mail_send", args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
            status=TaskResultStatus.RUNNING, worker_ids=[worker_id], started_at=started_at,
            run_after=started_at, exception_class_path="", traceback="",
        )

    def test_a_dead_workers_task_is_given_back_and_a_live_ones_is_left(self, settings):
        settings.JOBS_STALE_AFTER_SECONDS = 60
        now = timezone.now()
        WorkerHeartbeat.objects.create(worker_id="dead", seen_at=now - timedelta(seconds=90))
        WorkerHeartbeat.objects.create(worker_id="alive", seen_at=now - timedelta(seconds=5))
        orphan = self.running_task("dead", now - timedelta(minutes=2))
        busy = self.running_task("alive", now - timedelta(minutes=2))
        unknown = self.running_task("someone else's worker", now - timedelta(minutes=5))
        assert services.tasks_recover_stale(now=now) == 1
        orphan.refresh_from_db(), busy.refresh_from_db(), unknown.refresh_from_db()
        assert (orphan.status, busy.status, unknown.status) == ("READY", "RUNNING", "RUNNING")
        assert services.tasks_recover_stale(now=now + timedelta(hours=2)) == 2  # silent for an hour: dead too


@pytest.mark.django_db
class TestScheduledPublication:
    def test_scheduling_enqueues_the_publication_at_its_time(self, database_tasks):
        from desk import workflow
        from tests.workflow_support import Status, article_in
        from tests.factories import UserFactory
        from newsroom import roles

        editor = UserFactory(username="editor", role=roles.EDITOR)
        article = article_in(Status.IN_REVIEW)
        when = timezone.now() + timedelta(hours=2)
        workflow.article_transition(article=article, action="schedule", user=editor, publish_at=when)
        task = DBTaskResult.objects.get(task_path="desk.tasks.article_publish_when_due")
        assert task.run_after == when and task.args_kwargs["args"] == [article.pk]
        assert not DBTaskResult.objects.ready().exists()  # not before its time

    def test_the_task_publishes_only_what_is_scheduled_and_due(self, time_machine):
        from desk.tasks import article_publish_when_due
        from tests.workflow_support import Status, article_in

        time_machine.move_to("2026-05-01 08:00Z", tick=False)
        later = article_in(Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1))
        assert article_publish_when_due.call(later.pk) == "not due"  # rescheduled: its new time has a task
        time_machine.move_to("2026-05-01 09:00Z", tick=False)
        assert article_publish_when_due.call(later.pk) == "published"
        assert article_publish_when_due.call(later.pk) == "not scheduled"  # a second copy changes nothing
        assert later.status_changes.filter(action="publish_due").count() == 1
        assert article_publish_when_due.call(999_999) == "deleted"


# --- a real worker process ------------------------------------------------------------------------


class Site:
    """A newsroom of its own for worker processes: a database file (or a fresh PostgreSQL database
    when the suite runs on PostgreSQL), migrated, driven through manage.py."""

    def __init__(self, tmp_path: Path):
        self.env = {**os.environ, "TASKS_BACKEND": "database", "JOBS_HEARTBEAT_SECONDS": "0.5",
                    "JOBS_STALE_AFTER_SECONDS": "3", "DEBUG": "false", "PAGE_CACHE_SECONDS": "0",
                    # The daily backup only where a test asks for it (it would slow every worker down).
                    "BACKUP_EVERY_HOURS": "0", "BACKUP_DIR": str(tmp_path / "backups")}
        self.postgres = connection.vendor == "postgresql"
        if self.postgres:
            base = dict(connection.settings_dict)
            self.name = f"nr_jobs_{os.getpid()}"
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
            user, host, port = base["USER"], base["HOST"] or "127.0.0.1", base["PORT"] or 5432
            self.env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{self.name}"
        else:
            self.env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'jobs.sqlite3'}"
        self.workers: list[subprocess.Popen] = []
        self.manage("migrate", "--noinput", "-v0")

    def _admin(self, *statements):
        import psycopg

        settings = connection.settings_dict
        with psycopg.connect(host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432,
                             user=settings["USER"], dbname="postgres", autocommit=True) as admin:
            for statement in statements:
                admin.execute(statement)

    def manage(self, *args) -> str:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-v0", "-c", code)

    def start_worker(self, worker_id: str) -> subprocess.Popen:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--worker-id", worker_id, "--interval", "0.2", "-v0"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.workers.append(worker)
        return worker

    def wait_for(self, code: str, *, timeout: float = 60) -> str:
        """Run ``code`` (it prints something) until it prints "yes"."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.shell(code).strip()
            if out.endswith("yes"):
                return out
            time.sleep(0.3)
        raise AssertionError(f"still not true after {timeout} s: {code}\n{out}")

    def close(self):
        for worker in self.workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    yield site
    site.close()


SCHEDULE = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from articles.models import Article, Byline
from desk.workflow import article_transition
from newsroom import roles
roles.sync_roles()
editor = get_user_model().objects.create(username="editor", is_staff=True)
editor.groups.add(Group.objects.get(name=roles.EDITOR))
when = timezone.now() + timedelta(seconds={seconds})
for n in range({count}):
    article = Article.objects.create(headline=f"Story {{n}}", body="<p>Text.</p>", status="in_review")
    Byline.objects.create(article=article, name="Desk")
    article_transition(article=article, action="schedule", user=editor, publish_at=when)
print(Article.objects.filter(status="scheduled").count())
"""

PUBLISHED_ONCE = """
from articles.models import Article, StatusChange
published = Article.objects.filter(status="published").count()
steps = list(StatusChange.objects.filter(action="publish_due").values_list("article_id", flat=True))
print(published, len(steps), len(set(steps)), "yes" if published == {count} else "no")
"""


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_and_a_second_one_lose_nothing_and_publish_each_story_once(site, tmp_path):
    count = 12
    assert site.shell(SCHEDULE.format(seconds=4, count=count)).strip() == str(count)
    note = tmp_path / "slow.txt"
    site.shell(f"from jobs.services import enqueue\nfrom tests.jobs_tasks import slow_note\n"
               f"enqueue(slow_note, {str(note)!r}, 3.0)")
    first = site.start_worker("first")
    site.wait_for("from django_tasks_db.models import DBTaskResult\n"
                  "print('yes' if DBTaskResult.objects.filter(task_path__endswith='slow_note', status='RUNNING').exists() else 'no')")
    first.kill()  # SIGKILL in the middle of the slow task: no clean-up, its row stays "running"
    first.wait()
    assert not note.exists()
    site.start_worker("second")
    site.start_worker("third")
    out = site.wait_for(PUBLISHED_ONCE.format(count=count), timeout=90)
    published, steps, distinct, _ = out.split()
    assert (int(published), int(steps), int(distinct)) == (count, count, count)  # each story once
    site.wait_for("from django_tasks_db.models import DBTaskResult\n"
                  "t = DBTaskResult.objects.get(task_path__endswith='slow_note')\n"
                  "print(t.status, t.worker_ids, 'yes' if t.status == 'SUCCESSFUL' else 'no')", timeout=60)
    assert note.read_text() == "done\n"  # the killed run wrote nothing; the retried one finished
    failed = site.shell("from django_tasks_db.models import DBTaskResult\nprint(DBTaskResult.objects.failed().count())")
    assert failed.strip() == "0"


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_e_mail_a_change_wrote(site):
    site.env["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"  # printed by the worker
    site.shell(
        "from jobs.services import enqueue\nfrom jobs.tasks import mail_send\n"
        "enqueue(mail_send, subject='Published: Water returns', body='Text.', addresses=['author@example.org'])"
    )
    printed = site.manage("run_worker", "--once", "-v0")
    assert "Subject: [Newsroom] Published: Water returns" in printed and "To: author@example.org" in printed
    out = site.shell("from django_tasks_db.models import DBTaskResult\nt = DBTaskResult.objects.get(task_path='jobs.tasks.mail_send')\n"
                     "print(t.status, t.return_value)")
    assert out.split() == ["SUCCESSFUL", "1"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_takes_the_daily_backup_once_a_day(site, tmp_path):
    site.env["BACKUP_EVERY_HOURS"] = "24"
    site.shell("from articles.models import Article\nArticle.objects.create(headline='Kept', body='<p>Text.</p>')")
    site.manage("run_worker", "--once", "-v0")
    backups = [path for path in (tmp_path / "backups").iterdir() if path.is_dir()]
    assert len(backups) == 1 and (backups[0] / "manifest.json").exists()
    site.manage("run_worker", "--once", "-v0")  # the same day: no second backup
    assert len([path for path in (tmp_path / "backups").iterdir() if path.is_dir()]) == 1
