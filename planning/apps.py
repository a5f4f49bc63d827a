from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from articles.signals import article_transitioned


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from jobs import services as jobs
        from planning import services, tasks

        # A planned story's item follows its article: filed when submitted, published when published;
        # the item's translation assignments become translation requests once the source is out.
        article_transitioned.connect(services.item_follow_article, dispatch_uid="planning-follow-article")
        # Overdue assignments are marked and their editor told.
        jobs.periodic_register(name="planning.overdue_sweep", task=tasks.overdue_sweep, every=tasks.SWEEP_EVERY)
