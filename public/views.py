"""The public reader site (the edition home and section fronts: ``public.front_pages``): article, tag, author, person, organization and search pages.

Every list starts from ``Article.objects.published()``; views only choose, paginate and render.
A person's or an organization's page exists only for someone (or something) linked to at least one
published story in any language: the people and organizations of drafts, scheduled and withdrawn
stories stay unknown.
"""

from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Window,
    prefetch_related_objects,
)
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from articles.models import Article, Byline, Interviewee, Tag, TaggedArticle, TagSpelling
from fronts.models import ArticleSection
from newsroom import languages
from newsroom.translated import display_name, localized
from people.models import Affiliation, Organization
from public import caching, fragments, furniture, keys, seo, sharing
from public.caching import private_response, public_page, public_response
from public.filters import ArticleSearchFilter
from public.public_names import (
    organization_is_public,
    person_is_public,
    public_organizations,
    public_people,
    public_tags,
)
from public.search import article_mentions
from quotes.selectors import public_quotes
from security.ratelimit import rate_limited

PAGE_SIZE = 20
COUNT_LIMIT = 200  # stories a list counts exactly (see ListPaginator)
MAX_PAGE = 100_000  # two million stories at PAGE_SIZE: deeper page numbers answer 404
RELATED_SIZE = 4
RELATED_CANDIDATES = 50  # newest stories per tag or interviewee that related_articles weighs

# What an article page shows, loaded with a fixed number of queries.
ARTICLE_PREFETCH = [
    Prefetch("bylines", queryset=Byline.objects.select_related("user")),
    Prefetch("interviewee_links", queryset=Interviewee.objects.select_related("person", "affiliation__organization")),
    "organizations",
    "tags",
    "corrections",
    Prefetch("section_links", queryset=ArticleSection.objects.filter(primary=True).select_related("section")),
]


def edition():
    """The language of the edition being read (from the URL prefix)."""
    return translation.get_language() or settings.LANGUAGE_CODE


def public_articles():
    return Article.objects.published().in_language(edition()).order_by("-published_at", "-pk")


class ListPaginator(Paginator):
    """A paginator that counts a list only as far as it needs to.

    Exact up to ``COUNT_LIMIT`` stories (or to the page asked for, when deeper); beyond that it
    knows only "more than", and the templates say so ("Page 3 of more than 10"). Counting the
    stories of a tag on half the archive, or a search matching most of it, would otherwise read all
    of them for every page view.
    """

    def __init__(self, object_list, per_page, *, asked: int = 1, count_from=None):
        super().__init__(object_list, per_page)
        self.limit = max(COUNT_LIMIT, asked * per_page)
        self.count_from = object_list if count_from is None else count_from

    @cached_property
    def count(self):
        if isinstance(self.count_from, int):  # known already (a search's window)
            return min(self.count_from, self.limit + 1)
        return self.count_from.values("pk").order_by()[: self.limit + 1].count()

    @property
    def count_is_exact(self) -> bool:
        return self.count <= self.limit

    @property
    def pages_at_least(self) -> int:
        """When the count is not exact: there are more pages than this."""
        return self.limit // self.per_page


def kept_list(request, name: str, stories, *, shows: tuple[str, ...], count_from=None) -> dict:
    """The page asked for of a list of stories (``stories()``, a queryset made only when it is
    built), rendered and kept as a fragment (``list_html``). ``name`` names the list in this edition."""
    build = partial(list_html, request, stories, shows=shows, count_from=count_from)
    return fragments.kept_one(f"list:{edition()}:{name}:{page_asked(request)}", build)


def list_html(request, stories, *, shows: tuple[str, ...], count_from=None) -> dict:
    """The page asked for of a list of stories, rendered (its cards and pagination:
    ``includes/article_list.html``), to be kept as a fragment (``public.fragments``) under the keys
    of what it shows: the list's own keys (``shows``: a tag's list, an author's works — any story
    joining or leaving the list moves them) and each card's, and no longer than the next embargo
    lifts (a story stored as published with a later time joins the list then). A page built again
    reads no story. ``{"html": …, "number": the page shown}``."""
    keys.shows(*shows)
    caching.lists_public_stories()
    page = paginate(request, stories(), count_from=count_from() if count_from else None)
    return {"html": render_to_string("includes/article_list.html", {"page": page}), "number": page.number}


