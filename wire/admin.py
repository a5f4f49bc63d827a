"""The wire in the admin: subscribers and their keys (a new key shown once), the requests per day,
the versions sent out, each subscriber's delivery log with replay, partner agencies and the incoming
queue (a proposal turned into a draft, an update shown as a diff against our draft).
The admin only shows and delegates: the rules are in ``wire.services``, ``webhooks`` and ``ingest``."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom import languages
from wire import ingest, services, webhooks
from wire.models import ApiKey, Delivery, Incoming, ItemVersion, Partner, RequestDay, Subscriber

KEY_SHOWN_ONCE = _("The new API key of “%(name)s”, shown this once: %(key)s")
SECRET_SHOWN = _("The webhook signing secret of “%(name)s”: %(secret)s")


class SubscriberForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"), choices=languages.LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    sections = forms.MultipleChoiceField(
        label=_("sections"), choices=Article.Kind.choices, widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("The kinds of story it receives; none ticked: all of them."),
    )

    class Meta:
        model = Subscriber
        fields = ["name", "languages", "sections", "embargo", "webhook_url", "active"]


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    extra = 0
    can_delete = False
    fields = ["prefix", "label", "per_minute", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]

    def has_add_permission(self, request, obj=None):
        return False  # a key is made by the "new API key" action, which shows it once


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = SubscriberForm
    list_display = ["name", "languages_shown", "embargo", "active", "requests_today", "deliveries_link"]
    list_filter = ["embargo", "active"]
    search_fields = ["name"]
    inlines = [ApiKeyInline]
    actions = ["key_new", "secret_new"]

    @admin.display(description=_("languages"))
    def languages_shown(self, obj):
        return ", ".join(languages.name(code) for code in obj.languages if code in languages.codes())

    def get_queryset(self, request):
        today = RequestDay.objects.filter(subscriber=OuterRef("pk"), day=timezone.localdate()).values("count")[:1]
        return super().get_queryset(request).annotate(today=Subquery(today))

    @admin.display(description=_("requests today"))
    def requests_today(self, obj):
        return getattr(obj, "today", None) or 0

    @admin.display(description=_("deliveries"))
    def deliveries_link(self, obj):
        url = reverse("admin:wire_delivery_changelist") + f"?subscriber__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, gettext("Delivery log"))

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        try:
            made, key = services.subscriber_create(
                name=obj.name, language_codes=form.cleaned_data["languages"], sections=form.cleaned_data["sections"],
                embargo=obj.embargo, webhook_url=obj.webhook_url, user=request.user,
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            raise
        obj.pk = made.pk
        obj.webhook_secret = made.webhook_secret
        self.message_user(request, KEY_SHOWN_ONCE % {"name": made.name, "key": key}, messages.WARNING)
        if made.webhook_secret:
            self.message_user(request, SECRET_SHOWN % {"name": made.name, "secret": made.webhook_secret}, messages.WARNING)

    @admin.action(description=_("Make a new API key (shown once)"))
    def key_new(self, request, queryset):
        for subscriber in queryset:
            _made, key = services.key_create(subscriber=subscriber, user=request.user)
            self.message_user(request, KEY_SHOWN_ONCE % {"name": subscriber.name, "key": key}, messages.WARNING)

    @admin.action(description=_("Make a new webhook signing secret (shown once)"))
    def secret_new(self, request, queryset):
        for subscriber in queryset:
            secret = services.webhook_secret_renew(subscriber=subscriber)
            self.message_user(request, SECRET_SHOWN % {"name": subscriber.name, "secret": secret}, messages.WARNING)


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["prefix", "subscriber", "label", "per_minute", "created_at", "last_used_at", "active_shown"]
    list_select_related = ["subscriber"]
    list_filter = ["subscriber"]
    fields = ["subscriber", "prefix", "label", "per_minute", "created_at", "revoked_at"]
    readonly_fields = ["subscriber", "prefix", "created_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("active"), boolean=True)
    def active_shown(self, obj):
        return obj.is_active

    @admin.action(description=_("Revoke the selected keys (at once)"))
    def revoke(self, request, queryset):
        for api_key in queryset:
            services.key_revoke(api_key=api_key)
        self.message_user(request, ngettext("%(count)d key revoked.", "%(count)d keys revoked.", len(queryset))
                          % {"count": len(queryset)})


@admin.register(RequestDay)
class RequestDayAdmin(admin.ModelAdmin):
    """Requests per day per subscriber: what billing reads."""

    list_display = ["day", "subscriber", "count"]
    list_select_related = ["subscriber"]
    list_filter = ["subscriber"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        try:
            shown = response.context_data["cl"].queryset
        except (AttributeError, KeyError):
            return response
        response.context_data["title"] = gettext("Requests per day: %(total)s in the rows shown") % {
            "total": shown.aggregate(total=Sum("count"))["total"] or 0
        }
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ItemVersion)
class ItemVersionAdmin(ReadOnlyAdmin):
    list_display = ["article", "version", "event", "created_at"]
    list_select_related = ["article"]
    list_filter = ["event"]
    search_fields = ["article__headline"]
    readonly_fields = ["article", "version", "event", "document", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    """Each subscriber's delivery log (filter by subscriber), with "send again"."""

    list_display = ["created_at", "subscriber", "item", "state", "attempts", "last_status", "next_attempt_at"]
    list_filter = ["state", "subscriber"]
    list_select_related = ["subscriber", "item__article"]
    readonly_fields = ["subscriber", "item", "article", "state", "attempts", "next_attempt_at", "last_status",
                       "last_error", "created_at", "delivered_at"]
    fields = readonly_fields
    actions = ["replay"]

    @admin.action(description=_("Send the selected deliveries again"))
    def replay(self, request, queryset):
        for delivery in queryset:
            webhooks.delivery_replay(delivery=delivery)
        self.message_user(request, ngettext("%(count)d delivery will be sent again.",
                                            "%(count)d deliveries will be sent again.", len(queryset))
                          % {"count": len(queryset)})


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "language", "feed_kind", "feed_url", "active"]
    list_filter = ["active", "feed_kind"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Incoming)
