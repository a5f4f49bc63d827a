#!/usr/bin/env python
"""Load a running Newsroom with wrk, one page after another, and report requests/s, p50/p95/p99.

Normally started by ``bench/run.sh`` (which seeds if needed, collects static files and runs gunicorn
on 127.0.0.1); it can also be pointed at a site that is already running:

    DATABASE_URL=... python bench/loadtest.py --base http://127.0.0.1:8765 --duration 10s

The database (DATABASE_URL, as for manage.py) must be the one the site serves: real article, tag and
person addresses are picked from it. Results are printed as a table and written to
``bench/results/<time>-<database>-<articles>.md`` and ``.json``.

Django is set up at run time (its environment comes first), so Django and the project's modules
are imported in the functions that run after that.
"""

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LUA_REPORT = ROOT / "bench" / "report.lua"

# The pages under test, in the order they are loaded. {placeholders} are filled from the database
# (see pick_values). Public pages are loaded uncached: each request carries its own query string
# (report.lua "fresh"), so the server-side page cache never holds it and every request renders the
# page from the database. "article-cached" is the same article page served by the page cache, "admin"
# the article list of the admin as a logged-in editor, "static" a file served by WhiteNoise from the
# same gunicorn (the ceiling). Correct or add pages with --url name=/path.
URLS = {
    "article": "/en/articles/{article_id}/{article_slug}/",
    "article-cached": "/en/articles/{article_id}/{article_slug}/",
    "home": "/en/",
    "tag": "/en/tags/{tag_slug}/",
    "person": "/en/people/{person_slug}/",
    "organization": "/en/organizations/{organization_slug}/",
    "author": "/en/authors/{author_id}/",
    "search": "/en/search/?q=civil+defense",
    "feed": "/en/rss/",
    "sitemap": "/sitemap.xml",
    "sitemap-articles": "/sitemap-articles.xml",
    "admin": "/admin/articles/article/",
    "static": "/static/css/site.css",
}
CEILING = "static"
# Loaded as they are (the same address every time): the cached page, the ceiling, the admin.
AS_IS = {"article-cached", "static", "admin"}
ADMIN_PAGES = {"admin"}
BENCH_EDITOR = "bench.editor"


def pick_values() -> dict[str, str]:
    """Real addresses from the database: the newest published English article (the story a viral
    day is about), and the most used tag, the most interviewed person, the most linked organization
    and the staff author with the most English stories (their pages list the most articles: the
    heaviest honest case)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count
    from articles.models import Article, Byline, Interviewee, Tag, TaggedArticle
    from people.models import Organization, Person

    values: dict[str, str] = {}
    english = Article.objects.published().in_language("en")
    article = english.order_by("-published_at").first()
    if article:
        values.update(article_id=str(article.pk), article_slug=article.slug)
    top_tag = TaggedArticle.objects.values("tag_id").annotate(n=Count("id")).order_by("-n", "tag_id").first()
    if top_tag:
        values["tag_slug"] = Tag.objects.get(pk=top_tag["tag_id"]).slug
    top_person = (
        Interviewee.objects.filter(article__in=english)
        .values("person_id").annotate(n=Count("id")).order_by("-n", "person_id").first()
    )
    if top_person:
        values["person_slug"] = Person.objects.get(pk=top_person["person_id"]).slug
    top_organization = (
        Article.organizations.through.objects.filter(article__in=english)
        .values("organization_id").annotate(n=Count("id")).order_by("-n", "organization_id").first()
    )
    if top_organization:
        values["organization_slug"] = Organization.objects.get(pk=top_organization["organization_id"]).slug
    top_author = (
        Byline.objects.filter(article__in=english, user__isnull=False)
        .values("user_id").annotate(n=Count("id")).order_by("-n", "user_id").first()
    )
    if top_author:
        values["author_id"] = str(top_author["user_id"])
    return values


def admin_cookie() -> str:
    """A session cookie of the staff user ``bench.editor`` (an Editor, made here if missing, with no
    usable password): the admin pages are loaded as that user. Editors must use a second factor, so
    the session is verified with the user's authenticator app as django_otp.login() marks it after a
    correct code (the device is made here too)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from newsroom import roles

    user, created = get_user_model().objects.get_or_create(
        username=BENCH_EDITOR, defaults={"first_name": "Bench", "last_name": "Editor", "is_staff": True}
    )
    if created:
        user.set_unusable_password()
        user.save()
    roles.sync_roles()
    user.groups.add(Group.objects.get(name=roles.EDITOR))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Authenticator app", confirmed=True
    )
    session = SessionStore()
    session.update({
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
        HASH_SESSION_KEY: user.get_session_auth_hash(),
        DEVICE_ID_SESSION_KEY: device.persistent_id,
    })
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def database_facts() -> dict:
    from django.db import connection

    from articles.models import Article

    return {
        "database": connection.vendor,
        "database_name": Path(str(connection.settings_dict["NAME"])).name,
        "articles": Article.objects.count(),
        "published_articles": Article.objects.published().count(),
    }


