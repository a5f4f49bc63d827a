"""Newsroom and the Wagtail reference site, side by side in one run: bench/side_by_side.py

Starts, on this machine, Newsroom (gunicorn, DEBUG=false, its benchmark newsroom on SQLite) and the
Wagtail 8 reference news site of ``../shared/bench-reference`` (its own virtualenv and database: its
README says how to make them once; ``--setup`` does it), both with the same number of gunicorn
workers, and loads the same kinds of page on both with wrk, **interleaved** (one page on Wagtail,
the same page on Newsroom, the next page...), for several rounds, then prints each page's requests/s
and p99 on both with the ratio, for every round, and the rounds' spread.

Newsroom is measured three ways:

* **uncached**: every request has its own query string, so the page cache never answers; the page is
  built, from the parts of it that are kept per object (``public.fragments``: story cards, the
  article's content) when they are current — the usual case of a page the page cache does not hold;
* **from nothing**: the same with ``FRAGMENT_CACHE_SECONDS=0`` (a second server): every part built
  from the database, the cold case;
* **page cache**: the same address every time.

Wagtail has no page cache here (as the reference README runs it): its pages are built every time.
The static file (the same bytes, served by WhiteNoise on both) is the ceiling.

    bench/side_by_side.py                      # 2 rounds of 10 s per page, 2 workers, wrk -t1 -c8
    bench/side_by_side.py --rounds 3 --duration 15s --setup

Both servers listen on 127.0.0.1 only and are always stopped when the run ends or fails. Results:
``bench/results/side-by-side-<time>.json`` and the table on standard output (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loadtest import run_wrk  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "bench-reference"
RESULTS = ROOT / "bench" / "results"
# Newsroom's page for each of the reference site's kinds of page (Wagtail's from its bench_paths).
KINDS = ["article", "tag", "list page 1", "deep list page", "search", "static"]


def free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def wait_for(port: int, process: subprocess.Popen, name: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise SystemExit(f"{name} exited while starting (exit {process.returncode})")
        if not free(port):
            return
        time.sleep(0.2)
    raise SystemExit(f"{name} did not start listening on {port}")


def start(stack: ExitStack, name: str, command: list[str], *, cwd: Path, env: dict, port: int) -> None:
    if not free(port):
        raise SystemExit(f"port {port} is in use: choose others with --ports")
    log = open(RESULTS / f"side-by-side-{name}.log", "w")  # noqa: SIM115 (closed with the stack)
    stack.callback(log.close)
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)

    def stop():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # gunicorn: quick shutdown, workers included
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    stack.callback(stop)
    wait_for(port, process, name)


def newsroom_env(database_url: str, **extra) -> dict:
    return {
        **os.environ, "DATABASE_URL": database_url, "DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(ROOT / "bench" / ".staticfiles"), "LOG_LEVEL": "WARNING",
        # wrk asks from one address: the per-address search limit (120 a minute) would answer 429.
        "RATE_LIMIT_SEARCH": "1000000/m", **extra,
    }


def manage(python: str, env: dict, *args: str) -> str:
    done = subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def newsroom_paths(python: str, env: dict) -> dict[str, str]:
    code = (
        "import json\nfrom bench.loadtest import pick_values\nv = pick_values()\n"
        "from articles.models import Article\n"
        "pages = Article.objects.published().in_language('en').count() // 20\n"
        "print(json.dumps({**v, 'deep': max(1, min(200, pages))}))"
    )
    done = subprocess.run([python, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"could not pick Newsroom's pages:\n{done.stderr[-3000:]}")
    values = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "article": f"/en/articles/{values['article_id']}/{values['article_slug']}/",
        "tag": f"/en/tags/{values['tag_slug']}/",
        "list page 1": "/en/",
        "deep list page": f"/en/?page={values['deep']}",
        "search": "/en/search/?q=water",
        "static": "/static/css/site.css",
    }


def wagtail_paths(python: str, site: Path, env: dict) -> dict[str, str]:
    done = subprocess.run([python, "manage.py", "bench_paths"], cwd=site, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"the reference site's bench_paths failed:\n{done.stderr[-3000:]}")
    article, index, deep, tag, search = [line.strip() for line in done.stdout.splitlines() if line.strip()][:5]
    return {"article": article, "tag": tag, "list page 1": index, "deep list page": deep, "search": search,
            "static": "/static/css/site.css"}


def setup_reference(args) -> None:
    """The reference README's steps, for a machine that has not run them yet."""
    venv = Path(args.wagtail_python).parent.parent
    if not Path(args.wagtail_python).exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([args.wagtail_python, "-m", "pip", "install", "-q", "wagtail>=8,<9", "gunicorn", "whitenoise"],
                       check=True)
    site = Path(args.reference) / "wagtail_site"
    env = {**os.environ, "BENCH_DB": args.wagtail_db}
    if not Path(args.wagtail_db).exists():
        subprocess.run([args.wagtail_python, "manage.py", "migrate", "-v0"], cwd=site, env=env, check=True)
        subprocess.run([args.wagtail_python, "manage.py", "seed_wagtail", str(args.articles), "--defer-index"],
                       cwd=site, env=env, check=True)
    static_env = {**env, "DJANGO_SETTINGS_MODULE": "newssite.bench_static_settings"}
    subprocess.run([args.wagtail_python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=site, env=static_env,
                   check=True)
    target = Path("/tmp/wagtail-reference-static/css")  # nosec B108: where the reference's settings look
    target.mkdir(parents=True, exist_ok=True)
    (target / "site.css").write_bytes((ROOT / "static" / "css" / "site.css").read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", default="10s", help="wrk run per page and server (after a 2 s warm-up)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of each server")
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--database", default="sqlite:////tmp/newsroom-bench.sqlite3", help="Newsroom's DATABASE_URL")
    parser.add_argument("--reference", default=str(REFERENCE))
    # Scratch places of a benchmark run (the reference README's own), not a security boundary:
    parser.add_argument("--wagtail-python", default="/tmp/wagtail-venv/bin/python")  # nosec B108
    parser.add_argument("--wagtail-db", default="/tmp/wagtail-10000.sqlite3")  # nosec B108
    parser.add_argument("--ports", default="8871,8872,8873", help="Wagtail, Newsroom, Newsroom from nothing")
    parser.add_argument("--pages", default="", help=f"only these pages, comma-separated ({', '.join(KINDS)})")
    parser.add_argument("--setup", action="store_true", help="make the reference's virtualenv and database if missing")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    python = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
    if args.setup:
        setup_reference(args)
    if not Path(args.wagtail_python).exists() or not Path(args.wagtail_db).exists():
        raise SystemExit(f"the reference site is not set up: run with --setup (or follow {args.reference}/README.md)")

    wagtail_port, newsroom_port, cold_port = (int(p) for p in args.ports.split(","))
    env = newsroom_env(args.database)
    manage(python, env, "migrate", "--noinput", "-v0")
    if "1" not in manage(python, env, "shell", "-v0", "-c",
                         "from articles.models import Article; print(int(Article.objects.exists()))"):
        print(f"== seeding Newsroom's benchmark newsroom: {args.articles} articles ==", flush=True)
        manage(python, env, "seed_bench", "--articles", str(args.articles), "--seed", "1")
    manage(python, env, "collectstatic", "--noinput", "-v0")
    site = Path(args.reference) / "wagtail_site"
    wagtail_env = {**os.environ, "BENCH_DB": args.wagtail_db, "DJANGO_SETTINGS_MODULE": "newssite.bench_static_settings"}
    ours, theirs = newsroom_paths(python, env), wagtail_paths(args.wagtail_python, site, wagtail_env)

    def load(port: int, path: str, fresh: bool) -> dict:
        url = f"http://127.0.0.1:{port}{path}"
        run_wrk(url, duration="2s", connections=args.connections, threads=args.threads, timeout="30s", fresh=fresh)
        return run_wrk(url, duration=args.duration, connections=args.connections, threads=args.threads,
                       timeout="30s", fresh=fresh)

    kinds = [kind for kind in KINDS if not args.pages or kind in args.pages.split(",")]
    rounds = []
    with ExitStack() as stack:
        gunicorn = ["-m", "gunicorn", "--workers", str(args.workers), "--no-control-socket", "--log-level", "warning"]
        start(stack, "wagtail", [args.wagtail_python, *gunicorn, "--bind", f"127.0.0.1:{wagtail_port}",
                                 "newssite.wsgi:application"], cwd=site, env=wagtail_env, port=wagtail_port)
        start(stack, "newsroom", [python, *gunicorn, "--bind", f"127.0.0.1:{newsroom_port}", "newsroom.wsgi"],
              cwd=ROOT, env=env, port=newsroom_port)
        start(stack, "newsroom-from-nothing", [python, *gunicorn, "--bind", f"127.0.0.1:{cold_port}", "newsroom.wsgi"],
              cwd=ROOT, env=newsroom_env(args.database, FRAGMENT_CACHE_SECONDS="0"), port=cold_port)
        for number in range(1, args.rounds + 1):
            print(f"== round {number} of {args.rounds} ==", flush=True)
            rows = {}
            for kind in kinds:
                static = kind == "static"
                row = {"wagtail": None if kind == "search" else load(wagtail_port, theirs[kind], False)}
                row["uncached"] = load(newsroom_port, ours[kind], not static)
                if not static:
                    row["from nothing"] = load(cold_port, ours[kind], True)
                    row["page cache"] = load(newsroom_port, ours[kind], False)
                rows[kind] = row
                print(f"   {kind}: done", flush=True)
            rounds.append(rows)

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"side-by-side-{stamp}.json").write_text(json.dumps(
        {"args": vars(args), "newsroom_paths": ours, "wagtail_paths": theirs, "rounds": rounds}, indent=2))
    print(table(rounds))


def table(rounds: list[dict]) -> str:
    """Markdown: per page, each round's figures and the ratio of Newsroom's uncached requests/s to
    Wagtail's, then the ratios' spread across rounds."""
    lines = ["| page | round | Wagtail req/s · p99 | Newsroom uncached req/s · p99 | ratio | from nothing · p99 | ratio "
             "| page cache req/s |", "|---|---|---|---|---|---|---|---|"]
    spread = []
    for kind in [kind for kind in KINDS if kind in rounds[0]]:
        ratios = []
        for number, rows in enumerate(rounds, start=1):
            row = rows[kind]
            wagtail, ours = row["wagtail"], row["uncached"]
            cold, kept = row.get("from nothing"), row.get("page cache")
            ratio = ours["requests_per_s"] / wagtail["requests_per_s"] if wagtail and wagtail["requests_per_s"] else None
            cold_ratio = cold["requests_per_s"] / wagtail["requests_per_s"] if wagtail and cold and wagtail["requests_per_s"] else None
            if ratio:
                ratios.append(ratio)
            lines.append(
                f"| {kind} | {number} | {figures(wagtail)} | {figures(ours)} | {f'{ratio:.2f}×' if ratio else '—'} "
                f"| {figures(cold)} | {f'{cold_ratio:.2f}×' if cold_ratio else '—'} "
                f"| {kept['requests_per_s']:,.0f} |" if kept else
                f"| {kind} | {number} | {figures(wagtail)} | {figures(ours)} | {f'{ratio:.2f}×' if ratio else '—'} | — | — | — |"
            )
        if len(ratios) > 1:
            mean = statistics.mean(ratios)
            spread.append(f"{kind}: ratios {', '.join(f'{r:.2f}' for r in ratios)} (±{(max(ratios) - min(ratios)) / 2 / mean * 100:.0f} %)")
    return "\n".join(lines + ([""] + spread if spread else []))


def figures(result: dict | None) -> str:
    if result is None:
        return "—"
    errors = result["non_2xx_3xx"] + result["socket_errors"]
    return f"{result['requests_per_s']:,.0f} · {result['p99_ms']:.0f} ms" + (f" ({errors} errors)" if errors else "")


if __name__ == "__main__":
    main()
