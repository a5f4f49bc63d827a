#!/usr/bin/env python
"""Which index serves each query of each benchmark page: EXPLAIN ANALYZE on the database itself.

    DATABASE_URL=postgres://…/nr_bench python bench/explain.py            # every page of loadtest.URLS
    DATABASE_URL=… python bench/explain.py --only article,search --plans  # and print the plans
    DATABASE_URL=… python bench/explain.py --admin         # and every filter and order of the article list

Each page is requested once through Django's test client (the page cache off, as the "uncached"
benchmark pages are), every SQL query it makes is run again under ``EXPLAIN (ANALYZE, BUFFERS)``
(PostgreSQL) or ``EXPLAIN QUERY PLAN`` (SQLite), and a line per query says how long it took, the
indexes it read and whether it read a whole large table (a sequential scan of articles, taggings,
interviewees or article–organization links: the sign of a missing index). Reads only.

Django is set up at run time (its environment comes first), so Django and the project's modules
are imported in the functions that run after that.
"""

import argparse
import importlib.util
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LARGE_TABLES = ("articles_article", "articles_taggedarticle", "articles_interviewee", "articles_article_organizations",
                "articles_byline")


def load_loadtest():
    spec = importlib.util.spec_from_file_location("bench_loadtest", ROOT / "bench" / "loadtest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plan_of(connection, sql: str, params) -> tuple[str, float | None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            match = re.search(r"Execution Time: ([\d.]+) ms", plan)
            return plan, float(match.group(1)) if match else None
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall()), None


def summary(plan: str) -> tuple[list[str], list[str]]:
    """(indexes read, large tables read whole)."""
    indexes = re.findall(r"(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on|USING (?:COVERING )?INDEX) (\w+)", plan)
    whole = [t for t in LARGE_TABLES if re.search(rf"(?:Seq Scan on|SCAN) {t}\b(?! USING)", plan)]
    return list(dict.fromkeys(indexes)), whole


# The article list as editors work it: each filter, the queues and each sortable column (``--admin``).
ADMIN_VIEWS = ["?status__exact=published", "?status__exact=draft", "?kind__exact=news", "?language__exact=ar",
               "?language__exact=ar&kind__exact=news", "?tag={tag_slug}", "?queue=mine", "?queue=drafts",
               "?queue=review", "?queue=scheduled", "?created_at__year=2024", "?p=2",
               *(f"?o={n}" for n in range(1, 9)), *(f"?o=-{n}" for n in range(1, 9))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated page names (default: every page but static)")
    parser.add_argument("--plans", action="store_true", help="print each plan in full")
    parser.add_argument("--admin", action="store_true", help="also every filter, queue and order of the article list")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    loadtest = load_loadtest()
    values = loadtest.pick_values()  # sets Django up
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    pages = {name: path for name, path in loadtest.fill(loadtest.URLS, values).items()
             if path and name not in ("static", "article-cached")}
    if args.only:
        pages = {name: pages[name] for name in args.only.split(",")}
    if args.admin:
        pages.update({f"admin{view}": loadtest.URLS["admin"] + view.format(**values) for view in ADMIN_VIEWS})
    client = Client()
    if any(name.startswith("admin") for name in pages):
        name, _, key = loadtest.admin_cookie().partition("=")
        client.cookies[name] = key
    print(f"{connection.vendor}, {loadtest.database_facts()['articles']:,} articles\n")
    for name, path in pages.items():
        client.get(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path).status_code
        print(f"{name} {path} → {status}, {len(queries)} queries")
        for query in queries.captured_queries:
            sql = query["sql"]
            if sql.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                continue
            plan, ms = plan_of(connection, sql, None)
            indexes, whole = summary(plan)
            timing = f"{ms:7.2f} ms" if ms is not None else "          "
            warning = f"  READS WHOLE {', '.join(whole)}" if whole else ""
            print(f"  {timing}  {', '.join(indexes) or '(no index)'}{warning}   {sql[:90]}")
            if args.plans:
                print("\n".join(f"      {line}" for line in plan.splitlines()))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
