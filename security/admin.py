"""CSP violation reports, for superusers only, read-only (they may delete what they have read)."""

from django.contrib import admin

from security.models import CspReport


@admin.register(CspReport)
class CspReportAdmin(admin.ModelAdmin):
    list_display = ["received_at", "violated_directive", "blocked_uri", "document_uri", "source_file", "line_number"]
    list_filter = ["violated_directive", "disposition", "received_at"]
    search_fields = ["document_uri", "blocked_uri", "source_file", "sample"]
    date_hierarchy = "received_at"
    readonly_fields = [field.name for field in CspReport._meta.fields]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
