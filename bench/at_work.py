"""The newsroom at work: readers while reporters and an editor write. bench/at_work.py

Runs against the cluster of ``deploy/local-cluster.sh`` (Varnish in front of two application
servers, a task worker, PostgreSQL with a streaming replica, Redis), started with ``--start`` or
already running. For ``--seconds`` (default 60) each phase:

* **readers** (wrk, ``bench/at_work.lua``) ask a mix of pages — article pages of every edition, the
  edition homes and tag pages — first **through Varnish**, then, separately, **straight to one
  application server**;
* **20 reporters** each save their draft every 5 s and **an editor** every 10 s publishes a story,
  corrects one (a new sentence and a public correction) or withdraws one, in turn — all through the
  project's own services (``desk.services.article_save``, ``desk.workflow.article_transition``),
  in this process, on the cluster's primary, as the admin does;
* after each editorial step, a watcher asks the changed page **through Varnish** every 20 ms until
  the change shows (the new story listed on its edition's home, the correction's sentence, the 410
  of a withdrawn story): the time from the step's commit to the change being visible;
* stories scheduled for times inside the run are published by the worker, which is **killed
  (SIGKILL) half-way** through the first phase and started again 5 s later: each must be published
  exactly once.

Then the static file through the same path, the ceiling: once while the newsroom writes just as in
the readers' phases (the comparison the target makes: same machine, same load) and once with nobody
writing, for reference. Printed: requests/s, p50/p99, the edge
and application cache hit ratios (all pages and article pages), commit→visible p50/p99, changes not
visible within 2 s or never, the scheduled stories' count of publications, and the targets of
docs/PERFORMANCE.md with PASS/FAIL. Results also in ``bench/results/at-work-<time>.json``.

    deploy/local-cluster.sh start && .venv/bin/python bench/at_work.py
    .venv/bin/python bench/at_work.py --start --seconds 60 --connections 32
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLUSTER = ROOT / "deploy" / "local-cluster.sh"
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "at_work.lua"
VISIBLE_WITHIN = 2.0  # seconds: the target for a change to show through the edge
STATIC = "/static/css/site.css"  # the ceiling: a static file through the same path


def cluster_env() -> dict[str, str]:
    out = subprocess.run([str(CLUSTER), "env"], capture_output=True, text=True, check=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def cluster_dir() -> Path:
    # The local cluster's folder (deploy/local-cluster.sh uses the same default): a benchmark's scratch.
    return Path(os.environ.get("CLUSTER_DIR", "/tmp/newsroom-cluster"))  # nosec B108


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    # The replicas stay configured, as on an application server: outside a reader's request every read
    # goes to the primary (newsroom.routers), and a purge waits until the replicas have the change
    # (without them, the edge could fetch the page again from a replica that lags and keep it old).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fetch(url: str, timeout: float = 10) -> tuple[int, str, dict]:
    try:
        # nosec B310: the addresses are the benchmark's own http://127.0.0.1 servers, never input
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # nosec B310
            return answer.status, answer.read().decode("utf-8", "replace"), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


# --- the newsroom's people and stories ------------------------------------------------------------------


class Newsroom:
    """The bench's staff and stories, made once on the cluster's database."""

    def __init__(self, rng: random.Random):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from newsroom import roles

        roles.sync_roles()
        users = get_user_model().objects
        self.editor, _ = users.get_or_create(username="at-work.editor", defaults={"first_name": "Rania", "is_staff": True})
        self.editor.groups.add(Group.objects.get(name=roles.EDITOR))
        self.reporters = []
        for n in range(20):
            reporter, _ = users.get_or_create(username=f"at-work.reporter{n}", defaults={"is_staff": True})
            reporter.groups.add(Group.objects.get(name=roles.REPORTER))
            self.reporters.append(reporter)
        self.rng = rng

    def story(self, *, headline: str, language: str = "en", author=None):
        """A new draft, saved as the admin saves one (the editor publishes or schedules it from there)."""
        from articles.models import Article, Byline
        from desk.services import article_save

        author = author or self.editor
        article = Article(headline=headline, dek=f"{headline}: the standfirst.",
                          body=f"<p>{headline}. First paragraph.</p>", language=language)
        reporter = self.rng.choice(self.reporters)  # an editor's own story carries a reporter's byline
        article_save(article=article, user=author, author=author,
                     relations=lambda saved: Byline.objects.get_or_create(article=saved, user=reporter))
        return article


def reporters_write(newsroom: Newsroom, stop: threading.Event, saves: list) -> None:
    """Each reporter saves their draft every 5 s (staggered), as the admin's save does."""
    from django.db import connection

    from articles.models import Article
    from desk.services import article_save

    drafts = [newsroom.story(headline=f"Draft by reporter {n}", author=reporter)
              for n, reporter in enumerate(newsroom.reporters)]
    start = time.monotonic()
    count = 0
    while not stop.is_set():
        for n, (reporter, draft) in enumerate(zip(newsroom.reporters, drafts, strict=True)):
            due = start + count * 5 + n * 5 / len(drafts)
            while not stop.is_set() and time.monotonic() < due:
                time.sleep(0.01)
            if stop.is_set():
                break
            draft.refresh_from_db()
            draft.body = f"<p>Paragraph {count} of a story still being written by reporter {n}.</p>"
            article_save(article=draft, user=reporter, version=draft.version)
            saves.append(time.monotonic())
        count += 1
    connection.close()


