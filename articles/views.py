"""The public reader site: edition home, article, tag, author and search pages.

Every list starts from ``Article.objects.published()``; views only choose, paginate and render.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Window, prefetch_related_objects
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from articles import seo
from articles.caching import private_response, public_page, public_response
from articles.filters import ArticleSearchFilter
from articles.labels import SECTION_LABELS
from articles.models import Article, Byline, Interviewee

PAGE_SIZE = 20
SECTION_SIZE = 3
RELATED_SIZE = 4

# What an article page shows, loaded with a fixed number of queries.
ARTICLE_PREFETCH = [
    Prefetch("bylines", queryset=Byline.objects.select_related("user")),
    Prefetch("interviewee_links", queryset=Interviewee.objects.select_related("person", "affiliation__organization")),
    "organizations",
    "tags",
    "corrections",
]


def edition():
    """The language of the edition being read (from the URL prefix)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def public_articles():
    return Article.objects.published().in_language(edition())


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@public_page
def home(request):
    page = paginate(request, public_articles())
    sections = []
    if page.number == 1:
        ranked = public_articles().annotate(
            place=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("published_at").desc(), F("pk").desc()])
        )
        by_kind: dict[str, list] = {}
        for article in ranked.filter(place__lte=SECTION_SIZE):
            by_kind.setdefault(article.kind, []).append(article)
        sections = [
            {"kind": kind, "title": title, "articles": by_kind[kind]}
            for kind, title in SECTION_LABELS.items()
            if kind in by_kind
        ]
    articles = list(page)
    lead = articles[0] if page.number == 1 and articles else None
    latest = articles[1:] if lead else articles
    return render(
        request, "articles/home.html", {"page": page, "lead": lead, "latest": latest, "sections": sections}
    )


def article_detail(request, pk, slug=""):
    withdrawn = Article.objects.filter(pk=pk, status=Article.Status.WITHDRAWN).first()
    if withdrawn is not None:
        # 410 Gone: the story was public and has been taken down on purpose.
        return render(request, "410.html", {"article": withdrawn}, status=410)
    article = get_object_or_404(Article.objects.published(), pk=pk)
    if slug != article.slug or edition() != article.language:
        return redirect(article, permanent=True)
    return article_response(request, article)


def feed_urls(kind: str, slug: str) -> dict[str, str]:
    """The RSS and Atom addresses of a tag's or a person's feed, for the page's links."""
    return {name: reverse(f"{kind}-{name}", kwargs={"slug": slug}) for name in ("rss", "atom")}


def related_articles(article) -> list[Article]:
    """Published stories in the same language sharing the most tags and interviewees with ``article``."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    person_ids = [link.person_id for link in article.interviewee_links.all()]
    if not tag_ids and not person_ids:
        return []
    shared = Count("tags", filter=Q(tags__in=tag_ids), distinct=True) + Count(
        "interviewees", filter=Q(interviewees__in=person_ids), distinct=True
    )
    candidates = (
        Article.objects.published()
        .in_language(article.language)
        .exclude(pk=article.pk)
        .filter(Q(tags__in=tag_ids) | Q(interviewees__in=person_ids))
        .annotate(shared=shared)
        .order_by("-shared", "-published_at", "-pk")
    )
    return list(candidates[:RELATED_SIZE])


def article_response(request, article, *, extra_context=None):
    """Render the article page of ``article``, whatever its status.

    The public view calls it for published stories (with validators and a public cache lifetime);
    staff previews and share links call it for unpublished ones, which get private, no-store,
    noindex headers instead. ``extra_context`` is added to the template context (a preview banner).
    """
    prefetch_related_objects([article], *ARTICLE_PREFETCH)
    related = related_articles(article)
    url = seo.absolute_url(article.get_absolute_url())
    context = {
        "article": article,
        "related": related,
        "canonical_url": url,
        "alternates": seo.article_alternates(article) if article.is_public else [],
        "language_links": seo.article_language_links(article),
        "structured_data": seo.json_ld(
            seo.news_article(article, url=url, image_url=seo.social_image_url(article.lead_image))
        ),
        "og_locale_alternates": [
            seo.OG_LOCALES.get(v.language, v.language) for v in article.published_translations()
        ],
        **(extra_context or {}),
    }
    with translation.override(article.language):
        response = render(request, "articles/article_detail.html", context)
    if not article.is_public:
        return private_response(response)
    return public_response(request, response, last_modified=seo.last_change(article, related))


@public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    everywhere = Article.objects.published().filter(tags=tag)
    if not everywhere.exists():
        raise Http404("No published story carries this tag.")
    page = paginate(request, public_articles().filter(tags=tag))
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page, **feed_urls("tag", tag.slug)})


@public_page
def author_detail(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    everywhere = Article.objects.published().filter(bylines__user=user)
    if not everywhere.exists():
        raise Http404("This person has no published story.")
    page = paginate(request, public_articles().filter(bylines__user=user).distinct())
    name = user.get_full_name() or user.get_username()
    return render(request, "articles/author_detail.html", {"author": user, "author_name": name, "page": page})


@public_page
def search(request):
    search_filter = ArticleSearchFilter(request.GET, queryset=Article.objects.published(), language=edition())
    page = paginate(request, search_filter.qs) if search_filter.is_valid() else None
    query = request.GET.copy()
    query.pop("page", None)
    chosen = {name for name, value in request.GET.items() if value} - {"q", "page", "sort"}
    filters_open = page is None or bool(chosen - {"language"}) or request.GET.get("language", edition()) != edition()
    return render(
        request,
        "articles/search.html",
        {"filter": search_filter, "page": page, "query_string": query.urlencode(), "filters_open": filters_open},
    )
