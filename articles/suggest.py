"""Suggestions for the search form's tag, person and organization boxes.

``/<lang>/search/suggest/?field=person&q=ra`` answers JSON: at most ten public names with a word
starting with ``q`` (``public_names.suggest``), ``{"field": …, "q": …, "suggestions": [{"value":
…, "label": …}]}``. ``static/js/search.js`` asks it as the reader types and fills the box's
``<datalist>``. One query whatever the size of the archive, and a public page: kept in the page
cache under the content generation, so never stale (articles/caching.py).
"""

import json

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from articles import public_names
from articles.caching import public_page

# In the JSON, "<", ">" and "&" are written as \u escapes: a browser that took the answer for HTML
# would still find no markup in it.
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_response(data, *, status: int = 200) -> HttpResponse:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return HttpResponse(text, status=status, content_type="application/json")


@require_safe
@public_page
def search_suggest(request):
    kind = request.GET.get("field", "")
    if kind not in public_names.KINDS:
        return json_response({"error": f"field must be one of: {', '.join(public_names.KINDS)}"}, status=400)
    text = " ".join(request.GET.get("q", "").split())[: public_names.LONGEST]
    return json_response({"field": kind, "q": text, "suggestions": public_names.suggest(kind, text)})
