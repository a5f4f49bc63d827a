from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from articles.signals import article_transitioned


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editorial desk")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from desk import notifications, tasks
        from jobs import services as jobs

        # A workflow step's e-mails (to editors on submission, to authors on return, publication and
        # withdrawal), sent once the step is committed.
        article_transitioned.connect(notifications.transition_notify, dispatch_uid="desk-transition-notify")
        # A scheduled story is published at its time by a background task.
        article_transitioned.connect(tasks.schedule_on_transition, dispatch_uid="desk-schedule-publication")
        jobs.periodic_register(name="desk.publish_due_sweep", task=tasks.publish_due_sweep, every=tasks.SWEEP_EVERY)
