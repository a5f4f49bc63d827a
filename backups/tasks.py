"""The backup as a background task (Django's tasks interface, django-tasks 0.12).

``backup_newsroom.enqueue()`` runs ``backups.services.backup_create`` in the worker
(``manage.py run_worker``), which also enqueues it every ``BACKUP_EVERY_HOURS`` (``backups.apps``);
cron can run ``manage.py backup DIR`` instead: docs/BACKUPS.md.
"""

from pathlib import Path

from django.conf import settings
from django_tasks import task

from backups import services


@task()
def backup_newsroom(directory: str = "", keep: int = 0) -> dict:
    """Back up into ``directory`` (default ``BACKUP_DIR``), keeping the newest ``keep`` (default
    ``BACKUP_KEEP``). Returns the new backup's folder and its tables' row counts."""
    backup = services.backup_create(directory=Path(directory or settings.BACKUP_DIR), keep=keep or None)
    return {
        "path": str(backup.path),
        "rows": {table: part["rows"] for table, part in backup.manifest["summary"].items()},
    }
