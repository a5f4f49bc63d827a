#!/usr/bin/env bash
# Set everything up and start Newsroom on SQLite with demo content: ./start.sh
# (PORT=8001 ./start.sh to use another port; DATABASE_URL=postgres://... for PostgreSQL.)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh
export DEBUG=${DEBUG:-true}
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
echo
echo "Newsroom: http://127.0.0.1:${PORT:-8000}/   admin: http://127.0.0.1:${PORT:-8000}/admin/"
exec .venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
