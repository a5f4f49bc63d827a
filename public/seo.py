"""What search engines, feed readers and link previews read: absolute URLs, hreflang alternates,
NewsArticle JSON-LD, OpenGraph locales.

Absolute addresses always use ``settings.SITE_URL`` (the publisher's public address), whatever host
the request came in on, so canonical links, feeds and sitemaps agree.
"""

import json
from datetime import datetime, timezone

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from newsroom import languages
from newsroom.translated import display_name, localized

SHARE_IMAGE = "img/share.png"  # 1200×675, used when a story has no image of its own
LOGO_IMAGE = "img/logo.png"

# In JSON for a page, "<", ">" and "&" are written as \u escapes: no text can close a <script>
# element early, and a browser that took a JSON answer for HTML would still find no markup in it.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def absolute_url(path: str) -> str:
    """``path`` on the public site: ``/en/`` → ``https://news.example.org/en/``."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def static_url(name: str) -> str:
    return absolute_url(static(name))


def edition_home(language: str) -> str:
    with translation.override(language):
        return reverse("home")


def author_url(user_id: int, language: str) -> str:
    with translation.override(language):
        return reverse("author-detail", kwargs={"pk": user_id})


def article_alternates(article, *, url_of=None) -> list[dict]:
    """hreflang links of a published story: every published version, then x-default.

    x-default is the English version when there is one, else this version. ``url_of(article)``
    gives an article's address (default ``get_absolute_url``; the sitemap remembers them).
    """
    url_of = url_of or (lambda version: version.get_absolute_url())
    versions = sorted([article, *article.published_translations()], key=_language_position)
    links = [{"hreflang": v.language, "url": absolute_url(url_of(v))} for v in versions]
    default = next((v for v in versions if v.language == settings.LANGUAGE_CODE), article)
    links.append({"hreflang": "x-default", "url": absolute_url(url_of(default))})
    return links


def _language_position(article) -> int:
    return languages.position(article.language)


def article_language_links(article) -> list[dict]:
    """The language switcher of an article: the same story where a published translation exists,
    else that edition's home page."""
    versions = {v.language: v for v in article.published_translations()}
    versions[article.language] = article
    links = []
    for code in languages.codes():
        version = versions.get(code)
        links.append(
            {
                "code": code,
                "name": languages.get(code).name_local,
                "url": version.get_absolute_url() if version else edition_home(code),
                "same_story": version is not None,
                "current": code == article.language,
            }
        )
    return links


def last_change(article, related=()) -> datetime:
    """When anything shown on an article page last changed: the article, its corrections, its
    published translations and the related stories listed with it."""
    times = [article.updated_at, article.published_at, article.revised_at]
    times += [note.created_at for note in article.corrections.all()]
    for other in [*article.published_translations(), *related]:
        times += [other.updated_at, other.published_at]
    return max(t for t in times if t is not None)


def social_image_url(image) -> str | None:
    """The absolute address of an image's 1200 × 630 social rendition (JSON-LD, feeds), if made."""
    social = image.renditions_of("social", "jpeg") if image is not None else []
    return absolute_url(social[0].url) if social else None


def _in_language(address, code: str) -> str:
    with translation.override(code):
        return address()


def news_article(article, *, url: str, image_url: str | None = None) -> dict:
    """schema.org NewsArticle for ``article`` (bylines, corrections and tags prefetched)."""
    notes = list(article.corrections.all())
    modified = max([article.published_at, article.revised_at, *(n.created_at for n in notes)], key=_time_or_min)
    authors = []
    for byline in article.bylines.all():
        author = {"@type": "Person", "name": byline.display_name}
        if byline.user_id:
            author["url"] = absolute_url(author_url(byline.user_id, article.language))
        authors.append(author)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.dek,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": [image_url or static_url(SHARE_IMAGE)],
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": modified.isoformat() if modified else None,
        "inLanguage": article.language,
        "author": authors,
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL + "/",
            "logo": {"@type": "ImageObject", "url": static_url(LOGO_IMAGE)},
        },
        # Names in the story's language (a fallback where a name has no translation yet).
        "keywords": [localized(tag, "name", article.language)[0] for tag in article.tags.all()],
        "about": [
            *(
                {"@type": "Person", "name": display_name(link.person, article.language)[0],
                 "url": absolute_url(_in_language(link.person.get_absolute_url, article.language))}
                for link in article.interviewee_links.all()
            ),
            *(
                {"@type": "Organization", "name": localized(org, "name", article.language)[0]}
                for org in article.organizations.all()
            ),
        ],
        "correction": [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": note.created_at.isoformat()}
            for note in notes
        ],
    }
    if article.dateline:
        data["dateline"] = article.dateline
    return data


def _time_or_min(value):
    return value or datetime.min.replace(tzinfo=timezone.utc)


def og_locale(language: str) -> str:
    return languages.get(language).og_locale


def safe_json(data, *, compact: bool = False) -> str:
    """JSON that no reader's text can turn into markup (``_JSON_ESCAPES``)."""
    separators = (",", ":") if compact else None
    return json.dumps(data, ensure_ascii=False, separators=separators).translate(_JSON_ESCAPES)


def json_ld(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: cannot close the script element early."""
    return safe_json(data)


def quotations(quotes, *, person_name: str, person_url: str) -> dict:
    """schema.org ``Quotation`` of each of ``quotes`` (their articles selected with them), said by
    the person whose page lists them: the words, who said them, the story they are part of (and the
    paragraph), the story's publication and language."""
    speaker = {"@type": "Person", "name": person_name, "url": person_url}
    items = []
    for quote in quotes:
        url = absolute_url(quote.article.get_absolute_url())
        items.append({
            "@type": "Quotation",
            "text": quote.text,
            "spokenByCharacter": speaker,
            "creator": speaker,
            "url": f"{url}#{quote.anchor}",
            "isPartOf": {"@type": "NewsArticle", "@id": url, "url": url, "headline": quote.article.headline},
            "dateCreated": quote.article.published_at.isoformat() if quote.article.published_at else None,
            "inLanguage": quote.language,
        })
    return {"@context": "https://schema.org", "@graph": items}


def breadcrumb_list(crumbs: list[tuple[str, str]]) -> dict:
    """schema.org BreadcrumbList of ``crumbs`` ((name, path) from the edition's home down)."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(path)}
            for n, (name, path) in enumerate(crumbs, start=1)
        ],
    }
