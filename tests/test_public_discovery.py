"""Feeds, sitemaps, robots.txt, structured data and link previews."""

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from articles.models import Correction
from tests.public_data import story, white_helmets_newsroom

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


class TestFeeds:
    @pytest.mark.parametrize("kind, content_type", [("rss", "application/rss+xml"), ("atom", "application/atom+xml")])
    def test_edition_feeds_parse_and_list_the_editions_stories(self, client, newsroom, kind, content_type):
        assert client.get(f"/en/{kind}/")["Content-Type"].startswith(content_type)
        feed = parse_feed(client, f"/en/{kind}/")
        assert [e.title for e in feed.entries] == [newsroom.interview.headline, newsroom.news.headline]
        entry = feed.entries[0]
        assert entry.link == SITE + newsroom.interview.get_absolute_url()
        assert entry.author == "Samer Taha"
        assert {t.term for t in entry.tags} == {"Idlib", "Rescue"}
        assert feed.feed.get("language", "en") == "en"
        arabic = parse_feed(client, f"/ar/{kind}/")
        assert [e.title for e in arabic.entries] == [newsroom.interview_ar.headline]

    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_tag_and_person_feeds_parse(self, client, newsroom, kind):
        tagged = parse_feed(client, f"/en/tags/rescue/{kind}/")
        assert [e.title for e in tagged.entries] == [newsroom.interview.headline]
        person = parse_feed(client, f"/en/people/{newsroom.raed.slug}/{kind}/")
        assert [e.title for e in person.entries] == [newsroom.interview.headline, newsroom.news.headline]
        assert "Raed Al-Saleh" in person.feed.title

    def test_feeds_of_unknown_tags_and_people_are_404(self, client, newsroom):
        assert client.get("/en/tags/nothing-here/rss/").status_code == 404
        assert client.get("/en/people/nobody/atom/").status_code == 404


