from django.conf import settings
from django.utils import translation

from newsroom.languages import RTL_LANGUAGES


def site(request):
    """Site name and text direction for every template."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "SITE_NAME": settings.SITE_NAME,
        "TEXT_DIRECTION": "rtl" if language in RTL_LANGUAGES else "ltr",
    }
