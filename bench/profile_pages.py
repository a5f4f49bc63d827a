"""Where the time of each public page goes, built from scratch: bench/profile_pages.py

Runs each page of bench/loadtest.py (the same addresses, picked from the database) through Django's
WSGI handler in this process — the code gunicorn runs, without the network — with the page cache
off (``PAGE_CACHE_SECONDS=0``) and ``DEBUG=false``, under cProfile, and prints for each page the
milliseconds per request and the functions of ours and of Django's that take the most of it
(cumulative), grouped the way docs/PERFORMANCE.md reports them: SQL, templates, our Python.

    DATABASE_URL=sqlite:////tmp/newsroom-bench.sqlite3 .venv/bin/python bench/profile_pages.py
    ... --only article,tag --requests 200 --top 25

Kept fragments (``public.fragments``) are part of building a page: they are on unless
``--no-fragments`` (which shows the cost of building everything, the cold case).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["DEBUG"] = "false"
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

from bench.loadtest import URLS, pick_values  # noqa: E402  (sets Django up)

PUBLIC = [name for name in URLS if name not in {"article-cached", "admin", "static"}]


def environ_for(path: str) -> dict:
    """A WSGI environ for GET ``path`` from 127.0.0.1, as gunicorn would build it."""
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": route, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1",
        "HTTP_ACCEPT_ENCODING": "gzip", "HTTP_USER_AGENT": "profile", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False, "wsgi.version": (1, 0), "SERVER_PROTOCOL": "HTTP/1.1",
    }


def run(handler, path: str) -> int:
    status = []
    body = handler(environ_for(path), lambda s, headers, exc=None: status.append(s))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return int(status[0].split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(PUBLIC), help="comma-separated page names")
    parser.add_argument("--requests", type=int, default=100, help="profiled requests per page")
    parser.add_argument("--top", type=int, default=20, help="functions shown per page")
    parser.add_argument("--no-fragments", action="store_true", help="clear kept fragments before each request")
    args = parser.parse_args()

    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler

    values = pick_values()
    handler = WSGIHandler()
    for name in args.only.split(","):
        path = URLS[name].format(**values)
        for _ in range(5):  # warm: imports, templates, connections
            if args.no_fragments:
                cache.clear()
            assert run(handler, path) == 200, (name, path)
        profile = cProfile.Profile()
        spent = 0.0
        for _ in range(args.requests):
            if args.no_fragments:
                cache.clear()
            started = time.perf_counter()
            profile.enable()
            run(handler, path)
            profile.disable()
            spent += time.perf_counter() - started
        print(f"\n== {name} {path}: {spent / args.requests * 1000:.2f} ms per request (profiled) ==")
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("cumulative").print_stats(args.top)
        lines = [line for line in out.getvalue().splitlines() if line.strip()]
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print("\n".join(lines[start:start + args.top + 1]))


if __name__ == "__main__":
    main()
