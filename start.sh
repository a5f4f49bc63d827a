#!/usr/bin/env bash
# Set everything up and start Newsroom on SQLite with demo content: ./start.sh
# (PORT=8001 ./start.sh to use another port; DATABASE_URL=postgres://... for PostgreSQL.)
# Starts the web server and, beside it, the background task worker (scheduled publication, e-mail,
# image renditions, cache purges); Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
export DEBUG=${DEBUG:-true}
# The address served; links, feeds and sitemaps follow it unless SITE_URL is set (newsroom/settings.py).
export HOST=${HOST:-127.0.0.1} PORT=${PORT:-8000}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
echo
site=$(.venv/bin/python manage.py shell -v 0 -c "from django.conf import settings; print(settings.SITE_URL)")
echo "Newsroom: $site/   admin: $site/admin/"
.venv/bin/python manage.py run_worker --verbosity 1 &
worker=$!
stop_worker() { kill -TERM "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true; }
trap stop_worker EXIT
trap 'exit 130' INT TERM
.venv/bin/python manage.py runserver "$HOST:$PORT"
