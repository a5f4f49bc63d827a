"""Suggestions for the search form's tag, person and organization boxes.

``/<lang>/search/suggest/?field=person&q=ra`` answers JSON: at most ten public names with a word
starting with ``q`` (``public_names.suggest``), ``{"field": …, "q": …, "suggestions": [{"value":
…, "label": …}]}``. ``static/js/search.js`` asks it as the reader types and fills the box's
``<datalist>``. One query whatever the size of the archive, and a public page: kept in the page
cache under the content generation, so never stale (public/caching.py).
"""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from newsroom.outage import answers_json
from public import keys, public_names, seo
from public.caching import public_page
from security.ratelimit import rate_limited


def json_response(data, *, status: int = 200) -> HttpResponse:
    return HttpResponse(seo.safe_json(data, compact=True), status=status, content_type="application/json")


@answers_json  # in an outage too (newsroom/outage.py)
@require_safe
@public_page
@rate_limited("suggest", json=True)  # counted only when not answered by the page cache
def search_suggest(request):
    keys.shows(keys.NAMES)
    kind = request.GET.get("field", "")
    if kind not in public_names.KINDS:
        return json_response({"error": f"field must be one of: {', '.join(public_names.KINDS)}"}, status=400)
    text = " ".join(request.GET.get("q", "").split())[: public_names.LONGEST]
    return json_response({"field": kind, "q": text, "suggestions": public_names.suggest(kind, text)})
