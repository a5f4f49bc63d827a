"""PostgreSQL: keep each article's search vector in a column, filled by a trigger, and index that.

Migration 0003 indexed the vector as an expression. An expression index finds candidate rows, but
every row it returns is checked again by computing the expression (phrase searches, the person and
organization pages' name mentions), ``ts_rank`` recomputes it, and a filter that cannot use the
index (``… OR interviewed``) computes it for every row it reads: ``to_tsvector`` over an 800-word
body, twice (see ``public.search``), each time. With the vector stored, those become reads.

The column ``search_document`` is PostgreSQL-only and not a model field (Django never selects it);
``public.search`` refers to it by name. A trigger (not a generated column, which would forbid a
later ``ALTER COLUMN … TYPE`` on headline, standfirst or body) recomputes it when the headline,
standfirst, body or language change, whatever writes them: the admin, ``bulk_create``, SQL. The GIN
index keeps the name ``article_search_vector``. Nothing happens on SQLite.
"""

from django.db import migrations

INDEX = "article_search_vector"
COLUMN = "search_document"
FUNCTION = "articles_article_search_document"
TRIGGER = "articles_article_search_document"


def vector(row: str) -> str:
    """The expression of migration 0003 (``public.search.SEARCH_VECTOR_SQL``) on ``row``'s columns."""
    document = f"{row}.headline || ' ' || {row}.dek || ' ' || {row}.body"
    return (
        f"to_tsvector(CASE {row}.language WHEN 'ar' THEN 'arabic'::regconfig "
        "WHEN 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END, "
        f"{document} || ' ' || regexp_replace({document}, "
        "'(^|[^\u0621-\u064a])[\u0648\u0641]([\u0621-\u064a]{3})', '\\1\\2', 'g'))"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(f"ALTER TABLE articles_article ADD COLUMN IF NOT EXISTS {COLUMN} tsvector")
    execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.{COLUMN} := {vector('NEW')}; RETURN NEW; END $$"
    )
    execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON articles_article")
    execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF headline, dek, body, language "
        f"ON articles_article FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )
    execute(f"UPDATE articles_article AS a SET {COLUMN} = {vector('a')}")
    execute(f"DROP INDEX IF EXISTS {INDEX}")
    execute(f"CREATE INDEX {INDEX} ON articles_article USING gin ({COLUMN})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    execute(f"DROP INDEX IF EXISTS {INDEX}")
    execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON articles_article")
    execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    execute(f"ALTER TABLE articles_article DROP COLUMN IF EXISTS {COLUMN}")
    execute(f"CREATE INDEX {INDEX} ON articles_article USING gin ({vector('articles_article')})")


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_merge_parallel_work")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
