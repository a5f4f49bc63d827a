# Sourced by start.sh and test.sh: make sure .venv exists and holds the pinned requirements.
# Installs again only when a requirements file changed since the last install.
PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Newsroom needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtualenv in .venv ..."
  "$PYTHON" -m venv .venv || { echo "Could not create a virtualenv: install python3-venv." >&2; exit 1; }
fi
stamp=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat .venv/.requirements-installed 2>/dev/null)" != "$stamp" ]; then
  echo "Installing Python packages (requirements-dev.txt) ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$stamp" > .venv/.requirements-installed
fi
# axe-core, the Nu HTML checker (vnu-jar, run with Java) and Lighthouse for the browser tests and
# audits (package.json pins them; docs/AUDITS.md); skipped without npm.
if { [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] \
     || [ ! -f node_modules/lighthouse/package.json ]; } && command -v npm >/dev/null 2>&1; then
  echo "Installing axe-core, vnu-jar and lighthouse (npm ci) ..."
  npm ci --no-audit --no-fund --loglevel=error || echo "npm ci failed: the axe-core, Nu checker and Lighthouse tests will be skipped." >&2
fi
