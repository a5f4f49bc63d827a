"""Nothing unpublished leaks: a crawl of every public URL finds no draft, scheduled, embargoed,
in-review or withdrawn story, nor their people, organizations, tags or unpublished translations."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils import timezone

from tests.public_data import hidden_stories, white_helmets_newsroom

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SEEDS = ["/", "/en/", "/ar/", "/ku/", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt"]
SEARCHES = ["White Helmets", "Secret", "zzqdraft", "zzqscheduled", "zzqwithdrawn", "zzqembargoed", "Raed Al-Saleh", "Hidden"]
LINK = re.compile(r'(?:href|src)="([^"]+)"|<loc>([^<]+)</loc>|<link>([^<]+)</link>|<id>([^<]+)</id>|Sitemap: (\S+)')


def crawl(client, start: list[str], limit: int = 400) -> dict[str, str]:
    """Every same-site page reachable from ``start`` (links in HTML, feeds, sitemaps, robots.txt)."""
    seen: dict[str, str] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        path = urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        if path in seen or path.startswith(("/static/", "/admin/", "/i18n/")):
            continue
        response = client.get(path, follow=True)
        body = response.content.decode("utf-8", "replace")
        seen[path] = body
        for groups in LINK.findall(body):
            link = next(g for g in groups if g).replace("&amp;", "&")
            absolute = urljoin(SITE + path, link)
            if absolute.startswith(SITE):
                queue.append(absolute[len(SITE):])
    return seen


def test_no_public_url_shows_anything_unpublished(client):
    newsroom = white_helmets_newsroom()
    hidden = hidden_stories(newsroom)
    start = list(SEEDS)
    for edition in ["en", "ar", "ku"]:
        start += [f"/{edition}/search/?q={q}&language=any" for q in SEARCHES]
        start += [f"/{edition}/search/suggest/?field={f}&q={q}" for f in ["tag", "person", "organization"] for q in ["zzq", "Zzqdraft", "Hidden"]]
        start += [f"/{edition}/rss/", f"/{edition}/atom/", f"/{edition}/tags/idlib/rss/", f"/{edition}/people/{newsroom.raed.slug}/atom/"]
    pages = crawl(client, start)
    assert len(pages) > 60  # the crawl really walked the site
    assert f"/en/people/{newsroom.raed.slug}/" in pages and "/ar/tags/idlib/" in pages
    # Searches echo their words, so the markers are whole texts, names and addresses.
    markers = []
    for name, article in hidden.items():
        markers += [article.headline, article.get_absolute_url(), f"/articles/{article.pk}/"]
        if name != "draft_translation":
            markers += [article.dek, f"Hidden body zzq{name}", f"Correction zzq{name}", f"zzqtag{name}"]
            markers += [f"Zzq{name} Person", f"Zzq{name} Organization", f"zzq{name}-person", f"zzq{name}-organization"]
    for path, body in pages.items():
        for marker in markers:
            assert marker not in body, f"{marker!r} shows on {path}"


def wire_pages(client, key: str, queries: list[dict]) -> list[str]:
    """Every page of every list ``queries`` asks for, following the cursors."""
    bodies = []
    for params in queries:
        cursor = None
        for _ in range(50):
            response = client.get("/api/v1/items/", {**params, **({"cursor": cursor} if cursor else {})},
                                  HTTP_AUTHORIZATION=f"Bearer {key}")
            bodies.append(response.content.decode())
            cursor = response.json().get("next") if response.status_code == 200 else None
            if not cursor:
                break
    return bodies


def test_the_wire_shows_nothing_unpublished_without_embargo_rights_and_only_embargoed_copy_with_them(client):
    """The content API (docs/SYNDICATION.md) starts from one rule, wire.services.visible_articles:
    a subscriber without embargo rights meets none of the hidden stories by any list, filter or
    address; one with them gets the scheduled and embargoed ones, marked, and never a draft."""
    from django.core.cache import cache

    from wire import services

    cache.clear()
    newsroom = white_helmets_newsroom()
    hidden = hidden_stories(newsroom)
    _, plain = services.subscriber_create(name="Plain paper", language_codes=["en", "ar", "ku"])
    _, early = services.subscriber_create(name="Early paper", language_codes=["en", "ar", "ku"], embargo=True)
    tag = hidden["scheduled"].tags.get(name="Idlib")
    queries = [{"limit": 100}, {"language": "ar"}, {"status": "embargoed"}, {"status": "usable"},
               {"status": "withheld"}, {"tag": tag.pk}, {"person": newsroom.raed.pk},
               {"organization": newsroom.civil_defense.pk}, {"updated_since": "2000-01-01T00:00:00Z"}]
    texts = wire_pages(client, plain, queries)
    for name, article in hidden.items():
        texts.append(client.get(f"/api/v1/items/{article.pk}/", HTTP_AUTHORIZATION=f"Bearer {plain}").content.decode())
        texts.append(client.get(f"/api/v1/items/{article.pk}/?version=1", HTTP_AUTHORIZATION=f"Bearer {plain}").content.decode())
    for name, article in hidden.items():
        shown = [f"Hidden body zzq{name}", f"Hidden standfirst zzq{name}"] if name != "draft_translation" else [article.headline]
        if name != "withdrawn":  # a withdrawn story is listed as withheld: headline only, no text
            shown.append(article.headline)
        for text in texts:
            for marker in shown:
                assert marker not in text, f"{marker!r} reached a subscriber without embargo rights"
    early_texts = "".join(wire_pages(client, early, [{"limit": 100}]))
    for name in ("scheduled", "embargoed"):
        assert hidden[name].headline in early_texts
    for name in ("draft", "in_review", "draft_translation"):
        assert hidden[name].headline not in early_texts
    embargoed = client.get(f"/api/v1/items/{hidden['embargoed'].pk}/", HTTP_AUTHORIZATION=f"Bearer {early}").json()
    assert embargoed["embargoed"] and embargoed["pubstatus"] == "usable"
    # The reader site never links the API.
    assert "/api/v1" not in client.get("/en/").content.decode()


def test_no_public_url_shows_a_planning_item(client):
    """Plans are the desk's: an item about public people, organizations and tags, with assignments
    and a calendar address, shows nowhere on the reader site (issue 17)."""
    from articles.models import Tag
    from planning.models import Assignment, CalendarFeed, Desk, PlanningItem

    newsroom = white_helmets_newsroom()
    desk = Desk.objects.create(name_en="Zzqplandesk", name_ar="Zzqplandesk", name_ku="Zzqplandesk")
    item = PlanningItem.objects.create(slug_line="Zzqplan slug line about White Helmets", summary="Zzqplan summary",
                                       desk=desk, languages=["en", "ar"], notes="Zzqplan notes", place="Zzqplanplace")
    item.people.add(newsroom.raed)
    item.organizations.add(newsroom.civil_defense)
    item.tags.add(Tag.objects.get(slug="idlib"))
    Assignment.objects.create(item=item, role="reporter", assignee=newsroom.reporter, due_at=timezone.now())
    feed = CalendarFeed.objects.create(user=newsroom.reporter)
    start = list(SEEDS) + [f"/{e}/search/?q=Zzqplan&language=any" for e in ["en", "ar", "ku"]]
    start += [f"/en/people/{newsroom.raed.slug}/", "/en/tags/idlib/", "/ar/tags/idlib/"]
    pages = crawl(client, start, limit=150)
    assert len(pages) > 40
    for path, body in pages.items():
        for marker in ("Zzqplan slug line", "Zzqplan summary", "Zzqplan notes", "Zzqplanplace", "Zzqplandesk",
                       feed.key, "/planning/"):
            assert marker not in body, f"{marker!r} shows on {path}"
