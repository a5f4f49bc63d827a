"""Followers of a live story at crisis scale: bench/live_followers.py

Runs against the cluster of ``deploy/local-cluster.sh`` (Varnish in front of two application
servers, a task worker that purges the edge, PostgreSQL with a streaming replica, Redis), started with
``--start`` or already running. It makes a live story in English with an Arabic version, opens it,
and then, for ``--seconds`` (default 120):

* **``--followers`` readers** (default 2,000, half on each edition) each poll their edition's
  polling address **through Varnish** every ``--period`` seconds (default 15), staggered, as the
  page's script does (``static/js/live.js``: one address per edition, entries newer than the newest
  the reader has are new to them);
* **an editor** posts an entry every ``--post-every`` seconds (default 10) and its Arabic translation
  right after, through the project's own services (``live.services.entry_post``/``entry_translate``),
  in this process, on the cluster's primary, as the live desk does. Each commit purges the story's
  key at the edge (``public.invalidation`` → ``public.tasks.edge_purge`` on the worker).

Measured: for every (follower, entry), the time from the entry's commit to the follower's first
answer that carries it (p50/p99); the requests that reached the application (Varnish's
``X-Cache: MISS``) per entry per edition; errors (answers other than 200, failed connections). The
targets of issue 19 are printed with PASS/FAIL: p99 ≤ period + 2 s, ≤ 3 application requests per
entry per edition, 0 errors. Results also in ``bench/results/live-followers-<time>.json``.

    deploy/local-cluster.sh start && .venv/bin/python bench/live_followers.py
    .venv/bin/python bench/live_followers.py --start --followers 200 --seconds 30 --period 5   # a quick look
"""

from __future__ import annotations

import argparse
import heapq
import http.client
import json
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urlsplit

from at_work import CLUSTER, RESULTS, cluster_env, setup_django

EDITIONS = ("en", "ar")


class Edge:
    """One kept-alive connection to Varnish per thread."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.local = threading.local()

    def get(self, path: str) -> tuple[int, bytes, dict]:
        for attempt in (1, 2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
            try:
                connection.request("GET", path, headers={"Accept": "application/json"})
                answer = connection.getresponse()
                return answer.status, answer.read(), {k.lower(): v for k, v in answer.getheaders()}
            except (OSError, http.client.HTTPException):
                connection.close()
                self.local.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


class Story:
    """The live story, its Arabic version and the editor, made on the cluster's primary."""

    def __init__(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from articles.models import Article, Byline
        from desk.services import article_save
        from desk.workflow import article_transition
        from live import services
        from newsroom import roles

        roles.sync_roles()
        users = get_user_model().objects
        self.editor, _ = users.get_or_create(username="live-bench.editor", defaults={"first_name": "Rania", "is_staff": True})
        self.editor.groups.add(Group.objects.get(name=roles.EDITOR))
        reporter, _ = users.get_or_create(username="live-bench.reporter", defaults={"first_name": "Samer", "is_staff": True})
        reporter.groups.add(Group.objects.get(name=roles.REPORTER))
        stamp = f"{time.time():.0f}"
        self.versions = {}
        source = None
        for language, headline in (("en", f"Floods on the Euphrates, live {stamp}"),
                                   ("ar", f"فيضانات الفرات، تغطية مباشرة {stamp}")):
            article = Article(headline=headline, kind=Article.Kind.LIVE, language=language,
                              dek=headline, body=f"<p>{headline}: key points.</p>")
            if source is not None:
                article.translation_key, article.translation_source = source.translation_key, source
            article_save(article=article, user=self.editor, author=self.editor,
                         relations=lambda saved: Byline.objects.get_or_create(article=saved, user=reporter))
            article_transition(article=article, action="publish", user=self.editor)
            self.versions[language] = article
            source = source or article
        services.live_open(article=self.versions["en"], user=self.editor)

    def path(self, language: str) -> str:
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language):
            return reverse("live-updates", kwargs={"pk": self.versions[language].pk})


