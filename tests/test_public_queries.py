"""Every public page costs the same number of SQL queries with 10 articles and with 200, rendered
(the page cache off) or served from the page cache (one query)."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from articles.models import Tag, TaggedArticle

from public import invalidation
from articles.models import Article, Byline, Correction, Interviewee
from people.models import Organization, Person
from tests.public_data import white_helmets_newsroom

pytestmark = pytest.mark.django_db


def add_articles(count: int, *, newsroom, offset: int) -> None:
    """``count`` published articles (every third with an Arabic version), each with a byline, two
    tags, an interviewee, an organization and a correction: bulk inserts, so 200 stay fast."""
    now = timezone.now()
    tags = [Tag.objects.get_or_create(name=name)[0] for name in ["Idlib", "Rescue", "Aleppo", "Water", "Hama"]]
    people = [newsroom.raed] + [Person.objects.create(name=f"Person {offset}-{n}") for n in range(3)]
    organizations = [newsroom.civil_defense, Organization.objects.create(name=f"Organization {offset}")]
    articles = []
    n = 0
    while len(articles) < count:
        key = uuid.uuid4()
        n += 1
        for language in ["en", "ar"] if n % 3 == 0 else ["en"]:
            articles.append(
                Article(
                    headline=f"Bulk story {offset + n} ({language})",
                    slug=f"bulk-story-{offset + n}",
                    dek="Rescue crews in Idlib.",
                    body="<p>Raed Al-Saleh said the crews are ready.</p>",
                    kind=[Article.Kind.NEWS, Article.Kind.INTERVIEW, Article.Kind.FEATURE][n % 3],
                    language=language,
                    status=Article.Status.PUBLISHED,
                    published_at=now - timezone.timedelta(hours=offset + n + 10),
                    translation_key=key,
                )
            )
    articles = Article.objects.bulk_create(articles[:count])
    Byline.objects.bulk_create(Byline(article=a, user=newsroom.reporter) for a in articles)
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=a, tag=tags[(i + k) % len(tags)])
        for i, a in enumerate(articles)
        for k in range(2)
    )
    Interviewee.objects.bulk_create(
        Interviewee(article=a, person=people[i % len(people)], role="witness") for i, a in enumerate(articles)
    )
    Article.organizations.through.objects.bulk_create(
        Article.organizations.through(article=a, organization=organizations[i % 2]) for i, a in enumerate(articles)
    )
    Correction.objects.bulk_create(Correction(article=a, text="A fix.") for a in articles)


def public_urls(newsroom) -> list[str]:
    """Every kind of public address (docs/FRONTEND.md), with the redirect, 410 and 404 answers."""
    raed, scd = newsroom.raed.slug, newsroom.civil_defense.slug
    withdrawn = Article.objects.create(
        headline="Withdrawn", status=Article.Status.WITHDRAWN, published_at=timezone.now(), language="en"
    )
    return [
        "/en/",
        "/ar/",
        "/ku/",
        newsroom.interview.get_absolute_url(),
        newsroom.interview_ar.get_absolute_url(),
        f"/en/articles/{newsroom.interview.pk}/",  # redirect
        f"/en/articles/{withdrawn.pk}/x/",  # 410
        "/en/articles/999999/x/",  # 404
        "/en/tags/idlib/",
        "/en/tags/idlib/?page=2",
        "/en/tags/idlib/rss/",
        "/en/tags/idlib/atom/",
        "/en/tags/no-such-tag/",  # 404
        f"/en/people/{raed}/",
        f"/en/people/{raed}/?page=2",
        f"/en/people/{raed}/rss/",
        f"/ar/people/{raed}/atom/",
        f"/en/organizations/{scd}/",
        f"/en/authors/{newsroom.reporter.pk}/",
        "/en/search/",
        "/en/search/?q=White+Helmets",
        "/en/search/?q=rescue+crews&sort=newest",
        "/en/search/?q=Idlib&sort=oldest&page=2",
        f"/en/search/?tag=idlib&person={raed}&organization={scd}&kind=news&published_from=2020-01-01",
        "/ar/search/?q=الدفاع&language=any",
        "/en/search/?person=Raed+Saleh&organization=White+Helmets&tag=IDLIB",  # typed names
        "/en/search/?person=Nobody+Here&q=rescue",  # an unknown name
        "/en/search/suggest/?field=person&q=ra",
        "/ar/search/suggest/?field=person&q=رائد",
        "/en/search/suggest/?field=organization&q=white",
        "/en/search/suggest/?field=tag&q=i",
        "/en/rss/",
        "/ar/atom/",
        "/en/most-read/",
        "/sitemap.xml",
        "/sitemap-home.xml",
        "/sitemap-articles.xml",
        "/sitemap-tags.xml",
        "/sitemap-people.xml",
        "/sitemap-organizations.xml",
        "/news-sitemap.xml",
        "/robots.txt",
    ]


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code in (200, 301, 404, 410), (url, response.status_code)
        counts[url] = len(queries)
    return counts


def test_every_public_page_costs_the_same_queries_with_10_and_200_articles(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time
    newsroom = white_helmets_newsroom()  # 3 articles
    add_articles(7, newsroom=newsroom, offset=0)
    assert Article.objects.published().count() == 10
    urls = public_urls(newsroom)
    query_counts(client, urls)  # warm per-process and per-generation caches (content types, choices)
    with_10 = query_counts(client, urls)
    add_articles(190, newsroom=newsroom, offset=1000)
    invalidation.everything_changed()  # bulk_create sends no signal
    assert Article.objects.published().count() == 200
    query_counts(client, urls)
    with_200 = query_counts(client, urls)
    assert with_200 == with_10
    # And the pages stay lean: no page needs more than a handful of queries.
    assert max(with_200.values()) <= 12, with_200


def test_a_page_from_the_page_cache_costs_one_query(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    newsroom = white_helmets_newsroom()
    add_articles(20, newsroom=newsroom, offset=0)
    invalidation.everything_changed()
    urls = [url for url in public_urls(newsroom) if url not in {"/robots.txt"}]
    counts = query_counts(client, urls)  # rendered and kept
    assert min(counts.values()) >= 1
    cached = query_counts(client, urls)
    kept = {url: n for url, n in cached.items() if client.get(url).status_code in (200, 301, 410)}
    assert set(kept.values()) == {1}, kept  # the versions of the page's keys, nothing else
