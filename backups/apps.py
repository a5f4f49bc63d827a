from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.conf import settings


class BackupsConfig(AppConfig):
    """Backups that restore: the database (SQLite's backup API or pg_dump) and the media, taken
    while the site runs, kept N deep, and checked against a summary of every table on restore
    (docs/BACKUPS.md)."""

    name = "backups"
    verbose_name = _("Backups")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from backups import tasks
        from jobs import services as jobs

        # The worker takes a backup every BACKUP_EVERY_HOURS (once, however many workers run).
        if settings.BACKUP_EVERY_HOURS > 0:
            jobs.periodic_register(
                name="backups.backup_newsroom", task=tasks.backup_newsroom,
                every=timedelta(hours=settings.BACKUP_EVERY_HOURS),
            )
