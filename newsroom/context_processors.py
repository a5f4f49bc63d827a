from django.conf import settings
from django.utils import translation

from newsroom import languages


def site(request):
    """Site name and text direction for every template."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "SITE_NAME": settings.SITE_NAME,
        "TEXT_DIRECTION": languages.direction(language),
    }
