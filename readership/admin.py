from django.contrib import admin

from readership.models import MostRead


@admin.register(MostRead)
class MostReadAdmin(admin.ModelAdmin):
    """The lists as the last tally left them (read-only: they are computed, docs/READERSHIP.md)."""

    list_display = ("language", "section", "window", "article_ids", "computed_at")
    list_filter = ("language", "window")
    list_select_related = ["section"]  # nullable: a bare select_related() would not follow it

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
