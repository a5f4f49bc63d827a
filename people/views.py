"""Public person and organization pages.

A page exists only for someone (or something) linked to at least one published story in any
language: the people and organizations of drafts, scheduled and withdrawn stories stay unknown.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from articles.caching import public_page
from articles.filters import public_organizations, public_people
from articles.models import Interviewee
from articles.search import article_mentions
from articles.views import feed_urls, paginate, public_articles
from people.models import Affiliation, Organization


def person_articles(person):
    """This edition's published stories interviewing ``person`` or naming them, newest first."""
    interviewed = Interviewee.objects.filter(article=OuterRef("pk"), person=person)
    return article_mentions(public_articles(), names=person.all_names, also=Q(Exists(interviewed))).annotate(
        interviewed=Exists(interviewed)
    )


@public_page
def person_detail(request, slug):
    person = get_object_or_404(public_people().prefetch_related("alternate_names"), slug=slug)
    articles = person_articles(person)
    affiliations = person.affiliations.select_related("organization").annotate(
        organization_public=Exists(public_organizations().filter(pk=OuterRef("organization_id")))
    )
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "page": paginate(request, articles),
            "affiliations": affiliations,
            **feed_urls("person", person.slug),
        },
    )


@public_page
def organization_detail(request, slug):
    people_with_pages = public_people().filter(pk=OuterRef("person_id"))
    organization = get_object_or_404(
        public_organizations().prefetch_related(
            "aliases",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("person").annotate(person_public=Exists(people_with_pages)),
            ),
        ),
        slug=slug,
    )
    via_interviewee = Interviewee.objects.filter(article=OuterRef("pk"), affiliation__organization=organization)
    linked = Organization.articles.through.objects.filter(article=OuterRef("pk"), organization=organization)
    articles = article_mentions(
        public_articles(), names=organization.all_names, also=Q(Exists(linked)) | Q(Exists(via_interviewee))
    )
    return render(
        request,
        "people/organization_detail.html",
        {"organization": organization, "page": paginate(request, articles)},
    )
