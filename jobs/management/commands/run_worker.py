"""The task worker: ``python manage.py run_worker`` (``./start.sh`` starts one beside the web server).

One process that, in a loop, keeps a heartbeat (a thread, every few seconds), gives the tasks of dead
workers back (``jobs.services.tasks_recover_stale``), enqueues the periodic jobs that are due, and
runs the ready tasks of the database backend (django-tasks-db's own worker, in batches). Several
can run at once, on several machines: each task is claimed by one worker (a row lock), each periodic
job is enqueued once per period.

``--clock-only`` runs everything but the tasks: beside RQ workers (``TASKS_BACKEND=rq``).
``--once`` runs until nothing is left to do, then stops (cron, tests).
"""

import logging
import threading
import time

from django.core.management.base import CommandError
from django.db import close_old_connections, connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from jobs import services
from newsroom.commands import NewsroomCommand

BATCH = 20  # tasks run between two rounds of the clock


class BatchWorker(Worker):
    """django-tasks-db's worker, running at most ``max_tasks`` ready tasks per call of ``run()``
    (its own count is reset each call) and saying how many it ran."""

    def run(self) -> int:
        self._run_tasks = 0
        super().run()
        return self._run_tasks


class Command(NewsroomCommand):
    help = "Run background tasks and periodic jobs (the database task backend)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds to wait when there is nothing to do.")
        parser.add_argument("--clock-only", action="store_true", help="Enqueue periodic jobs and recover "
                            "dead workers' tasks, but run no task (beside RQ workers).")
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")
        parser.add_argument("--worker-id", default="", help="Unique among the workers (default: random).")

    def handle(self, *args, interval=1.0, clock_only=False, once=False, worker_id="", **options):
        if interval < 0:
            raise CommandError("--interval cannot be negative.")
        verbosity = options["verbosity"]
        level = logging.DEBUG if verbosity >= 2 else logging.INFO if verbosity == 1 else logging.WARNING
        for name in ("django_tasks", "django_tasks_db", "jobs"):
            logging.getLogger(name).setLevel(level if name == "jobs" else max(level, logging.WARNING))
        worker_id = worker_id or f"worker-{get_random_string(12)}"
        tasks = None if clock_only else BatchWorker(
            queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
            max_tasks=BATCH, worker_id=worker_id, excluded_queue_names=[],
        )
        stop = threading.Event()
        beating = threading.Thread(target=self._beat, args=(worker_id, stop), daemon=True, name="heartbeat")
        services.heartbeat(worker_id=worker_id)
        beating.start()
        if tasks is not None:
            tasks.configure_signals()  # SIGTERM/SIGINT: finish the task at hand, then stop
        if verbosity:
            self.stdout.write(f"Worker {worker_id} running ({'periodic jobs only' if clock_only else 'tasks and periodic jobs'}).")
        try:
            while tasks is None or tasks.running:
                close_old_connections()
                recovered = services.tasks_recover_stale()
                due = services.periodic_enqueue_due()
                if verbosity >= 2 and (recovered or due):
                    self.stdout.write(f"Recovered {recovered} task(s); enqueued {', '.join(due) or 'no periodic job'}.")
                ran = tasks.run() if tasks is not None else 0  # the ready tasks, up to BATCH of them
                if once and not ran:
                    break
                if not ran:
                    time.sleep(interval)
        finally:
            stop.set()
            beating.join(timeout=services.heartbeat_seconds())

    @staticmethod
    def _beat(worker_id: str, stop: threading.Event) -> None:
        while not stop.wait(services.heartbeat_seconds()):
            try:
                services.heartbeat(worker_id=worker_id)
            except Exception:  # a database hiccup: the next beat tries again
                logging.getLogger("jobs").exception("Heartbeat of %s failed", worker_id)
            finally:
                connections.close_all()
