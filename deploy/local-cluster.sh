#!/usr/bin/env bash
# Newsroom as it runs on several machines, on this one: deploy/local-cluster.sh start|stop|status
#
#   Varnish (:8100, deploy/varnish/default.vcl) in front of two application servers (gunicorn, :8101
#   and :8102), one task worker (run_worker), a PostgreSQL primary (:5440) with a streaming replica
#   (:5441, made with pg_basebackup), and Redis (:6390) for the cache and the sessions.
#
# Everything lives in CLUSTER_DIR (default /tmp/newsroom-cluster): the two PostgreSQL clusters, the
# logs, and the process ids of what this script started. `stop` stops exactly those (and nothing it
# did not start: the machine's own PostgreSQL and Redis keep running). `start` seeds the database
# with seed_bench (CLUSTER_ARTICLES, default 2000) and the demo accounts the first time.
# docs/DEPLOY.md says the same for real machines.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR="${CLUSTER_DIR:-/tmp/newsroom-cluster}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}"
PRIMARY_PORT=5440 REPLICA_PORT=5441 REDIS_PORT=6390 VARNISH_PORT=8100 APP_PORTS=(8101 8102)
PYTHON="${PYTHON:-.venv/bin/python}"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

app_env() {
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/newsroom"
  export DATABASE_REPLICA_URLS="postgres://postgres@127.0.0.1:$REPLICA_PORT/newsroom"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export TASKS_BACKEND=database EDGE_PURGE_BACKEND=varnish EDGE_VARNISH_URLS="http://127.0.0.1:$VARNISH_PORT"
  export DEBUG=false ALLOWED_HOSTS="127.0.0.1,localhost" SITE_URL="http://127.0.0.1:$VARNISH_PORT"
  export STATIC_ROOT="$DIR/static" SECRET_KEY="${SECRET_KEY:-local-cluster-not-for-production-$(hostname)}"
  export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
}

started() { echo "$1 $2" >> "$DIR/pids"; }

wait_for_port() {
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
  echo "Nothing answers on port $1: see $DIR/*.log" >&2
  return 1
}

