"""Quotes in the admin: on the story's page (an inline: confirm, fix who said it, remove), their own
list (search, confirm several), and the story list's "Find quotes" action.

Who may change a story's quotes is who may edit the story: on the story's page the inline follows
the story (Django shows it read-only where the story is); the quotes' own pages ask the same of the
desk through ``QuoteAdminBase.may_edit_story``, which ``newsroom.admin`` fills in.
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.models import Article
from people.models import Person
from quotes.models import Quote
from quotes.services import quotes_confirm, quotes_detect


class QuoteFormSet(BaseInlineFormSet):
    """Each row offers the people linked to the story (and whoever a quote names now) as who said
    it, and the quotes of the story's other language versions as its original: read once for the
    whole list, so a story with forty quotes costs the queries of one with four."""

    @cached_property
    def person_choices(self) -> list:
        story = self.instance
        people = Person.objects.none()
        if story.pk:
            people = Person.objects.filter(pk__in=story.interviewee_links.values("person_id")) | Person.objects.filter(
                pk__in=story.quotes.values("person_id"))
        return [("", "---------"), *((person.pk, str(person)) for person in people.distinct().order_by("name"))]

    @cached_property
    def original_choices(self) -> list:
        story = self.instance
        quotes = Quote.objects.none()
        if story.pk:
            versions = Article.objects.filter(translation_key=story.translation_key).exclude(pk=story.pk)
            quotes = Quote.objects.filter(article__in=versions).order_by("language", "paragraph", "pk")
        return [("", "---------"), *((quote.pk, f"{quote.language}: {quote}") for quote in quotes)]

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "person" in form.fields:
            form.fields["person"].choices = self.person_choices
        if "original" in form.fields:
            form.fields["original"].choices = self.original_choices


class QuoteInline(admin.TabularInline):
    model = Quote
    formset = QuoteFormSet
    extra = 0
    fields = ["confirmed", "person", "text", "paragraph", "original"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}}
    verbose_name = _("quote")
    verbose_name_plural = _("quotes (found in the body: confirm who said each, or remove it)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "original")


@admin.action(description=_("Find quotes in the selected stories"))
def find_quotes(modeladmin, request, queryset):
    found = skipped = 0
    for article in queryset:
        if not modeladmin.has_change_permission(request, article):
            skipped += 1
            continue
        found += len(quotes_detect(article=article))
    modeladmin.message_user(request, ngettext(
        "%(count)d quote found: confirm it on its story's page.",
        "%(count)d quotes found: confirm them on their stories' pages.", found) % {"count": found}, messages.SUCCESS)
    if skipped:
        modeladmin.message_user(request, ngettext(
            "%(count)d story was left alone: you may not edit it.",
            "%(count)d stories were left alone: you may not edit them.", skipped) % {"count": skipped}, messages.WARNING)


class QuoteAdminBase(admin.ModelAdmin):
    list_display = ["__str__", "person", "article", "language", "paragraph", "confirmed"]
    list_filter = ["confirmed", "language"]
    list_select_related = ["person", "article"]
    search_fields = ["text", "person__name", "article__headline"]
    autocomplete_fields = ["person", "article", "original"]
    fields = ["article", "person", "text", "paragraph", "original", "confirmed"]
    actions = ["confirm_selected"]

    @staticmethod
    def may_edit_story(user, article) -> bool:
        return True

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_edit_story(request.user, obj.article))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.may_edit_story(request.user, obj.article))

    def has_add_permission(self, request):
        return False  # quotes are found in a story, or added on the story's page

    @admin.action(description=_("Confirm the selected quotes"))
    def confirm_selected(self, request, queryset):
        mine = [q for q in queryset.select_related("article") if self.may_edit_story(request.user, q.article)]
        count = quotes_confirm(quotes=mine)
        self.message_user(request, ngettext("%(count)d quote confirmed.", "%(count)d quotes confirmed.", count) % {"count": count})
