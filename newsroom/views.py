"""Site-wide responses that belong to no edition: robots.txt, the favicon and the server-error page."""

import sys
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from newsroom import languages, outage

FAVICON = Path(settings.BASE_DIR) / "static" / "img" / "favicon.ico"  # scripts/make_favicon.py

@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code in languages.codes():
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines += [
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap-index')}",
        f"Sitemap: {settings.SITE_URL}{reverse('news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request):
    """``/favicon.ico``: browsers ask for it on every site, whatever the page links."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")


def server_error(request, template_name="500.html"):
    """The 500 page in the reader's language, rendered without touching the database.

    A database that is down is not a bug of the page: that answers 503 (``newsroom.outage``).
    """
    error = sys.exc_info()[1]
    if outage.is_database_unavailable(error):
        return outage.database_unavailable(request, error)
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "LANGUAGE_CODE": language,
        "TEXT_DIRECTION": languages.direction(language),
        "SITE_NAME": settings.SITE_NAME,
    }
    return HttpResponseServerError(loader.get_template(template_name).render(context))
