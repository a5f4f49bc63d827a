"""What the workers keep about themselves: that they are alive, and when each periodic job last ran.

The tasks themselves are ``django_tasks_db``'s rows (``DBTaskResult``); ``BackgroundTask`` shows them
in the admin.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class WorkerHeartbeat(models.Model):
    """A worker process, and the last time it said it was alive (every few seconds)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self):
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"


class PeriodicRun(models.Model):
    """When a periodic job (``jobs.services.PERIODIC``) is next due. The worker that takes the row's
    lock enqueues the job and moves the time on, so several workers enqueue it once."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self):
        return f"{self.name}: next at {self.next_run_at:%Y-%m-%d %H:%M:%S}"


class BackgroundTask(DBTaskResult):
    """The database backend's task rows, as the admin lists them for superusers (``jobs.admin``)."""

    class Meta:
        proxy = True
        verbose_name = _("background task")
        verbose_name_plural = _("background tasks")
