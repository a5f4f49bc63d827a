"""Background work, done the project's one way.

Tasks are Django's tasks interface (``django-tasks``, the backport of Django 6's ``django.tasks``),
defined with ``@task()`` in each app's ``tasks.py``. The backend is chosen by ``TASKS_BACKEND``
(``newsroom/settings.py``, docs/DEPLOY.md):

* ``database`` (the default): ``django-tasks-db``, a row per task, run by ``manage.py run_worker``;
* ``rq``: ``django-tasks-rq`` on Redis, run by ``manage.py rqworker --job-class django_tasks_rq.Job
  --with-scheduler``, with ``manage.py run_worker --clock-only`` for the periodic jobs;
* ``immediate``: in the process that enqueues, once its transaction commits (tests, one-off scripts).

This module holds the three rules every app relies on:

* ``enqueue``: a task goes out *with the change that needs it* — in the change's own transaction on
  the database backend, after commit elsewhere — so no task runs for a change that rolled back and
  none is lost for one that committed.
* ``periodic_register`` / ``periodic_enqueue_due``: a job due every N seconds is enqueued once per
  period, however many workers run (each period is one row, taken under a lock).
* ``tasks_recover_stale``: a task left "running" by a worker that stopped beating (killed, its
  machine gone) is made ready again for a live worker. Tasks are therefore run *at least once*:
  each task of the project is written so that a second run changes nothing (docs/DEPLOY.md).
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from jobs.models import PeriodicRun, WorkerHeartbeat

logger = logging.getLogger("jobs")

def heartbeat_seconds() -> float:
    """How often a worker says it is alive (``JOBS_HEARTBEAT_SECONDS``)."""
    return settings.JOBS_HEARTBEAT_SECONDS


def stale_after() -> timedelta:
    """A worker silent this long is taken for dead, and its running tasks are retried
    (``JOBS_STALE_AFTER_SECONDS``)."""
    return timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS)


# A running task whose worker never kept a heartbeat (another worker command) is retried after this.
UNKNOWN_WORKER_STALE_AFTER = timedelta(hours=1)
HEARTBEATS_KEPT = timedelta(days=1)


def uses_database(task) -> bool:
    return isinstance(task_backends[task.backend], DatabaseBackend)


def enqueue(task, *args, run_after: datetime | None = None, **kwargs) -> None:
    """Enqueue ``task`` (a ``@task()`` function) for the change being made, to run at once or at
    ``run_after``. On the database backend the task is a row written in the change's transaction:
    committed with it, gone with a rollback, and seen by the workers only once committed. Other
    backends get it once the transaction commits (a queue outside the database would otherwise run
    it before the change is visible, or for a change that rolled back)."""
    if run_after is not None:
        if not task_backends[task.backend].supports_defer:
            # The immediate backend (tests, scripts) cannot wait: what is due runs now, what is
            # not yet due is left to a real worker's periodic jobs.
            if run_after > timezone.now():
                logger.info("%s not enqueued: its backend cannot run it later.", task.module_path)
                return
        else:
            task = task.using(run_after=run_after)
    if uses_database(task):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs), robust=True)


def retry_later(task, *, attempt: int, delays: tuple[int, ...], args=(), kwargs=None) -> bool:
    """Enqueue attempt ``attempt + 1`` of ``task`` after ``delays[attempt]`` seconds (the task takes
    an ``attempt`` keyword); False once the delays are used up, and nothing is enqueued then."""
    if attempt >= len(delays):
        return False
    later = timezone.now() + timedelta(seconds=delays[attempt])
    enqueue(task, *args, run_after=later, attempt=attempt + 1, **(kwargs or {}))
    return True


# --- periodic jobs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Periodic:
    name: str
    task: object  # a @task() function taking no arguments
    every: timedelta


PERIODIC: dict[str, Periodic] = {}


def periodic_register(*, name: str, task, every: timedelta) -> None:
    """Run ``task`` every ``every`` (an app calls this in its ``AppConfig.ready()``)."""
    PERIODIC[name] = Periodic(name, task, every)


def periodic_enqueue_due(*, now: datetime | None = None) -> list[str]:
    """Enqueue each periodic job whose time has come, once, however many workers ask at once."""
    now = now or timezone.now()
    enqueued = []
    for job in PERIODIC.values():
        try:
            with transaction.atomic():
                rows = PeriodicRun.objects.filter(name=job.name)
                if connection.features.has_select_for_update_skip_locked:
                    rows = rows.select_for_update(skip_locked=True)
                row = rows.first()
                if row is None:
                    if PeriodicRun.objects.filter(name=job.name).exists():
                        continue  # another worker holds it right now
                    row = PeriodicRun.objects.create(name=job.name, next_run_at=now)
                if row.next_run_at > now:
                    continue
                enqueue(job.task)
                row.next_run_at, row.last_enqueued_at = now + job.every, now
                row.save(update_fields=["next_run_at", "last_enqueued_at"])
                enqueued.append(job.name)
        except IntegrityError:  # two workers made the first row at once: the other one enqueued it
            continue
    return enqueued


# --- workers: alive, or their tasks go to another ----------------------------------------------------


def heartbeat(*, worker_id: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={"seen_at": now, "hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": now},
        )


def tasks_recover_stale(*, now: datetime | None = None) -> int:
    """Make the tasks of dead workers ready to run again; return how many."""
    now = now or timezone.now()
    beats = dict(WorkerHeartbeat.objects.values_list("worker_id", "seen_at"))
    recovered = 0
    with transaction.atomic():
        running = DBTaskResult.objects.running()
        if connection.features.has_select_for_update_skip_locked:
            running = running.select_for_update(skip_locked=True)
        for task in running:
            worker = task.worker_ids[-1] if task.worker_ids else None
            seen = beats.get(worker)
            dead = (seen is not None and seen < now - stale_after()) or (
                seen is None and task.started_at is not None and task.started_at < now - UNKNOWN_WORKER_STALE_AFTER
            )
            if dead:
                logger.warning("Task %s (%s) was left running by worker %s: made ready again.", task.pk,
                               task.task_path, worker)
                task.status, task.started_at = TaskResultStatus.READY, None
                task.save(update_fields=["status", "started_at"])
                recovered += 1
    WorkerHeartbeat.objects.filter(seen_at__lt=now - HEARTBEATS_KEPT).delete()
    return recovered