def page_cache_seconds() -> int:
    from django.conf import settings

    return settings.PAGE_CACHE_SECONDS


def fill(paths: dict[str, str], values: dict[str, str]) -> dict[str, str | None]:
    """Each path with its placeholders filled; None where the database has nothing to fill it with."""
    filled: dict[str, str | None] = {}
    for name, path in paths.items():
        try:
            filled[name] = path.format(**values)
        except KeyError:
            filled[name] = None
    return filled


def probe(base: str, path: str, *, hops: int = 3, headers: dict | None = None) -> tuple[int, str]:
    """(status, path) of one GET, following redirects on the same server up to ``hops`` times."""
    parts = urlsplit(base)
    for _ in range(hops + 1):
        conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=30)
        try:
            conn.request("GET", path, headers={"Accept-Encoding": "gzip", **(headers or {})})
            response = conn.getresponse()
            response.read()
        finally:
            conn.close()
        location = response.getheader("Location")
        if response.status in (301, 302, 303, 307, 308) and location:
            target = urlsplit(location)
            path = target.path + (f"?{target.query}" if target.query else "")
            continue
        return response.status, path
    return response.status, path


def run_wrk(url: str, *, duration: str, connections: int, threads: int, timeout: str,
            fresh: bool = False, headers: dict | None = None) -> dict:
    command = [
        "wrk", f"--threads={threads}", f"--connections={connections}", f"--duration={duration}",
        f"--timeout={timeout}", "--latency", "--script", str(LUA_REPORT),
        "--header", "Accept-Encoding: gzip",
    ]
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    command += [url, "--", "fresh" if fresh else "same"]
    seconds = parse_seconds(duration) + parse_seconds(timeout) + 30
    finished = subprocess.run(command, capture_output=True, text=True, timeout=seconds, check=False)
    match = re.search(r"^BENCH-JSON (\{.*\})$", finished.stdout, re.MULTILINE)
    if finished.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed on {url}: {finished.stderr.strip() or finished.stdout.strip()}")
    raw = json.loads(match.group(1))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
        **{f"{p}_ms": round(raw[f"{p}_us"] / 1000, 2) for p in ("p50", "p90", "p95", "p99", "max")},
        "non_2xx_3xx": raw["errors"]["status"],
        "socket_errors": sum(v for k, v in raw["errors"].items() if k != "status"),
    }


