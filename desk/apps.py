from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from articles.signals import article_transitioned


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editorial desk")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from desk import notifications

        # A workflow step's e-mails (to editors on submission, to authors on return, publication and
        # withdrawal), sent once the step is committed.
        article_transitioned.connect(notifications.transition_notify, dispatch_uid="desk-transition-notify")