class IncomingAdmin(ReadOnlyAdmin):
    """The incoming queue: proposals, drafts made of them, malformed documents with their error."""

    list_display = ["received_at", "partner", "headline", "version", "state", "update_of_a_draft"]
    list_select_related = ["partner", "previous"]
    list_filter = ["state", "partner"]
    search_fields = ["headline", "uri"]
    readonly_fields = ["partner", "uri", "version", "language", "headline", "standfirst", "dateline", "byline",
                       "body_shown", "state", "error", "previous", "draft_link", "diff", "raw", "received_at"]
    fields = readonly_fields
    actions = ["draft_make"]

    @admin.display(description=_("update of a story we drafted"), boolean=True)
    def update_of_a_draft(self, obj):
        return bool(obj.previous_id and obj.previous.draft_id)

    @admin.display(description=_("draft"))
    def draft_link(self, obj):
        if not obj.draft_id:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.draft_id]),
                           obj.draft.headline)

    @admin.display(description=_("body"))
    def body_shown(self, obj):
        # Sanitized when it was taken in (articles.html.sanitize_html, the one HTML rule).
        return mark_safe(f'<div dir="auto">{obj.body}</div>') if obj.body else "—"  # nosec B308 B703

    @admin.display(description=_("changes against our draft"))
    def diff(self, obj):
        lines = ingest.incoming_diff(obj)
        if not lines:
            return "—"
        marks = {"-": "del", "+": "ins"}

        def line_html(line):
            tag = marks.get(line[:1]) if not line.startswith(("---", "+++")) else None
            if tag:
                return format_html('<{} dir="auto">{}</{}>', tag, line, tag)
            return format_html('<span dir="auto">{}</span>', line)

        return format_html('<pre class="wire-diff">{}</pre>', format_html_join("\n", "{}", ((line_html(l),) for l in lines)))

    @admin.action(description=_("Turn the selected proposals into drafts"))
    def draft_make(self, request, queryset):
        made = 0
        for incoming in queryset:
            try:
                ingest.incoming_draft(incoming=incoming, user=request.user)
                made += 1
            except ValidationError as refusal:
                self.message_user(request, f"{incoming}: {' '.join(refusal.messages)}", messages.ERROR)
        if made:
            self.message_user(request, ngettext("%(count)d draft made: confirm its names in the copy desk.",
                                                "%(count)d drafts made: confirm their names in the copy desk.", made)
                              % {"count": made})
