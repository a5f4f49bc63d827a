from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from articles.signals import article_saved, article_transitioned


class WireConfig(AppConfig):
    name = "wire"
    verbose_name = _("Wire (syndication)")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from backups.signals import database_restored
        from jobs import services as jobs
        from wire import documents, ingest, services, webhooks

        # Each version of a story subscribers receive is kept as its ninjs document and pushed to
        # their webhooks, in the transaction of the step or the save that made it.
        article_transitioned.connect(services.on_transition, dispatch_uid="wire-on-transition")
        article_saved.connect(services.on_save, dispatch_uid="wire-on-save")
        database_restored.connect(documents.database_restored, dispatch_uid="wire-documents-database-restored")
        jobs.periodic_register(
            name="wire.deliveries_retry_due", task=webhooks.deliveries_retry_due, every=webhooks.RETRY_SWEEP_EVERY
        )
        # Partner agencies' feeds, read every few minutes.
        jobs.periodic_register(name="wire.feeds_poll", task=ingest.feeds_poll, every=ingest.POLL_EVERY)
