"""The base of the project's management commands: a database failure is one clear line, not a
traceback.

Bad arguments already end a command with a message and a non-zero status (argparse: status 2 with
the usage line; ``CommandError``: status 1). A database that cannot be reached, or fails in the
middle, raises ``OperationalError``/``InterfaceError`` from deep inside Django; ``NewsroomCommand``
turns that into a ``CommandError`` (status 1) saying what happened and that nothing half-done was
kept: every command writes in transactions (one per article, file or image, or one for all).
``--traceback`` still shows the whole story.
"""

from django.core.management.base import BaseCommand, CommandError

from newsroom.outage import DATABASE_ERRORS

DATABASE_FAILED = (
    "The database failed: {error}. Nothing half-done was kept; run the command again once the "
    "database is back (check DATABASE_URL)."
)


class NewsroomCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except DATABASE_ERRORS as error:
            if options.get("traceback"):
                raise
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise CommandError(DATABASE_FAILED.format(error=reason.rstrip("."))) from error
