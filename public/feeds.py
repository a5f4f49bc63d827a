"""RSS and Atom feeds per edition, per section, per tag and per person (``django.contrib.syndication``).

Items come from ``Article.objects.published()`` in the edition's language, newest first. Links are
absolute on ``settings.SITE_URL`` (see ``public.seo``).
"""

from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from articles.models import Byline
from fronts.composition import in_section
from fronts.models import Section
from newsroom.translated import localized
from public import fragments, keys, seo
from public.labels import live_label
from public.public_names import public_people
from public.views import edition, person_articles, public_articles, tag_by_slug

FEED_SIZE = 30


@dataclass
class FeedSource:
    """What a feed is about, and where it lives."""

    title: str
    link: str  # the HTML page the feed follows
    path: str  # the feed's own address
    articles: object = field(repr=False)


class EditionFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        """The feed, kept as a fragment (``public.fragments``) under the keys of what it shows (its
        list's and every item's) and no longer than the next embargo lifts: a feed asked with a new
        query string is not built again while nothing in it changed. The feed is the same whatever
        the query string (its links are absolute on ``SITE_URL``)."""
        respond = partial(super().__call__, request, *args, **kwargs)
        return fragments.kept_response(f"feed:{edition()}:{fragments.name_of(request.path)}", respond)

    def source(self, request, **kwargs) -> FeedSource:
        keys.shows(keys.edition(edition()))
        return FeedSource(
            title=_("%(site)s: latest stories") % {"site": settings.SITE_NAME},
            link=reverse("home"),
            path=request.path,
            articles=public_articles(),
        )

    def get_object(self, request, **kwargs):
        return self.source(request, **kwargs)

    def title(self, source):
        return source.title

    def description(self, source):
        return source.title

    subtitle = description

    def link(self, source):
        return seo.absolute_url(source.link)

    def feed_url(self, source):
        return seo.absolute_url(source.path)

    def items(self, source):
        bylines = Prefetch("bylines", queryset=Byline.objects.select_related("user"))
        # The body is not in a feed item (its standfirst is): not read.
        items = list(source.articles.defer("body").prefetch_related(bylines, "tags")[:FEED_SIZE])
        keys.shows_cards(items)
        keys.shows(*(keys.author(b.user_id) for item in items for b in item.bylines.all() if b.user_id))
        return items

    def item_title(self, item):
        if item.is_live:  # an open live story
            return f"{live_label(item)}: {item.headline}"
        return item.headline

    def item_description(self, item):
        return item.dek

    def item_link(self, item):
        return seo.absolute_url(item.get_absolute_url())

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.revised_at or item.published_at

    def item_author_name(self, item):
        return ", ".join(byline.display_name for byline in item.bylines.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class EditionAtomFeed(EditionFeed):
    feed_type = Atom1Feed


class TagFeed(EditionFeed):
    def source(self, request, slug):
        tag, _own_slug = tag_by_slug(slug)  # the tag page's rule
        keys.shows(keys.tag(tag.pk), keys.tag_list(tag.pk))
        return FeedSource(
            title=f"{settings.SITE_NAME}: {tag.name}",
            link=reverse("tag-detail", kwargs={"slug": tag.slug}),
            path=request.path,
            articles=public_articles().tagged(tag),
        )


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed


class PersonFeed(EditionFeed):
    def source(self, request, slug):
        person = get_object_or_404(public_people().prefetch_related("alternate_names"), slug=slug)
        keys.shows(keys.person(person.pk), keys.person_list(person.pk), keys.edition(edition()))
        return FeedSource(
            title=f"{settings.SITE_NAME}: {person.name}",
            link=person.get_absolute_url(),
            path=request.path,
            articles=person_articles(person),
        )


class PersonAtomFeed(PersonFeed):
    feed_type = Atom1Feed


class SectionFeed(EditionFeed):
    """A section's newest stories in the edition (``fronts``)."""

    def source(self, request, slug):
        section = get_object_or_404(Section, slug=slug)
        keys.shows(keys.section(section.pk), keys.section_list(section.pk), keys.edition(edition()))
        name = localized(section, "name", edition())[0]
        return FeedSource(
            title=f"{settings.SITE_NAME}: {name}",
            link=section.get_absolute_url(),
            path=request.path,
            articles=in_section(public_articles(), section),
        )


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed
