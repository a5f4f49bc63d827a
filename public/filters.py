"""The public search form: words, filters (django-filter) and the sort order.

``ArticleSearchFilter(data, queryset=Article.objects.published(), language=...)`` narrows the
public queryset by language, kind, tag, person, organization and publication dates, then hands the
words and the sort order to ``public.search.article_search``.

Tag, person and organization are text boxes: the reader types a name (suggestions come from
``public/suggest.py``) or the address carries a slug, and ``PublicNameField`` resolves it to the
one public tag, person or organization it names (``public/public_names.py``).
"""

import copy
import datetime
from collections.abc import Sequence
from urllib.parse import urlencode

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article, Interviewee
from newsroom import languages
from public import public_names
from public.labels import KIND_LABELS
from public.search import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE, article_search

ANY_LANGUAGE = "any"


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def language_choices():
    return [(language.code, language.name_local) for language in languages.EDITIONS] + [
        (ANY_LANGUAGE, _("All languages"))
    ]


# What a name box says when no public one, or several, have the name typed.
UNKNOWN = {
    "tag": _("No tag called “%(name)s” appears in our stories."),
    "person": _("No person called “%(name)s” appears in our stories."),
    "organization": _("No organization called “%(name)s” appears in our stories."),
}
AMBIGUOUS = {
    "tag": _("Several tags are called “%(name)s”: choose one."),
    "person": _("Several people are called “%(name)s”: choose one."),
    "organization": _("Several organizations are called “%(name)s”: choose one."),
}
NAME_FIELDS = public_names.KINDS


class NameInput(forms.TextInput):
    """A box for typing a tag, person or organization, with an empty ``<datalist>`` of suggestions
    that ``static/js/search.js`` fills as the reader types (from ``search-suggest``). Without the
    script it is a plain text box; the server resolves whatever name was typed."""

    def __init__(self, *, kind: str, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "auto", **(attrs or {})})
        self.kind = kind

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id') or name}-suggestions"
        widget_attrs["data-suggest"] = f"{reverse('search-suggest')}?{urlencode({'field': self.kind})}"
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        box = self._render(self.template_name, context, renderer)
        return box + format_html('<datalist id="{}"></datalist>', context["widget"]["attrs"]["list"])


class PublicNameField(forms.CharField):
    """A tag, person or organization (``kind``) given by slug or typed by name: cleaned to the public
    one it names (``public_names.resolve``), or an error in the reader's language. The box then
    shows the name where the address carried a slug."""

    def __init__(self, *, kind: str, placeholder: str = "", **kwargs):
        kwargs.setdefault("required", False)
        attrs = {"placeholder": placeholder} if placeholder else {}
        super().__init__(max_length=public_names.LONGEST, widget=NameInput(kind=kind, attrs=attrs), **kwargs)
        self.kind = kind
        self.shown: dict[str, str] = {}  # what was sent → what the box shows
        self.candidates: list = []  # several of the same name: the reader chooses (see choose_links)
        self.choices_to_pick: list[tuple[str, str]] = []  # (label, query string), set by the filter

    def clean(self, value):
        typed = super().clean(value)
        if not typed:
            return None
        found = public_names.resolve(self.kind, typed)
        if len(found) != 1:
            code = "ambiguous" if found else "unknown"
            self.candidates = found[: public_names.CANDIDATES]
            message = (AMBIGUOUS if found else UNKNOWN)[self.kind]
            raise ValidationError(message, code=code, params={"name": " ".join(typed.split())})
        self.shown[value] = public_names.display_name(self.kind, found[0], typed=typed)
        return found[0]

    def prepare_value(self, value):
        return self.shown.get(value, value) if isinstance(value, str) else value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # a longer name is refused with a message, not cut while typing
        return attrs


class PublicNameFilter(django_filters.Filter):
    field_class = PublicNameField


# The filters that narrow a search beyond its language (``public.search.article_search``'s scope).
NARROWING = ("kind", "tag", "person", "organization", "published_from", "published_to")


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
    tag = PublicNameFilter(label=_("Tag"), kind="tag", placeholder=_("Any tag"), method="filter_tag")
    person = PublicNameFilter(label=_("Person"), kind="person", placeholder=_("Anyone"), field_name="interviewees")
    organization = PublicNameFilter(
        label=_("Organization"), kind="organization", placeholder=_("Any organization"), method="filter_organization"
    )
    # Dates as a range of times from the start of the day (the site's time zone), so the public-list
    # index serves them: a "__date" lookup would convert every story's time first (on SQLite in
    # Python, ~0.8 s at 100,000 articles).
    published_from = django_filters.DateFilter(
        label=_("From"), method="filter_from", widget=forms.DateInput(attrs={"type": "date"})
    )
    published_to = django_filters.DateFilter(
        label=_("To"), method="filter_to", widget=forms.DateInput(attrs={"type": "date"})
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

    def __init__(self, data=None, *args, language: str = settings.LANGUAGE_CODE, editions: Sequence[str] = (),
                 window: int | None = None, named: dict | None = None, **kwargs):
        """``editions``, ``window`` and ``named``: see ``public.search.article_search`` (the other
        editions' matches, read an edition at a time, and the names the reader's words name,
        looked up once for both searches of a page)."""
        self.search_options = {"editions": editions, "window": window, "named": {} if named is None else named}
        self.language_chosen = None  # the language searched instead of the form's (in_other_editions)
        data = data.copy() if data is not None else None
        if data is not None:
            # The edition's language unless the reader chose another (or all of them).
            data.setdefault("language", language)
            data.setdefault("sort", SORT_RELEVANCE if data.get("q") else SORT_NEWEST)
        super().__init__(data, *args, **kwargs)

    def in_other_editions(self, editions: Sequence[str], *, window: int) -> QuerySet:
        """The same search in ``editions`` ("In other languages" under an edition's results): the
        form as cleaned, so no name is looked up again; the ``window`` newest matches. Call it on a
        valid filter."""
        other = copy.copy(self)  # the same bound, cleaned form and filters
        other.__dict__.pop("_qs", None)
        other.search_options = {**self.search_options, "editions": editions, "window": window}
        other.language_chosen = ANY_LANGUAGE
        return other.qs

    def choose_links(self, params) -> None:
        """For each name box naming several (two people of one name): links to the same search
        narrowed to each of them, by slug (``field.choices_to_pick``, shown under the error)."""
        for name in NAME_FIELDS:
            field = self.form.fields[name]
            labels = [public_names.choice_label(name, candidate) for candidate in field.candidates]
            field.choices_to_pick = []
            for candidate, label in zip(field.candidates, labels):
                query = params.copy()
                query[name] = candidate.slug
                query.pop("page", None)
                if labels.count(label) > 1:  # nothing else tells them apart
                    label = f"{label} ({candidate.slug})"
                field.choices_to_pick.append((label, f"?{query.urlencode()}"))

    def keep(self, queryset, name, value):
        """Words and sort order are applied last, by ``article_search``."""
        return queryset

    def filter_language(self, queryset, name, value):
        return queryset if value == ANY_LANGUAGE else queryset.filter(language=value)

    def filter_from(self, queryset, name, value):
        return queryset.filter(published_at__gte=_day_start(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(published_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def filter_tag(self, queryset, name, value):
        return queryset.tagged(value)

    def filter_organization(self, queryset, name, value):
        linked = Article.organizations.through.objects.filter(article=OuterRef("pk"), organization=value)
        via_interviewee = Interviewee.objects.filter(article=OuterRef("pk"), affiliation__organization=value)
        return queryset.filter(Q(Exists(linked)) | Q(Exists(via_interviewee)))

    def filter_queryset(self, queryset):
        data = dict(self.form.cleaned_data)
        if self.language_chosen is not None:
            data["language"] = self.language_chosen
        for name, value in data.items():  # as django-filter's own, with the language chosen here
            queryset = self.filters[name].filter(queryset, value)
        narrowed = any(data.get(name) for name in NARROWING)
        scope = None if narrowed else ",".join(self.search_options["editions"]) or data.get("language")
        return article_search(queryset, query=data.get("q") or "", sort=data.get("sort") or SORT_RELEVANCE,
                              scope=scope, **self.search_options)