def page_asked(request) -> int:
    """The page number a list is asked for (1 for anything that is not a number); 404 beyond
    ``MAX_PAGE``."""
    try:
        asked = max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        asked = 1
    if asked > MAX_PAGE:
        raise Http404("No such page.")
    return asked


def paginate(request, queryset, *, count_from=None):
    """The page of ``queryset`` asked for; ``count_from``: the same list, written to count fast, or
    its length when known.

    A page beyond the last shows the last; a page number beyond ``MAX_PAGE`` answers 404 (it would
    otherwise overflow the database's LIMIT: SQLite's is a signed 64-bit integer).
    """
    asked = page_asked(request)
    paginator = ListPaginator(queryset, PAGE_SIZE, asked=asked, count_from=count_from)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)  # read once, here: the page shows these stories
    keys.shows_cards(page.object_list)
    return page


@public_page
def article_detail(request, pk, slug=""):
    keys.shows(keys.article(pk))
    article = Article.objects.published().filter(pk=pk).first()
    if article is None:
        withdrawn = Article.objects.filter(pk=pk, status=Article.Status.WITHDRAWN).first()
        if withdrawn is None:
            raise Http404("No such article.")
        # 410 Gone: the story was public and has been taken down on purpose; the note for readers of
        # the withdrawal (one for every language it was withdrawn in), if the editors wrote one.
        step = withdrawn.status_changes.filter(to_status=Article.Status.WITHDRAWN).order_by("-created_at", "-pk").first()
        note = step.public_note if step else ""
        return render(request, "410.html", {"article": withdrawn, "withdrawal_note": note}, status=410)
    if slug != article.slug or edition() != article.language:
        return redirect(article, permanent=True)
    return article_response(request, article)


# What another app adds to the page of an article of a kind (``article_kind_register``): live
# coverage adds its entries and replaces the NewsArticle structured data with a LiveBlogPosting.
_KIND_PARTS: dict = {}


def article_kind_register(kind: str, build) -> None:
    """``build(article, url=...)`` returns ``{"html": …, "structured_data": …}`` for the article page
    of an article of ``kind`` (called in the app's ``AppConfig.ready()``; the public site imports no
    app above it). The part is built inside the article's kept fragment: the keys it shows
    (``public.keys.shows``) retire it."""
    _KIND_PARTS[kind] = build


def feed_urls(kind: str, slug: str) -> dict[str, str]:
    """The RSS and Atom addresses of a tag's or a person's feed, for the page's links."""
    return {name: reverse(f"{kind}-{name}", kwargs={"slug": slug}) for name in ("rss", "atom")}


def related_articles(article) -> list[Article]:
    """Published stories in the same language sharing the most tags and interviewees with ``article``
    (ties: the newest first), chosen among the ``RELATED_CANDIDATES`` newest stories of each of its
    tags and interviewees.

    One query, whatever the size of the archive. Each tag or person gives one part: its newest public
    stories of the edition, read by walking ``article_public_list`` and probing the link table's
    index (a tag on half the archive), or from the link table first (a rare one), as PostgreSQL
    judges for that tag or person; at most ``RELATED_CANDIDATES`` rows each. The parts are counted
    per story, the best four kept, and only then are those four read whole. Counting every story
    ever given a common tag instead read tens of thousands of link rows per page view.
    """
    tag_ids = sorted({tag.pk for tag in article.tags.all()})
    person_ids = sorted({link.person_id for link in article.interviewee_links.all()})
    if not tag_ids and not person_ids:
        return []
    public = Article.objects.published().in_language(article.language).exclude(pk=article.pk)
    links = [
        Exists(TaggedArticle.objects.filter(tag_id=tag_id, content_object=OuterRef("pk")))
        for tag_id in tag_ids
    ] + [Exists(Interviewee.objects.filter(person_id=person_id, article=OuterRef("pk"))) for person_id in person_ids]
    parts, params = [], []
    for n, link in enumerate(links):
        newest = public.filter(link).order_by("-published_at", "-pk")
        newest = newest.values(candidate_id=F("pk"), candidate_at=F("published_at"))[:RELATED_CANDIDATES]
        sql, part_params = newest.query.sql_with_params()
        parts.append(f"SELECT candidate_id, candidate_at FROM ({sql}) AS part{n}")
        params += part_params
    table, pk = connection.ops.quote_name(Article._meta.db_table), connection.ops.quote_name(Article._meta.pk.column)
    columns = ", ".join(f"article.{connection.ops.quote_name(f.column)}" for f in Article._meta.concrete_fields)
    ranked = (
        f"SELECT {columns} FROM {table} AS article INNER JOIN ("
        f"SELECT candidate_id, COUNT(*) AS shared, MAX(candidate_at) AS newest FROM ({' UNION ALL '.join(parts)}) "
        f"AS candidates GROUP BY candidate_id ORDER BY shared DESC, newest DESC, candidate_id DESC LIMIT {RELATED_SIZE}"
        f") AS best ON best.candidate_id = article.{pk} ORDER BY best.shared DESC, best.newest DESC, article.{pk} DESC"
    )
    return list(Article.objects.raw(ranked, params))


