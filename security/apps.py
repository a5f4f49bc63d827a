from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Per-address rate limits of the public endpoints that cost the most, and the
    Content-Security-Policy violation reports browsers send (SECURITY.md)."""

    name = "security"
    verbose_name = _("Security")
    default_auto_field = "django.db.models.BigAutoField"