def editor_works(newsroom: Newsroom, varnish: str, stop: threading.Event, steps: list, every: float) -> None:
    """Every ``every`` seconds: publish, correct or withdraw, in turn; each step then watched."""
    from django.db import connection

    from articles.models import Article, Correction
    from desk.services import article_save
    from desk.workflow import article_transition

    published = list(Article.objects.published().filter(language="en").order_by("-published_at")[:40])
    kinds = ["publish", "correct", "withdraw"]
    number = 0
    next_at = time.monotonic() + 2
    watchers = []
    while not stop.is_set():
        while not stop.is_set() and time.monotonic() < next_at:
            time.sleep(0.02)
        if stop.is_set():
            break
        kind = kinds[number % 3]
        token = f"zq{number}x{random.randrange(10**6)}"
        if kind == "publish":
            article = newsroom.story(headline=f"Breaking {token}")
            article_transition(article=article, action="publish", user=newsroom.editor)
            check = ("contains", f"{varnish}/en/", f"Breaking {token}")
        elif kind == "correct":
            article = published.pop(0)
            article.refresh_from_db()
            article.body = article.body + f"<p>Corrected {token}.</p>"
            article_save(article=article, user=newsroom.editor, version=article.version, correction_added=True,
                         relations=lambda a, t=token: Correction.objects.create(article=a, text=f"Corrected {t}.",
                                                                                kind=Correction.Kind.CORRECTION))
            check = ("contains", varnish + article.get_absolute_url(), f"Corrected {token}.")
        else:
            article = published.pop(0)
            article.refresh_from_db()
            article_transition(article=article, action="withdraw", user=newsroom.editor, note="Bench withdrawal.")
            check = ("status", varnish + article.get_absolute_url(), 410)
        committed = time.monotonic()
        step = {"kind": kind, "article": article.pk, "committed_at": committed, "visible_after": None}
        steps.append(step)
        watcher = threading.Thread(target=watch, args=(step, check), daemon=True)
        watcher.start()
        watchers.append(watcher)
        number += 1
        next_at = committed + every
    for watcher in watchers:
        watcher.join(timeout=15)
    connection.close()


def watch(step: dict, check: tuple, give_up: float = 15.0) -> None:
    how, url, expected = check
    while time.monotonic() - step["committed_at"] < give_up:
        status, body, _headers = fetch(url)
        if (how == "contains" and expected in body) or (how == "status" and status == expected):
            step["visible_after"] = time.monotonic() - step["committed_at"]
            return
        time.sleep(0.02)