def article_response(request, article, *, extra_context=None):
    """Render the article page of ``article``, whatever its status.

    The public view calls it for published stories (with validators and a public cache lifetime):
    the page's head and story are a kept fragment (``public.fragments``), built once per change of
    what they show. Staff previews and share links call it for unpublished ones (with
    ``extra_context``: a preview banner), built every time, with private, no-store, noindex headers.
    """
    shared = None
    if article.is_public and not extra_context:
        # The story's parts, the edition's menu and its banner: one look-up of kept fragments.
        parts, *edition_parts = fragments.kept([
            (f"article:{article.pk}:{article.language}", partial(article_parts, article)),
            *furniture.parts(article.language),
        ], timeout=settings.RELATED_REFRESH_SECONDS)
        with translation.override(article.language):
            shared = furniture.resolve(*edition_parts)
    else:
        parts = article_parts(article)
    context = {
        "furniture": shared,
        "article": article,
        "parts": parts,
        "canonical_url": parts["canonical_url"],
        "alternates": parts["alternates"],
        "language_links": parts["language_links"],
        **(extra_context or {}),
    }
    with translation.override(article.language):
        response = render(request, "articles/article_detail.html", context)
    if not article.is_public:
        return private_response(response)
    return public_response(request, response, last_modified=parts["last_modified"])


def article_parts(article) -> dict:
    """What the article page shows of ``article`` and around it, rendered: the head (Open Graph,
    JSON-LD), the story with its people, tags, corrections and related stories, the addresses of its
    language versions, and the time of the last change among them."""
    prefetch_related_objects([article], *ARTICLE_PREFETCH)
    related = related_articles(article)
    keys.shows_article(article, related=related)
    url = seo.absolute_url(article.get_absolute_url())
    breadcrumbs = article_breadcrumbs(article)
    data = seo.news_article(article, url=url, image_url=seo.social_image_url(article.lead_image))
    kind_part = {}
    if article.kind in _KIND_PARTS:
        with translation.override(article.language):
            kind_part = _KIND_PARTS[article.kind](article, url=url, news_article=data)
    context = {
        "article": article,
        "related": related,
        "kind_part": mark_safe(kind_part.get("html", "")),  # nosec B308, B703: rendered by a template
        "structured_data": seo.json_ld(kind_part.get("structured_data") or data),
        "breadcrumbs": breadcrumbs,
        "share_links": sharing.share_links(url=url, title=article.headline),
        "share_url": url,
        "share_title": article.headline,
        "breadcrumb_data": seo.json_ld(seo.breadcrumb_list(breadcrumbs)) if breadcrumbs else "",
        "og_locale_alternates": [seo.og_locale(v.language) for v in article.published_translations()],
    }
    with translation.override(article.language):
        head = render_to_string("articles/includes/article_head.html", context)
        story = render_to_string("articles/includes/story.html", context)
    return {
        "head": mark_safe(head),  # nosec B308, B703: rendered by the template engine
        "story": mark_safe(story),  # nosec B308, B703
        "canonical_url": url,
        "alternates": seo.article_alternates(article) if article.is_public else [],
        "language_links": seo.article_language_links(article),
        "last_modified": seo.last_change(article, related),
    }


