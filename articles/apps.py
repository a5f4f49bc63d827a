from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles_after_migrate(sender, **kwargs):
    from articles.roles import sync_roles

    sync_roles()


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self):
        # Data migrations create the roles; this keeps them complete after every `migrate`, whatever
        # order the apps' migrations ran in (a roles migration cannot grant a model not created yet).
        post_migrate.connect(_sync_roles_after_migrate, sender=self, dispatch_uid="newsroom-sync-roles")
        # Any saved change readers could see retires the cached public pages (articles.caching).
        from articles.caching import connect_signals

        connect_signals()
