"""Template helpers of the public site: translated labels, canonical and hreflang links, the
language switcher of pages that are the same in every edition, and story cards (kept fragments)."""

from functools import partial

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from newsroom import languages
from public import fragments, furniture, seo
from public.filters import NARROWING
from public import keys as surrogate_keys
from public.labels import CORRECTION_LABELS, KIND_LABELS, live_label

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


register.filter("live_label", live_label)


@register.filter
def correction_label(kind: str) -> str:
    return CORRECTION_LABELS.get(kind, kind)


@register.filter
def og_locale(language: str) -> str:
    return seo.og_locale(language)


@register.simple_tag
def absolute(path: str) -> str:
    return seo.absolute_url(path)


@register.simple_tag
def share_image() -> str:
    return seo.static_url(seo.SHARE_IMAGE)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own address on SITE_URL, keeping only a page number beyond the first."""
    if context.get("canonical_url"):
        return context["canonical_url"]
    request = context["request"]
    url = seo.absolute_url(request.path)
    page = context.get("page")
    number = context.get("page_number") or (getattr(page, "number", 1) if page is not None else 1)
    if number > 1:  # the page shown (a number beyond the last shows the last)
        url += f"?page={number}"
    return url


def _edition_paths(path: str) -> dict[str, str] | None:
    """This page's address in every edition, or None when the path is not a public page."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    paths = {}
    for code in languages.codes():
        with translation.override(code):
            paths[code] = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    return paths


@register.simple_tag(takes_context=True)
def page_alternates(context) -> list[dict]:
    """hreflang links: given by the view (articles), else this page in every edition + x-default."""
    if context.get("alternates") is not None:
        return context["alternates"]
    paths = _edition_paths(context["request"].path)
    if not paths:
        return []
    links = [{"hreflang": code, "url": seo.absolute_url(path)} for code, path in paths.items()]
    default = paths[settings.LANGUAGE_CODE].replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    links.append({"hreflang": "x-default", "url": seo.absolute_url(default)})
    return links


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The language switcher: given by the view (articles), else this page in every edition."""
    if context.get("language_links"):
        return context["language_links"]
    request = context["request"]
    current = translation.get_language()
    paths = None if context.get("error_page") else _edition_paths(request.path)
    paths = paths or {code: seo.edition_home(code) for code in languages.codes()}
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return [
        {
            "code": code,
            "name": languages.get(code).name_local,
            "url": path + suffix,
            "current": code == current,
        }
        for code, path in paths.items()
    ]


# --- story cards -------------------------------------------------------------------------------------


@register.simple_tag
def cards(articles, lead: bool = False) -> str:
    """The cards of ``articles`` (``includes/article_card.html``), each kept as a fragment
    (``public.fragments``): a list rebuilt because one story changed builds that story's card only."""
    language = translation.get_language()
    parts = [(_card_name(article, language, lead), partial(_card, article, lead)) for article in articles]
    return mark_safe("".join(fragments.kept(parts)))  # nosec B308, B703: rendered by the template engine


def cards_grouped(groups: list[tuple[list, bool]]) -> list[str]:
    """The cards of several lists at once (``[(articles, lead)…]``: one look-up of kept fragments for
    all of them, as ``cards`` does for one list): a front renders its lead, top stories, blocks and
    "more" with one query, however many of them are filled."""
    language = translation.get_language()
    parts = [(_card_name(a, language, lead), partial(_card, a, lead)) for articles, lead in groups for a in articles]
    built = iter(fragments.kept(parts))
    return [mark_safe("".join(next(built) for _a in articles)) for articles, _lead in groups]  # nosec B308, B703


@register.simple_tag
def card(article, lead: bool = False) -> str:
    return cards([article], lead=lead)


def _card_name(article, language: str, lead: bool) -> str:
    # A person's page marks the stories in which they are interviewed: another card.
    interviewed = int(bool(getattr(article, "interviewed", False)))
    return f"card:{language}:{article.pk}:{int(lead)}:{interviewed}"


def _card(article, lead: bool) -> str:
    surrogate_keys.shows_cards([article])
    return render_to_string("includes/article_card.html", {"article": article, "is_lead": lead})


# --- the search form's filters ---------------------------------------------------------------------

@register.simple_tag
def search_filters(form) -> str:
    """The filters and sorting of the search form (``includes/search_filters.html``), kept as a
    fragment while no filter box is filled in and nothing is wrong: then it shows only the language
    and the order chosen, and names no story, person or tag (no key). Otherwise rendered as it is
    (the names typed, the errors, the links to choose between namesakes)."""
    def render():
        return render_to_string("includes/search_filters.html", {"form": form})

    data = form.data
    if form.errors or any(data.get(name) for name in NARROWING):
        return mark_safe(render())  # nosec B308, B703: rendered by the template engine
    chosen = fragments.name_of(f"{data.get('language', '')}\n{data.get('sort', '')}")
    return mark_safe(fragments.kept_one(f"search-filters:{translation.get_language()}:{chosen}", render))  # nosec B308, B703


# --- the edition's menu and breaking news banner -----------------------------------------------------


@register.simple_tag(takes_context=True)
def edition_furniture(context):
    """The navigation menu and breaking news banner of the page's edition (``public.furniture``),
    unless the view looked them up with its own kept parts (the article page)."""
    if context.get("furniture") is not None:
        return context["furniture"]
    return furniture.edition_furniture(translation.get_language() or settings.LANGUAGE_CODE)
