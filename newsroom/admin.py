"""The admin put together: the staff accounts, and the article admin from the layers of three apps.

The article's admin page is the content base (``articles.admin``) with the desk's workflow, saving
and previews (``desk.admin``) and the translation tracking (``translations.admin``) mixed in, each
calling ``super()`` so that a part added later mixes in the same way (docs/ARCHITECTURE.md). The
project is the one place that knows all three, as ``newsroom.urls`` is for addresses.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleContentAdmin, TagListFilter
from articles.models import Article
from desk.admin import DeskAdminMixin, QueueFilter
from live.admin import LiveArticleAdminMixin
from newsroom import roles
from translations.admin import TranslationAdminMixin, TranslationListFilter

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Newsroom")


class NewsroomUserAdmin(UserAdmin):
    """Django's user admin, plus: giving someone a role gives them staff access."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if roles.user_staff_sync(user=form.instance):
            self.message_user(request, format_html(
                gettext("{user} now has staff access (a newsroom role)."), user=format_html("<bdi>{}</bdi>", form.instance)
            ))


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), NewsroomUserAdmin)


@admin.register(Article)
class ArticleAdmin(LiveArticleAdminMixin, TranslationAdminMixin, DeskAdminMixin, ArticleContentAdmin):
    class Media:
        css = {"all": ["admin_newsroom/admin.css", "admin_newsroom/translation.css"]}

    list_display = ["headline", "status_badge", "kind", "language", "translation_flag", "byline_names",
                    "published_at", "updated_at"]
    list_filter = [QueueFilter, "status", "kind", "language", TranslationListFilter, TagListFilter]
