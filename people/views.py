"""Public person and organization pages.

A page exists only for someone (or something) linked to at least one published story in any
language: the people and organizations of drafts, scheduled and withdrawn stories stay unknown.
"""

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Window
from django.shortcuts import get_object_or_404, render

from articles.caching import public_page
from articles.models import Interviewee
from articles.public_names import organization_is_public, person_is_public, public_organizations, public_people
from articles.search import article_mentions
from articles.views import feed_urls, paginate, public_articles
from people.models import Affiliation, Organization

PEOPLE_SHOWN = 40  # people listed on an organization's page


def person_articles(person, *, for_counting: bool = False):
    """This edition's published stories interviewing ``person`` or naming them, newest first."""
    interviewed = Interviewee.objects.filter(person=person).values("article_id")
    articles = article_mentions(
        public_articles(), names=person.all_names, linked=[interviewed], for_counting=for_counting
    )
    return articles.annotate(interviewed=ExpressionWrapper(Q(pk__in=interviewed), output_field=BooleanField()))


@public_page
def person_detail(request, slug):
    person = get_object_or_404(public_people().prefetch_related("alternate_names"), slug=slug)
    articles = person_articles(person)
    affiliations = person.affiliations.select_related("organization").annotate(
        organization_public=ExpressionWrapper(organization_is_public("organization_id"), output_field=BooleanField())
    )
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "page": paginate(request, articles, count_from=person_articles(person, for_counting=True)),
            "affiliations": affiliations,
            **feed_urls("person", person.slug),
        },
    )


@public_page
def organization_detail(request, slug):
    organization = get_object_or_404(public_organizations().prefetch_related("aliases"), slug=slug)
    # The people who held a role there: those with a page of their own first, at most PEOPLE_SHOWN,
    # with the number of all of them from the same query (a large body has hundreds on record).
    affiliations = list(
        Affiliation.objects.filter(organization=organization)
        .select_related("person")
        .annotate(person_public=person_is_public("person_id"), total=Window(Count("pk")))
        .order_by("-person_public", "person__name", "-start_date", "pk")[:PEOPLE_SHOWN]
    )
    more_people = affiliations[0].total - len(affiliations) if affiliations else 0
    via_interviewee = Interviewee.objects.filter(affiliation__organization=organization).values("article_id")
    linked = Organization.articles.through.objects.filter(organization=organization).values("article_id")
    names, links = organization.all_names, [linked, via_interviewee]
    articles = article_mentions(public_articles(), names=names, linked=links)
    counted = article_mentions(public_articles(), names=names, linked=links, for_counting=True)
    return render(
        request,
        "people/organization_detail.html",
        {
            "organization": organization,
            "affiliations": affiliations,
            "more_people": more_people,
            "page": paginate(request, articles, count_from=counted),
        },
    )