def article_breadcrumbs(article) -> list[tuple[str, str]]:
    """Home › the story's primary section › the story (none without a section): the section links
    prefetched (``ARTICLE_PREFETCH``)."""
    primary = next((link.section for link in article.section_links.all() if link.primary), None)
    if primary is None:
        return []
    keys.shows(keys.section(primary.pk))
    with translation.override(article.language):
        return [
            (gettext("Home"), reverse("home")),
            (localized(primary, "name", article.language)[0], primary.get_absolute_url()),
            (article.headline, article.get_absolute_url()),
        ]


def tag_by_slug(slug: str):
    """(the tag, its address in this edition) for a slug of any language, or of a tag merged into
    it (``TagSpelling``); Http404 when no tag has it, or no published story carries it (the tag
    page's and the tag feeds' rule: ``public_tags``). The answer is kept as a fragment under the
    tag's keys (its name and slugs, and its list: a story carrying it published or withdrawn), so a
    tag page built again does not look it up again."""
    return fragments.kept_one(*_tag_part(slug))


def _tag_part(slug: str) -> tuple[str, Callable]:
    return f"tag-by-slug:{edition()}:{fragments.name_of(slug)}", partial(_tag_by_slug, slug)


def _tag_by_slug(slug: str):
    any_language = Q()
    for code in languages.codes():
        any_language |= Q(**{f"slug_{code}": slug})
    tag = Tag.objects.filter(any_language).first()
    if tag is None:
        spelling = TagSpelling.objects.select_related("tag").filter(slug=slug).first()
        if spelling is None:
            raise Http404("No tag has this address.")
        tag = spelling.tag
    if not public_tags().filter(pk=tag.pk).exists():
        raise Http404("No published story carries this tag.")
    keys.shows(*_tag_keys(tag))
    return tag, tag.slug  # tag.slug: the edition's slug, or the first language's that has one


def _tag_keys(tag) -> tuple[str, str]:
    return keys.tag(tag.pk), keys.tag_list(tag.pk)


def _tag_stories(request, slug: str) -> str:
    tag, own_slug = _tag_by_slug(slug)
    if own_slug != slug:  # the page redirects
        return {"html": "", "number": 1}
    return list_html(request, lambda: public_articles().tagged(tag), shows=_tag_keys(tag))


@public_page
def tag_detail(request, slug):
    # The tag, the page of its stories, the edition's menu and banner: one look-up of kept fragments.
    language = edition()
    tag_name, find_tag = _tag_part(slug)
    (tag, own_slug), stories, *edition_parts = fragments.kept([
        (tag_name, find_tag),
        (f"list:{language}:{tag_name}:{page_asked(request)}", partial(_tag_stories, request, slug)),
        *furniture.parts(language),
    ])
    if own_slug != slug:  # another language's address, or a merged tag's: the edition's own, for good
        return redirect(reverse("tag-detail", kwargs={"slug": own_slug}), permanent=True)
    keys.shows(*_tag_keys(tag))
    context = {"tag": tag, "tag_name": localized(tag, "name", language)[0], "furniture": furniture.resolve(*edition_parts),
               "stories": mark_safe(stories["html"]), "page_number": stories["number"]}  # nosec B308, B703: rendered by the template engine
    return render(request, "articles/tag_detail.html", {**context, **feed_urls("tag", tag.slug)})


@public_page
def author_detail(request, pk):
    user = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    signed = Exists(Byline.objects.filter(article=OuterRef("pk"), user=user))
    if not Article.objects.published().filter(signed).exists():
        raise Http404("This person has no published story.")
    keys.shows(keys.author(user.pk), keys.works(user.pk))
    page = paginate(request, public_articles().filter(signed))
    name = user.get_full_name() or user.get_username()
    return render(request, "articles/author_detail.html", {"author": user, "author_name": name, "page": page})


