"""Reading Content-Security-Policy violation reports, in both formats browsers send:

* ``report-uri`` (``Content-Type: application/csp-report``): ``{"csp-report": {"document-uri": …}}``;
* the Reporting API's ``report-to`` (``application/reports+json``): a list of
  ``{"type": "csp-violation", "body": {"documentURL": …}}``.

``reports_store`` keeps at most ``MAX_REPORTS`` of one request, each field cut to its column's length,
and the newest ``CspReport.KEPT`` overall. Anything else is refused with ``ValidationError``.
"""

import json

from django.core.exceptions import ValidationError
from django.db import transaction

from newsroom.text import strip_bidi_controls
from security.models import CspReport

MAX_REPORTS = 20  # per request
NOT_A_REPORT = "Not a CSP violation report."

# Our field: (report-uri's key, the Reporting API's key)
FIELDS = {
    "document_uri": ("document-uri", "documentURL"),
    "violated_directive": ("effective-directive", "effectiveDirective"),
    "blocked_uri": ("blocked-uri", "blockedURL"),
    "source_file": ("source-file", "sourceFile"),
    "sample": ("script-sample", "sample"),
    "disposition": ("disposition", "disposition"),
}


def _parsed(body: bytes) -> list[tuple[dict, int]]:
    """The reports in ``body``, each with which naming it uses (0: report-uri, 1: Reporting API)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ValidationError(NOT_A_REPORT) from error
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [(data["csp-report"], 0)]
    if isinstance(data, list):
        found = [
            (item["body"], 1)
            for item in data[:MAX_REPORTS]
            if isinstance(item, dict) and item.get("type") == "csp-violation" and isinstance(item.get("body"), dict)
        ]
        if found:
            return found
    raise ValidationError(NOT_A_REPORT)


def _text(value, length: int) -> str:
    return strip_bidi_controls(value if isinstance(value, str) else "")[:length]


@transaction.atomic
def reports_store(*, body: bytes, user_agent: str = "") -> list[CspReport]:
    stored = []
    for report, naming in _parsed(body):
        fields = {
            name: _text(report.get(keys[naming]), CspReport._meta.get_field(name).max_length)
            for name, keys in FIELDS.items()
        }
        if not fields["violated_directive"] and naming == 0:  # older browsers name only this one
            fields["violated_directive"] = _text(report.get("violated-directive"), 200)
        line = report.get("line-number" if naming == 0 else "lineNumber")
        report_row = CspReport(
            **fields,
            line_number=line if isinstance(line, int) and 0 <= line < 2**31 else None,
            user_agent=_text(user_agent, 300),
        )
        report_row.full_clean()
        report_row.save()
        stored.append(report_row)
    newest = CspReport.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    CspReport.objects.filter(pk__lte=newest - CspReport.KEPT).delete()
    return stored
