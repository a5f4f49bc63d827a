#!/usr/bin/env python
"""Readers and an editor at once: no errors, and no reader sees a stale story beyond the cache lifetime.

    python bench/readers.py                         # 60 s, 50 readers, SQLite, the documented lifetime
    python bench/readers.py --database postgres     # the same on a fresh PostgreSQL database
    python bench/readers.py --duration 5 --readers 10 --cache-seconds 2 --edit-interval 0.3   # CI smoke

It builds a fresh newsroom (a temporary SQLite file, or a temporary PostgreSQL database that is
dropped afterwards), starts gunicorn with DEBUG=false on 127.0.0.1 only, and for ``--duration``
seconds runs ``--readers`` reader threads against it while an editor, in this process, publishes
drafts, adds public corrections, updates bodies, withdraws and republishes stories through the
workflow services (``desk.workflow.article_transition``, ``desk.services.article_save``), each change
stamped with a marker.

Readers behave like browsers: they keep each page for the ``max-age`` the site sends
(``PUBLIC_CACHE_SECONDS``, 60 by default) and then revalidate it with its ETag (304, or the new
page). Every page a reader looks at is checked against the editor's log:

* stale beyond the lifetime — a change committed more than ``max-age`` seconds before the reader
  looked is missing (a correction or update not shown, a withdrawn story still shown, the newest
  story missing from its edition's home page). Must be 0.
* stale from the server — a page fetched from the server (200 or 304) misses a change committed
  before the request was sent. The site caches nothing on the server, so this must be 0 too.
* errors — any failed connection, timeout, 5xx, or a status the story's state does not explain.

Exit status 0 when all three are 0. Figures (requests/s, latencies, editor step times, the longest
a reader saw an old version) are printed and, with ``--report FILE``, written as JSON.
Everything stays on 127.0.0.1; the run is bounded by ``--duration`` (plus seeding, ~10-20 s).

Django is set up inside ``main()`` (its environment comes first), so Django and the project's
modules are imported in the functions that run after that.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
MARKER = re.compile(r"\b[CU]-\d{5}\b")
ARTICLE_LINK = re.compile(r'href="/(?:en|ar|ku)/articles/(\d+)/')
MAX_AGE = re.compile(r"max-age=(\d+)")
LANGUAGES = ["en", "ar", "ku"]
TAG = "Load test"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--readers", type=int, default=50, help="concurrent readers (default 50)")
    parser.add_argument("--think", type=float, default=0.2, help="mean seconds a reader spends on a page (default 0.2)")
    parser.add_argument("--edit-interval", type=float, default=1.0, help="seconds between the editor's changes (default 1)")
    parser.add_argument("--cache-seconds", type=int, default=None,
                        help="PUBLIC_CACHE_SECONDS for the server (default: the site's setting, 60)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres",
                        help="server to create the temporary database on (with --database postgres)")
    parser.add_argument("--stories", type=int, default=60, help="published stories to start with (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=8, help="threads per gunicorn worker (default 8)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a request counts as failed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--report", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.duration > 600:
        parser.error("--duration must be more than 0 and at most 600 seconds")
    if not 1 <= args.readers <= 500:
        parser.error("--readers must be between 1 and 500")
    if args.edit_interval <= 0 or args.think < 0:
        parser.error("--edit-interval must be positive and --think not negative")
    return args


# --- the database and the server ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


class Site:
    """A fresh database and gunicorn serving it on 127.0.0.1, removed again on exit."""

    def __init__(self, args):
        self.args = args
        self.port = free_port()
        self.base = f"http://{LOOPBACK}:{self.port}"
        self.server = None
        self.tmp = Path(tempfile.mkdtemp(prefix="newsroom-readers-"))
        self.pg_name = None
        if args.database == "postgres":
            self.pg_name = f"newsroom_readers_{os.getpid()}"
            self._postgres(f'CREATE DATABASE "{self.pg_name}"')
            self.database_url = args.postgres_url.rsplit("/", 1)[0] + "/" + self.pg_name
        else:
            self.database_url = f"sqlite:///{self.tmp / 'newsroom.sqlite3'}"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DEBUG": "false",
            "ALLOWED_HOSTS": LOOPBACK,
            "HTTPS": "false",
            "MEDIA_ROOT": str(self.tmp / "media"),
            "STATIC_ROOT": str(self.tmp / "static"),
        }
        (self.tmp / "static").mkdir()
        self.log = self.tmp / "server.log"
        if args.cache_seconds is not None:
            self.env["PUBLIC_CACHE_SECONDS"] = str(args.cache_seconds)

    def _postgres(self, statement: str):
        import psycopg

        with psycopg.connect(self.args.postgres_url, autocommit=True) as connection:
            connection.execute(statement)

    def migrate(self):
        subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=self.env, check=True)

    def start(self):
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"{LOOPBACK}:{self.port}",
             "--workers", str(self.args.workers), "--threads", str(self.args.threads),
             "--worker-class", "gthread", "--keep-alive", "5", "--log-level", "warning"],
            cwd=ROOT, env=self.env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )
        for _ in range(200):
            try:
                socket.create_connection((LOOPBACK, self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("gunicorn did not start")

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's log (errors and tracebacks land there)."""
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def close(self):
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()
        from django.db import connections

        connections.close_all()
        if self.pg_name:
            self._postgres(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        shutil.rmtree(self.tmp, ignore_errors=True)


# --- the newsroom and the editor ---------------------------------------------------------------


@dataclass
class Story:
    pk: int
    language: str
    path: str


@dataclass
class Event:
    at: float  # time.time() once committed
    pk: int
    kind: str  # publish, correct, update, withdraw, republish
    marker: str = ""
    language: str = ""


@dataclass
class Newsroom:
    editor: object
    drafts: list = field(default_factory=list)
    public: list[Story] = field(default_factory=list)
    withdrawn: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stories(self) -> list[Story]:
        with self.lock:
            return list(self.public) + list(self.withdrawn)


def seed(stories: int, drafts: int, rng: random.Random) -> Newsroom:
    """An editor, ``stories`` stories in three languages published through the workflow, and
    ``drafts`` complete drafts for the editor to publish during the run."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from newsroom import roles
    from desk import workflow
    from articles.models import Article, Byline

    roles.sync_roles()
    editor = get_user_model().objects.create_user("load-editor", password=None, is_staff=True, first_name="Lina")
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    newsroom = Newsroom(editor=editor)
    for n in range(stories + drafts):
        article = Article.objects.create(
            headline=f"Story {n} from the load test",
            dek="Readers and an editor at the same time.",
            body="".join(f"<p>Paragraph {p} of story {n}: the bakeries of Idlib reopen.</p>" for p in range(8)),
            language=LANGUAGES[n % 3],
            dateline="Idlib",
        )
        Byline.objects.create(article=article, name="Samer Taha")
        article.tags.add(TAG)
        if n < stories:
            workflow.article_transition(article=article, action="publish", user=editor)
            newsroom.public.append(Story(article.pk, article.language, quote(article.get_absolute_url())))
        else:
            newsroom.drafts.append(article)
    rng.shuffle(newsroom.drafts)
    return newsroom


def editor_step(newsroom: Newsroom, kind: str, number: int, rng: random.Random) -> Event | None:
    """One change through the workflow services; returns the event once committed."""

    from desk import services
    from desk import workflow
    from articles.models import Article, Correction

    editor = newsroom.editor
    marker = f"{'C' if kind == 'correct' else 'U'}-{number:05d}"
    if kind == "publish":
        if not newsroom.drafts:
            return None
        article = newsroom.drafts.pop()
        workflow.article_transition(article=article, action="publish", user=editor)
        event = Event(time.time(), article.pk, kind, language=article.language)
        with newsroom.lock:
            newsroom.public.append(Story(article.pk, article.language, quote(article.get_absolute_url())))
        return event
    if kind in ("correct", "update"):
        with newsroom.lock:
            story = rng.choice(newsroom.public)
        article = Article.objects.get(pk=story.pk)
        if kind == "correct":
            note = Correction(article=article, text=f"An earlier version misstated a figure ({marker}).",
                              created_by=editor)
            services.article_save(article=article, user=editor, version=article.version,
                                  relations=lambda _article: note.save(), correction_added=True)
        else:
            article.body += f"<p>Update {marker}: more bakeries opened in the afternoon.</p>"
            services.article_save(article=article, user=editor, version=article.version)
        return Event(time.time(), story.pk, kind, marker, story.language)
    if kind == "withdraw":
        with newsroom.lock:
            if len(newsroom.public) < 10:
                return None
            story = newsroom.public.pop(rng.randrange(len(newsroom.public)))
        article = Article.objects.get(pk=story.pk)
        workflow.article_transition(article=article, action="withdraw", user=editor, note="Load test: legal review.")
        with newsroom.lock:
            newsroom.withdrawn.append(story)
        return Event(time.time(), story.pk, kind, language=story.language)
    if kind == "republish":
        with newsroom.lock:
            if not newsroom.withdrawn:
                return None
            story = newsroom.withdrawn.pop(0)
        article = Article.objects.get(pk=story.pk)
        workflow.article_transition(article=article, action="republish", user=editor)
        with newsroom.lock:
            newsroom.public.append(story)
        return Event(time.time(), story.pk, kind, language=story.language)
    raise ValueError(kind)


EDITOR_CYCLE = ["publish", "correct", "update", "publish", "correct", "withdraw", "update", "publish", "republish"]


def run_editor(newsroom: Newsroom, stop: threading.Event, interval: float, rng: random.Random, timings: list, errors: list):
    from django.db import close_old_connections

    number = 0
    while not stop.is_set():
        kind = EDITOR_CYCLE[number % len(EDITOR_CYCLE)]
        number += 1
        started = time.perf_counter()
        try:
            event = editor_step(newsroom, kind, number, rng)
        except Exception as error:  # a failed step is an error of the run, reported below
            errors.append(f"editor {kind}: {type(error).__name__}: {error}")
            close_old_connections()
            event = None
        if event is not None:
            timings.append(time.perf_counter() - started)
            with newsroom.lock:
                newsroom.events.append(event)
        stop.wait(interval)


# --- the readers -------------------------------------------------------------------------------


@dataclass
class Cached:
    body: str
    etag: str
    fetched_at: float
    received_at: float
    max_age: int


@dataclass
class View:
    at: float  # when the reader looked
    fetched_at: float  # when what they saw was asked for (request start)
    received_at: float  # when it arrived
    path: str
    pk: int | None
    language: str
    kind: str  # article, home, list
    status: int
    source: str  # network, revalidated, cache
    markers: frozenset = frozenset()
    links: frozenset = frozenset()


class Reader(threading.Thread):
    def __init__(self, number: int, site: Site, newsroom: Newsroom, stop: threading.Event, args):
        super().__init__(daemon=True, name=f"reader-{number}")
        self.site, self.newsroom, self.stop, self.args = site, newsroom, stop, args
        self.rng = random.Random(args.seed * 1000 + number)
        self.cache: dict[str, Cached] = {}
        self.views: list[View] = []
        self.latencies: list[float] = []
        self.statuses: dict[int, int] = {}
        self.errors: list[str] = []
        self.connection = None

    def pick(self):
        roll = self.rng.random()
        language = self.rng.choice(LANGUAGES)
        if roll < 0.6:
            story = self.rng.choice(self.newsroom.stories())
            return story.path, story.pk, story.language, "article"
        if roll < 0.8:
            return f"/{language}/", None, language, "home"
        if roll < 0.9:
            return f"/{language}/rss/", None, language, "list"
        if roll < 0.95:
            return f"/{language}/tags/load-test/", None, language, "list"
        return f"/{language}/search/?q=bakeries", None, language, "list"

    def request(self, path: str, headers: dict):
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(LOOPBACK, self.site.port, timeout=self.args.timeout)
            try:
                self.connection.request("GET", path, headers=headers)
                response = self.connection.getresponse()
                return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed: open a new one once, like a browser.
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def run(self):
        while not self.stop.is_set():
            path, pk, language, kind = self.pick()
            now = time.time()
            cached = self.cache.get(path)
            if cached and now - cached.fetched_at < cached.max_age:
                self.views.append(self._view(now, cached, path, pk, language, kind, 200, "cache", cached.body))
            else:
                headers = {"If-None-Match": cached.etag} if cached and cached.etag else {}
                started = time.time()
                try:
                    status, response_headers, body = self.request(path, headers)
                except Exception as error:
                    self.errors.append(f"{path}: {type(error).__name__}: {error}")
                    self.connection = None
                    continue
                received = time.time()
                self.latencies.append(received - started)
                self.statuses[status] = self.statuses.get(status, 0) + 1
                if status == 304 and cached:
                    cached.fetched_at, cached.received_at = started, received
                    self.views.append(self._view(received, cached, path, pk, language, kind, 200, "revalidated", cached.body))
                else:
                    control = response_headers.get("Cache-Control", "")
                    lifetime = MAX_AGE.search(control)
                    fetched = Cached(body, response_headers.get("ETag", ""), started, received,
                                     int(lifetime.group(1)) if lifetime else 0)
                    if status == 200 and lifetime and "public" in control:
                        self.cache[path] = fetched
                    else:
                        self.cache.pop(path, None)
                    self.views.append(self._view(received, fetched, path, pk, language, kind, status, "network", body))
            if self.args.think:
                self.stop.wait(self.rng.uniform(0, 2 * self.args.think))

    @staticmethod
    def _view(at, fetched: Cached, path, pk, language, kind, status, source, body) -> View:
        return View(at, fetched.fetched_at, fetched.received_at, path, pk, language, kind, status, source,
                    frozenset(MARKER.findall(body)) if kind == "article" else frozenset(),
                    frozenset(int(x) for x in ARTICLE_LINK.findall(body)) if kind == "home" else frozenset())


# --- judging what readers saw ------------------------------------------------------------------


def state_at(events: list[Event], moment: float):
    """What the editor had committed by ``moment``: markers per story, withdrawn stories, and the
    newest public story per edition."""
    markers: dict[int, set] = {}
    withdrawn: set[int] = set()
    newest: dict[str, int] = {}
    for event in events:
        if event.at >= moment:
            break
        if event.marker:
            markers.setdefault(event.pk, set()).add(event.marker)
        if event.kind == "withdraw":
            withdrawn.add(event.pk)
        if event.kind == "republish":
            withdrawn.discard(event.pk)
        if event.kind == "publish":
            newest[event.language] = event.pk
    return markers, withdrawn, newest


def judge(view: View, events: list[Event], moment: float, until: float) -> str:
    """Why ``view`` is older than the editor's state at ``moment`` ("" when it is not).

    Everything committed before ``moment`` must show. A status or a list may also match any state
    the site passed through up to ``until`` (a change committed while the page was on its way).
    """
    markers, withdrawn, newest = state_at(events, moment)
    _later_markers, withdrawn_later, _newest_later = state_at(events, until)
    changed = {e.pk for e in events if moment <= e.at < until and e.kind in ("withdraw", "republish")}
    if view.kind == "article":
        if view.pk in withdrawn or view.pk in withdrawn_later or view.pk in changed:
            if view.status == 410 or view.pk in changed or view.pk not in withdrawn:
                return ""
            return f"withdrawn story #{view.pk} still shown ({view.status})"
        if view.status != 200:
            return f"story #{view.pk} answered {view.status}"
        missing = markers.get(view.pk, set()) - view.markers
        return f"story #{view.pk} lacks {sorted(missing)}" if missing else ""
    if view.kind == "home":
        expected = newest.get(view.language)
        if expected is not None and expected not in view.links and not ({expected} & (withdrawn | withdrawn_later | changed)):
            return f"{view.path} lacks the newest story #{expected}"
        shown = sorted((view.links & withdrawn & withdrawn_later) - changed)
        return f"{view.path} still lists withdrawn {shown}" if shown else ""
    return ""


def analyse(readers: list[Reader], events: list[Event], editor_errors: list, editor_timings: list, args, lifetime: int, elapsed: float) -> dict:
    events = sorted(events, key=lambda e: e.at)
    views = [v for r in readers for v in r.views]
    latencies = sorted(x for r in readers for x in r.latencies)
    statuses: dict[int, int] = {}
    for r in readers:
        for status, count in r.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    errors = [e for r in readers for e in r.errors] + list(editor_errors)
    unexplained = {s: c for s, c in statuses.items() if s not in (200, 304, 410)}
    if unexplained:
        errors.append(f"unexpected statuses: {unexplained}")
    stale_lifetime, stale_server, oldest = [], [], 0.0
    for view in views:
        beyond = judge(view, events, view.at - lifetime, view.at)
        if beyond:
            stale_lifetime.append(beyond)
        if view.source != "cache":
            server = judge(view, events, view.fetched_at, view.received_at)
            if server:
                stale_server.append(server)
        elif judge(view, events, view.at, view.at):
            # A browser copy older than a change: how long after the change was it still shown?
            changes = [e.at for e in events if e.pk == view.pk and view.fetched_at <= e.at <= view.at]
            if changes:
                oldest = max(oldest, view.at - min(changes))

    def pct(p):
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else None

    kinds = {}
    for event in events:
        kinds[event.kind] = kinds.get(event.kind, 0) + 1
    return {
        "duration_s": round(elapsed, 1),
        "readers": args.readers,
        "database": args.database,
        "cache_lifetime_s": lifetime,
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "page_views": len(views),
        "views_from_browser_cache": sum(v.source == "cache" for v in views),
        "revalidated_304": statuses.get(304, 0),
        "statuses": dict(sorted(statuses.items())),
        "latency_ms": {"p50": pct(0.5), "p95": pct(0.95), "p99": pct(0.99), "max": pct(1.0)},
        "editor_changes": kinds,
        "editor_step_ms": {
            "p50": round(1000 * statistics.median(editor_timings), 1) if editor_timings else None,
            "max": round(1000 * max(editor_timings), 1) if editor_timings else None,
        },
        "errors": len(errors),
        "error_samples": errors[:10],
        "stale_beyond_lifetime": len(stale_lifetime),
        "stale_beyond_lifetime_samples": stale_lifetime[:10],
        "stale_from_server": len(stale_server),
        "stale_from_server_samples": stale_server[:10],
        "longest_old_version_seen_s": round(oldest, 1),
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    rng = random.Random(args.seed)
    site = Site(args)
    try:
        print(f"Preparing a fresh {args.database} newsroom …", flush=True)
        site.migrate()
        os.environ.update({k: v for k, v in site.env.items() if k in ("DATABASE_URL", "PUBLIC_CACHE_SECONDS", "MEDIA_ROOT", "DEBUG")})
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings

        lifetime = settings.PUBLIC_CACHE_SECONDS
        drafts = int(args.duration / args.edit_interval) + 5
        newsroom = seed(args.stories, drafts, rng)
        site.start()
        print(f"Serving {site.base} (gunicorn {args.workers}×{args.threads}); {args.readers} readers for "
              f"{args.duration:g} s, an editor every {args.edit_interval:g} s, cache lifetime {lifetime} s …", flush=True)
        stop = threading.Event()
        readers = [Reader(n, site, newsroom, stop, args) for n in range(args.readers)]
        editor_timings, editor_errors = [], []
        editor = threading.Thread(
            target=run_editor, args=(newsroom, stop, args.edit_interval, rng, editor_timings, editor_errors), daemon=True
        )
        started = time.time()
        for reader in readers:
            reader.start()
        editor.start()
        stop.wait(args.duration)
        stop.set()
        for thread in [editor, *readers]:
            thread.join(timeout=args.timeout + 5)
        elapsed = time.time() - started
        report = analyse(readers, newsroom.events, editor_errors, editor_timings, args, lifetime, elapsed)
        server_errors = [line for line in site.log_tail(10_000).splitlines() if "Traceback" in line or "[ERROR]" in line]
        report["server_log_errors"] = len(server_errors)
        if server_errors:
            print(site.log_tail(), file=sys.stderr)
    finally:
        site.close()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = report["errors"] or report["stale_beyond_lifetime"] or report["stale_from_server"] or report["server_log_errors"]
    print("FAILED: errors or stale pages (see above)." if failed else
          f"OK: 0 errors, no stale page beyond the {lifetime} s lifetime, none from the server.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
