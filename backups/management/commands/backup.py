"""``python manage.py backup DIR [--keep N] [--no-media]``: back up the database and the media into
a new folder of DIR, keeping the newest N backups there (docs/BACKUPS.md)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from backups import services
from newsroom.commands import NewsroomCommand


class Command(NewsroomCommand):
    help = "Back up the database and the media into a new folder of DIR; keep the newest --keep backups."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="the folder that holds the backups")
        parser.add_argument("--keep", type=int, default=None, help="how many backups to keep (default BACKUP_KEEP)")
        parser.add_argument("--no-media", action="store_true", help="the database only")

    def handle(self, *args, directory, keep, no_media, **options):
        try:
            backup = services.backup_create(directory=Path(directory), keep=keep, include_media=not no_media)
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        rows = sum(part["rows"] for part in backup.manifest["summary"].values())
        self.stdout.write(self.style.SUCCESS(f"Backed up {rows} rows of {len(backup.manifest['summary'])} tables"
                                             f"{' and the media' if backup.manifest['media'] else ''} to {backup.path}"))
