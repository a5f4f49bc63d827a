"""scripts/supply_chain.py: what fails CI, and that "could not audit" is never a silent pass."""

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "supply_chain.py"
spec = importlib.util.spec_from_file_location("supply_chain", SCRIPT)
supply_chain = importlib.util.module_from_spec(spec)
spec.loader.exec_module(supply_chain)

REVIEWED = {"filename": "images/body.py", "test_id": "B308", "issue_severity": "MEDIUM", "line_number": 29,
            "issue_text": "Use of mark_safe() may expose cross-site scripting vulnerabilities and should be reviewed."}
NEW_HIGH = {"filename": "newsroom/views.py", "test_id": "B602", "issue_severity": "HIGH", "line_number": 9,
            "issue_text": "subprocess call with shell=True identified, security issue."}


def fake(bandit_all, bandit_new, audit):
    """Stand-ins for the bandit and pip-audit processes."""

    def run(command, timeout=600):
        if "pip_audit" in command:
            return subprocess.CompletedProcess(command, 0, json.dumps(audit) if audit is not None else "", "ConnectionError: pypi.org")
        results = bandit_new if "-b" in command else bandit_all
        return subprocess.CompletedProcess(command, 0, json.dumps({"results": results}), "")

    return run


PACKAGES = [{"name": "django", "version": "5.2.19", "vulns": []}, {"name": "pillow", "version": "13.0.0", "vulns": []}]
SKIPPED = [{"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)"}]


@pytest.mark.parametrize(
    ("bandit_all", "bandit_new", "audit", "strict", "status", "verdict"),
    [
        ([REVIEWED], [], {"dependencies": PACKAGES}, False, 0, "Supply chain OK"),
        ([REVIEWED, NEW_HIGH], [NEW_HIGH], {"dependencies": PACKAGES}, False, 1, "Supply chain FAILED"),
        ([REVIEWED, {**REVIEWED, "filename": "people/views.py"}], [{**REVIEWED, "filename": "people/views.py"}],
         {"dependencies": PACKAGES}, False, 1, "1 new"),
        ([], [], {"dependencies": [{"name": "pillow", "version": "9.0.0",
                                   "vulns": [{"id": "PYSEC-2022-10", "fix_versions": ["9.0.1"]}]}]}, False, 1, "FAILED"),
        ([], [], {"dependencies": SKIPPED}, False, 0, "PASSED WITHOUT ADVISORY CHECK"),
        ([], [], {"dependencies": SKIPPED}, True, 3, "FAILED (strict)"),
        ([], [], None, False, 0, "pip-audit NOT RUN: ConnectionError: pypi.org"),
    ],
    ids=["clean", "a high finding", "an unreviewed medium", "a vulnerable package", "not audited",
         "not audited, strict", "advisory service down"],
)
def test_the_verdict(monkeypatch, capsys, bandit_all, bandit_new, audit, strict, status, verdict):
    monkeypatch.setattr(supply_chain, "run", fake(bandit_all, bandit_new, audit))
    assert supply_chain.main(["--strict"] if strict else []) == status
    out = capsys.readouterr().out
    assert verdict in out
    if audit is None or (audit and audit["dependencies"] is SKIPPED):
        assert "SUPPLY CHAIN NOT FULLY CHECKED" in out  # loud, never a quiet pass


def test_the_reviewed_findings_are_only_mediums_of_our_own_code():
    baseline = json.loads((SCRIPT.parent.parent / ".ci" / "bandit-baseline.json").read_text())
    assert {r["issue_severity"] for r in baseline["results"]} == {"MEDIUM"}
    assert {(r["filename"], r["test_id"]) for r in baseline["results"]} == {
        ("desk/revisions.py", "B308"), ("desk/revisions.py", "B703"),  # diffs of escaped text
        ("public/search.py", "B611"), ("articles/queries.py", "B611"),  # RawSQL with parameters, constant SQL
        ("images/body.py", "B308"), ("images/body.py", "B703"),  # a sanitized body plus a rendered figure
        # UNIONs of querysets' own SQL with their parameters passed separately
        ("public/search.py", "B608"), ("public/views.py", "B608"),
    }


def test_bandit_finds_no_new_issue_in_the_code_as_it_is():
    if not importlib.util.find_spec("bandit"):
        pytest.skip("bandit is not installed")
    passed, summary = supply_chain.bandit()
    assert passed, summary
    assert summary.startswith("bandit: 0 high")
