from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live coverage")

    def ready(self):
        # Imported here: Django loads apps.py before the models, and these modules use them.
        from articles.models import Article
        from live import reader
        from public.views import article_kind_register

        # A live story's page shows its entries and describes itself as a LiveBlogPosting.
        article_kind_register(Article.Kind.LIVE, reader.live_parts)
