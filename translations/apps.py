from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from articles.signals import article_saved, article_transitioned


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from translations import services

        # A saved source may make its translations outdated: their translators are told.
        article_saved.connect(services.source_saved, sender=None, dispatch_uid="translations-source-saved")
        # Publishing a version completes the translation requests it answers.
        article_transitioned.connect(
            services.requests_complete_on_publish, dispatch_uid="translations-requests-complete"
        )