class Run:
    def __init__(self, args, edge: Edge, story: Story):
        self.args, self.edge, self.story = args, edge, story
        self.paths = {language: story.path(language) for language in EDITIONS}
        self.lock = threading.Lock()
        self.posted: dict[str, dict[int, float]] = {language: {} for language in EDITIONS}
        self.delays: list[float] = []
        self.misses = Counter()
        self.requests = Counter()
        self.errors = Counter()
        self.counting = False
        # Each follower: [edition, newest number seen, page loaded (first answer read)].
        self.followers = [[EDITIONS[n % len(EDITIONS)], 0, False] for n in range(args.followers)]

    # --- followers ------------------------------------------------------------------------------

    def poll(self, n: int) -> None:
        follower = self.followers[n]
        language = follower[0]
        try:
            status, body, headers = self.edge.get(self.paths[language])
        except (OSError, http.client.HTTPException) as error:
            with self.lock:
                self.errors[type(error).__name__] += 1
            return
        now = time.monotonic()
        with self.lock:
            if self.counting:
                self.requests[language] += 1
                if headers.get("x-cache") == "MISS":
                    self.misses[language] += 1
            if status != 200:
                self.errors[f"HTTP {status}"] += 1
                return
        answer = json.loads(body)
        seen, loaded = follower[1], follower[2]
        follower[2] = True  # a follower's first answer is their page load
        fresh = [entry["sequence"] for entry in answer["entries"] if entry["sequence"] > seen]
        if not fresh:
            return
        with self.lock:
            for sequence in fresh:
                posted = self.posted[language].get(sequence)
                if posted is not None and loaded:
                    self.delays.append(now - posted)
        follower[1] = max(fresh)

    def followers_poll(self, until: float, pool: ThreadPoolExecutor) -> None:
        """Every follower every period, staggered evenly over it, until ``until``."""
        period = self.args.period
        start = time.monotonic()
        due = [(start + period * n / len(self.followers), n) for n in range(len(self.followers))]
        heapq.heapify(due)
        while due:
            when, n = heapq.heappop(due)
            if when >= until:
                break
            delay = when - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(self.poll, n)
            heapq.heappush(due, (when + period, n))

    # --- the editor -----------------------------------------------------------------------------

    def editor_posts(self, stop: threading.Event) -> None:
        from django.db import connection

        from live import services

        number = 0
        next_at = time.monotonic()
        while not stop.is_set():
            while not stop.is_set() and time.monotonic() < next_at:
                time.sleep(0.02)
            if stop.is_set():
                break
            entry = services.entry_post(article=self.story.versions["en"], user=self.story.editor,
                                        headline=f"Update {number}",
                                        body=f"<p>The river rose again at station {number}.</p>")
            with self.lock:
                self.posted["en"][entry.sequence] = time.monotonic()
            translated = services.entry_translate(entry=entry, language="ar", user=self.story.editor,
                                                  headline=f"تحديث {number}",
                                                  body=f"<p>ارتفع النهر مجددًا عند المحطة {number}.</p>")
            with self.lock:
                self.posted["ar"][translated.sequence] = time.monotonic()
            number += 1
            next_at += self.args.post_every
        connection.close()


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", action="store_true", help="start deploy/local-cluster.sh first (and stop it after)")
    parser.add_argument("--followers", type=int, default=2000)
    parser.add_argument("--period", type=float, default=15.0, help="seconds between a follower's polls")
    parser.add_argument("--seconds", type=float, default=120.0, help="how long the editor posts")
    parser.add_argument("--post-every", type=float, default=10.0)
    parser.add_argument("--threads", type=int, default=48, help="concurrent requests at most")
    args = parser.parse_args()

    if args.start:
        subprocess.run([str(CLUSTER), "start"], check=True)
    try:
        env = cluster_env()
        setup_django(env)
        report = bench(args, env)
    finally:
        if args.start:
            subprocess.run([str(CLUSTER), "stop"], check=False)
    print_report(report)


def bench(args, env: dict[str, str]) -> dict:
    edge = Edge(env["SITE_URL"])
    story = Story()
    run = Run(args, edge, story)
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        # Every follower opens the page (one poll each, over one period) before the clock starts.
        run.followers_poll(time.monotonic() + args.period, pool)
        time.sleep(1)
        run.counting = True
        stop = threading.Event()
        editor = threading.Thread(target=run.editor_posts, args=(stop,), daemon=True)
        started = time.monotonic()
        editor.start()
        # The followers go on for one more period (and 3 s) after the last entry, to see it.
        poller = threading.Thread(target=run.followers_poll,
                                  args=(started + args.seconds + args.period + 3, pool), daemon=True)
        poller.start()
        time.sleep(max(0.0, started + args.seconds - time.monotonic()))
        stop.set()
        editor.join()
        poller.join()
    entries = {language: len(run.posted[language]) for language in EDITIONS}
    per_entry = {language: run.misses[language] / entries[language] if entries[language] else None for language in EDITIONS}
    expected = sum(entries[run.followers[n][0]] for n in range(len(run.followers)))
    p99 = percentile(run.delays, 0.99)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "followers": args.followers, "period": args.period, "seconds": args.seconds, "post_every": args.post_every,
        "entries": entries,
        "requests": dict(run.requests), "app_requests": dict(run.misses), "app_requests_per_entry": per_entry,
        "seen": len(run.delays), "expected": expected,
        "post_to_visible_p50": percentile(run.delays, 0.5), "post_to_visible_p99": p99,
        "post_to_visible_max": max(run.delays) if run.delays else None,
        "errors": dict(run.errors),
        "targets": {
            "p99 ≤ period + 2 s": p99 is not None and p99 <= args.period + 2,
            "≤ 3 application requests per entry per edition": all(v is not None and v <= 3 for v in per_entry.values()),
            "every follower saw every entry": len(run.delays) >= expected,
            "0 errors": not run.errors,
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"live-followers-{stamp}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return report


def print_report(report: dict) -> None:
    def seconds(value):
        return "—" if value is None else f"{value:.2f} s"

    print(f"\n{report['followers']} followers polling every {report['period']:.0f} s through Varnish for "
          f"{report['seconds']:.0f} s; an entry every {report['post_every']:.0f} s")
    print(f"entries posted: {report['entries']}; polls: {report['requests']}")
    print(f"post → visible: p50 {seconds(report['post_to_visible_p50'])}, p99 {seconds(report['post_to_visible_p99'])}, "
          f"max {seconds(report['post_to_visible_max'])} ({report['seen']} of {report['expected']} seen)")
    per_entry = ", ".join(f"{k}: {'—' if v is None else f'{v:.2f}'}" for k, v in report["app_requests_per_entry"].items())
    print(f"requests reaching the application: {report['app_requests']} → per entry per edition {per_entry}")
    print(f"errors: {report['errors'] or 0}")
    for target, met in report["targets"].items():
        print(f"  {'PASS' if met else 'FAIL'}  {target}")


if __name__ == "__main__":
    main()
