from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Public site")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and public.invalidation uses them.
        from jobs import services as jobs
        from public import invalidation

        # Any saved change readers could see retires the pages that show it (public.invalidation).
        invalidation.connect()
        jobs.periodic_register(name="public.embargoes_release", task=invalidation.embargoes_release,
                               every=invalidation.EMBARGO_SWEEP_EVERY)
