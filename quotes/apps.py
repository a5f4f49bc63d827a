from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuotesConfig(AppConfig):
    name = "quotes"
    verbose_name = _("Quotes")

    def ready(self):
        # Imported here: Django loads apps.py before the models.
        from articles.signals import article_saved
        from quotes import services

        # A saved story keeps the quotes whose words are still in its body, at their paragraph.
        article_saved.connect(services.on_article_saved, dispatch_uid="quotes-follow-body")
