from django.apps import AppConfig, apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_save

from newsroom.database import connection_started
from newsroom.roles import sync_roles
from newsroom.text import strip_on_save


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
        # SQLite's WAL mode, left alone on a read-only file (newsroom/database.py).
        connection_created.connect(connection_started, dispatch_uid="newsroom-connection-started")
        # No bidirectional override is ever stored, whoever saves (newsroom/text.py).
        pre_save.connect(strip_on_save, dispatch_uid="newsroom-strip-bidi-controls")
