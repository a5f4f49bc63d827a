"""SQLite: the full-text index of articles (FTS5), its triggers, and the folding it shares with queries.

PostgreSQL keeps a stored ``tsvector`` (migration 0006); SQLite has no such thing, so it gets an FTS5
table, ``articles_article_fts``, holding the words of each article's headline, standfirst and body
under the article's id (its ``rowid``). ``articles.search`` reads it on SQLite for the search page
and for the people and organizations named in the text (person and organization pages).

* **Contentless** (``content=''``): the table stores the index only, not a second copy of half a
  gigabyte of text, and depends on no view or column of ``articles_article``. A row is removed with
  FTS5's ``'delete'`` command, which must be given exactly the text that was indexed: the triggers
  compute it from ``OLD`` with the same expression as from ``NEW``.
* **Triggers** on insert, on delete, and on an update that changes headline, standfirst or body,
  so every way of writing an article stays in step: ``save()``, ``bulk_create`` (``seed_bench``),
  ``QuerySet.update()`` and raw SQL. A workflow transition that rewrites the same text changes
  nothing in the index (the update trigger compares old and new).
* **Tokenizer** ``unicode61 remove_diacritics 2``: words are runs of letters and digits of any
  script, case-folded. ``remove_diacritics 2`` folds Kurmanji's ê î û ç ş to e i u c s (and é, ü …),
  so a reader typing on a keyboard without them still finds "Helebê" with "helebe", while "Şam"
  and "sam" are the same word. English is not stemmed (FTS5's ``porter`` would apply English rules
  to Kurmanji words too); ``articles.search`` matches words as prefixes instead.
* **Folding before the tokenizer** (``fold_sql`` here, ``fold`` for queries, the same rule): the
  tokenizer knows nothing of Arabic. It treats the harakat (fatha, damma, shadda …) as separators,
  cutting "مُدير" into "م" and "دير", keeps tatweel inside words, and keeps أ إ آ ٱ apart from ا.
  So harakat, the superscript alef and tatweel are removed, and the hamza-carrying alef forms
  become a bare alef, as PostgreSQL's ``arabic`` configuration does. Ta marbuta and alef maqsura
  are *not* folded: ى → ي would make "علي" (Ali) match "على" ("on"), which is in every story.
* **Markup**: the body is sanitized HTML (``articles.html``). unicode61 splits at ``<``, ``>``
  and ``/``, so ``<p>Word`` still yields "word", but tag names would become words ("p", "h2",
  "strong", "blockquote") and find every story. The body's tags of the editor's allow-list, its
  ``dir`` and ``rel`` attributes and its character entities are replaced by spaces first
  (``BODY_MARKUP``); what remains is the address of a link, whose words ("https", a domain) are
  indexed like text.

Django rebuilds a table on SQLite for most changes to its columns (``_remake_table``: a new table,
copy, drop the old one, rename), and dropping the old table drops its triggers. A later migration
that alters ``articles_article`` on SQLite must therefore call ``create_triggers`` again and
``refill`` the index: ``tests/test_fulltext.py`` fails when the triggers are missing after all
migrations. Changing ``fold_sql`` or ``BODY_MARKUP`` likewise needs a migration that drops the
triggers, creates them again and refills (the ``'delete'`` command cannot remove a row indexed
under the old rule).
"""

TABLE = "articles_article_fts"
TOKENIZER = "unicode61 remove_diacritics 2"
TRIGGERS = {
    "insert": "articles_article_fts_insert",
    "update": "articles_article_fts_update",
    "delete": "articles_article_fts_delete",
}
COLUMNS = ("headline", "dek", "body")

# Arabic harakat (fathatan … sukun), maddah/hamza above and below, superscript alef, tatweel: removed.
ARABIC_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"
# آ أ إ ٱ: written as a bare alef ا.
ALEF_FORMS = "\u0622\u0623\u0625\u0671"
ALEF = "\u0627"

_BODY_TAGS = ("p", "h2", "h3", "blockquote", "ul", "ol", "li", "strong", "em", "u", "s", "sub", "sup")
# What becomes of the body's markup before indexing, in this order (attributes before their tags).
BODY_MARKUP = (
    *((attribute, "") for attribute in (' dir="rtl"', ' dir="ltr"', ' dir="auto"', ' rel="noopener noreferrer"')),
    *((markup, " ") for markup in ('<a href="', "</a>", "<br>", "<hr>")),
    *((f"<{tag}>", " ") for tag in _BODY_TAGS),
    *((f"</{tag}>", " ") for tag in _BODY_TAGS),
    *((entity, " ") for entity in ("&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;")),
)

