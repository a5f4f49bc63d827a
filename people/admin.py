from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from images.widgets import ImageChooserWidget
from newsroom import languages
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName


class PersonNameInline(admin.TabularInline):
    model = PersonName
    extra = 1
    verbose_name_plural = _("alternate spellings")


def in_every_language(*fields: str) -> list[str]:
    """Search fields for every language's column of ``fields`` (a name is found in any script)."""
    return [f"{field}_{code}" for field in fields for code in languages.codes()]


class PersonAffiliationInline(TranslationTabularInline):
    model = Affiliation
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(TranslationAdmin):
    list_display = ["name", "native_name", "slug", "updated_at"]
    search_fields = [*in_every_language("name"), "native_name", "alternate_names__name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonNameInline, PersonAffiliationInline]
    fieldsets = [
        (None, {"fields": ["name", "native_name", "bio", "photo"]}),
        (_("Advanced"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "photo":
            kwargs["widget"] = ImageChooserWidget(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1


class OrganizationAffiliationInline(TranslationTabularInline):
    model = Affiliation
    fk_name = "organization"
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["name", "alias_list", "founded_year", "parent"]
    search_fields = [*in_every_language("name"), "aliases__name", "slug"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [OrganizationAliasInline, OrganizationAffiliationInline]
    fieldsets = [
        (None, {"fields": ["name", "description", "founded_year", "website", "parent"]}),
        (_("Advanced"), {"fields": ["slug"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent").prefetch_related("aliases")

    @admin.display(description=_("Also known as"))
    def alias_list(self, obj):
        return gettext(", ").join(alias.name for alias in obj.aliases.all())


@admin.register(Affiliation)
class AffiliationAdmin(TranslationAdmin):
    list_display = ["person", "role", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    search_fields = [
        *(f"person__{name}" for name in in_every_language("name")), "person__native_name",
        *(f"organization__{name}" for name in in_every_language("name")), *in_every_language("role"),
    ]
    list_filter = [("organization", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["person", "organization"]
