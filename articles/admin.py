from django.contrib import admin

from articles.forms import ArticleAdminForm
from articles.models import Article, Byline, Correction, Interviewee


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    fields = ["position", "user", "name"]
    autocomplete_fields = ["user"]


class IntervieweeInline(admin.TabularInline):
    model = Interviewee
    extra = 1
    fields = ["position", "person", "role", "affiliation"]
    autocomplete_fields = ["person", "affiliation"]
    verbose_name = "interviewee"


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name = "public correction or update"


class TagListFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        from taggit.models import Tag

        used = Tag.objects.filter(articles__isnull=False).distinct().order_by("name")
        return [(tag.slug, tag.name) for tag in used]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Newsroom"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm

    class Media:
        css = {"all": ["admin_newsroom/admin.css"]}

    list_display = ["headline", "kind", "language", "status", "published_at", "updated_at"]
    list_filter = ["status", "kind", "language", TagListFilter]
    search_fields = ["headline", "dek", "slug", "dateline", "agency", "bylines__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["organizations"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [BylineInline, IntervieweeInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "kind", "language", "dateline", "agency", "body"]}),
        ("Lead image", {"fields": ["lead_image"]}),
        ("People, organizations and tags", {"fields": ["organizations", "tags", "new_tags"]}),
        ("Publication", {"fields": ["status", "published_at"]}),
        ("Advanced", {"fields": ["slug"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["status", "published_at"]