def schedule_stories(newsroom: Newsroom, count: int, within: float) -> list[int]:
    from django.utils import timezone

    from articles.models import Article
    from desk.workflow import article_transition

    ids = []
    for n in range(count):
        article = newsroom.story(headline=f"Scheduled {n} {time.time():.0f}")
        when = timezone.now() + timedelta(seconds=5 + within * n / count)
        article_transition(article=article, action="schedule", user=newsroom.editor, publish_at=when)
        ids.append(article.pk)
    return ids


def worker_pid() -> int | None:
    pids = cluster_dir() / "pids"
    for line in pids.read_text().splitlines():
        kind, what = line.split(" ", 1)
        if kind == "pid" and Path(f"/proc/{what}/cmdline").exists():
            if b"run_worker" in Path(f"/proc/{what}/cmdline").read_bytes():
                return int(what)
    return None


def restart_worker(env: dict[str, str]) -> int:
    log = open(cluster_dir() / "worker.log", "a")  # noqa: SIM115 (the worker keeps it)
    worker = subprocess.Popen([str(ROOT / ".venv" / "bin" / "python"), "manage.py", "run_worker", "--verbosity", "1",
                               "--interval", "0.2"], cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=log,
                              start_new_session=True)
    with open(cluster_dir() / "pids", "a") as pids:  # so that local-cluster.sh stop stops it too
        pids.write(f"pid {worker.pid}\n")
    return worker.pid


# --- readers ------------------------------------------------------------------------------------------


def reader_paths(varnish_or_app: str) -> list[tuple[str, str]]:
    from django.db.models import Count

    from articles.models import Article, Tag, TaggedArticle

    articles = list(Article.objects.published().order_by("-published_at")[:300])
    tags = TaggedArticle.objects.values("tag_id").annotate(n=Count("id")).order_by("-n")[:10]
    paths = [("article", a.get_absolute_url()) for a in articles]
    paths += [("list", f"/{code}/") for code in ("en", "ar", "ku")] * 5
    paths += [("list", f"/en/tags/{Tag.objects.get(pk=t['tag_id']).slug}/") for t in tags]
    return paths


