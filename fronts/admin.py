"""The fronts admin: sections, menus, front layouts (with their preview and log), breaking news; and
the sections inline of the article admin (added by ``newsroom.admin``)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from fronts import services
from fronts.models import ArticleSection, BreakingNews, FrontChange, FrontLayout, MenuItem, Section, SectionBlock, Slot

ONE_PRIMARY = _("Mark one section as primary (no more than one).")


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name_en", "name_ar", "name_ku", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(MenuItem)
class MenuItemAdmin(admin.ModelAdmin):
    list_display = ["section", "language", "position"]
    list_select_related = ["section"]
    list_editable = ["position"]
    list_filter = ["language"]
    autocomplete_fields = ["section"]


class PrimarySectionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        primaries = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
                     and f.cleaned_data.get("primary")]
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(primaries) > 1 or (kept and not primaries):
            raise ValidationError(ONE_PRIMARY)


class ArticleSectionInline(admin.TabularInline):
    """The sections of a story, on its admin page (``newsroom.admin.ArticleAdmin``)."""

    model = ArticleSection
    formset = PrimarySectionFormSet
    extra = 1
    autocomplete_fields = ["section"]


class SlotInline(admin.TabularInline):
    model = Slot
    extra = 1
    autocomplete_fields = ["article"]
    fields = ["area", "position", "article", "other_language"]


class SectionBlockInline(admin.TabularInline):
    model = SectionBlock
    extra = 1
    autocomplete_fields = ["section"]


class FrontChangeInline(admin.TabularInline):
    model = FrontChange
    extra = 0
    can_delete = False
    fields = ["created_at", "user", "action", "summary"]
    readonly_fields = fields
    verbose_name_plural = _("Changes")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FrontLayout)
class FrontLayoutAdmin(admin.ModelAdmin):
    list_display = ["__str__", "language", "section", "live_from", "live_badge", "created_by"]
    list_select_related = ["section", "created_by"]
    list_filter = ["language", "section"]
    fields = ["language", "section", "live_from", "note", "preview"]
    readonly_fields = ["preview"]
    inlines = [SlotInline, SectionBlockInline, FrontChangeInline]
    date_hierarchy = "live_from"

    def get_readonly_fields(self, request, obj=None):
        # A layout belongs to its front: moving it would leave the old front's kept pages unretired.
        return [*self.readonly_fields, *(["language", "section"] if obj is not None else [])]

    @admin.display(description=_("live"), boolean=True)
    def live_badge(self, layout):
        return layout.is_live

    @admin.display(description=_("preview"))
    def preview(self, layout):
        if layout.pk is None:
            return _("Save the layout to preview it.")
        try:
            url = reverse("front-preview", kwargs={"pk": layout.pk})
        except NoReverseMatch:
            return "-"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Preview this layout"))

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.layout_log(layout=form.instance, user=request.user, action="changed" if change else "added")

    def delete_model(self, request, obj):
        services.layout_log(layout=obj, user=request.user, action="deleted")
        super().delete_model(request, obj)


@admin.register(FrontChange)
class FrontChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "language", "front", "action", "user"]
    list_select_related = ["user"]
    list_filter = ["language", "action"]
    readonly_fields = ["layout", "language", "front", "user", "action", "summary", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BreakingNews)
class BreakingNewsAdmin(admin.ModelAdmin):
    list_display = ["headline", "language", "starts_at", "ends_at", "created_by"]
    list_select_related = ["created_by"]
    list_filter = ["language"]
    fields = ["language", "headline", "link", "starts_at", "ends_at"]

    def get_readonly_fields(self, request, obj=None):
        return ["language"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
