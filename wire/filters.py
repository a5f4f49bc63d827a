"""The content API's list filters (django-filter), applied to what a subscriber may see
(``wire.services.visible_articles``), never to more."""

import uuid

import django_filters
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Interviewee, TaggedArticle
from newsroom import languages

STATUS_CHOICES = [("usable", "usable"), ("withheld", "withheld"), ("embargoed", "embargoed")]
# The values alone, as the API writes them: labels translated lazily cost a deep copy of each of them
# on every request (django-filter copies its form's fields), and the API shows no labels.
LANGUAGE_CHOICES = [(code, code) for code in languages.codes()]
KIND_CHOICES = [(kind, kind) for kind in Article.Kind.values]


class ItemFilter(django_filters.FilterSet):
    language = django_filters.ChoiceFilter(choices=LANGUAGE_CHOICES)
    kind = django_filters.ChoiceFilter(choices=KIND_CHOICES)
    section = django_filters.ChoiceFilter(field_name="kind", choices=KIND_CHOICES, label=_("section"))
    tag = django_filters.NumberFilter(method="filter_tag", label=_("tag"))
    person = django_filters.NumberFilter(method="filter_person", label=_("person"))
    organization = django_filters.NumberFilter(method="filter_organization", label=_("organization"))
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    status = django_filters.ChoiceFilter(method="filter_status", choices=STATUS_CHOICES, label=_("status"))
    uri = django_filters.CharFilter(method="filter_uri", label=_("URI"))

    class Meta:
        model = Article
        fields = []

    def filter_tag(self, queryset, name, value):
        return queryset.filter(Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk"), tag_id=value)))

    def filter_person(self, queryset, name, value):
        return queryset.filter(Exists(Interviewee.objects.filter(article=OuterRef("pk"), person_id=value)))

    def filter_organization(self, queryset, name, value):
        mentioned = Article.organizations.through.objects.filter(article=OuterRef("pk"), organization_id=value)
        affiliated = Interviewee.objects.filter(article=OuterRef("pk"), affiliation__organization_id=value)
        return queryset.filter(Exists(mentioned) | Exists(affiliated))

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == "withheld":
            return queryset.filter(status=Article.Status.WITHDRAWN)
        released = [Article.Status.SCHEDULED, Article.Status.PUBLISHED]
        if value == "embargoed":
            return queryset.filter(status__in=released, published_at__gt=now)
        return queryset.filter(status__in=released, published_at__lte=now)

    def filter_uri(self, queryset, name, value):
        # urn:<site>:item:<translation key>:<language>
        parts = value.rsplit(":", 2)
        if len(parts) != 3 or not parts[0].endswith(":item"):
            return queryset.none()
        try:
            key = uuid.UUID(parts[1])
        except ValueError:  # not a UUID: nothing has that address
            return queryset.none()
        return queryset.filter(translation_key=key, language=parts[2])
