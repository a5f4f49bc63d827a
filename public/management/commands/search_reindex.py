"""Index every story again for search (after a change to the rules of ``public.fulltext`` or
``newsroom.stemming``, or a PyStemmer upgrade that stems some words differently)."""

from django.db import connection, transaction

from newsroom.commands import NewsroomCommand
from public import fulltext
from public.search import reindex_postgres


class Command(NewsroomCommand):
    help = "Index every story again for search (SQLite's full-text index; PostgreSQL's stored vectors)."

    def handle(self, *args, **options):
        # One transaction either way: a failure leaves the index as it was.
        if connection.vendor == "sqlite":
            with transaction.atomic(), connection.cursor() as cursor:
                fulltext.rebuild(cursor)  # the builder only needs something that executes SQL
        elif connection.vendor == "postgresql":
            with transaction.atomic():
                reindex_postgres()
        else:
            self.stderr.write(f"Search has no index on {connection.vendor}.")
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM articles_article")
            count = cursor.fetchone()[0]
        self.stdout.write(f"Indexed {count} stories for search.")
