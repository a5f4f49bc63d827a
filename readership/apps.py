from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "readership"
    verbose_name = _("Most read")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from jobs import services as jobs
        from readership import tasks

        jobs.periodic_register(name="readership.tally", task=tasks.readership_tally, every=tasks.TALLY_EVERY)
