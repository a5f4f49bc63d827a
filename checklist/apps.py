from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

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
