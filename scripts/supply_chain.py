#!/usr/bin/env python
"""Supply-chain and code checks for CI: bandit on our code, pip-audit on the installed packages.

    python scripts/supply_chain.py            # .ci/run runs it with the project's .venv
    python scripts/supply_chain.py --strict   # also fail when pip-audit cannot reach its advisories

* bandit scans the project's Python (not tests, not migrations). Any HIGH finding fails, and so does
  any MEDIUM finding that is not one of the reviewed ones in ``.ci/bandit-baseline.json`` (each is
  explained in docs/SECURITY.md). LOW findings are counted.
* pip-audit checks every package installed in this Python against the PyPI advisory database
  (pypi.org's JSON API). Any known vulnerability fails. A package it could not look up is *not*
  a pass: the run says so in capitals with the reason, and with ``--strict`` (or
  ``SUPPLY_CHAIN_STRICT=true``) it fails. Machines without access to pypi.org's JSON API (a proxy
  that serves only package files) cannot audit; CI with internet access should run ``--strict``.

The last line printed is a one-line summary (.ci/run repeats it at the end of the run).
Exit status: 0 clean, 1 findings, 3 pip-audit could not audit (strict only).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / ".ci" / "bandit-baseline.json"
TARGETS = ["accounts", "articles", "backups", "copydesk", "desk", "drafts", "embeds", "images", "newsroom", "people", "presence", "public", "security", "seed", "translations", "live", "wire", "planning", "readership", "bench", "scripts", "manage.py"]
EXCLUDE = "*/migrations/*,*/tests/*"


def run(command: list[str], timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)  # nosec B603


def bandit(*, baseline: Path = BASELINE) -> tuple[bool, str]:
    """(passed, summary)."""
    everything = run([sys.executable, "-m", "bandit", "-q", "-r", *TARGETS, "-x", EXCLUDE, "-f", "json"])
    try:
        results = json.loads(everything.stdout)["results"]
    except (ValueError, KeyError):
        return False, f"bandit did not run: {everything.stderr.strip()[:300]}"
    counts = {level: sum(r["issue_severity"] == level for r in results) for level in ("HIGH", "MEDIUM", "LOW")}
    new = run([sys.executable, "-m", "bandit", "-q", "-r", *TARGETS, "-x", EXCLUDE, "-f", "json",
               "--severity-level", "medium", "-b", str(baseline)])
    fresh = json.loads(new.stdout)["results"] if new.stdout.strip() else []
    high = [r for r in results if r["issue_severity"] == "HIGH"]
    failing = high + [r for r in fresh if r not in high]
    for issue in failing:
        print(f"  {issue['issue_severity']} {issue['test_id']} {issue['filename']}:{issue['line_number']}: {issue['issue_text']}")
    summary = (f"bandit: {counts['HIGH']} high, {counts['MEDIUM']} medium ({counts['MEDIUM'] - len(fresh)} reviewed in "
               f"{baseline.relative_to(ROOT)}, {len(fresh)} new), {counts['LOW']} low")
    return not failing, summary


def pip_audit() -> tuple[str, str]:
    """("clean" | "vulnerable" | "not audited", summary)."""
    try:
        audit = run([sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json",
                     "--desc", "off"], timeout=900)
    except subprocess.TimeoutExpired:
        return "not audited", "pip-audit NOT RUN: no answer from the advisory service within 15 minutes"
    try:
        report = json.loads(audit.stdout)
    except ValueError:
        reason = (audit.stderr.strip().splitlines() or ["no output"])[-1]
        return "not audited", f"pip-audit NOT RUN: {reason[:300]}"
    packages = report.get("dependencies", [])
    vulnerable = [p for p in packages if p.get("vulns")]
    skipped = [p for p in packages if p.get("skip_reason")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"  {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
    if vulnerable:
        return "vulnerable", f"pip-audit: {len(vulnerable)} of {len(packages)} packages have known vulnerabilities"
    if skipped:
        reasons = sorted({p["skip_reason"].split(":")[0] for p in skipped})
        return "not audited", (
            f"pip-audit COULD NOT AUDIT {len(skipped)} of {len(packages)} packages ({'; '.join(reasons)}): "
            "it could not read their advisory data from pypi.org here, so they are UNCHECKED"
        )
    return "clean", f"pip-audit: {len(packages)} packages, no known vulnerabilities"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="bandit and pip-audit for CI")
    parser.add_argument("--strict", action="store_true", default=os.environ.get("SUPPLY_CHAIN_STRICT", "").lower() == "true",
                        help="fail when pip-audit cannot audit every package")
    args = parser.parse_args(argv)
    bandit_ok, bandit_summary = bandit()
    print(bandit_summary)
    audit_state, audit_summary = pip_audit()
    print(audit_summary)
    status = 0 if bandit_ok and audit_state != "vulnerable" else 1
    if status == 0 and audit_state == "not audited":
        banner = "!" * 100
        print(f"{banner}\n!! SUPPLY CHAIN NOT FULLY CHECKED: {audit_summary}\n{banner}")
        if args.strict:
            status = 3
    verdict = {0: "OK" if audit_state == "clean" else "PASSED WITHOUT ADVISORY CHECK", 1: "FAILED", 3: "FAILED (strict)"}[status]
    print(f"Supply chain {verdict}: {bandit_summary}; {audit_summary}")
    return status


if __name__ == "__main__":
    sys.exit(main())
