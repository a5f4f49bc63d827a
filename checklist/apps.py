from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from django.db.models.signals import post_migrate

from articles.signals import article_saved


class ChecklistConfig(AppConfig):
    name = "checklist"
    verbose_name = _("Checklist")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from checklist import services
        from desk import workflow

        # The workflow asks the checklist before review and before publication (one place: the
        # transition), and a saved body's new links are checked in the background.
        workflow.transition_check_register(name="checklist", check=services.checklist_findings)
        article_saved.connect(services.links_check_on_save, dispatch_uid="checklist-links-on-save")
        # Every rule of the code has its row to configure, a rule added later included.
        post_migrate.connect(services.rules_ensure_after_migrate, sender=self, dispatch_uid="checklist-rules-ensure")
