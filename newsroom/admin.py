"""The admin put together: the staff accounts, and the article admin from the layers of three apps.

The article's admin page is the content base (``articles.admin``) with the desk's workflow, saving
and previews (``desk.admin``) and the translation tracking (``translations.admin``) mixed in, each
calling ``super()`` so that a part added later mixes in the same way (docs/ARCHITECTURE.md). The
project is the one place that knows all three, as ``newsroom.urls`` is for addresses.
"""

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin import ArticleContentAdmin, TagListFilter
from articles.bylines import staff_label
from articles.models import Article
from desk import workflow
from desk.admin import DeskAdminMixin, QueueFilter
from drafts.admin import DraftAdminMixin
from fronts.admin import ArticleSectionInline
from live.admin import LiveArticleAdminMixin
from newsroom import roles
from people.admin import AffiliationAdmin, OrganizationAdmin, PersonAdmin
from people.models import Affiliation, Organization, Person
from presence.admin import PresenceAdminMixin
from quotes.admin import QuoteAdminBase, QuoteInline, find_quotes
from quotes.models import Quote
from register_review.admin import EditorsOnlyAdminMixin, ReviewedChangeAdminMixin
from translations.admin import TranslationAdminMixin, TranslationListFilter

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom admin")
admin.site.index_title = _("Newsroom")


def manages_staff(user) -> bool:
    """Who may see staff accounts in full (e-mail, flags, groups): those who may change them."""
    return user.has_perm("auth.change_user")


class NewsroomUserAdmin(UserAdmin):
    """Django's user admin, plus: giving someone a role gives them staff access.

    Reporters, translators and editors see the staff list only to pick bylines: names and usernames
    of active staff, no e-mail, no flags, no account pages.
    """

    def get_queryset(self, request):
        rows = super().get_queryset(request)
        return rows if manages_staff(request.user) else rows.filter(is_staff=True, is_active=True)

    def get_list_display(self, request):
        return super().get_list_display(request) if manages_staff(request.user) else ["staff_name"]

    def get_list_display_links(self, request, list_display):
        return super().get_list_display_links(request, list_display) if manages_staff(request.user) else None

    def get_list_filter(self, request):
        return super().get_list_filter(request) if manages_staff(request.user) else []

    def get_search_fields(self, request):
        return super().get_search_fields(request) if manages_staff(request.user) else [
            "username", "first_name", "last_name"]

    def has_view_permission(self, request, obj=None):
        if obj is not None and not manages_staff(request.user):
            return False  # an account's page shows its e-mail, groups and flags
        return super().has_view_permission(request, obj)

    @admin.display(description=_("name"))
    def staff_name(self, user):
        return staff_label(user)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if roles.user_staff_sync(user=form.instance):
            self.message_user(request, format_html(
                gettext("{user} now has staff access (a newsroom role)."), user=format_html("<bdi>{}</bdi>", form.instance)
            ))


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), NewsroomUserAdmin)


class NamesAutocomplete(AutocompleteJsonView):
    """The admin's search-as-you-type boxes, answering staff members by name (a byline's user)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, get_user_model()):
            result["text"] = staff_label(obj)
        return result


def _autocomplete_view(request):
    return NamesAutocomplete.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = _autocomplete_view  # read by admin.site.get_urls()


class ReviewedPersonAdmin(ReviewedChangeAdminMixin, PersonAdmin):
    """A reporter's change to a person waits for an editor (docs/REGISTER-REVIEW.md)."""


class ReviewedOrganizationAdmin(ReviewedChangeAdminMixin, OrganizationAdmin):
    """A change to an organization by someone who is not an editor waits for an editor."""


class ReviewedAffiliationAdmin(EditorsOnlyAdminMixin, AffiliationAdmin):
    """A role added on its own page would skip the review: there, editors only."""


for model, model_admin in ((Person, ReviewedPersonAdmin), (Organization, ReviewedOrganizationAdmin),
                           (Affiliation, ReviewedAffiliationAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(Article)
class ArticleAdmin(LiveArticleAdminMixin, PresenceAdminMixin, DraftAdminMixin, TranslationAdminMixin, DeskAdminMixin,
                   ArticleContentAdmin):
    class Media:
        css = {"all": ["admin_newsroom/admin.css", "admin_newsroom/translation.css", "admin_newsroom/editing.css"]}

    list_display = ["headline", "status_badge", "kind", "language", "translation_flag", "byline_names",
                    "published_at", "updated_at"]
    list_filter = [QueueFilter, "status", "kind", "language", TranslationListFilter, TagListFilter]
    # The story's sections (fronts/) and its quotes (quotes/).
    inlines = [*ArticleContentAdmin.inlines, ArticleSectionInline, QuoteInline]
    actions = [find_quotes]


@admin.register(Quote)
class QuoteAdmin(QuoteAdminBase):
    """A story's quotes change with the story: who may edit it (the desk's rule)."""

    may_edit_story = staticmethod(workflow.can_edit)
