#!/usr/bin/env python
"""The wire's content API under a seeded newsroom: a list of 100 items, p50/p95/p99.

    DATABASE_URL=postgres://…/nr_bench python manage.py seed_bench --articles 100000
    DATABASE_URL=postgres://…/nr_bench python manage.py wire_documents   # store the documents ahead
    DATABASE_URL=postgres://…/nr_bench python bench/api.py                 # 200 lists of 100 items
    DATABASE_URL=… python bench/api.py --requests 500 --limit 100 --budget-ms 100

Each request is ``GET /api/v1/items/?limit=100`` with a subscriber's key (a subscriber "bench-api"
receiving every language is made once), through Django's WSGI handler in this process (the
middleware, the key check and the request log included; no network, no server). Requests walk the
newest pages by cursor and filter by language or kind in turn, as a subscriber catching up does. The
first 10 requests warm the database's cache and are not counted. Without ``wire_documents`` the
first pass over each page builds and stores its documents (``wire.documents``), as after a change. Prints the timing and the queries
per request, and exits 1 when p99 is over the budget (100 ms).

Django is set up at run time (its environment comes first), so the project's modules are imported in
``main`` after that.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--budget-ms", type=float, default=100.0)
    parser.add_argument("--save", action="store_true", help="keep the result in bench/results/")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import gc

    # As newsroom/wsgi.py does in every application server: what loading made is frozen, so that
    # the collector's full collections do not walk it in the middle of a request.
    gc.freeze()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from wire import services
    from wire.models import Subscriber

    settings.ALLOWED_HOSTS = ["*"]
    total = Article.objects.count()
    subscriber = Subscriber.objects.filter(name="bench-api").first()
    if subscriber is None:
        subscriber, key = services.subscriber_create(name="bench-api", language_codes=["en", "ar", "ku"])
    else:
        _, key = services.key_create(subscriber=subscriber, label="bench")
    subscriber.keys.update(per_minute=1_000_000)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    variants = [{}, {"language": "ar"}, {"language": "en"}, {"kind": "news"}, {"language": "ku", "kind": "interview"}]
    cursors: dict[int, str | None] = {}
    timings, queries = [], []
    for n in range(args.requests + 10):
        which = n % len(variants)
        params = {"limit": args.limit, **variants[which]}
        if cursors.get(which):
            params["cursor"] = cursors[which]
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/api/v1/items/", params)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            print(f"request {n}: HTTP {response.status_code} {response.content[:200]!r}", file=sys.stderr)
            return 2
        page = response.json()
        cursors[which] = page["next"] if n % 20 else None  # every 20th request starts from the newest again
        if n >= 10:
            timings.append(elapsed)
            queries.append(len(captured))
    result = {
        "database": connection.vendor,
        "articles": total,
        "requests": len(timings),
        "items_per_list": args.limit,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "p99_ms": round(percentile(timings, 0.99), 1),
        "max_ms": round(max(timings), 1),
        "queries_per_request": sorted(set(queries)),
        "budget_ms": args.budget_ms,
        # The machine's load while it ran: on a shared machine the timings grow with it.
        "load_average": [round(v, 1) for v in os.getloadavg()],
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    if args.save:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
        path = ROOT / "bench" / "results" / f"{stamp}-api-{connection.vendor}-{total}.json"
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"saved {path.relative_to(ROOT)}")
    return 0 if result["p99_ms"] <= args.budget_ms else 1


if __name__ == "__main__":
    sys.exit(main())
