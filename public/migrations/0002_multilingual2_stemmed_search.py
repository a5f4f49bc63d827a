"""SQLite: the full-text index made again with a fourth column, the stems of each story's words in its
language's Snowball stemmer (``newsroom.stemming``), and triggers that fill it; every story there is
indexed again. Nothing happens on PostgreSQL, whose configurations stem already (docs/FRONTEND.md).

Going back leaves the index as it is: older code cannot write it (its triggers would not name the
stems column), so going back to it means ``migrate articles 0008`` and forward again, which builds
the index as that code has it.
"""

from django.db import migrations

from public import fulltext


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    fulltext.rebuild(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_surrogate_keys"),
        ("articles", "0015_translated_names"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
