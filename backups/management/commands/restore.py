"""``python manage.py restore DIR [--replace]``: put a backup in place of the database and the media.

DIR is one backup folder, or a folder of backups (its newest is taken). Every file is checked
against the backup's manifest first; a database that already holds data is replaced only with
--replace. Afterwards the restored database is compared, table by table, with the summary taken
at backup time (docs/BACKUPS.md)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from backups import services
from newsroom.commands import NewsroomCommand


class Command(NewsroomCommand):
    help = "Restore the database and the media from a backup folder (or the newest one in a folder of backups)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a backup folder, or a folder of backups")
        parser.add_argument("--replace", action="store_true", help="replace a database that already holds data")

    def handle(self, *args, directory, replace, **options):
        try:
            backup, differences = services.backup_restore(path=Path(directory), replace=replace)
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        if differences:
            for table, (expected, found) in differences.items():
                self.stderr.write(f"  {table}: backed up {expected}, restored {found}")
            raise CommandError(f"Restored {backup.path}, but {len(differences)} tables differ from the backup.")
        rows = sum(part["rows"] for part in backup.manifest["summary"].values())
        self.stdout.write(self.style.SUCCESS(
            f"Restored {backup.path} (taken {backup.manifest['created_at']}): {rows} rows in "
            f"{len(backup.manifest['summary'])} tables, every one as it was backed up"
            f"{', and the media' if backup.manifest['media'] else ''}."
        ))