class TestSitemaps:
    def test_sitemap_is_an_index_of_section_sitemaps_on_the_site_address(self, client, newsroom):
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
        sections = [entry.findtext(f"{{{SITEMAP_NS}}}loc") for entry in root.findall(f"{{{SITEMAP_NS}}}sitemap")]
        assert sections == [f"{SITE}/sitemap-{name}.xml" for name in ["home", "sections", "articles", "tags", "people", "organizations"]]

    def test_sitemap_pages_are_split_and_every_page_is_listed(self, client, newsroom, monkeypatch):
        from public.sitemaps import PublicSitemap

        monkeypatch.setattr(PublicSitemap, "limit", 2)
        for n in range(3):
            story(headline=f"Archive story {n}", hours_ago=10 + n)
        root = ET.fromstring(client.get("/sitemap.xml").content)
        listed = [entry.findtext(f"{{{SITEMAP_NS}}}loc") for entry in root.findall(f"{{{SITEMAP_NS}}}sitemap")]
        articles = [url for url in listed if "sitemap-articles" in url]
        assert articles == [f"{SITE}/sitemap-articles.xml", f"{SITE}/sitemap-articles.xml?p=2", f"{SITE}/sitemap-articles.xml?p=3"]
        seen = []
        for page in articles:
            xml = ET.fromstring(client.get(page.removeprefix(SITE)).content)
            seen += [url.findtext(f"{{{SITEMAP_NS}}}loc") for url in xml.findall(f"{{{SITEMAP_NS}}}url")]
        assert len(seen) == len(set(seen)) == 6  # the newsroom's three stories and three more, each once

    def test_the_index_lists_exactly_the_pages_each_section_has(self, client, newsroom, monkeypatch):
        from public.sitemaps import PublicSitemap

        monkeypatch.setattr(PublicSitemap, "limit", 2)
        root = ET.fromstring(client.get("/sitemap.xml").content)
        listed = [entry.findtext(f"{{{SITEMAP_NS}}}loc").removeprefix(SITE) for entry in root.findall(f"{{{SITEMAP_NS}}}sitemap")]
        for section in ["home", "articles", "tags", "people", "organizations"]:
            pages = [url for url in listed if url.startswith(f"/sitemap-{section}.xml")]
            assert all(client.get(url).status_code == 200 for url in pages), section
            beyond = f"/sitemap-{section}.xml?p={len(pages) + 1}"
            assert client.get(beyond).status_code == 404, beyond
        assert len([url for url in listed if url.startswith("/sitemap-home.xml")]) == 2  # 3 editions, 2 a file

    def test_sitemap_is_well_formed_with_hreflang_alternates(self, client, newsroom):
        urls = {}
        for section in ["home", "articles", "tags", "people", "organizations"]:
            response = client.get(f"/sitemap-{section}.xml")
            assert response.status_code == 200
            assert b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"' in response.content
            assert b'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in response.content
            root = ET.fromstring(response.content)
            assert root.tag == f"{{{SITEMAP_NS}}}urlset"
            urls |= {
                url.findtext(f"{{{SITEMAP_NS}}}loc"): {
                    link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML_NS}}}link")
                }
                for url in root.findall(f"{{{SITEMAP_NS}}}url")
            }
        english = SITE + newsroom.interview.get_absolute_url()
        arabic = SITE + newsroom.interview_ar.get_absolute_url()
        assert urls[english] == urls[arabic] == {"en": english, "ar": arabic, "x-default": english}
        assert urls[SITE + newsroom.news.get_absolute_url()] == {
            "en": SITE + newsroom.news.get_absolute_url(),
            "x-default": SITE + newsroom.news.get_absolute_url(),
        }
        assert urls[SITE + "/ar/"] == {"en": SITE + "/en/", "ar": SITE + "/ar/", "ku": SITE + "/ku/", "x-default": SITE + "/"}
        for page in [f"/en/people/{newsroom.raed.slug}/", f"/ku/organizations/{newsroom.civil_defense.slug}/", "/ar/tags/idlib/"]:
            assert SITE + page in urls

    def test_news_sitemap_lists_the_last_48_hours(self, client, newsroom):
        old = story(headline="Three days old", published_at=timezone.now() - timezone.timedelta(hours=72))
        response = client.get("/news-sitemap.xml")
        root = ET.fromstring(response.content)
        assert b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in response.content
        entries = {
            url.findtext(f"{{{SITEMAP_NS}}}loc"): url.find(f"{{{NEWS_NS}}}news")
            for url in root.findall(f"{{{SITEMAP_NS}}}url")
        }
        assert SITE + old.get_absolute_url() not in entries
        news = entries[SITE + newsroom.interview_ar.get_absolute_url()]
        assert news.findtext(f"{{{NEWS_NS}}}title") == newsroom.interview_ar.headline
        assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language") == "ar"
        assert news.findtext(f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name") == "Newsroom"
        published = news.findtext(f"{{{NEWS_NS}}}publication_date")
        assert published == newsroom.interview_ar.published_at.isoformat()

    @pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-people.xml", "/news-sitemap.xml"])
    def test_a_sitemap_asked_with_another_query_string_is_not_built_again(self, client, newsroom, settings, url,
                                                                         django_assert_max_num_queries):
        settings.PAGE_CACHE_SECONDS = 0  # the kept file (public.fragments), not the kept page
        first = client.get(url)
        with django_assert_max_num_queries(1):  # the versions of the keys it shows
            again = client.get(f"{url}?utm_source=crawler")
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert again["X-Robots-Tag"] == first["X-Robots-Tag"] == "noindex, noodp, noarchive"

    def test_a_kept_sitemap_lists_a_new_story_and_forgets_a_withdrawn_one_at_once(self, client, newsroom, settings):
        settings.PAGE_CACHE_SECONDS = 0
        for url in ["/sitemap-articles.xml", "/news-sitemap.xml", "/sitemap.xml"]:
            client.get(url)
        fresh = story(headline="Just published", hours_ago=0)
        for url in ["/sitemap-articles.xml", "/news-sitemap.xml"]:
            assert fresh.get_absolute_url() in client.get(f"{url}?again=1").content.decode(), url
        fresh.status = fresh.Status.WITHDRAWN
        fresh.save()
        for url in ["/sitemap-articles.xml", "/news-sitemap.xml"]:
            assert fresh.get_absolute_url() not in client.get(f"{url}?again=2").content.decode(), url

    def test_the_kept_news_sitemap_drops_a_story_when_it_turns_48_hours_old(self, client, newsroom, settings,
                                                                             time_machine):
        settings.PAGE_CACHE_SECONDS = 0
        time_machine.move_to(timezone.now(), tick=False)
        ageing = story(headline="Nearly two days old", hours_ago=47)
        assert ageing.get_absolute_url() in client.get("/news-sitemap.xml").content.decode()
        time_machine.shift(timezone.timedelta(hours=2))  # no write: only the clock moves
        assert ageing.get_absolute_url() not in client.get("/news-sitemap.xml?later=1").content.decode()

    def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(self, client):
        response = client.get("/robots.txt")
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        text = response.content.decode()
        assert "User-agent: *\nDisallow: /admin/\n" in text
        assert "Disallow: /ar/search/" in text
        assert f"Sitemap: {SITE}/sitemap.xml" in text and f"Sitemap: {SITE}/news-sitemap.xml" in text


def json_ld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


class TestStructuredData:
    def test_news_article_json_ld_carries_the_required_fields(self, client, newsroom):
        interview = newsroom.interview
        interview.revised_at = timezone.now()
        interview.save()
        Correction.objects.create(article=interview, text="An earlier version gave the wrong year.")
        data = json_ld(client.get(interview.get_absolute_url()).content.decode())
        url = SITE + interview.get_absolute_url()
        assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
        assert data["headline"] == interview.headline
        assert data["image"] == [SITE + "/static/img/share.png"]
        assert data["datePublished"] == interview.published_at.isoformat()
        assert data["dateModified"] >= interview.revised_at.isoformat()
        assert data["author"] == [{"@type": "Person", "name": "Samer Taha", "url": f"{SITE}/en/authors/{newsroom.reporter.pk}/"}]
        assert data["publisher"]["@type"] == "Organization" and data["publisher"]["name"] == "Newsroom"
        assert data["publisher"]["logo"]["url"] == SITE + "/static/img/logo.png"
        assert data["inLanguage"] == "en"
        assert data["mainEntityOfPage"]["@id"] == url
        assert data["correction"] == [
            {"@type": "CorrectionComment", "text": "An earlier version gave the wrong year.", "datePublished": data["correction"][0]["datePublished"]}
        ]

    def test_json_ld_cannot_break_out_of_its_script_element(self, client):
        article = story(headline="</script><script>alert(1)</script> & more")
        page = client.get(article.get_absolute_url()).content.decode()
        assert json_ld(page)["headline"] == "</script><script>alert(1)</script> & more"
        assert "<script>alert(1)" not in page

    def test_open_graph_twitter_and_canonical(self, client, newsroom):
        page = client.get(newsroom.interview_ar.get_absolute_url()).content.decode()
        head = page.split("</head>")[0]
        url = SITE + newsroom.interview_ar.get_absolute_url()
        assert f'<link rel="canonical" href="{url}">' in head
        assert f'<meta property="og:url" content="{url}">' in head
        assert '<meta property="og:type" content="article">' in head
        assert f'<meta property="og:title" content="{newsroom.interview_ar.headline}">' in head
        assert '<meta property="og:locale" content="ar_AR">' in head
        assert '<meta property="og:locale:alternate" content="en_GB">' in head
        assert '<meta name="twitter:card" content="summary_large_image">' in head
        assert f'<meta name="twitter:title" content="{newsroom.interview_ar.headline}">' in head

    def test_list_pages_have_canonical_urls_with_their_page_number(self, client):
        for n in range(25):
            story(headline=f"Story {n}", tags=["Hama"])
        page = client.get("/en/tags/hama/", {"page": 2, "utm_source": "x"}).content.decode()
        assert f'<link rel="canonical" href="{SITE}/en/tags/hama/?page=2">' in page
        assert f'<link rel="alternate" hreflang="x-default" href="{SITE}/tags/hama/">' in page
        chooser = client.get("/tags/hama/", headers={"accept-language": "ar"})  # x-default picks the edition
        assert (chooser.status_code, chooser["Location"]) == (302, "/ar/tags/hama/")
