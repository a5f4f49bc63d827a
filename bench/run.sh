#!/usr/bin/env bash
# Load benchmark, all pages in one run: bench/run.sh        (docs/PERFORMANCE.md has the details)
#
# Uses the database in DATABASE_URL (seeding it with seed_bench if it has no articles), collects static
# files, starts gunicorn with DEBUG=false on 127.0.0.1 only, loads each page with wrk for a fixed time
# (bench/loadtest.py), prints requests/s, p50, p95 and p99, writes bench/results/, and always stops
# gunicorn when it ends, fails or is interrupted.
#
# Environment (all optional):
#   DATABASE_URL        database to serve (default sqlite:////tmp/newsroom-bench.sqlite3)
#   BENCH_ARTICLES      articles to seed when that database has none (default 10000)
#   BENCH_SEED          seed_bench --seed (default 1)
#   BENCH_DURATION      wrk run per page (default 10s)
#   BENCH_CONNECTIONS   concurrent connections (default: one per gunicorn worker, so that latencies
#                       are the pages' own; more connections measure queueing, see docs/PERFORMANCE.md)
#   BENCH_THREADS       wrk threads (default 2)
#   BENCH_WORKERS       gunicorn workers (default 2)
#   BENCH_PORT          port on 127.0.0.1 (default 8765)
#   PYTHON              interpreter (default .venv/bin/python, else the active virtualenv's python)
# Extra arguments go to bench/loadtest.py, e.g.:
#   bench/run.sh --url feed=/en/feeds/latest/ --only article,feed,static
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python
  elif [ -n "${VIRTUAL_ENV:-}" ]; then PYTHON="$VIRTUAL_ENV/bin/python"
  else PYTHON=python3; fi
fi

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== Installing wrk (Debian package) =="
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  else
    echo "wrk is needed: sudo apt-get install wrk   (Debian/Ubuntu)" >&2
    exit 1
  fi
fi

export DATABASE_URL="${DATABASE_URL:-sqlite:////tmp/newsroom-bench.sqlite3}"
export DEBUG=false
export STATIC_ROOT="${STATIC_ROOT:-$PWD/bench/.staticfiles}"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
# One address asks for every page: the per-address search limit (120 a minute) would answer 429.
export RATE_LIMIT_SEARCH="${RATE_LIMIT_SEARCH:-1000000/m}"
port="${BENCH_PORT:-8765}"
workers="${BENCH_WORKERS:-2}"
mkdir -p bench/results

echo "== Database: ${DATABASE_URL%%\?*} =="
"$PYTHON" manage.py migrate --noinput -v0
has_articles=$("$PYTHON" manage.py shell -v0 -c \
  "from articles.models import Article; print(int(Article.objects.exists()))" | tail -n1)
if [ "$has_articles" != "1" ]; then
  echo "== No articles: seeding ${BENCH_ARTICLES:-10000} with seed_bench =="
  "$PYTHON" manage.py seed_bench --articles "${BENCH_ARTICLES:-10000}" --seed "${BENCH_SEED:-1}"
fi

echo "== Static files into $STATIC_ROOT =="
"$PYTHON" manage.py collectstatic --noinput -v0

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port on 127.0.0.1 is already in use; choose another with BENCH_PORT=..." >&2
  exit 1
fi

log="bench/results/gunicorn-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "== gunicorn: $workers workers on 127.0.0.1:$port, DEBUG=false (errors in $log) =="
"$PYTHON" -m gunicorn newsroom.wsgi --workers "$workers" --bind "127.0.0.1:$port" \
  --error-logfile "$log" --log-level warning >>"$log" 2>&1 &
gunicorn_pid=$!

loadtest_pid=""
stop_gunicorn() {
  if [ -n "$loadtest_pid" ]; then kill -TERM "$loadtest_pid" 2>/dev/null || true; fi
  if kill -0 "$gunicorn_pid" 2>/dev/null; then
    kill -INT "$gunicorn_pid" 2>/dev/null || true  # gunicorn: SIGINT is a quick shutdown
    for _ in $(seq 50); do kill -0 "$gunicorn_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$gunicorn_pid" 2>/dev/null || true
  fi
  wait "$gunicorn_pid" 2>/dev/null || true
}
trap stop_gunicorn EXIT
trap 'exit 130' INT TERM

for _ in $(seq 150); do
  if ! kill -0 "$gunicorn_pid" 2>/dev/null; then
    echo "gunicorn exited while starting; see $log" >&2
    exit 1
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done

# In the background with `wait`, so that a TERM or INT sent to this script alone is handled at once.
"$PYTHON" bench/loadtest.py --base "http://127.0.0.1:$port" --workers "$workers" \
  --duration "${BENCH_DURATION:-10s}" --connections "${BENCH_CONNECTIONS:-$workers}" \
  --threads "${BENCH_THREADS:-2}" "$@" &
loadtest_pid=$!
wait "$loadtest_pid"