def warm(base: str, paths: list[tuple[str, str]]) -> None:
    """Every page asked once before the clock starts, as on a site that has been serving for a while
    (the measured run then shows what the writing does to the caches, not an empty cache filling)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda pair: fetch(base + pair[1], timeout=60), paths))


def read(base: str, paths: list[tuple[str, str]], *, seconds: int, connections: int, threads: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("".join(f"{kind} {path}\n" for kind, path in paths))
    command = ["wrk", f"--threads={threads}", f"--connections={connections}", f"--duration={seconds}s",
               "--timeout=10s", "--latency", "--script", str(LUA), "--header", "Accept-Encoding: gzip",
               base + "/", "--", listing.name]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    os.unlink(listing.name)
    match = re.search(r"^AT-WORK-JSON (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or not match:
        raise SystemExit(f"wrk failed: {done.stderr or done.stdout}")
    raw = json.loads(match.group(1))
    kinds: dict[str, dict] = {}
    for name, count in raw["counts"].items():
        kind, field = name.split(" ", 1)
        kinds.setdefault(kind, {"requests": 0, "edge_hits": 0, "app_hits": 0, "bad": 0})[field] = count
    seconds_run = raw["duration_us"] / 1e6
    return {"requests_per_s": raw["requests"] / seconds_run, "p50_ms": raw["p50_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000, "errors": raw["socket_errors"], "kinds": kinds}


def ratio(kinds: dict, field: str, kind: str | None = None) -> float:
    rows = [kinds[kind]] if kind else list(kinds.values())
    requests = sum(row["requests"] for row in rows if row)
    return sum(row[field] for row in rows if row) / requests if requests else 0.0


# --- a phase ------------------------------------------------------------------------------------------------


def phase(name: str, base: str, varnish: str, newsroom: Newsroom, env: dict, args, *, kill_worker: bool,
          paths: list[tuple[str, str]] | None = None) -> dict:
    paths = paths or reader_paths(base)
    warm(base, paths)
    stop = threading.Event()
    saves, steps = [], []
    scheduled = schedule_stories(newsroom, args.scheduled, args.seconds * 0.8) if kill_worker else []
    writers = [threading.Thread(target=reporters_write, args=(newsroom, stop, saves), daemon=True),
               threading.Thread(target=editor_works, args=(newsroom, varnish, stop, steps, args.editor_every),
                                daemon=True)]
    for writer in writers:
        writer.start()
    killed = {}
    if kill_worker:
        def kill_and_restart():
            time.sleep(args.seconds / 2)
            pid = worker_pid()
            if pid:
                os.kill(pid, signal.SIGKILL)
                killed["killed"] = pid
                time.sleep(5)
                killed["restarted"] = restart_worker(env)
        threading.Thread(target=kill_and_restart, daemon=True).start()
    print(f"== {name}: readers on {base} for {args.seconds} s while the newsroom writes ==", flush=True)
    readers = read(base, paths, seconds=args.seconds, connections=args.connections, threads=args.threads)
    stop.set()
    for writer in writers:
        writer.join(timeout=30)
    visible = [step["visible_after"] for step in steps if step["visible_after"] is not None]
    result = {
        "readers": readers, "draft_saves": len(saves), "editor_steps": len(steps),
        "steps": [{k: v for k, v in step.items() if k != "committed_at"} for step in steps],
        "visible_p50_s": statistics.median(visible) if visible else None,
        "visible_p99_s": quantile(visible, 0.99) if visible else None,
        "late": sum(1 for v in visible if v > VISIBLE_WITHIN),
        "never_visible": sum(1 for step in steps if step["visible_after"] is None),
        **killed,
    }
    if scheduled:
        result["scheduled"] = scheduled_outcome(scheduled, timeout=args.seconds + 30)
    return result


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def scheduled_outcome(ids: list[int], *, timeout: float) -> dict:
    from articles.models import Article, StatusChange

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        published = Article.objects.filter(pk__in=ids, status=Article.Status.PUBLISHED).count()
        if published == len(ids):
            break
        time.sleep(1)
    steps = StatusChange.objects.filter(article_id__in=ids, to_status=Article.Status.PUBLISHED)
    per_story = {pk: 0 for pk in ids}
    for article_id in steps.values_list("article_id", flat=True):
        per_story[article_id] += 1
    return {"stories": len(ids), "published": sum(1 for n in per_story.values() if n >= 1),
            "published_twice": sum(1 for n in per_story.values() if n > 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", action="store_true", help="start deploy/local-cluster.sh first (and stop it after)")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--editor-every", type=float, default=10.0)
    parser.add_argument("--scheduled", type=int, default=10, help="stories scheduled inside the first phase")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.start:
        subprocess.run([str(CLUSTER), "start"], check=True)
    try:
        env = cluster_env()
        setup_django(env)
        varnish = env["SITE_URL"].rstrip("/")
        app = "http://127.0.0.1:8101"
        newsroom = Newsroom(random.Random(args.seed))
        results = {
            "through Varnish": phase("through Varnish", varnish, varnish, newsroom, env, args, kill_worker=True),
            "straight to the application": phase("straight to the application", app, varnish, newsroom, env, args,
                                                 kill_worker=False),
        }
        # The ceiling: the static file through the same path, under the same writing (the machine's
        # cores are shared by the readers, Varnish, the application servers, the worker, the databases
        # and the writers: a ceiling measured on a quiet machine would measure the writers' load, not
        # the path a page takes) and, for reference, on a quiet newsroom.
        results["static through Varnish"] = phase("static through Varnish", varnish, varnish, newsroom, env, args,
                                                  kill_worker=False, paths=[("static", STATIC)])
        print(f"== the static file through Varnish, nobody writing, for {min(args.seconds, 15)} s ==", flush=True)
        results["static, quiet"] = read(varnish, [("static", STATIC)], seconds=min(args.seconds, 15),
                                        connections=args.connections, threads=args.threads)
    finally:
        if args.start:
            subprocess.run([str(CLUSTER), "stop"], check=False)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"at-work-{stamp}.json").write_text(json.dumps({"args": vars(args), "results": results}, indent=2))
    print(report(results))


def report(results: dict) -> str:
    edge, app = results["through Varnish"], results["straight to the application"]
    static, quiet = results["static through Varnish"]["readers"], results["static, quiet"]
    lines = ["| readers | req/s | p50 | p99 | edge hits (articles · all) | page cache hits (articles · all) | errors |",
             "|---|---|---|---|---|---|---|"]
    for name, phase_result in [("through Varnish", edge), ("straight to the application", app)]:
        r = phase_result["readers"]
        lines.append(
            f"| {name} | {r['requests_per_s']:,.0f} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms "
            f"| {ratio(r['kinds'], 'edge_hits', 'article'):.1%} · {ratio(r['kinds'], 'edge_hits'):.1%} "
            f"| {ratio(r['kinds'], 'app_hits', 'article'):.1%} · {ratio(r['kinds'], 'app_hits'):.1%} | {r['errors']} |"
        )
    lines.append(f"| static file through Varnish (the ceiling, same writing) | {static['requests_per_s']:,.0f} "
                 f"| {static['p50_ms']:.1f} ms | {static['p99_ms']:.1f} ms | | | {static['errors']} |")
    lines.append(f"| static file through Varnish, nobody writing | {quiet['requests_per_s']:,.0f} "
                 f"| {quiet['p50_ms']:.1f} ms | {quiet['p99_ms']:.1f} ms | | | {quiet['errors']} |")
    lines.append("")
    for name, phase_result in [("through Varnish", edge), ("straight to the application", app),
                               ("static through Varnish", results["static through Varnish"])]:
        p50, p99 = phase_result["visible_p50_s"], phase_result["visible_p99_s"]
        lines.append(
            f"{name}: {phase_result['draft_saves']} draft saves, {phase_result['editor_steps']} editorial steps; "
            f"commit → visible through Varnish p50 {fmt(p50)}, p99 {fmt(p99)}; later than {VISIBLE_WITHIN:.0f} s: "
            f"{phase_result['late']}; never: {phase_result['never_visible']}"
        )
    scheduled = edge.get("scheduled", {})
    lines.append(f"worker killed (pid {edge.get('killed')}) and restarted (pid {edge.get('restarted')}); scheduled "
                 f"stories: {scheduled.get('published')} of {scheduled.get('stories')} published, "
                 f"{scheduled.get('published_twice')} twice")
    article_rate = edge["readers"]["requests_per_s"]
    targets = [
        ("edge hit ratio, article pages ≥ 98 %", ratio(edge["readers"]["kinds"], "edge_hits", "article") >= 0.98),
        ("edge hit ratio, all pages ≥ 95 %", ratio(edge["readers"]["kinds"], "edge_hits") >= 0.95),
        ("pages through Varnish ≥ 80 % of the static file's requests/s (same writing)",
         article_rate >= 0.8 * static["requests_per_s"]),
        ("application page cache ≥ 90 % hits for articles", ratio(app["readers"]["kinds"], "app_hits", "article") >= 0.90),
        ("commit → visible p99 ≤ 2 s, none later", (edge["visible_p99_s"] or 99) <= 2 and edge["late"] == 0
         and edge["never_visible"] == 0),
        ("every scheduled story published exactly once", scheduled.get("published") == scheduled.get("stories")
         and scheduled.get("published_twice") == 0),
    ]
    lines.append("")
    lines += [f"{'PASS' if ok else 'FAIL'}  {name}" for name, ok in targets]
    return "\n".join(lines)


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