@public_page
@rate_limited("search")  # inside public_page: a page the page cache answers is not counted
def search(request):
    keys.shows(keys.SEARCH, keys.NAMES, keys.edition(edition()))
    search_filter = ArticleSearchFilter(request.GET, queryset=Article.objects.published(), language=edition())
    if search_filter.is_valid():
        found = search_filter.qs
        page = paginate(request, found.defer("body"), count_from=getattr(found, "known_count", None))  # a card shows no body
    else:
        page = None
        search_filter.choose_links(request.GET)  # a name several have: links to each of them
    more_than = getattr(search_filter.qs, "more_than", None) if page is not None else None
    in_other_languages = other_language_matches(request, search_filter) if page is not None else []
    query = request.GET.copy()
    query.pop("page", None)
    chosen = {name for name, value in request.GET.items() if value} - {"q", "page", "sort"}
    filters_open = page is None or bool(chosen - {"language"}) or request.GET.get("language", edition()) != edition()
    return render(
        request,
        "articles/search.html",
        {
            "filter": search_filter,
            "page": page,
            "more_than": more_than,
            "query_string": query.urlencode(),
            "filters_open": filters_open,
            "in_other_languages": in_other_languages,
        },
    )


OTHER_LANGUAGES_SHOWN = 10  # matches from the other editions under an edition's own results
OTHER_LANGUAGES_WINDOW = 50  # ranked among this many newest matches of the other editions


def other_language_matches(request, search_filter: ArticleSearchFilter) -> list[dict]:
    """The best matches of the same words, names and filters in the other editions (the most
    relevant of their ``OTHER_LANGUAGES_WINDOW`` newest matches), each with its language (for "In
    other languages" under the edition's own results): only when the reader searched words in this
    edition's language. ``search_filter``, the page's valid search, is reused as cleaned (its names
    resolved once); names match in any script and spelling stored (``public.search``)."""
    if not (request.GET.get("q") or "").strip() or request.GET.get("language", edition()) != edition():
        return []
    others = [code for code in languages.codes() if code != edition()]
    found = search_filter.in_other_editions(others, window=OTHER_LANGUAGES_WINDOW)
    return [
        {"article": article, "language": languages.get(article.language), "url": article.get_absolute_url()}
        for article in found.only("id", "headline", "slug", "language")[:OTHER_LANGUAGES_SHOWN]
    ]


# --- people and organizations ----------------------------------------------------------------

PEOPLE_SHOWN = 40  # people listed on an organization's page


def person_articles(person, *, for_counting: bool = False):
    """This edition's published stories interviewing ``person`` or naming them, newest first."""
    interviewed = Interviewee.objects.filter(person=person).values("article_id")
    articles = article_mentions(
        public_articles(), names=person.all_names, linked=[interviewed], for_counting=for_counting
    )
    return articles.annotate(interviewed=ExpressionWrapper(Q(pk__in=interviewed), output_field=BooleanField()))


QUOTES_PAGE_SIZE = 10
QUOTES_SEARCH = "said"  # the words a reader looks for among a person's quotes
QUOTES_PAGE = "said_page"


def person_quotes_html(request, person) -> str:
    """The "What they said" part of a person's page (``quotes/person_quotes.html``). A page of their
    quotes without the reader's words is kept as a fragment under the keys of the person's quotes
    and of the stories it shows, and no longer than the next embargo lifts (a story stored as
    published with a later time brings its quotes then): it changes when they do, not with every
    reader's query string."""
    words = " ".join((request.GET.get(QUOTES_SEARCH) or "").split())[:200]
    try:
        asked = max(1, int(request.GET.get(QUOTES_PAGE, 1)))
    except (TypeError, ValueError):
        asked = 1
    if asked > MAX_PAGE:
        raise Http404("No such page.")

    def build() -> str:
        return render_to_string("quotes/person_quotes.html", person_quotes(person, words=words, asked=asked))

    if words:
        return build()

    def kept_build() -> str:
        keys.shows(keys.person(person.pk))  # the name in the quotes' structured data
        caching.lists_public_stories()
        return build()

    return fragments.kept_one(f"quotes:{edition()}:{person.pk}:{asked}", kept_build)


