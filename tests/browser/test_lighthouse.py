"""Lighthouse mobile on the demo newsroom (bench/lighthouse.py, docs/AUDITS.md): a curated home, a
section front and a person page in every edition score at least 95 in performance, accessibility,
best practices and SEO, served as in production (gunicorn, DEBUG=false, WhiteNoise).

About two minutes (the demo seeded, nine Lighthouse runs one after another in one Chromium), so it
runs under CI=true only, and on CI's SQLite pass only: it builds its own SQLite demo whatever the
suite's database, and a second run would measure the same thing. axe-core and the Nu HTML checker
check the same page types, in every edition, in tests/browser/test_page_types.py.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
EDITIONS = ("en", "ar", "ku")
PAGE_TYPES = ("home", "section front", "person")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@pytest.fixture
def lighthouse():
    if os.environ.get("CI", "").lower() != "true":
        pytest.skip("Lighthouse runs under CI=true (about two minutes): CI=true pytest tests/browser/test_lighthouse.py")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("Lighthouse runs on CI's SQLite pass (it builds its own SQLite demo)")
    missing = [what for what, there in (("node", shutil.which("node")),
                                        ("lighthouse (npm ci)", (ROOT / "node_modules/lighthouse").exists()),
                                        ("/usr/bin/chromium", Path("/usr/bin/chromium").exists())) if not there]
    if missing:
        pytest.fail(f"Lighthouse cannot run without {', '.join(missing)} (required under CI=true)")


def test_every_edition_scores_at_least_95_in_all_four_categories(lighthouse, tmp_path):
    result = subprocess.run([sys.executable, "bench/lighthouse.py", "--json", "--results", str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=900, env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    assert result.stdout.strip(), result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    results = report["results"]
    assert sorted(results) == sorted(f"{e} {t}" for e in EDITIONS for t in PAGE_TYPES)
    scores = {name: r["scores"] for name, r in results.items()}
    low = {name: {c: scores[name][c] for c in CATEGORIES if (scores[name][c] or 0) < 0.95} for name in scores}
    details = {name: results[name]["failing"] for name, categories in low.items() if categories}
    assert not any(low.values()), json.dumps(details, indent=1)
    assert all(not r["errors"] for r in results.values()), {n: r["errors"] for n, r in results.items()}
    assert result.returncode == 0, result.stderr[-3000:]
