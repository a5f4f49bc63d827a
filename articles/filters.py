"""The public search form: words, filters (django-filter) and the sort order.

``ArticleSearchFilter(data, queryset=Article.objects.published(), language=...)`` narrows the
public queryset by language, kind, tag, person, organization and publication dates, then hands the
words and the sort order to ``articles.search.article_search``.
"""

import django_filters
from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import Tag, TaggedItem

from articles.caching import generation_cached
from articles.labels import KIND_LABELS
from articles.models import Article, Interviewee
from articles.search import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE, article_search
from people.models import Organization, Person

ANY_LANGUAGE = "any"


def language_choices():
    from django.utils.translation import get_language_info

    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES] + [
        (ANY_LANGUAGE, _("All languages"))
    ]


def _published(article_field: str) -> Exists:
    """The link row's ``article_field`` is a published article: a primary-key probe per link row,
    so checking one tag, person or organization reads a few rows, not every published article."""
    return Exists(Article.objects.published().filter(pk=OuterRef(article_field)))


def public_tags():
    used = TaggedItem.objects.filter(tag=OuterRef("pk"), content_type__app_label="articles").filter(
        _published("object_id")
    )
    return Tag.objects.filter(Exists(used)).order_by("name")


def person_is_public(person_field: str) -> Exists:
    """The person in ``person_field`` is interviewed in a published story (so has a public page).

    For annotating rows (an organization's affiliations): written against the link table directly,
    so PostgreSQL probes the few links of each row instead of hashing every public person first.
    """
    return Exists(Interviewee.objects.filter(person=OuterRef(person_field)).filter(_published("article_id")))


def organization_is_public(organization_field: str) -> Q:
    """The organization in ``organization_field`` is linked to a published story, directly or
    through an interviewee's affiliation (so has a public page)."""
    linked = Article.organizations.through.objects.filter(organization=OuterRef(organization_field))
    via_interviewee = Interviewee.objects.filter(affiliation__organization=OuterRef(organization_field))
    return Q(Exists(linked.filter(_published("article_id")))) | Q(
        Exists(via_interviewee.filter(_published("article_id")))
    )


def public_people():
    return Person.objects.filter(person_is_public("pk"))


def public_organizations():
    return Organization.objects.filter(organization_is_public("pk"))


PUBLIC_LISTS = {
    "tag": lambda: public_tags().values_list("slug", "name"),
    "person": lambda: public_people().order_by("name", "pk").values_list("slug", "name"),
    "organization": lambda: public_organizations().order_by("name", "pk").values_list("slug", "name"),
}


def public_choices(kind: str) -> list[tuple[str, str]]:
    """The public tags, people or organizations (``kind``) as (slug, ``<option>`` HTML), in the
    order of the querysets above: the search form's choices and the sitemaps' pages. The same for
    every request until the content changes, and thousands long in a big archive, so they are read
    and written once per content generation."""

    def build():
        return [(slug, format_html('<option value="{}">{}</option>', slug, name)) for slug, name in PUBLIC_LISTS[kind]()]

    return generation_cached(f"public-{kind}-choices", build)


class QuickSelect(forms.Select):
    """A ``<select>`` of options written beforehand (``public_choices``): Django's per-option
    templates take a third of a second for the 7,500 options of a big archive's search form."""

    def __init__(self, *, options: list[tuple[str, str]], empty_label: str, attrs=None):
        super().__init__(attrs=attrs)
        self.options, self.empty_label = options, empty_label

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        html = [format_html('<select name="{}"{}>', name, flatatt(self.build_attrs(self.attrs, attrs)))]
        html.append(format_html('<option value=""{}>{}</option>', " selected" if "" in chosen else "", self.empty_label))
        html += [option.replace("<option ", "<option selected ", 1) if key in chosen else option for key, option in self.options]
        html.append("</select>")
        return mark_safe("".join(html))  # every part was escaped by format_html


class ArticleSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search for"), method="keep", widget=forms.TextInput(attrs={"type": "search"})
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, method="filter_language", empty_label=None
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=list(KIND_LABELS.items()), empty_label=_("Any kind")
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"), method="filter_tag", to_field_name="slug", queryset=lambda request: public_tags(), empty_label=_("Any tag")
    )
    person = django_filters.ModelChoiceFilter(
        label=_("Person"),
        field_name="interviewees",
        to_field_name="slug",
        queryset=lambda request: public_people(),
        empty_label=_("Anyone"),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        method="filter_organization",
        to_field_name="slug",
        queryset=lambda request: public_organizations(),
        empty_label=_("Any organization"),
    )
    published_from = django_filters.DateFilter(
        label=_("From"), field_name="published_at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = django_filters.DateFilter(
        label=_("To"), field_name="published_at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="keep",
        empty_label=None,
        choices=[
            (SORT_RELEVANCE, pgettext_lazy("sort", "Relevance")),
            (SORT_NEWEST, pgettext_lazy("sort", "Newest first")),
            (SORT_OLDEST, pgettext_lazy("sort", "Oldest first")),
        ],
    )

    class Meta:
        model = Article
        fields: list[str] = []

    def __init__(self, data=None, *args, language: str = settings.LANGUAGE_CODE, **kwargs):
        data = data.copy() if data is not None else None
        if data is not None:
            # The edition's language unless the reader chose another (or all of them).
            data.setdefault("language", language)
            data.setdefault("sort", SORT_RELEVANCE if data.get("q") else SORT_NEWEST)
        super().__init__(data, *args, **kwargs)

    @property
    def form(self):
        form = super().form
        if not getattr(form, "quick_choices", False):
            # Validation still asks the querysets (one row); the lists shown come from public_choices.
            for name in PUBLIC_LISTS:
                field, options = form.fields[name], public_choices(name)
                field.widget = QuickSelect(options=options, empty_label=field.empty_label, attrs=field.widget.attrs)
            form.quick_choices = True
        return form

    def keep(self, queryset, name, value):
        """Words and sort order are applied last, by ``article_search``."""
        return queryset

    def filter_language(self, queryset, name, value):
        return queryset if value == ANY_LANGUAGE else queryset.filter(language=value)

    def filter_tag(self, queryset, name, value):
        return queryset.tagged(value)

    def filter_organization(self, queryset, name, value):
        linked = Article.organizations.through.objects.filter(article=OuterRef("pk"), organization=value)
        via_interviewee = Interviewee.objects.filter(article=OuterRef("pk"), affiliation__organization=value)
        return queryset.filter(Q(Exists(linked)) | Q(Exists(via_interviewee)))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        return article_search(queryset, query=data.get("q") or "", sort=data.get("sort") or SORT_RELEVANCE)
