"""SQLite: the full-text index of articles (FTS5), its triggers, and the folding it shares with queries.

PostgreSQL keeps a stored ``tsvector`` (migration 0006); SQLite has no such thing, so it gets an FTS5
table, ``articles_article_fts``, holding the words of each article's headline, standfirst and body
under the article's id (its ``rowid``). ``public.search`` reads it on SQLite for the search page
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
  and "sam" are the same word. ``public.search`` matches these words as prefixes.
* **Stems** in a fourth column, ``stems``: each story's words in its own language's Snowball stemmer
  (``newsroom.stemming``; English and Arabic, none for Kurmanji), computed by the SQL function
  ``newsroom_stems(language, text)`` that every Django connection registers
  (``newsroom.database.connection_started``). FTS5's ``porter`` tokenizer would apply English rules
  to Arabic-script and Kurmanji stories too. Queries name the columns: ``WORDS`` (the three, as
  written, prefixes) or ``STEMS`` (exact stems). The triggers call the function, so a write to
  ``articles_article`` from a connection without it (the ``sqlite3`` shell) fails with "no such
  function: newsroom_stems" rather than leave the index behind; a change of language re-stems.
* **Folding before the tokenizer** (``fold_sql`` here, ``fold`` for queries, the same rule): the
  tokenizer knows nothing of Arabic. It treats the harakat (fatha, damma, shadda …) as separators,
  cutting "مُدير" into "م" and "دير", keeps tatweel inside words, and keeps أ إ آ ٱ apart from ا.
  So harakat, the superscript alef and tatweel are removed, and the hamza-carrying alef forms
  become a bare alef, as PostgreSQL's ``arabic`` configuration does. Ta marbuta and alef maqsura
  are *not* folded: ى → ي would make "علي" (Ali) match "على" ("on"), which is in every story.
* **Markup**: the body is sanitized HTML (``articles.html``). unicode61 splits at ``<``, ``>``
  and ``/``, so ``<p>Word`` still yields "word", but tag and attribute names become words too. The
  ones of three letters or more ("strong", "blockquote", "href", "noopener", "nbsp" …), which a
  reader's word would match as a prefix, are replaced by spaces first (``BODY_MARKUP``); "p",
  "h2", "li" stay (they only match a query of that very word). A link's address is indexed.
* **Cost**: ``replace()`` is a pass over the text, so each step first makes a cheap test (is there
  an attribute, an ``&``, any Arabic at all?). Seeding 10,000 articles takes about 40 % longer
  with the triggers (docs/PERFORMANCE.md); saving one article, well under a millisecond more.

Django rebuilds a table on SQLite for most changes to its columns (``_remake_table``: a new table,
copy, drop the old one, rename), and dropping the old table drops its triggers. A later migration
that alters ``articles_article`` on SQLite must therefore call ``create_triggers`` again and
``refill`` the index (or ``rebuild``: table, triggers and rows; ``manage.py search_reindex``):
``tests/test_fulltext.py`` fails when the triggers are missing after all
migrations. Changing ``fold_sql`` or ``BODY_MARKUP`` likewise needs a migration calling both: a
row indexed under the old rule cannot be ``'delete'``d under the new one, and ``refill`` starts
from an empty index.
"""

from newsroom import stemming

# Every statement here is built from this module's constants, never from outside text: hence the
# "nosec B608" marks (bandit's warning about SQL put together from strings).
TABLE = "articles_article_fts"
TOKENIZER = "unicode61 remove_diacritics 2"
TRIGGERS = {
    "insert": "articles_article_fts_insert",
    "update": "articles_article_fts_update",
    "delete": "articles_article_fts_delete",
}
COLUMNS = ("headline", "dek", "body")
# The stems of the three (``newsroom.stemming``, in the article's language's stemmer): a fourth column,
# which queries name apart from the words as written (``WORDS`` / ``STEMS`` column filters).
STEMS = "stems"
WORDS = "{" + " ".join(COLUMNS) + "}"
STEMMED_FROM = ("language",)  # the other column the index reads: it chooses the stemmer

# Arabic harakat (fathatan … sukun), maddah/hamza above and below, superscript alef, tatweel: removed.
ARABIC_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640"
# آ أ إ ٱ: written as a bare alef ا.
ALEF_FORMS = "\u0622\u0623\u0625\u0671"
ALEF = "\u0627"

