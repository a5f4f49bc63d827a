#!/usr/bin/env python
"""Lighthouse (mobile) on the demo newsroom: a curated home, a section front and a person page, in
every edition, served as in production (gunicorn, DEBUG=false, static files collected and served by
WhiteNoise). Prints each page's four scores (performance, accessibility, best practices, SEO) and
the audits that cost points; exits 1 when a score is under ``--min`` (default 0.95). docs/AUDITS.md.

    .venv/bin/python bench/lighthouse.py                 # a fresh demo database, its own server
    .venv/bin/python bench/lighthouse.py --base http://127.0.0.1:8000   # a site already running
                                                         # (its DATABASE_URL must be set here too)

Needs Node (lighthouse from package.json: ``npm ci``) and Chromium (``CHROME_PATH``, default
/usr/bin/chromium). Nothing is fetched beyond 127.0.0.1. The results also go to
``bench/results/lighthouse-<time>.json``. tests/browser/test_lighthouse.py runs it under CI=true.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "bench" / "lighthouse.mjs"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "package.json"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# Which pages: per edition, its home (curated by the demo's layouts), the section front with the most
# stories in that edition, and the page of the person with the most quotes shown in it ("What they
# said"; else the one interviewed in the most stories). Printed as JSON by a Django shell in the site's
# environment.
PICK_PAGES = """
import json
from django.db.models import Count, Q
from django.utils import translation
from articles.models import Article
from fronts.models import Section
from newsroom import languages
from people.models import Person
from quotes.selectors import public_quotes
published = Article.objects.published()
pages = {}
for code in languages.codes():
    with translation.override(code):
        public = published.filter(language=code)
        section = (Section.objects.annotate(n=Count("article_links", filter=Q(article_links__article__in=public)))
                   .filter(n__gt=0).order_by("-n", "pk").first())
        quoted = sorted(((public_quotes(person=p, language=code).count(), p.pk, p)
                         for p in Person.objects.filter(quotes__confirmed=True).distinct()), key=lambda t: (-t[0], t[1]))
        person = quoted[0][2] if quoted and quoted[0][0] else (
            Person.objects.annotate(n=Count("interviews", filter=Q(interviews__in=public)))
            .filter(n__gt=0).order_by("-n", "pk").first())
        pages[f"{code} home"] = f"/{code}/"
        if section is not None:
            pages[f"{code} section front"] = section.get_absolute_url()
        if person is not None:
            pages[f"{code} person"] = person.get_absolute_url()
print("PAGES=" + json.dumps(pages))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=900)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def pages_of(env: dict) -> dict[str, str]:
    out = manage(env, "shell", "-v", "0", "-c", PICK_PAGES)
    line = next(line for line in out.splitlines() if line.startswith("PAGES="))
    return json.loads(line.removeprefix("PAGES="))


def wait_for(url: str, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            sys.exit("gunicorn exited while starting")
        try:
            with urllib.request.urlopen(url, timeout=5):  # nosec B310 (our own server on 127.0.0.1)
                return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{url} did not answer in {seconds} s")


def audit(base: str, pages: dict[str, str]) -> dict[str, dict]:
    """Lighthouse on each page (warmed once first, as a page readers ask for is kept)."""
    urls = {name: base + path for name, path in pages.items()}
    for url in urls.values():
        with urllib.request.urlopen(url, timeout=30) as response:  # nosec B310 (our own server)
            response.read()
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(["node", str(RUNNER), *urls.values()], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60 * len(urls) + 60)
    if result.returncode:
        sys.exit(f"lighthouse failed:\n{result.stderr[-3000:]}")
    by_url = json.loads(result.stdout)
    return {name: {"url": url, **by_url[url]} for name, url in urls.items()}


def serve(env: dict, port: int):
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", help="a site already running (default: start the demo on gunicorn)")
    parser.add_argument("--min", type=float, default=0.95, help="the lowest score accepted (0..1)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON only")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results",
                        help="where to write lighthouse-<time>.json (default bench/results/)")
    options = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse is not installed: npm ci")

    server = None
    with tempfile.TemporaryDirectory(prefix="newsroom-lighthouse-") as scratch:
        env = dict(os.environ)
        if options.base:
            base = options.base.rstrip("/")
        else:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            env.update({
                "DATABASE_URL": f"sqlite:///{scratch}/demo.sqlite3", "DEBUG": "false", "PAGE_CACHE_SECONDS": "300",
                "STATIC_ROOT": f"{scratch}/static", "MEDIA_ROOT": f"{scratch}/media", "SITE_URL": base,
                "ALLOWED_HOSTS": "127.0.0.1,localhost", "TASKS_BACKEND": "immediate", "LOG_LEVEL": "WARNING",
                "REDIS_URL": "", "EDGE_PURGE_BACKEND": "",
            })
            started = time.monotonic()
            manage(env, "migrate", "--noinput", "-v", "0")
            manage(env, "seed_demo")
            manage(env, "collectstatic", "--noinput", "-v", "0")
            print(f"demo ready in {time.monotonic() - started:.0f} s", file=sys.stderr)
        try:
            pages = pages_of(env)
            if not options.base:
                server = serve(env, port)
            wait_for(base + "/en/", server)
            started = time.monotonic()
            results = audit(base, pages)
            elapsed = time.monotonic() - started
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)

    low = [(name, category, r["scores"].get(category)) for name, r in results.items() for category in CATEGORIES
           if (r["scores"].get(category) or 0) < options.min]
    options.results.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    (options.results / f"lighthouse-{stamp}.json").write_text(json.dumps(results, indent=1) + "\n")
    if options.json:
        print(json.dumps({"results": results, "low": low, "seconds": round(elapsed)}))
    else:
        print(f"{'page':<22}" + "".join(f"{c:>16}" for c in CATEGORIES))
        for name, r in results.items():
            print(f"{name:<22}" + "".join(f"{round((r['scores'].get(c) or 0) * 100):>16}" for c in CATEGORIES))
            for category, audit_id, score, value in r["failing"]:
                print(f"    {category}: {audit_id} {score} {value}")
        print(f"{len(results)} pages in {elapsed:.0f} s; lowest accepted {round(options.min * 100)}")
        for name, category, score in low:
            print(f"UNDER {options.min}: {name} {category} {score}")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
