"""Sitemaps (``django.contrib.sitemaps``): every public page with its hreflang alternates, and a
Google News sitemap of the stories published in the last 48 hours.

Articles are separate objects per language (with their own slugs), so their alternates are their
published translations; edition homes, tags, people and organizations exist in every edition and
use Django's own i18n alternates.
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from articles import seo
from articles.filters import public_organizations, public_people, public_tags
from articles.models import Article, prefetch_published_translations

NEWS_WINDOW = timedelta(hours=48)


class PublicSitemap(Sitemap):
    """Addresses on ``settings.SITE_URL``, whatever host the request came in on."""

    protocol = urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class EditionSitemap(PublicSitemap):
    """Pages that exist in every edition, listed once per language with x-default."""

    i18n = True
    alternates = True
    x_default = True


class HomeSitemap(EditionSitemap):
    changefreq = "hourly"
    priority = 1.0

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class TagSitemap(EditionSitemap):
    def items(self):
        return public_tags()

    def location(self, tag):
        return reverse("tag-detail", kwargs={"slug": tag.slug})


class PersonSitemap(EditionSitemap):
    def items(self):
        return public_people().order_by("pk")


class OrganizationSitemap(EditionSitemap):
    def items(self):
        return public_organizations().order_by("pk")


class ArticleSitemap(PublicSitemap):
    def items(self):
        return Article.objects.published().order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.revised_at or article.published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        prefetch_published_translations(url["item"] for url in urls)
        for url in urls:
            url["alternates"] = [
                {"lang_code": link["hreflang"], "location": link["url"]}
                for link in seo.article_alternates(url["item"])
            ]
        return urls


class NewsSitemap(PublicSitemap):
    """Google News: stories first published in the last 48 hours (at most 1,000)."""

    limit = 1000

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return Article.objects.published().filter(published_at__gte=since).order_by("-published_at", "-pk")

    def lastmod(self, article):
        return article.revised_at or article.published_at


SITEMAPS = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "people": PersonSitemap,
    "organizations": OrganizationSitemap,
}