_FOLD = str.maketrans({**{mark: None for mark in ARABIC_MARKS}, **{alef: ALEF for alef in ALEF_FORMS}})


def fold(text: str) -> str:
    """What the index does to text before its tokenizer, for a query: "أهاليُ إدلب" → "اهالي ادلب"."""
    return text.translate(_FOLD)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _replace_all(expression: str, pairs) -> str:
    for old, new in pairs:
        expression = f"replace({expression}, {_literal(old)}, {_literal(new)})"
    return expression


def fold_sql(expression: str) -> str:
    """``fold`` in SQL (nested ``replace()``): built-in functions only, so the triggers work on any
    connection, the ``sqlite3`` shell included."""
    return _replace_all(expression, [(mark, "") for mark in ARABIC_MARKS] + [(alef, ALEF) for alef in ALEF_FORMS])


# SQLite's parser refuses more than about thirty nested calls: the markup is removed in steps.
_STEP = 16


def indexed_rows(source: str) -> str:
    """A SELECT of ``rowid`` and the indexed text of each column, from ``source``: a SELECT of
    ``id, headline, dek, body`` (``NEW``'s or ``OLD``'s columns, or the table's rows)."""
    query = source
    for start in range(0, len(BODY_MARKUP), _STEP):
        body = _replace_all("body", BODY_MARKUP[start : start + _STEP])
        query = f"SELECT id, headline, dek, {body} AS body FROM ({query})"
    return f"SELECT id, {', '.join(fold_sql(column) for column in COLUMNS)} FROM ({query})"


def _row(row: str) -> str:
    return f"SELECT {row}.id AS id, {', '.join(f'{row}.{column} AS {column}' for column in COLUMNS)}"


def _insert(row: str) -> str:
    return f"INSERT INTO {TABLE}(rowid, {', '.join(COLUMNS)}) {indexed_rows(_row(row))};"


def _delete(row: str) -> str:
    delete = indexed_rows(_row(row)).replace("SELECT id, ", "SELECT 'delete', id, ", 1)
    return f"INSERT INTO {TABLE}({TABLE}, rowid, {', '.join(COLUMNS)}) {delete};"


def create_table(schema_editor) -> None:
    try:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5({', '.join(COLUMNS)}, content='', tokenize='{TOKENIZER}')"
        )
    except Exception as error:
        if "fts5" in str(error):
            raise RuntimeError(
                "This SQLite has no FTS5 (full-text search); Newsroom's search needs it on SQLite. "
                "Use a Python built with a standard SQLite (3.9 or newer), or PostgreSQL."
            ) from error
        raise


def create_triggers(schema_editor) -> None:
    """The three triggers keeping the index in step with ``articles_article`` (again after a
    migration that rebuilt the table; then ``refill``)."""
    drop_triggers(schema_editor)
    execute = schema_editor.execute
    changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in COLUMNS)
    execute(f"CREATE TRIGGER {TRIGGERS['insert']} AFTER INSERT ON articles_article BEGIN {_insert('NEW')} END")
    execute(f"CREATE TRIGGER {TRIGGERS['delete']} AFTER DELETE ON articles_article BEGIN {_delete('OLD')} END")
    execute(
        f"CREATE TRIGGER {TRIGGERS['update']} AFTER UPDATE OF {', '.join(COLUMNS)} ON articles_article "
        f"WHEN {changed} BEGIN {_delete('OLD')} {_insert('NEW')} END"
    )


def drop_triggers(schema_editor) -> None:
    for name in TRIGGERS.values():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def refill(schema_editor) -> None:
    """Index every article again (after creating the table, or after a table rebuild), then merge
    the index into one b-tree, which queries read fastest."""
    execute = schema_editor.execute
    execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')")
    source = f"SELECT id, {', '.join(COLUMNS)} FROM articles_article"
    execute(f"INSERT INTO {TABLE}(rowid, {', '.join(COLUMNS)}) {indexed_rows(source)}")
    execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


def drop_table(schema_editor) -> None:
    drop_triggers(schema_editor)
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
