from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backups that restore: the database (SQLite's backup API or pg_dump) and the media, taken
    while the site runs, kept N deep, and checked against a summary of every table on restore
    (docs/BACKUPS.md)."""

    name = "backups"
    verbose_name = "Backups"
