from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public site"

    def ready(self):
        # Imported here: Django loads apps.py before the models, and public.caching uses them.
        from public import caching

        # Any saved change readers could see retires the kept public pages (public.caching).
        caching.connect_signals()
