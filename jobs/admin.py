"""The background tasks in the admin, for superusers: what ran, what waits, what failed and why.

It replaces django-tasks-db's own list (English only) with one in the staff's language.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from jobs.models import BackgroundTask

# What each of the project's tasks does, for people (by the task function's name).
TASK_LABELS = {
    "mail_send": _("Send e-mail"),
    "article_publish_when_due": _("Publish a scheduled story"),
    "publish_due_sweep": _("Look for scheduled stories that are due"),
    "renditions_make": _("Make a picture's renditions"),
    "edge_purge": _("Purge pages at the edge cache"),
    "embargoes_release": _("Purge stories whose embargo lifted"),
    "delivery_send": _("Push a story to a subscriber's webhook"),
    "deliveries_retry_due": _("Retry the webhook pushes that are due"),
    "feeds_poll": _("Read the partner agencies' feeds"),
}
STATUS_LABELS = {
    TaskResultStatus.READY: _("Waiting"),
    TaskResultStatus.RUNNING: _("Running"),
    TaskResultStatus.SUCCESSFUL: _("Done"),
    TaskResultStatus.FAILED: _("Failed"),
}

if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return list(STATUS_LABELS.items())

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(BackgroundTask)
class BackgroundTaskAdmin(admin.ModelAdmin):
    list_display = ["task", "state", "enqueued", "due", "finished"]
    list_filter = [StatusFilter]
    ordering = ["-enqueued_at"]
    fields = ["task", "state", "enqueued", "due", "started", "finished", "workers", "error"]
    readonly_fields = fields

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("task"), ordering="task_path")
    def task(self, row):
        name = row.task_path.rsplit(".", 1)[-1]
        return TASK_LABELS.get(name, name)

    @admin.display(description=_("status"), ordering="status")
    def state(self, row):
        return format_html('<span class="task-status task-{}">{}</span>', row.status.lower(),
                           STATUS_LABELS.get(row.status, row.status))

    @admin.display(description=_("enqueued"), ordering="enqueued_at")
    def enqueued(self, row):
        return row.enqueued_at

    @admin.display(description=_("due"), ordering="run_after")
    def due(self, row):
        return "—" if row.run_after == get_date_max() else row.run_after  # the backend's "at once"

    @admin.display(description=_("started"), ordering="started_at")
    def started(self, row):
        return row.started_at

    @admin.display(description=_("finished"), ordering="finished_at")
    def finished(self, row):
        return row.finished_at

    @admin.display(description=_("workers"))
    def workers(self, row):
        return ", ".join(row.worker_ids)

    @admin.display(description=_("error"))
    def error(self, row):
        return format_html("<pre>{}</pre>", row.traceback) if row.traceback else "—"
