from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresenceConfig(AppConfig):
    name = "presence"
    verbose_name = _("Who has a story open")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from jobs import services as jobs
        from presence import tasks

        jobs.periodic_register(name="presence.forget_stale", task=tasks.presence_forget_sweep, every=tasks.FORGET_EVERY)