def person_quotes(person, *, words: str, asked: int) -> dict:
    """A page of a person's quotes (two queries, however many they said), the reader's search, and
    the quotes as schema.org ``Quotation``s."""
    keys.shows(keys.quotes(person.pk))
    paginator = ListPaginator(public_quotes(person=person, language=edition(), words=words), QUOTES_PAGE_SIZE, asked=asked)
    page = paginator.get_page(asked)
    page.object_list = list(page.object_list)
    keys.shows(*(keys.article(quote.article_id) for quote in page.object_list))
    person_url = seo.absolute_url(person.get_absolute_url())
    data = seo.quotations(page.object_list, person_name=display_name(person, edition())[0], person_url=person_url)
    return {
        "quotes": page,
        "quotes_words": words,
        "quotes_shown": bool(words) or bool(page.object_list),
        "quotes_data": seo.json_ld(data) if page.object_list else "",
    }


@public_page
def person_detail(request, slug):
    person = get_object_or_404(public_people().prefetch_related("alternate_names"), slug=slug)
    # Stories naming them in the text join the list as they are published: the edition's key too.
    shown = (keys.person(person.pk), keys.person_list(person.pk), keys.edition(edition()))
    keys.shows(*shown)
    stories = kept_list(request, f"person:{person.pk}", lambda: person_articles(person), shows=shown,
                        count_from=lambda: person_articles(person, for_counting=True))
    affiliations = list(person.affiliations.select_related("organization").annotate(
        organization_public=ExpressionWrapper(organization_is_public("organization_id"), output_field=BooleanField())
    ))
    keys.shows(*(keys.organization(a.organization_id) for a in affiliations))
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "person_title": display_name(person, edition())[0],
            "stories": mark_safe(stories["html"]), "page_number": stories["number"],  # nosec B308, B703: rendered by the template engine
            "affiliations": affiliations,
            "quotes_html": mark_safe(person_quotes_html(request, person)),  # nosec B308, B703: rendered by the template engine
            **feed_urls("person", person.slug),
        },
    )


def organization_people(organization) -> tuple[list, int]:
    """The people who held a role at ``organization``: those with a page of their own first, at
    most ``PEOPLE_SHOWN``, and how many more there are, from the same query (a large body has
    hundreds on record). Kept as a fragment: under the organization's key (its affiliations), the
    people shown, and the public names (a person's page comes with their first published story;
    a renamed person moves in the order), and no longer than the next embargo lifts."""
    caching.lists_public_stories()  # who has a page of their own
    affiliations = list(
        Affiliation.objects.filter(organization=organization)
        .select_related("person")
        .annotate(person_public=person_is_public("person_id"), total=Window(Count("pk")))
        .order_by("-person_public", "person__name", "-start_date", "pk")[:PEOPLE_SHOWN]
    )
    keys.shows(keys.organization(organization.pk), keys.NAMES, *(keys.person(a.person_id) for a in affiliations))
    return affiliations, (affiliations[0].total - len(affiliations) if affiliations else 0)


@public_page
def organization_detail(request, slug):
    organization = get_object_or_404(public_organizations().prefetch_related("aliases"), slug=slug)
    shown = (keys.organization(organization.pk), keys.organization_list(organization.pk), keys.edition(edition()))
    keys.shows(*shown)
    affiliations, more_people = fragments.kept_one(f"organization-people:{organization.pk}",
                                                   partial(organization_people, organization))
    via_interviewee = Interviewee.objects.filter(affiliation__organization=organization).values("article_id")
    linked = Organization.articles.through.objects.filter(organization=organization).values("article_id")
    names, links = organization.all_names, [linked, via_interviewee]
    stories = kept_list(
        request, f"organization:{organization.pk}", lambda: article_mentions(public_articles(), names=names, linked=links),
        shows=shown, count_from=lambda: article_mentions(public_articles(), names=names, linked=links, for_counting=True),
    )
    return render(
        request,
        "people/organization_detail.html",
        {
            "organization": organization,
            "organization_title": localized(organization, "name", edition())[0],
            "affiliations": affiliations,
            "more_people": more_people,
            "stories": mark_safe(stories["html"]), "page_number": stories["number"],  # nosec B308, B703: rendered by the template engine
        },
    )
