"""Sections, section fronts, curated front pages and the breaking news banner (fronts/,
public.front_pages, public.furniture; docs/FRONTS.md)."""

import json
import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction
from desk import workflow
from fronts.models import (
    ArticleSection, BreakingNews, FrontChange, FrontLayout, MenuItem, Section, SectionBlock, Slot,
)
from public import invalidation, seo
from tests.accounts_support import staff_login
from tests.public_data import story
from tests.test_admin import add_form_data
from tests.workflow_support import fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db

CARD_LINK = re.compile(r'<article class="card[^"]*">.*?<a href="(/[a-z]{2}/articles/\d+/)', re.S)


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def card_links(page: str) -> list[str]:
    """The story each card of the page links to (one per card)."""
    return CARD_LINK.findall(page)


def section(slug="economy", **names) -> Section:
    names = names or {"name_en": "Economy", "name_ar": "اقتصاد", "name_ku": "Aborî"}
    return Section.objects.create(slug=slug, **names)


def filed(article, *sections, primary=True) -> Article:
    for n, s in enumerate(sections):
        ArticleSection.objects.create(article=article, section=s, primary=primary and n == 0)
    return article


def home_layout(language="en", *, lead=None, top=(), blocks=(), live_from=None, **fields) -> FrontLayout:
    layout = FrontLayout.objects.create(language=language, live_from=live_from or timezone.now() - timedelta(minutes=1),
                                        **fields)
    if lead is not None:
        Slot.objects.create(layout=layout, area=Slot.Area.LEAD, article=lead)
    for n, article in enumerate(top):
        Slot.objects.create(layout=layout, area=Slot.Area.TOP, position=n, article=article)
    for n, s in enumerate(blocks):
        SectionBlock.objects.create(layout=layout, section=s, position=n)
    return layout


def lead_of(page: str) -> str:
    return re.search(r'class="lead-story".*?</section>', page, re.S).group(0)


# --- sections ------------------------------------------------------------------------------------------


