"""The budget as a PDF made on the server (WeasyPrint), for the morning meeting's printout: the same
list as the page, in the reader's language and direction, with nothing fetched from anywhere (the
document is self-contained; any address in it is refused)."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone, translation
from newsroom import languages


class NothingFetched(Exception):
    """A PDF of the budget loads no image, style or font from an address."""


def _refuse_fetch(url: str, *args, **kwargs):
    raise NothingFetched(url)


def budget_pdf(*, day: date, by_desk: dict) -> bytes:
    language = translation.get_language() or "en"
    html = render_to_string("admin/planning/budget_pdf.html", {
        "day": day, "by_desk": by_desk, "language": language, "direction": languages.direction(language),
        "now": timezone.now(), "count": sum(len(items) for items in by_desk.values()),
    })
    # Imported when a PDF is asked for: WeasyPrint loads Pango and its fonts, which every other
    # request and every process that never makes a PDF (workers, commands) need not pay for.
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