def parse_seconds(duration: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smh]?)", duration.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"a duration like 10s, 2m or 1h, not {duration!r}")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def measure(base: str, paths: dict[str, str | None], *, duration: str, connections: int, threads: int,
            timeout: str = "5s", log=print, admin_headers: dict | None = None, warmup: str = "0s") -> list[dict]:
    """One row per page: measured with wrk if it answers 200, else why not (never an exception).
    ``warmup``: each page is first loaded that long, unmeasured (each worker's first requests
    compile templates and fill its per-process caches), as bench/side_by_side.py does for both sites."""
    rows = []
    for name, path in paths.items():
        row = {"page": name, "path": path}
        headers = admin_headers if name in ADMIN_PAGES else None
        fresh = name not in AS_IS
        row["cache"] = "as is" if not fresh else "uncached"
        if name == "article-cached":
            row["cache"] = "page cache"
        if path is None:
            row["status"] = "no data in the database"
        else:
            try:
                status, final_path = probe(base, path, headers=headers)
            except OSError as error:
                status, final_path = f"no answer ({error.__class__.__name__})", path
            if final_path != path:
                row["redirected_to"] = final_path
            if status == 404:
                row["status"] = "missing (404)"
            elif isinstance(status, str):
                row["status"] = status
            elif status != 200:
                row["status"] = f"HTTP {status}"
            else:
                log(f"  {name:<8} {base}{final_path}  ({duration}, {connections} connections)")
                if name == "article-cached":
                    probe(base, final_path)  # the first request stores the page
                if parse_seconds(warmup):
                    run_wrk(base + final_path, duration=warmup, connections=connections, threads=threads,
                            timeout=timeout, fresh=fresh, headers=headers)
                row.update(run_wrk(base + final_path, duration=duration, connections=connections,
                                   threads=threads, timeout=timeout, fresh=fresh, headers=headers))
                errors = row["non_2xx_3xx"] + row["socket_errors"]
                row["status"] = "ok" if not errors else f"{errors:,} errors"
        if "status" in row and row["status"] != "ok" and "requests_per_s" not in row:
            log(f"  {name:<8} {path or '-'}  {row['status']}")
        rows.append(row)
    ceiling = next((r for r in rows if r["page"] == CEILING and r.get("requests_per_s")), None)
    for row in rows:
        if ceiling and row.get("requests_per_s") is not None:
            row["percent_of_static"] = round(100 * row["requests_per_s"] / ceiling["requests_per_s"], 1)
    return rows


