"""The tag register in the admin: names and addresses per language, the spellings a merge kept, and
the "Merge selected tags" action (``desk.tags.tag_merge``)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag as TaggitTag

from articles.models import Tag, TagSpelling
from desk.tags import tag_merge
from newsroom import languages

# taggit's own tag table is no longer used (migration articles/0012 carried its rows over).
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


class TagSpellingInline(admin.TabularInline):
    model = TagSpelling
    extra = 0
    fields = ["name", "language", "slug", "merged_at", "merged_by", "stories_moved"]
    readonly_fields = ["merged_at", "merged_by", "stories_moved"]
    verbose_name_plural = gettext_lazy("other spellings (kept from merged tags; their old addresses redirect here)")


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["name", "slug", "story_count"]
    search_fields = [f"{field}_{code}" for field in ("name", "slug") for code in languages.codes()] + ["spellings__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagSpellingInline]
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(stories=Count("tagged_articles"))

    @admin.display(description=gettext_lazy("stories"), ordering="stories")
    def story_count(self, tag):
        return tag.stories

    @admin.action(description=gettext_lazy("Merge selected tags into one"), permissions=["change"])
    def merge_tags(self, request, queryset):
        tags = list(queryset.order_by("-stories", "pk"))
        if len(tags) < 2:
            self.message_user(request, _("Choose two tags or more to merge."), messages.WARNING)
            return None
        kept_id = request.POST.get("keep")
        if request.POST.get("confirm") and kept_id:
            keep = next((tag for tag in tags if str(tag.pk) == kept_id), None)
            if keep is not None:
                merged = [tag for tag in tags if tag.pk != keep.pk]
                try:
                    moved = tag_merge(keep=keep, merge=merged, user=request.user)
                except ValidationError as refusal:
                    self.message_user(request, " ".join(refusal.messages), messages.ERROR)
                    return None
                names = ", ".join(str(tag) for tag in merged)
                self.log_change(request, keep, _("Merged %(names)s into this tag (%(count)d stories re-tagged).") % {"names": names, "count": moved})
                self.message_user(
                    request,
                    _("Merged %(names)s into “%(kept)s”: %(count)d stories re-tagged; the old addresses redirect.")
                    % {"names": names, "kept": keep, "count": moved},
                    messages.SUCCESS,
                )
                return None
        return TemplateResponse(
            request,
            "admin/articles/tag/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Merge tags"),
                "tags": tags,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
