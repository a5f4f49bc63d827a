from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and public.caching uses them.
        from public import caching

        # Any saved change readers could see retires the kept public pages (public.caching).
        caching.connect_signals()
