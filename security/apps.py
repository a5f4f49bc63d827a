from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Per-address rate limits of the public endpoints that cost the most, and the
    Content-Security-Policy violation reports browsers send (SECURITY.md)."""

    name = "security"
    verbose_name = "Security"
    default_auto_field = "django.db.models.BigAutoField"
