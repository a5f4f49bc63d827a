"""The GIN index behind public search on PostgreSQL (nothing to do on SQLite, which has no GIN).

The indexed expression is ``public.search.SEARCH_VECTOR_SQL`` as it stood when this migration was
written, copied here so that the migration keeps its meaning; tests check that searches use it.
"""

from django.db import migrations

INDEX = "article_search_vector"
VECTOR = (
    "to_tsvector(CASE language WHEN 'ar' THEN 'arabic'::regconfig "
    "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, "
    "headline || ' ' || dek || ' ' || body || ' ' || regexp_replace(headline || ' ' || dek || ' ' || body, "
    "'(^|[^\u0621-\u064a])[\u0648\u0641]([\u0621-\u064a]{3})', '\\1\\2', 'g'))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin ({VECTOR})")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
