"""Machine-readable times for ``<time datetime>`` and meta tags: ``{% load datetimes %}``,
``{{ article.published_at|iso_datetime }}``.

Django's ``|date:'c'`` writes every digit of the microseconds it has (``…T10:30:00.123456+00:00``);
HTML allows at most three, so the Nu HTML checker refused every story card. To the second is all a
reader's browser or a search engine needs.
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_datetime(value) -> str:
    """``2026-05-01T10:30:00+03:00`` in the site's time zone (a date stays ``2026-05-01``); empty for
    anything else."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