# The body's markup that would otherwise be indexed as words of three letters or more, which a
# reader's word matches as a prefix ("str" → "strong"), in steps: (a cheap test on ``body``, the
# replacements made when it is true), attributes before their tags. A GLOB for one character is
# the cheapest test (SQLite's instr() is four times slower, a replace() five). Tags of one or two letters
# (p, h2, h3, ul, li, em, br …) are left: they are in nearly every body, removing each would be a
# pass over every body, and as words they only match a query of that very word.
BODY_MARKUP = (
    (
        "body GLOB '*=\"*'",
        (
            (' dir="rtl"', ""), (' dir="ltr"', ""), (' dir="auto"', ""), (' rel="noopener noreferrer"', ""),
            ('<a href="', " "),
        ),
    ),
    (
        "body GLOB '*<[sb]*'",
        tuple((f"<{slash}{tag}>", " ") for tag in ("strong", "sub", "sup", "blockquote") for slash in ("", "/")),
    ),
    ("body GLOB '*&*'", tuple((entity, " ") for entity in ("&nbsp;", "&amp;", "&quot;", "&#39;", "&lt;", "&gt;"))),
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


def _arabic(column: str) -> str:
    """``column`` has a character of U+0600–U+067F (Arabic letters, harakat, tatweel, every alef):
    in UTF-8 those begin with the byte D8 or D9, which no other character contains. A byte search,
    where ``GLOB '*[ء-ي]*'`` would cost more than the replacements it saves."""
    return f"(instr(CAST({column} AS BLOB), X'D8') OR instr(CAST({column} AS BLOB), X'D9'))"


def fold_sql(column: str) -> str:
    """``fold`` in SQL over ``column`` (nested ``replace()``, built-in functions only, so the
    triggers work on any connection, the ``sqlite3`` shell included); text without Arabic is left
    as it is without a pass per character."""
    pairs = [(mark, "") for mark in ARABIC_MARKS] + [(alef, ALEF) for alef in ALEF_FORMS]
    return f"CASE WHEN {_arabic(column)} THEN {_replace_all(column, pairs)} ELSE {column} END"


_STEP = 12  # replacements in one nested SELECT


def indexed_rows(source: str) -> str:
    """A SELECT of ``rowid`` and the indexed text of each column, from ``source``: a SELECT of
    ``id, headline, dek, body`` (``NEW``'s or ``OLD``'s columns, or the table's rows).

    One nested SELECT per step, so that a step's test and replacements read a column, never the
    expression of the step before (SQLite would compute it twice, and its parser refuses more
    than about thirty nested calls in one expression)."""
    query = source
    for test, pairs in BODY_MARKUP:
        for start in range(0, len(pairs), _STEP):
            body = _replace_all("body", pairs[start : start + _STEP])
            if test:
                body = f"CASE WHEN {test} THEN {body} ELSE body END"
            query = f"SELECT id, headline, dek, {body} AS body, language FROM ({query} LIMIT -1 OFFSET 0)"  # nosec B608
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in COLUMNS)
    stems = f"{stemming.SQL_FUNCTION}(language, {text})"
    return f"SELECT id, {', '.join(fold_sql(column) for column in COLUMNS)}, {stems} FROM ({query} LIMIT -1 OFFSET 0)"  # nosec B608


_READ = (*COLUMNS, *STEMMED_FROM)
_WRITTEN = ", ".join((*COLUMNS, STEMS))


def _row(row: str) -> str:
    return f"SELECT {row}.id AS id, {', '.join(f'{row}.{column} AS {column}' for column in _READ)}"


def _insert(row: str) -> str:
    return f"INSERT INTO {TABLE}(rowid, {_WRITTEN}) {indexed_rows(_row(row))};"


def _delete(row: str) -> str:
    delete = indexed_rows(_row(row)).replace("SELECT id, ", "SELECT 'delete', id, ", 1)
    return f"INSERT INTO {TABLE}({TABLE}, rowid, {_WRITTEN}) {delete};"


def create_table(schema_editor) -> None:
    try:
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5({_WRITTEN}, content='', tokenize='{TOKENIZER}')"
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
    changed = " OR ".join(f"OLD.{column} IS NOT NEW.{column}" for column in _READ)
    execute(f"CREATE TRIGGER {TRIGGERS['insert']} AFTER INSERT ON articles_article BEGIN {_insert('NEW')} END")
    execute(f"CREATE TRIGGER {TRIGGERS['delete']} AFTER DELETE ON articles_article BEGIN {_delete('OLD')} END")
    execute(
        f"CREATE TRIGGER {TRIGGERS['update']} AFTER UPDATE OF {', '.join(_READ)} ON articles_article "
        f"WHEN {changed} BEGIN {_delete('OLD')} {_insert('NEW')} END"
    )


def drop_triggers(schema_editor) -> None:
    for name in TRIGGERS.values():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


def refill(schema_editor) -> None:
    """Index every article again (after creating the table, or after a table rebuild), then merge
    the index into one b-tree, which queries read fastest."""
    execute = schema_editor.execute
    execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('delete-all')")  # nosec B608
    source = f"SELECT id, {', '.join(_READ)} FROM articles_article"  # nosec B608
    execute(f"INSERT INTO {TABLE}(rowid, {_WRITTEN}) {indexed_rows(source)}")  # nosec B608
    execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")  # nosec B608


def rebuild(schema_editor) -> None:
    """The table, its triggers and its rows made again under this module's rules (the stemming
    migration, ``manage.py search_reindex``)."""
    drop_table(schema_editor)
    create_table(schema_editor)
    create_triggers(schema_editor)
    refill(schema_editor)


def drop_table(schema_editor) -> None:
    drop_triggers(schema_editor)
    schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")
