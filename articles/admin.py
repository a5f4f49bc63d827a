"""The content parts of the article admin: inlines, the tag filter, the content columns and form.

The article's admin page is put together in ``newsroom.admin`` from three layers, each in the app
that owns its rules: this content base, the desk's workflow and saving (``desk.admin``) and the
translation tracking (``translations.admin``).
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.bylines import staff_label
from articles.forms import ArticleAdminForm
from articles.models import Article, Byline, Correction, Interviewee, Tag
from images.body import body_with_images


def article_admin_url(name: str, *args) -> str:
    """The address of one of the article admin's pages (``change``, ``preview``, ``coverage``…)."""
    return reverse(f"admin:articles_article_{name}", args=args)


class _LabelledRows:
    """Each cell labelled with its column's name, for narrow screens (static/admin_newsroom/admin.css)."""

    class Media:
        js = ["admin_newsroom/inline_labels.js"]


class BylineInline(_LabelledRows, admin.TabularInline):
    model = Byline
    extra = 1
    fields = ["position", "user", "name"]
    autocomplete_fields = ["user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "user" and field is not None:
            field.label_from_instance = staff_label  # names, not usernames (the search answers the same)
        return field


class IntervieweeInline(_LabelledRows, admin.TabularInline):
    model = Interviewee
    extra = 1
    fields = ["position", "person", "role", "affiliation"]
    autocomplete_fields = ["person", "affiliation"]
    verbose_name = _("interviewee")
    verbose_name_plural = _("interviewees")


class CorrectionInline(admin.StackedInline):
    """Public notes at the end of a published article. Shown once the article has been public."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name = _("public correction or update")
    verbose_name_plural = _("public corrections and updates")


class TagListFilter(admin.SimpleListFilter):
    """Articles carrying one tag, typed by name or slug. A big archive has thousands of tags: a link
    per tag made the article list a quarter of a megabyte and took ~120 ms to render."""

    title = _("tag")
    parameter_name = "tag"
    template = "admin/articles/article/tag_filter.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def tag(self):
        """The tag asked for: by slug, else by name in any case (None when there is none)."""
        if not hasattr(self, "_tag"):
            value = (self.value() or "").strip()
            self._tag = (Tag.objects.filter(slug=value).first() or Tag.objects.filter(name__iexact=value).first()) if value else None
        return self._tag

    def queryset(self, request, queryset):
        if self.value():
            tag = self.tag()
            return queryset.tagged(tag) if tag else queryset.none()
        return queryset

    def choices(self, changelist):
        keep = [(name, value) for name, value in changelist.params.items() if name not in (self.parameter_name, PAGE_VAR)]
        yield {
            "parameter": self.parameter_name,
            "value": self.value() or "",
            "tag": self.tag(),
            "keep": keep,
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
        }


class ArticleContentAdmin(admin.ModelAdmin):
    """What an article is: its fields, people, organizations, tags, bylines and public notes.

    The layers above extend ``article_context`` (what the change page shows beside the form) and
    ``get_urls`` (their own pages under the article), each calling ``super()``.
    """

    form = ArticleAdminForm
    list_display = ["headline", "kind", "language", "byline_names", "published_at", "updated_at"]
    list_filter = ["kind", "language", TagListFilter]
    show_full_result_count = False  # "5 results (100,000 total)" would count the whole archive again
    search_fields = ["headline", "dek", "slug", "dateline", "agency", "bylines__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["organizations"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [BylineInline, IntervieweeInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "kind", "language", "dateline", "agency", "body"]}),
        (_("Lead image"), {"fields": ["lead_image"]}),
        (_("People, organizations and tags"), {"fields": ["organizations", "tags", "new_tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "revised_at"]}),
        (_("Advanced"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["status", "published_at", "revised_at"]

    def get_fieldsets(self, request, obj=None):
        """Without the right to change the article, its form is read-only: no box for new tags."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        shown = {"body": "body_as_published"}  # the body as readers will see it, not its HTML
        return [(name, {**options, "fields": [shown.get(f, f) for f in options["fields"] if f != "new_tags"]})
                for name, options in fieldsets]

    @admin.display(description=_("body"))
    def body_as_published(self, article):
        return format_html(
            '<div class="article-body-read-only" lang="{}" dir="{}">{}</div>',
            article.language, article.direction, body_with_images(article.body),
        )

    # --- the list --------------------------------------------------------------------------

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__user")

    @admin.display(description=_("byline"))
    def byline_names(self, article):
        return ", ".join(b.display_name for b in article.bylines.all())

    def get_search_results(self, request, queryset, search_term):
        # A match in a byline name joins the bylines, so Django would make the list DISTINCT, and
        # PostgreSQL would compare whole articles (bodies included) to remove duplicates. Ask for the
        # matching ids instead: the same articles, each once, without the DISTINCT.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if may_have_duplicates:
            queryset = self.get_queryset(request).filter(pk__in=queryset.values("pk"))
        return queryset, False

    # --- the form --------------------------------------------------------------------------

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        been_public = obj is not None and obj.status in {Article.Status.PUBLISHED, Article.Status.WITHDRAWN}
        if been_public or (obj is not None and obj.corrections.exists()):
            return instances
        return [inline for inline in instances if not isinstance(inline, CorrectionInline)]

    # --- the change page -------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {**(extra_context or {}), **self.article_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def article_context(self, request, article) -> dict:
        """What the change page of ``article`` shows beside the form (the layers above add theirs)."""
        return {}

    # --- helpers of the pages the layers above add -----------------------------------------

    def _url(self, name, *args):
        return article_admin_url(name, *args)

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No such article."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article
