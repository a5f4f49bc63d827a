"""``database_restored``: sent after ``backup_restore`` has put a backup in place (the public site
retires its kept pages: a restored database brings back an older content generation)."""

from django.dispatch import Signal

database_restored = Signal()
