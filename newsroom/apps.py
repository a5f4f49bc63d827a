from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate

from newsroom.roles import sync_roles


def _sync_roles_after_migrate(sender, **kwargs):
    sync_roles()


class NewsroomConfig(AppConfig):
    """The project itself: the staff user admin, the article admin put together (``newsroom.admin``),
    the roles, the middleware and the site-wide views."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Data migrations create the roles; this keeps them complete after every `migrate`, whatever
        # order the apps' migrations ran in (a roles migration cannot grant a model not created yet).
        # Roles are groups of django.contrib.auth: kept in step once its post_migrate runs.
        post_migrate.connect(
            _sync_roles_after_migrate, sender=apps.get_app_config("auth"), dispatch_uid="newsroom-sync-roles"
        )
