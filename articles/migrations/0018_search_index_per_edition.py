"""PostgreSQL: a full-text index of each edition's stories (``article_search_<language>``), beside the
index of all of them (``article_search_vector``, migration 0006).

"In other languages" under search results looks for the reader's words in the other editions, one
edition at a time (``public.search._first_matches``). Read through the index of every story, English
words searched in the Arabic edition first find every English story that has them (32,000 at 100,000
articles), each then read to learn its language; the edition's own index holds only its stories, so
words it does not have cost nothing. The languages are those of the editions when this migration was
written; an edition added later is searched through the index of all stories until it has its own.
Nothing happens on SQLite (its FTS5 index, migration 0009, is read as a whole).
"""

from django.db import migrations

LANGUAGES = ("en", "ar", "ku")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS article_search_{code} ON articles_article "
            f"USING gin (search_document) WHERE language = '{code}'"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(f"DROP INDEX IF EXISTS article_search_{code}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0017_wire_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
