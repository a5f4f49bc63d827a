from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from checklist.models import ChecklistRule, LinkCheck
from checklist.rules import RULES


@admin.register(ChecklistRule)
class ChecklistRuleAdmin(admin.ModelAdmin):
    """The rules editors configure, on one page: on/off, blocking or warning, when, the threshold.
    The rules themselves are the code's (``checklist.rules``): rows are changed, never added."""

    list_display = ["rule", "enabled", "severity", "at_review", "at_publication", "threshold", "threshold_meaning",
                    "updated_at", "updated_by"]
    list_display_links = ["rule"]
    list_editable = ["enabled", "severity", "at_review", "at_publication", "threshold"]
    list_select_related = ["updated_by"]
    fields = ["rule", "enabled", "severity", "at_review", "at_publication", "threshold", "threshold_meaning"]
    readonly_fields = ["rule", "threshold_meaning"]

    @admin.display(description=_("rule"))
    def rule(self, row):
        return str(row)

    @admin.display(description=_("the threshold means"))
    def threshold_meaning(self, row):
        rule = RULES.get(row.key)
        return str(rule.threshold_label) if rule and rule.threshold_label else "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """What the link checker found, read-only (the task writes it)."""

    list_display = ["url", "ok", "status_code", "error", "article", "checked_at"]
    list_filter = ["ok"]
    list_select_related = ["article"]
    search_fields = ["url"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
