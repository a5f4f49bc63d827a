"""Sitemaps (``django.contrib.sitemaps``): every public page with its hreflang alternates, and a
Google News sitemap of the stories published in the last 48 hours.

``/sitemap.xml`` is a sitemap index listing one sitemap per section (``/sitemap-articles.xml``,
``/sitemap-tags.xml``, …), split into pages of at most ``SITEMAP_PAGE_SIZE`` addresses
(``?p=2``…): one file with the whole archive would be megabytes built on every request.

Articles are separate objects per language (with their own slugs), so their alternates are their
published translations; edition homes, tags, people and organizations exist in every edition and
use Django's own i18n alternates.
"""

import math
from datetime import timedelta
from functools import partial
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, prefetch_published_translations
from fronts.models import Section
from public import fragments, keys, public_names, seo
from public.caching import keyed_value

NEWS_WINDOW = timedelta(hours=48)
SITEMAP_PAGE_SIZE = 100  # items per sitemap file (the protocol allows 50,000; a page of 500 took ~100 ms to build)


class PublicSitemap(Sitemap):
    """Addresses on ``settings.SITE_URL``, whatever host the request came in on."""

    protocol = urlsplit(settings.SITE_URL).scheme or "https"
    limit = SITEMAP_PAGE_SIZE

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        keys.shows(keys.SITEMAP, *(keys.article(url["item"].pk) for url in urls if isinstance(url["item"], Article)))
        return urls


class EditionSitemap(PublicSitemap):
    """Pages that exist in every edition, listed once per language with x-default."""

    i18n = True
    alternates = True
    x_default = True

    def _location(self, item, force_lang_code=None):
        # Django asks for each address up to five times (the entry, its alternates, x-default).
        key = (item[0], force_lang_code or item[1])
        known = self.__dict__.setdefault("_locations", {})
        if key not in known:
            known[key] = super()._location(item, force_lang_code)
        return known[key]


class HomeSitemap(EditionSitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


def public_slugs(kind: str) -> list[str]:
    """The slugs of every public tag, person or organization (``kind``), in name order. The same for
    every request until a name or a story changes, and thousands long in a big archive, so kept
    until then."""
    keys.shows(keys.NAMES)
    public = public_names.public(kind).order_by("name", "pk").values_list("slug", flat=True)
    return keyed_value(f"public-{kind}-slugs", [keys.NAMES, keys.SITEMAP], lambda: list(public))


class SlugSitemap(EditionSitemap):
    """Pages addressed by a slug: the items are the slugs of ``public_slugs()`` (the public tags,
    people or organizations, kept until one changes), so no model instance is built."""

    kind = ""  # one of public_names.KINDS
    url_name = ""

    def items(self):
        return public_slugs(self.kind)

    def location(self, slug):
        return reverse(self.url_name, kwargs={"slug": slug})


class TagSitemap(SlugSitemap):
    kind, url_name = "tag", "tag-detail"


class PersonSitemap(SlugSitemap):
    kind, url_name = "person", "person-detail"


class OrganizationSitemap(SlugSitemap):
    kind, url_name = "organization", "organization-detail"


class SectionSitemap(EditionSitemap):
    """Section fronts (``fronts``), in every edition."""

    changefreq = "hourly"
    priority = 0.8

    def items(self):
        keys.shows(keys.SECTIONS)
        return list(Section.objects.order_by("slug").values_list("slug", flat=True))

    def location(self, slug):
        return reverse("section-front", kwargs={"slug": slug})


class ArticleSitemap(PublicSitemap):
    # What an address, its alternates and dates need: not the bodies.
    FIELDS = ("id", "slug", "language", "published_at", "revised_at", "translation_key")

    def items(self):
        return Article.objects.published().only(*self.FIELDS).order_by("-published_at", "-pk")

    def location(self, article):
        return self._url(article)

    def _url(self, article) -> str:
        known = self.__dict__.setdefault("_urls_by_pk", {})
        if article.pk not in known:
            known[article.pk] = article.get_absolute_url()
        return known[article.pk]

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_latest_lastmod(self):
        return None  # Django's default reads every article; the index lists sections without a date

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        prefetch_published_translations((url["item"] for url in urls), only=self.FIELDS)
        for url in urls:
            url["alternates"] = [
                {"lang_code": link["hreflang"], "location": link["url"]}
                for link in seo.article_alternates(url["item"], url_of=self._url)
            ]
        return urls


class NewsSitemap(PublicSitemap):
    """Google News: stories first published in the last 48 hours (at most 1,000)."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        live = Q(kind=Article.Kind.LIVE, coverage_started_at__isnull=False, coverage_ended_at__isnull=True)
        return Article.objects.published().filter(Q(published_at__gte=since) | live).order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_latest_lastmod(self):
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        # The oldest story leaves the window by the clock, which moves no key.
        since = timezone.now() - NEWS_WINDOW
        leaving = [url["item"].published_at + NEWS_WINDOW for url in urls if url["item"].published_at >= since]
        keys.changes_at(min(leaving, default=None))
        return urls


SITEMAPS = {
    "home": HomeSitemap,
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
}


def sitemap_pages(sitemap_class) -> int:
    """How many files a section's sitemap has, as Django's paginator counts them, without building
    its items: a sitemap in every edition lists each item once per language."""
    sitemap = sitemap_class()
    items = sitemap.items()
    count = len(items) if isinstance(items, list) else items.count()
    if sitemap.i18n:
        count *= len(sitemap._languages())
    return max(1, math.ceil(count / sitemap.limit))


def sitemap_index(request):
    """``/sitemap.xml``: every page of every section's sitemap, on SITE_URL, kept until a story, a
    name or a section comes or goes (``public.fragments.kept_response``)."""
    return fragments.kept_response("sitemap-index", _sitemap_index)


def sitemap_section(request, section):
    """``/sitemap-<section>.xml?p=N``: one file of a section's sitemap (Django's view), kept until
    what it lists changes; the same for any other query string."""
    page = request.GET.get("p", "1")
    respond = partial(sitemap_views.sitemap, request, sitemaps=SITEMAPS, section=section)
    return fragments.kept_response(f"sitemap:{fragments.name_of(section)}:{fragments.name_of(page)}", respond)


def news_sitemap(request):
    """``/news-sitemap.xml``: Google News' sitemap of the last 48 hours, kept like the others (and
    no longer than its oldest story stays in the window: a day at most, see ``NewsSitemap``)."""
    page = request.GET.get("p", "1")
    respond = partial(sitemap_views.sitemap, request, sitemaps={"news": NewsSitemap}, template_name="sitemaps/news.xml")
    return fragments.kept_response(f"news-sitemap:{fragments.name_of(page)}", respond)


def _sitemap_index() -> HttpResponse:
    """The index written directly: at 100,000 articles it lists about 900 files, and Django's
    template took ~30 ms for them."""
    keys.shows(keys.SITEMAP)
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        url = seo.absolute_url(reverse("sitemap-section", kwargs={"section": section}))
        entries += [url if n == 1 else f"{url}?p={n}" for n in range(1, sitemap_pages(sitemap_class) + 1)]
    xml = "".join([
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
        *(f"<sitemap><loc>{escape(url)}</loc></sitemap>\n" for url in entries),
        "</sitemapindex>\n",
    ])
    response = HttpResponse(xml, content_type="application/xml")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"  # as Django's sitemap views: not a search result
    return response
