"""SQLite: a full-text index (FTS5) of each article's headline, standfirst and body, kept in step by
triggers and filled from the articles already there (``public.fulltext``; docs/FRONTEND.md).

Without it, search words and the names on person and organization pages were ``LIKE '%word%'`` over
every body: half a gigabyte read per query at 100,000 articles. Nothing happens on PostgreSQL,
which has the stored ``search_document`` of migration 0006.
"""

from django.db import migrations

from public import fulltext


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    fulltext.create_table(schema_editor)
    fulltext.create_triggers(schema_editor)
    fulltext.refill(schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    fulltext.drop_table(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_merge_translation_and_performance")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
