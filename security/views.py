"""``POST /csp-report/``: where browsers send Content-Security-Policy violation reports.

Open to anyone (browsers send no cookie or CSRF token with a report), so it is bounded: at most
``MAX_BYTES`` per request (413 beyond), ``RATE_LIMITS["csp-report"]`` per address (429), and the
newest ``CspReport.KEPT`` reports kept. Answers 204 No Content; a body that is not a report gets 400.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsroom.outage import answers_json
from security import reports
from security.ratelimit import rate_limited

MAX_BYTES = 16 * 1024


@answers_json
@csrf_exempt
@require_POST
@rate_limited("csp-report", json=True)
def csp_report(request):
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BYTES:
        return JsonResponse({"error": f"A report is at most {MAX_BYTES} bytes."}, status=413)
    body = request.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        return JsonResponse({"error": f"A report is at most {MAX_BYTES} bytes."}, status=413)
    try:
        reports.reports_store(body=body, user_agent=request.headers.get("User-Agent", ""))
    except ValidationError as refusal:
        return JsonResponse({"error": " ".join(refusal.messages)}, status=400)
    return HttpResponse(status=204)
