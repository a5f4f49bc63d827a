from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import translation

from articles.models import Article
from people.models import Organization, Person


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.prefetch_related("alternate_names"), slug=slug)
    articles = (
        Article.objects.published()
        .in_language(translation.get_language())
        .filter(interviewees=person)
    )
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(request, "people/person_detail.html", {"person": person, "page": page})


def organization_detail(request, slug):
    organization = get_object_or_404(
        Organization.objects.prefetch_related("aliases", "affiliations__person"), slug=slug
    )
    articles = (
        Article.objects.published()
        .in_language(translation.get_language())
        .filter(Q(organizations=organization))
        .distinct()
    )
    page = Paginator(articles, 20).get_page(request.GET.get("page"))
    return render(
        request, "people/organization_detail.html", {"organization": organization, "page": page}
    )
