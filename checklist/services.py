"""The checklist, evaluated: which configured rules a story fails before review or publication.

``checklist_findings`` is registered with the workflow (``desk.workflow.transition_check_register``,
in ``ChecklistConfig.ready``): the workflow's transition refuses a step over a blocking item and
asks an editor for a note over warnings, so the rule holds for every caller, not only the admin's
buttons. ``links_check_on_save`` (a receiver of ``article_saved``) sends a story's new links to the
link-checking task.
"""

from __future__ import annotations

from checklist import tasks
from checklist.models import ChecklistRule, LinkCheck, Severity
from checklist.rules import RULES, links_in
from desk.workflow import REVIEW, Finding
from jobs import services as jobs


def checklist_rules() -> list[ChecklistRule]:
    """Every rule's configuration, in the order of ``RULES``; a rule without a row (added after the
    last migration) has its defaults."""
    rows = {row.key: row for row in ChecklistRule.objects.all()}
    return [
        rows.get(key) or ChecklistRule(key=key, enabled=rule.enabled, severity=rule.severity, threshold=rule.threshold)
        for key, rule in RULES.items()
    ]


def checklist_rules_ensure() -> int:
    """Give each rule of ``RULES`` without a row its row, with the rule's defaults; how many."""
    existing = set(ChecklistRule.objects.values_list("key", flat=True))
    missing = [ChecklistRule(key=key, enabled=rule.enabled, severity=rule.severity, threshold=rule.threshold)
               for key, rule in RULES.items() if key not in existing]
    ChecklistRule.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def rules_ensure_after_migrate(sender, **kwargs) -> None:
    """Receiver of ``post_migrate`` (``ChecklistConfig.ready``)."""
    checklist_rules_ensure()


def checklist_findings(article, stage: str) -> list[Finding]:
    """The failed items of the rules that are on for ``stage`` (REVIEW or PUBLICATION)."""
    findings = []
    for row in checklist_rules():
        if not row.enabled or not (row.at_review if stage == REVIEW else row.at_publication):
            continue
        rule = RULES[row.key]
        outcome = rule.check(article, row)
        if outcome is not None and not outcome.passed:
            findings.append(Finding(row.key, rule.label, row.severity == Severity.BLOCKING, outcome.detail))
    return findings


def links_unchecked(article) -> list[str]:
    checked = set(LinkCheck.objects.filter(article=article).values_list("url", flat=True))
    return [url for url in links_in(article.body) if url not in checked]


def links_check_on_save(sender, *, article, revision=None, **kwargs) -> None:
    """Receiver of ``article_saved``: a body with links not checked yet has them checked, in the
    background, once the save commits."""
    if revision is not None and links_unchecked(article):
        jobs.enqueue(tasks.article_links_check, article.pk)