COLUMNS = [
    ("page", "page"), ("path", "path"), ("cache", "cache"), ("status", "status"), ("requests_per_s", "req/s"),
    ("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("p99_ms", "p99 ms"), ("percent_of_static", "% of static"),
]


TEXT_COLUMNS = ("page", "path", "cache", "status")


def _cell(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None:
        return "–" if key != "path" else "(none)"
    if key == "requests_per_s":
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:,.1f}" if key == "percent_of_static" else f"{value:,.2f}"
    if key == "path" and row.get("redirected_to"):
        return f"{value} → {row['redirected_to']}"
    return str(value)


def render_text(rows: list[dict]) -> str:
    table = [[title for _key, title in COLUMNS]] + [[_cell(r, key) for key, _t in COLUMNS] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    numeric = {i for i, (key, _t) in enumerate(COLUMNS) if key not in TEXT_COLUMNS}
    lines = []
    for n, line in enumerate(table):
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(line, widths))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render_markdown(rows: list[dict], meta: dict) -> str:
    head = "| " + " | ".join(title for _k, title in COLUMNS) + " |"
    rule = "|" + "|".join("---:" if k not in TEXT_COLUMNS else "---" for k, _t in COLUMNS) + "|"
    body = ["| " + " | ".join(_cell(r, k).replace("|", "\\|") for k, _t in COLUMNS) + " |" for r in rows]
    facts = "\n".join(f"- {key}: {value}" for key, value in meta.items())
    return f"# Load benchmark {meta['started']}\n\n{facts}\n\n" + "\n".join([head, rule, *body]) + "\n"


def write_results(rows: list[dict], meta: dict, directory: Path = RESULTS) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    started = meta["started"].replace(":", "").replace("-", "")
    stem = f"{started}-{meta.get('database', 'db')}-{meta.get('articles', 0)}"
    markdown, data = directory / f"{stem}.md", directory / f"{stem}.json"
    markdown.write_text(render_markdown(rows, meta), encoding="utf-8")
    data.write_text(
        json.dumps({"meta": meta, "results": rows}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return markdown, data


def wait_until_up(base: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            probe(base, URLS[CEILING], hops=0)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"The site did not answer at {base} within {seconds:.0f} s.")
            time.sleep(0.3)


def cpu_reference_ms() -> float:
    """How fast this machine runs Python now: the best of three runs of a fixed loop, in ms. These
    virtual machines differ by up to 2.5 times from one session to the next (and drift within one), so
    results written on different days are compared through it, not by their milliseconds alone."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(2_000_000))
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8765", help="the running site (loopback only)")
    parser.add_argument("--duration", default="10s", help="wrk run per page, e.g. 10s (default)")
    parser.add_argument("--warmup", default="2s", help="unmeasured load of each page first (default 2s, as "
                        "bench/side_by_side.py; 0s for none)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--timeout", default="5s", help="a request slower than this counts as an error")
    parser.add_argument("--workers", default="?", help="gunicorn workers, for the record")
    parser.add_argument("--wait", type=float, default=30, help="seconds to wait for the site to answer")
    parser.add_argument("--url", action="append", default=[], metavar="NAME=PATH",
                        help="override or add a page, e.g. --url feed=/en/feeds/latest/")
    parser.add_argument("--only", default="", help="comma-separated page names to load (default: all)")
    args = parser.parse_args(argv)
    parse_seconds(args.duration)
    parse_seconds(args.warmup)
    host = urlsplit(args.base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        parser.error(f"--base must be a loopback address (127.0.0.1), not {host!r}")
    if args.threads > args.connections:
        parser.error("--threads cannot exceed --connections")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk (Debian/Ubuntu).", file=sys.stderr)
        return 2
    paths = dict(URLS)
    for item in args.url:
        name, _, path = item.partition("=")
        if not name or not path.startswith("/"):
            print(f"--url takes NAME=/path, not {item!r}", file=sys.stderr)
            return 2
        paths[name] = path
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in paths]
        if unknown:
            print(f"--only: unknown page(s) {', '.join(unknown)}; known: {', '.join(paths)}", file=sys.stderr)
            return 2
        paths = {n: paths[n] for n in wanted}

    values = pick_values()
    facts = database_facts()
    admin_headers = {"Cookie": admin_cookie()} if ADMIN_PAGES & set(paths) else None
    if not facts["published_articles"]:
        print("The database has no published article: seed it first (python manage.py seed_bench "
              "--articles 10000).", file=sys.stderr)
        return 2
    wait_until_up(args.base, args.wait)
    meta = {
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        **facts,
        "commit": git_commit(),
        "wrk": f"{args.threads} threads, {args.connections} connections, {args.duration} per page "
        f"after a {args.warmup} warm-up, timeout {args.timeout}",
        "gunicorn_workers": args.workers,
        "cpus": os.cpu_count(),
        "load_average_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "page_cache_seconds": page_cache_seconds(),
        "python": platform.python_version(),
        "cpu_reference_ms": cpu_reference_ms(),
    }
    print(f"Loading {args.base} ({facts['database']}, {facts['articles']:,} articles):")
    rows = measure(args.base, fill(paths, values), duration=args.duration,
                   connections=args.connections, threads=args.threads, timeout=args.timeout,
                   admin_headers=admin_headers, warmup=args.warmup)
    meta["load_average_at_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print()
    print(render_text(rows))
    markdown, data = write_results(rows, meta)
    print(f"\nWritten {markdown.relative_to(ROOT)} and {data.relative_to(ROOT)}")
    return 0


def _interrupted(signum, frame):
    raise KeyboardInterrupt  # subprocess.run then kills the running wrk


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nInterrupted: no results written.", file=sys.stderr)
        sys.exit(130)