class TestSections:
    def test_a_section_front_lists_its_newest_stories_in_each_edition_with_its_feed(self, client):
        economy = section()
        bread = filed(story(headline="Bread prices in Raqqa", hours_ago=2), economy)
        filed(story(headline="خبز الرقة", language="ar", hours_ago=3), economy)
        story(headline="Not in the section")
        page = html(client.get("/en/economy/"))
        assert "<h1>Economy</h1>" in page and "Bread prices in Raqqa" in page
        assert "Not in the section" not in page and "خبز الرقة" not in page
        arabic = html(client.get("/ar/economy/"))
        assert "<h1>اقتصاد</h1>" in arabic and "خبز الرقة" in arabic and 'dir="rtl"' in arabic
        assert "<h1>Aborî</h1>" in html(client.get("/ku/economy/"))
        feed = client.get("/en/economy/rss/").content.decode()
        assert "Bread prices in Raqqa" in feed and "Not in the section" not in feed
        assert bread.get_absolute_url() in feed
        assert client.get("/en/no-such-section/").status_code == 404

    def test_a_story_in_another_section_is_listed_there_too(self, client):
        economy, raqqa = section(), section("raqqa", name_en="Raqqa")
        filed(story(headline="Harvest in Raqqa"), economy, raqqa)
        assert "Harvest in Raqqa" in html(client.get("/en/raqqa/"))
        assert "Harvest in Raqqa" in html(client.get("/en/economy/"))

    def test_one_primary_section_per_story(self):
        economy, raqqa = section(), section("raqqa", name_en="Raqqa")
        article = filed(story(), economy)
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleSection.objects.create(article=article, section=raqqa, primary=True)

    def test_a_section_cannot_take_the_address_of_another_page(self):
        with pytest.raises(ValidationError) as refused:
            Section(slug="search", name_en="Search").full_clean()
        assert "slug" in refused.value.message_dict

    def test_breadcrumbs_and_breadcrumb_list_on_the_section_and_its_stories(self, client):
        economy = section()
        article = filed(story(headline="Wheat seed bank grows"), economy)
        page = html(client.get(article.get_absolute_url()))
        crumbs = re.search(r'<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">.*?</nav>', page, re.S).group(0)
        assert 'href="/en/"' in crumbs and 'href="/en/economy/">Economy</a>' in crumbs
        data = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
        trail = next(d for d in data if d["@type"] == "BreadcrumbList")
        assert [item["name"] for item in trail["itemListElement"]] == ["Home", "Economy", "Wheat seed bank grows"]
        assert trail["itemListElement"][1]["item"].endswith("/en/economy/")
        arabic = html(client.get("/ar/economy/"))
        data = [json.loads(s) for s in re.findall(r'<script type="application/ld\+json">(.*?)</script>', arabic, re.S)]
        assert [i["name"] for i in data[0]["itemListElement"]] == ["الرئيسية", "اقتصاد"]

    def test_renaming_a_section_shows_at_once_on_kept_pages(self, client):
        economy = section()
        article = filed(story(headline="Wheat"), economy)
        MenuItem.objects.create(language="en", section=economy)
        for url in ("/en/economy/", article.get_absolute_url(), "/en/"):
            html(client.get(url))
            assert client.get(url)["X-Page-Cache"] == "HIT"
        economy.name_en = "Money"
        economy.save()
        for url in ("/en/economy/", article.get_absolute_url(), "/en/"):
            response = client.get(url)
            assert response["X-Page-Cache"] == "MISS" and ">Money</a>" in html(response), url

    def test_filing_a_story_in_a_section_shows_it_on_the_kept_section_front(self, client):
        economy = section()
        html(client.get("/en/economy/"))
        article = story(headline="Fuel queues")
        filed(article, economy)
        assert "Fuel queues" in html(client.get("/en/economy/"))

    def test_publishing_a_story_in_a_section_keeps_the_other_stories_pages_that_show_the_menu(
            self, client, people):  # noqa: F811
        """Every page shows the menu's sections, but only the section's front and blocks list its
        stories: a story joining it retires those, not every page of the edition."""
        economy = section()
        MenuItem.objects.create(language="en", section=economy)
        older = filed(story(headline="Wheat"), economy)
        home_layout(blocks=[economy])
        for url in (older.get_absolute_url(), "/en/economy/", "/en/"):
            html(client.get(url))
        new = filed(story(headline="Fuel queues", status=Article.Status.IN_REVIEW, published_at=None), economy)
        workflow.article_transition(article=new, action="publish", user=people["editor"])
        assert client.get(older.get_absolute_url())["X-Page-Cache"] == "HIT"
        for url in ("/en/economy/", "/en/"):
            response = client.get(url)
            assert response["X-Page-Cache"] == "MISS" and "Fuel queues" in html(response), url

    def test_sections_are_in_the_sitemap_in_every_edition(self, client):
        section()
        index = client.get("/sitemap.xml").content.decode()
        assert "/sitemap-sections.xml" in index
        sitemap = client.get("/sitemap-sections.xml").content.decode()
        for code in ("en", "ar", "ku"):
            assert f"/{code}/economy/</loc>" in sitemap
        section("raqqa", name_en="Raqqa")
        assert "/en/raqqa/</loc>" in client.get("/sitemap-sections.xml").content.decode()  # kept sitemap retired

    def test_the_menu_is_per_edition_in_the_editors_order(self, client):
        economy, raqqa = section(), section("raqqa", name_en="Raqqa", name_ar="الرقة")
        MenuItem.objects.create(language="en", section=raqqa, position=1)
        MenuItem.objects.create(language="en", section=economy, position=2)
        MenuItem.objects.create(language="ar", section=raqqa, position=1)
        page = html(client.get("/en/search/"))
        menu = re.search(r'<nav class="sections-menu".*?</nav>', page, re.S).group(0)
        assert menu.index("Raqqa") < menu.index("Economy")
        arabic = re.search(r'<nav class="sections-menu".*?</nav>', html(client.get("/ar/")), re.S).group(0)
        assert "الرقة" in arabic and "/ar/economy/" not in arabic
        MenuItem.objects.filter(section=economy).update(position=0)
        MenuItem.objects.get(section=economy, language="en").save()  # the admin saves each row
        menu = re.search(r'<nav class="sections-menu".*?</nav>', html(client.get("/en/search/")), re.S).group(0)
        assert menu.index("Economy") < menu.index("Raqqa")


# --- curated fronts -------------------------------------------------------------------------------------