start() {
  if [ -f "$DIR/pids" ]; then
    echo "A cluster is already running from $DIR: deploy/local-cluster.sh stop first." >&2
    exit 1
  fi
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  # PostgreSQL writes its logs and sockets as its own user.
  install -d -o postgres -g postgres "$DIR/pg-logs" "$DIR/pg-run"
  : > "$DIR/pids"
  # A start that fails half-way stops what it had started (and leaves no "running" cluster behind).
  trap 'code=$?; if [ "$code" != 0 ]; then echo "Start failed: stopping what was started." >&2; stop; fi' EXIT

  echo "== PostgreSQL primary on :$PRIMARY_PORT =="
  if [ ! -d "$DIR/primary" ]; then
    install -d -o postgres -g postgres "$DIR/primary"
    as_postgres "$PG_BIN/initdb" -D "$DIR/primary" -A trust -U postgres >/dev/null
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PRIMARY_PORT"
      echo "wal_level = replica"
      echo "max_wal_senders = 5"
      echo "unix_socket_directories = '$DIR/pg-run'"
    } | as_postgres tee -a "$DIR/primary/postgresql.conf" >/dev/null
    echo "host replication all 127.0.0.1/32 trust" | as_postgres tee -a "$DIR/primary/pg_hba.conf" >/dev/null
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/pg-logs/primary.log" -w start >/dev/null
  started pg "$DIR/primary"
  psql -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname='newsroom'" \
    | grep -q 1 || psql -q -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -c "CREATE DATABASE newsroom"

  echo "== PostgreSQL streaming replica on :$REPLICA_PORT (pg_basebackup) =="
  if [ ! -d "$DIR/replica" ]; then
    install -d -o postgres -g postgres -m 700 "$DIR/replica"
    as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/replica" -R -X stream
    echo "port = $REPLICA_PORT" | as_postgres tee -a "$DIR/replica/postgresql.conf" >/dev/null
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/pg-logs/replica.log" -w start >/dev/null
  started pg "$DIR/replica"

  echo "== Redis on :$REDIS_PORT =="
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" --dir "$DIR"
  wait_for_port "$REDIS_PORT"
  started pid "$(cat "$DIR/redis.pid")"

  echo "== The application: migrate, static files, data =="
  app_env
  "$PYTHON" manage.py migrate --noinput -v0
  "$PYTHON" manage.py collectstatic --noinput -v0
  if [ "$("$PYTHON" manage.py shell -v0 -c 'from articles.models import Article; print(int(Article.objects.exists()))' | tail -n1)" != 1 ]; then
    "$PYTHON" manage.py seed_bench --articles "${CLUSTER_ARTICLES:-2000}" --seed 1
    "$PYTHON" manage.py seed_demo
  fi

  for port in "${APP_PORTS[@]}"; do
    echo "== gunicorn on :$port =="
    "$PYTHON" -m gunicorn newsroom.wsgi --workers 2 --bind "127.0.0.1:$port" --pid "$DIR/gunicorn-$port.pid" \
      --error-logfile "$DIR/gunicorn-$port.log" --log-level warning --daemon
    wait_for_port "$port"
    started pid "$(cat "$DIR/gunicorn-$port.pid")"
  done

  echo "== The task worker =="
  # Polls for due tasks every WORKER_INTERVAL seconds when idle: a purge waits at most that long.
  "$PYTHON" manage.py run_worker --verbosity 1 --interval "${WORKER_INTERVAL:-0.2}" >> "$DIR/worker.log" 2>&1 &
  started pid "$!"

  echo "== Varnish on :$VARNISH_PORT =="
  cp deploy/varnish/default.vcl "$DIR/default.vcl"
  {
    for n in "${!APP_PORTS[@]}"; do
      echo "backend app$n { .host = \"127.0.0.1\"; .port = \"${APP_PORTS[$n]}\"; }"
    done
    echo "sub vcl_init { new newsroom = directors.round_robin();"
    for n in "${!APP_PORTS[@]}"; do echo "  newsroom.add_backend(app$n);"; done
    echo "}"
  } > "$DIR/backends.vcl"
  varnishd -j none -n "$DIR/varnish" -a "127.0.0.1:$VARNISH_PORT" -f "$DIR/default.vcl" -s malloc,256m \
    -T none -P "$DIR/varnish.pid"
  wait_for_port "$VARNISH_PORT"
  started pid "$(cat "$DIR/varnish.pid")"

  trap - EXIT
  echo
  echo "Newsroom through Varnish: http://127.0.0.1:$VARNISH_PORT/   application servers: ${APP_PORTS[*]}"
  echo "Stop it all with: deploy/local-cluster.sh stop"
}

stop() {
  if [ ! -f "$DIR/pids" ]; then
    echo "Nothing to stop: no cluster was started from $DIR."
    return 0
  fi
  # Newest first: Varnish, the worker, the application servers, Redis, the replica, the primary.
  tac "$DIR/pids" | while read -r kind what; do
    case "$kind" in
      pid) kill -TERM "$what" 2>/dev/null && for _ in $(seq 50); do kill -0 "$what" 2>/dev/null || break; sleep 0.2; done
           kill -KILL "$what" 2>/dev/null || true ;;
      pg) as_postgres "$PG_BIN/pg_ctl" -D "$what" -m fast -w stop >/dev/null 2>&1 || true ;;
    esac
  done
  rm -f "$DIR/pids"
  echo "Stopped what deploy/local-cluster.sh started (data kept in $DIR; remove it for a fresh start)."
}

status() {
  if [ ! -f "$DIR/pids" ]; then echo "Not running."; return 0; fi
  while read -r kind what; do
    case "$kind" in
      pid) if kill -0 "$what" 2>/dev/null; then echo "running  pid $what"; else echo "STOPPED  pid $what"; fi ;;
      pg) as_postgres "$PG_BIN/pg_ctl" -D "$what" status >/dev/null 2>&1 && echo "running  PostgreSQL $what" || echo "STOPPED  PostgreSQL $what" ;;
    esac
  done < "$DIR/pids"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) app_env; env | grep -E '^(DATABASE_URL|DATABASE_REPLICA_URLS|REDIS_URL|TASKS_BACKEND|EDGE_[A-Z_]+|SITE_URL|STATIC_ROOT|DEBUG|ALLOWED_HOSTS|SECRET_KEY|LOG_LEVEL)=' ;;
  *) echo "usage: deploy/local-cluster.sh start|stop|status|env" >&2; exit 2 ;;
esac
