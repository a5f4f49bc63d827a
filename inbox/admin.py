"""Each member of staff's inbox in the admin: unread first, opened with one click (which marks it
read), all marked read at once, and the choice to have it by e-mail too. Nobody sees another's."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from inbox import services
from inbox.models import Item, Preference


class UnreadFilter(admin.SimpleListFilter):
    title = _("shown")
    parameter_name = "unread"

    def lookups(self, request, model_admin):
        return [("1", _("Unread"))]

    def queryset(self, request, queryset):
        return queryset.filter(read_at__isnull=True) if self.value() == "1" else queryset


@admin.register(Item)
class InboxAdmin(admin.ModelAdmin):
    list_display = ["state", "item", "sender", "created_at"]
    list_display_links = None
    list_filter = [UnreadFilter]
    list_select_related = ["actor"]
    actions = ["mark_read"]
    change_list_template = "admin/inbox/item/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    # Every member of staff has an inbox of their own: no model permission is needed to see it.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.recipient_id == request.user.pk)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def state(self, item):
        if item.is_unread:
            return format_html('<span class="inbox-unread">{}</span>', gettext("New"))
        return ""

    @admin.display(description=_("item"))
    def item(self, item):
        url = reverse("admin:inbox_item_open", args=[item.pk])
        text = format_html('<a href="{}"><bdi>{}</bdi></a>', url, item.title)
        if item.body:
            text += format_html('<br><span class="inbox-body" dir="auto">{}</span>', item.body.splitlines()[0])
        return text

    @admin.display(description=_("from"), ordering="actor__first_name")
    def sender(self, item):
        return (item.actor.get_full_name() or item.actor.get_username()) if item.actor else "—"

    @admin.action(description=_("Mark as read"))
    def mark_read(self, request, queryset):
        services.inbox_mark_read(user=request.user, item_ids=queryset.values_list("pk", flat=True))

    def changelist_view(self, request, extra_context=None):
        preference = Preference.objects.filter(user=request.user).first()
        extra_context = {**(extra_context or {}), "email_on": preference is None or preference.email,
                         "unread": services.inbox_unread_count(request.user)}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:item_id>/open/", wrap(self.open_view), name="inbox_item_open"),
            path("read/", wrap(self.read_all_view), name="inbox_item_read_all"),
            path("email/", wrap(self.email_view), name="inbox_item_email"),
        ] + super().get_urls()

    def open_view(self, request, item_id):
        """Open an item: marked read, and on to what it is about (an address on this site)."""
        item = get_object_or_404(Item, pk=item_id, recipient=request.user)
        if item.read_at is None:
            Item.objects.filter(pk=item.pk).update(read_at=timezone.now())
        target = item.url if url_has_allowed_host_and_scheme(item.url, {request.get_host()}) else ""
        return HttpResponseRedirect(target or reverse("admin:inbox_item_changelist"))

    @method_decorator(require_POST)
    def read_all_view(self, request):
        count = services.inbox_mark_read(user=request.user)
        self.message_user(request, gettext("All read (%(count)d).") % {"count": count}, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:inbox_item_changelist"))

    @method_decorator(require_POST)
    def email_view(self, request):
        on = request.POST.get("email") == "on"
        services.inbox_set_email(user=request.user, email=on)
        self.message_user(request, gettext("You will also get these by e-mail.") if on
                          else gettext("You will see these here only, not by e-mail."), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:inbox_item_changelist"))