class TestCuratedFronts:
    def test_a_curated_slot_shows_its_story_and_a_withdrawn_one_leaves_it_on_the_next_request(
        self, client, people
    ):
        old = story(headline="An older interview", hours_ago=30)
        newest = story(headline="The newest story", hours_ago=1)
        home_layout(lead=old)
        page = html(client.get("/en/"))
        assert "An older interview" in lead_of(page) and "The newest story" not in lead_of(page)
        assert client.get("/en/")["X-Page-Cache"] == "HIT"
        workflow.article_transition(article=old, action="withdraw", user=people["editor"],
                                    note="Wrong figures.", public_note="Error.")
        page = html(client.get("/en/"))
        assert "An older interview" not in page  # gone from its slot and from the page
        assert "The newest story" in lead_of(page)  # the slot falls back to the newest
        assert newest.pk

    def test_unfilled_slots_fall_back_to_the_newest_and_no_story_appears_twice(self, client):
        economy = section()
        stories = [filed(story(headline=f"Story {n}", hours_ago=n + 1), economy) for n in range(12)]
        home_layout(lead=stories[5], top=[stories[5], stories[7]], blocks=[economy])
        page = html(client.get("/en/"))
        assert "Story 5" in lead_of(page)
        top = re.search(r'class="top-stories".*?</section>', page, re.S).group(0)
        assert [m for m in re.findall(r">(Story \d+)<", top)] == ["Story 7", "Story 0", "Story 1", "Story 2"]
        block = re.search(r'id="section-economy".*?</section>', page, re.S).group(0)
        assert re.findall(r">(Story \d+)<", block) == ["Story 3", "Story 4", "Story 6"]
        links = card_links(page)
        assert len(links) == 12 and len(set(links)) == len(links)

    def test_a_story_of_another_edition_stands_only_in_a_slot_marked_for_it(self, client):
        arabic = story(headline="قصة عربية", language="ar")
        story(headline="English newest")
        layout = home_layout()
        slot = Slot(layout=layout, area=Slot.Area.LEAD, article=arabic)
        with pytest.raises(ValidationError):
            slot.full_clean()
        Slot.objects.create(layout=layout, area=Slot.Area.LEAD, article=arabic)  # stored past the form
        assert "قصة عربية" not in html(client.get("/en/"))  # not marked: not shown
        Slot.objects.filter(layout=layout).update(other_language=True)
        Slot.objects.get(layout=layout).save()
        assert "قصة عربية" in lead_of(html(client.get("/en/")))

    def test_a_scheduled_layout_goes_live_at_its_time_without_any_write(self, client):
        first = story(headline="Morning lead", hours_ago=5)
        embargoed_pick = story(headline="Evening lead", hours_ago=4)
        story(headline="Newest story", hours_ago=1)
        home_layout(lead=first)
        at = timezone.now() + timedelta(minutes=10)
        home_layout(lead=embargoed_pick, live_from=at)
        response = client.get("/en/")
        assert "Morning lead" in lead_of(html(response))
        assert 0 < int(re.search(r"max-age=(\d+)", response["Surrogate-Control"]).group(1)) <= 600
        assert client.get("/en/")["X-Page-Cache"] == "HIT"
        with time_machine.travel(at + timedelta(seconds=1), tick=False):
            response = client.get("/en/")
            assert response["X-Page-Cache"] == "MISS"  # the kept page ended at the layout's time
            assert "Evening lead" in lead_of(html(response))

    def test_a_section_front_has_its_own_layout(self, client):
        economy = section()
        pinned = filed(story(headline="Pinned in economy", hours_ago=20), economy)
        filed(story(headline="Economy newest"), economy)
        FrontLayout.objects.create(language="en", section=economy, live_from=timezone.now() - timedelta(minutes=1))
        Slot.objects.create(layout=FrontLayout.objects.get(section=economy), area=Slot.Area.LEAD, article=pinned)
        assert "Pinned in economy" in lead_of(html(client.get("/en/economy/")))
        assert "Pinned in economy" not in lead_of(html(client.get("/en/")))

    def test_the_preview_shows_a_layout_before_it_is_live_to_staff_only(self, client, people, verified_login):
        story(headline="Newest")
        later = story(headline="Prepared lead", hours_ago=3)
        layout = home_layout(lead=later, live_from=timezone.now() + timedelta(hours=2))
        url = reverse("front-preview", kwargs={"pk": layout.pk})
        assert client.get(url).status_code == 302  # to the admin's login
        assert "Prepared lead" not in lead_of(html(client.get("/en/")))
        verified_login(client, people["editor"])
        response = client.get(url)
        assert "Prepared lead" in lead_of(html(response))
        assert "no-store" in response["Cache-Control"] and 'name="robots" content="noindex' in html(response)

    def test_every_change_of_a_layout_is_logged_with_what_it_holds(self, client, people, verified_login):
        lead = story(headline="Lead by the editor")
        verified_login(client, people["editor"])
        data = {
            "language": "en", "section": "", "live_from_0": "2026-01-01", "live_from_1": "10:00", "note": "Morning",
            "slots-TOTAL_FORMS": "1", "slots-INITIAL_FORMS": "0",
            "slots-0-area": "lead", "slots-0-position": "0", "slots-0-article": str(lead.pk),
            "blocks-TOTAL_FORMS": "0", "blocks-INITIAL_FORMS": "0",
            "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0",
        }
        arabic = story(headline="قصة عربية", language="ar")
        refused = client.post(reverse("admin:fronts_frontlayout_add"), {**data, "slots-0-article": str(arabic.pk)})
        assert refused.status_code == 200 and "in another language than the front" in refused.content.decode()
        assert not FrontLayout.objects.exists() and not FrontChange.objects.exists()  # nothing half-saved
        response = client.post(reverse("admin:fronts_frontlayout_add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        change = FrontChange.objects.get()
        assert change.user == people["editor"] and change.action == "added"
        assert "Lead by the editor" in change.summary and change.layout.note == "Morning"
        page = html(client.get(reverse("admin:fronts_frontlayout_change", args=[change.layout.pk])))
        assert reverse("front-preview", kwargs={"pk": change.layout.pk}) in page  # the preview link
        assert "Lead by the editor" in page  # the log, on the layout's page

    def test_no_page_of_the_demo_shows_a_story_twice(self, client):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        urls = []
        for code in ("en", "ar", "ku"):
            urls += [f"/{code}/", *(f"/{code}/{s.slug}/" for s in Section.objects.all())]
            urls += [a.get_absolute_url() for a in Article.objects.published().in_language(code)]
        assert FrontLayout.objects.filter(section=None).count() == 3  # a curated home per edition
        for url in urls:
            links = card_links(html(client.get(url)))
            assert len(links) == len(set(links)), url
        kurdish = html(client.get("/ku/"))
        assert len(card_links(kurdish)) >= 1
        corrections = html(client.get("/en/corrections/"))
        assert "2,000 Syrian pounds" in corrections and "a further 40 tonnes" in corrections
        assert BreakingNews.objects.current("ar").exists()


# --- breaking news ---------------------------------------------------------------------------------


class TestBreakingNews:
    def test_the_banner_shows_on_every_page_of_its_edition_at_once_and_ends_by_itself(self, client):
        article = story(headline="A story")
        urls = ["/en/", article.get_absolute_url(), "/en/search/"]
        for url in urls:
            html(client.get(url))
            assert client.get(url)["X-Page-Cache"] == "HIT"
        ends = timezone.now() + timedelta(minutes=30)
        BreakingNews.objects.create(language="en", headline="Crossing reopens", link="/en/", ends_at=ends)
        for url in urls:
            response = client.get(url)
            assert "Crossing reopens" in html(response), url
            assert int(re.search(r"max-age=(\d+)", response["Surrogate-Control"]).group(1)) <= 1800
        assert "Crossing reopens" not in html(client.get("/ar/"))
        assert client.get("/en/")["X-Page-Cache"] == "HIT"  # pages with the banner are kept
        with time_machine.travel(ends + timedelta(seconds=1), tick=False):
            for url in urls:
                assert "Crossing reopens" not in html(client.get(url)), url

    def test_a_banner_link_must_be_on_this_site_or_https(self):
        banner = BreakingNews(language="en", headline="X", link="javascript:alert(1)",
                              ends_at=timezone.now() + timedelta(hours=1))
        with pytest.raises(ValidationError):
            banner.full_clean()


# --- query budgets ---------------------------------------------------------------------------------


def add_stories(count: int, sections) -> None:
    """``count`` published English stories filed in ``sections`` (bulk: no signals)."""
    now = timezone.now()
    start = Article.objects.count()
    articles = Article.objects.bulk_create(
        Article(headline=f"Bulk {start + n}", slug=f"bulk-{start + n}", language="en", body="<p>x</p>",
                status=Article.Status.PUBLISHED, published_at=now - timedelta(hours=n + 1))
        for n in range(count)
    )
    ArticleSection.objects.bulk_create(
        ArticleSection(article=a, section=sections[n % len(sections)], primary=True) for n, a in enumerate(articles)
    )
    invalidation.everything_changed()


def test_section_fronts_and_curated_homes_cost_the_same_queries_with_25_and_300_stories(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # rendered every time
    sections = [section(), section("raqqa", name_en="Raqqa"), section("aleppo", name_en="Aleppo")]
    for n, s in enumerate(sections):
        MenuItem.objects.create(language="en", section=s, position=n)
    add_stories(25, sections)
    picks = list(Article.objects.order_by("pk")[:3])
    home_layout(lead=picks[0], top=picks[1:], blocks=sections)
    BreakingNews.objects.create(language="en", headline="Now", ends_at=timezone.now() + timedelta(hours=1))
    urls = ["/en/", "/en/?page=2", "/en/economy/", "/en/raqqa/rss/", "/ar/", "/sitemap-sections.xml"]

    def counts():
        found = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            found[url] = len(queries)
        return found

    counts()
    with_25 = counts()
    add_stories(300, sections)
    counts()
    assert counts() == with_25
    assert max(with_25.values()) <= 12, with_25


# --- the article admin -----------------------------------------------------------------------------


def test_a_reporter_files_a_story_in_sections_in_the_article_admin_with_one_primary(client, reporter):
    economy, raqqa = section(), section("raqqa", name_en="Raqqa")
    staff_login(client, reporter)
    fields = {"headline": "Bread in Raqqa", "kind": "news", "language": "en", "body": "<p>Prices.</p>"}
    two_primaries = add_form_data(client, {"section_links": [
        {"section": str(economy.pk), "primary": "on"}, {"section": str(raqqa.pk), "primary": "on"}]}, **fields)
    response = client.post(reverse("admin:articles_article_add"), two_primaries)
    assert response.status_code == 200 and "Mark one section as primary" in response.content.decode()
    assert not Article.objects.filter(headline="Bread in Raqqa").exists()  # nothing half-saved
    data = add_form_data(client, {"section_links": [
        {"section": str(economy.pk)}, {"section": str(raqqa.pk), "primary": "on"}]}, **fields)
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get(headline="Bread in Raqqa")
    assert {(link.section.slug, link.primary) for link in article.section_links.all()} == {
        ("economy", False), ("raqqa", True)}


# --- corrections page and feed (item 5) --------------------------------------------------------------


class TestCorrections:
    def test_every_public_correction_newest_first_per_edition_with_its_story(self, client):
        older = story(headline="Water network repairs", hours_ago=5)
        newer = story(headline="Bakeries reopen", hours_ago=4)
        arabic = story(headline="إصلاح شبكة المياه", language="ar")
        draft = story(headline="A draft")
        Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
        Correction.objects.create(article=older, text="The network is 40 km long, not 400.",
                                  created_at=timezone.now() - timedelta(hours=2))
        fix = Correction.objects.create(article=newer, kind="update", text="Two more bakeries reopened.")
        Correction.objects.create(article=arabic, text="تصحيح الطول.")
        Correction.objects.create(article=draft, text="Not public.")
        page = html(client.get("/en/corrections/"))
        assert page.index("Two more bakeries reopened.") < page.index("The network is 40 km long")
        assert f'href="{newer.get_absolute_url()}#correction-{fix.pk}"' in page
        assert "Not public." not in page and "تصحيح الطول." not in page
        assert "تصحيح الطول." in html(client.get("/ar/corrections/"))
        story_page = html(client.get(newer.get_absolute_url()))
        assert f'id="correction-{fix.pk}"' in story_page and 'href="/en/corrections/"' in story_page
        assert 'href="/en/corrections/"' in html(client.get("/en/"))  # the footer of every page
        feed = client.get("/en/corrections/rss/").content.decode()
        assert "Two more bakeries reopened." in feed and f"#correction-{fix.pk}" in feed
        assert "Not public." not in feed
        assert client.get("/en/corrections/atom/").status_code == 200

    def test_a_new_correction_shows_on_the_kept_corrections_page(self, client):
        article = story(headline="Clinic reopens")
        html(client.get("/en/corrections/"))
        assert client.get("/en/corrections/")["X-Page-Cache"] == "HIT"
        Correction.objects.create(article=article, text="The clinic has 20 beds.")
        assert "The clinic has 20 beds." in html(client.get("/en/corrections/"))


# --- sharing without trackers (item 7) ---------------------------------------------------------------


def test_share_links_are_plain_links_with_the_canonical_address_and_no_tracker(client):
    article = story(headline="Bread & water: a week in Raqqa")
    page = html(client.get(article.get_absolute_url()))
    box = re.search(r'<section class="share".*?</section>', page, re.S).group(0)
    address = quote(seo.absolute_url(article.get_absolute_url()), safe="")
    for service in ("https://wa.me/?text=", "https://t.me/share/url?url=", "https://x.com/intent/post?url=",
                    "https://www.facebook.com/sharer/sharer.php?u=", "mailto:?subject="):
        assert service in box, service
    assert box.count(address) == 5  # each service gets the canonical address, nothing added
    assert "utm_" not in box and "<script" not in box
    assert "Copy link" in box and "hidden" in box  # shown by share.js only where it works
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert all(src.startswith("/static/") for src in scripts) and any("share" in src for src in scripts)
