"""The XSS corpus in every field readers see, on every public page, feed, sitemap and JSON-LD block:
escaped or sanitized, never markup. (The same newsroom in Chromium: tests/browser/test_xss_browser.py.)"""

import json
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.contrib.admin.sites import site as admin_site

from people.models import Organization
from people.names import normalize_name
from newsroom.text import strip_bidi_controls
from tests.xss_support import (
    hostile_newsroom,
    inspect_html,
    load_payloads,
    markup_payloads,
    public_urls,
    tag_payloads,
)

# As readers see them: bidirectional controls are never stored or shown (newsroom/text.py), so the
# override payload comes back without its U+202E (tests/test_audit_defects.py shows that rule).
STORED = load_payloads()
PAYLOADS = [strip_bidi_controls(payload) for payload in STORED]
ATOM = "{http://www.w3.org/2005/Atom}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"

# Printed unescaped into these places, a payload shows what the inspector is for.
RAW_PAGE = (
    "<!doctype html><html><head><title>{p}</title>"
    '<meta name="description" content="{p}">'
    '<script type="application/ld+json">{{"headline": "{p}"}}</script></head>'
    "<body><h1>{p}</h1><a href=\"{p}\" title='{p}'>more</a></body></html>"
)


def test_the_corpus_has_more_than_fifty_payloads_that_fit_every_field():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert max(len(p) for p in PAYLOADS) <= 100  # a tag name holds 100 characters
    families = {
        "script tags": r"<script", "event handlers": r"\son\w+=", "javascript: URLs": r"javascript:",
        "SVG": r"<svg", "MathML": r"<math", "entity-encoded": r"&#\d+;", "broken markup": r"<scr<script>",
        "data: URLs": r"data:text/html", "attribute breakers": r'^" ', "pre-escaped text": r"&lt;script",
    }
    for family, pattern in families.items():
        assert any(re.search(pattern, p, re.I) for p in PAYLOADS), family


def test_the_inspector_catches_every_markup_payload_printed_unescaped():
    """The check below could fail: printed raw, each markup payload is caught."""
    missed = [p for p in markup_payloads(PAYLOADS) if not inspect_html(RAW_PAGE.format(p=p)).findings]
    assert missed == []
    assert len(markup_payloads(PAYLOADS)) >= 50


def _visible_count(text: str, payload: str) -> int:
    return text.count(payload)


@pytest.mark.django_db
def test_every_public_page_shows_the_corpus_as_text_and_runs_none_of_it(client, media_root):
    newsroom = hostile_newsroom()
    urls = public_urls(newsroom)
    problems, pages = {}, {}
    for url in urls["html"]:
        response = client.get(url)
        assert response.status_code == urls["errors"].get(url, 200), url
        html = response.content.decode()
        pages[url] = inspection = inspect_html(html)
        if inspection.findings:
            problems[url] = [str(f) for f in inspection.findings]
        leaked = [p for p in tag_payloads(PAYLOADS) if p in html]
        if leaked:
            problems[url] = problems.get(url, []) + [f"unescaped: {p!r}" for p in leaked]
    assert problems == {}

    # Each story's page shows its payload as text in every field (so it was escaped, not dropped).
    for number, article in enumerate(newsroom.articles):
        payload = PAYLOADS[number]
        inspection = pages[article.get_absolute_url()]
        # <title>, h1, standfirst, dateline, agency, two bylines, interviewee, role, organization,
        # tag, correction, caption twice (lead and body picture), credit and source twice.
        assert _visible_count(inspection.text, payload) >= 15, (payload, inspection.text[:2000])
        (data,) = inspection.json_ld
        assert data["headline"] == data["description"] == data["dateline"] == payload
        assert [a["name"] for a in data["author"]] == [payload, payload]
        assert payload in data["keywords"]
        assert [c["text"] for c in data["correction"]] == [payload]
        for page, name in [
            (f"/{article.language}/people/{newsroom.people[number].slug}/", "person"),
            (f"/{article.language}/organizations/{newsroom.organizations[number].slug}/", "organization"),
            (f"/{article.language}/tags/{newsroom.tags[number].slug}/", "tag"),
            (f"/{article.language}/authors/{newsroom.authors[number].pk}/", "author"),
        ]:
            assert _visible_count(pages[page].text, payload) >= 2, (name, payload)  # <title> and <h1> at least
        assert f"{payload} (spelling)" in pages[f"/{article.language}/people/{newsroom.people[number].slug}/"].text
        assert f"{payload} (alias)" in pages[f"/{article.language}/organizations/{newsroom.organizations[number].slug}/"].text
        # The search page echoes the query as text (in the box and the heading), never as markup.
        assert payload in pages[f"/{article.language}/search/?q={quote(STORED[number])}"].text


@pytest.mark.django_db
def test_feeds_and_sitemaps_are_well_formed_and_carry_the_corpus_as_text(client, media_root):
    newsroom = hostile_newsroom()
    urls = public_urls(newsroom)
    for url in urls["feed"] + urls["sitemap"]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        ET.fromstring(response.content)  # well-formed XML whatever the payloads
        leaked = [p for p in tag_payloads(PAYLOADS) if p in body]
        assert leaked == [], url
    for number, article in enumerate(newsroom.articles):
        payload, language, tag = PAYLOADS[number], article.language, newsroom.tags[number]
        rss = ET.fromstring(client.get(f"/{language}/tags/{tag.slug}/rss/").content)
        (item,) = rss.iter("item")
        assert item.findtext("title") == item.findtext("description") == payload
        assert payload in [c.text for c in item.iter("category")]
        atom = ET.fromstring(client.get(f"/{language}/people/{newsroom.people[number].slug}/atom/").content)
        entries = [e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == payload]
        assert len(entries) == 1
        assert [n.text for n in entries[0].iter(f"{ATOM}name")] == [f"{payload}, {payload}"]  # two bylines
    news = ET.fromstring(client.get("/news-sitemap.xml").content)
    titles = {title.text for title in news.iter(f"{NEWS}title")}
    assert set(PAYLOADS) <= titles


@pytest.mark.django_db
def test_search_suggestions_carry_the_corpus_as_json_data_without_markup(client, media_root):
    newsroom = hostile_newsroom()
    urls = public_urls(newsroom)
    offered = set()
    for url in urls["json"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
        body = response.content.decode()
        assert not set("<>&") & set(body), url  # escaped as \u003c…: no markup even if sniffed as HTML
        suggestions = json.loads(body)["suggestions"]
        offered |= {text for s in suggestions for text in (s["value"], s["label"])}
    # The payloads come back whole, as data (those that are all punctuation have no name to match).
    named = [p for p in PAYLOADS if normalize_name(p)]
    assert named and set(named) <= offered
    html = client.get(f"/en/search/?person={quote(PAYLOADS[0])}").content.decode()
    assert inspect_html(html).findings == []
    assert '<script src="/static/js/search.js" defer></script>' in html  # allowed: the site's own file


@pytest.mark.django_db
def test_an_organization_website_cannot_be_a_script_url_in_the_admin(rf, superuser):
    request = rf.get("/")
    request.user = superuser
    form_class = admin_site._registry[Organization].get_form(request)
    for website in ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]:
        form = form_class(data={"name": "Syria Civil Defense", "website": website})
        assert not form.is_valid()
        assert "website" in form.errors
