"""The public search form: words, filters (django-filter) and the sort order.

``ArticleSearchFilter(data, queryset=Article.objects.published(), language=...)`` narrows the
public queryset by language, kind, tag, person, organization and publication dates, then hands the
words and the sort order to ``articles.search.article_search``.
"""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from taggit.models import Tag, TaggedItem

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


def public_tags():
    published = Article.objects.published().values("pk")
    used = TaggedItem.objects.filter(
        tag=OuterRef("pk"), content_type__app_label="articles", object_id__in=published
    )
    return Tag.objects.filter(Exists(used)).order_by("name")


def public_people():
    return Person.objects.filter(
        Exists(Interviewee.objects.filter(person=OuterRef("pk"), article__in=Article.objects.published()))
    )


def public_organizations():
    published = Article.objects.published()
    linked = Article.organizations.through.objects.filter(organization=OuterRef("pk"), article__in=published)
    via_interviewee = Interviewee.objects.filter(
        affiliation__organization=OuterRef("pk"), article__in=published
    )
    return Organization.objects.filter(Exists(linked) | Exists(via_interviewee))


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
        label=_("Tag"), field_name="tags", to_field_name="slug", queryset=lambda request: public_tags(), empty_label=_("Any tag")
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

    def keep(self, queryset, name, value):
        """Words and sort order are applied last, by ``article_search``."""
        return queryset

    def filter_language(self, queryset, name, value):
        return queryset if value == ANY_LANGUAGE else queryset.filter(language=value)

    def filter_organization(self, queryset, name, value):
        linked = Article.organizations.through.objects.filter(article=OuterRef("pk"), organization=value)
        via_interviewee = Interviewee.objects.filter(article=OuterRef("pk"), affiliation__organization=value)
        return queryset.filter(Q(Exists(linked)) | Q(Exists(via_interviewee)))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        return article_search(queryset, query=data.get("q") or "", sort=data.get("sort") or SORT_RELEVANCE)
