"""Live coverage (issue 19): entries, who posts, the log, readers following without reloading, the
structured data, entries across languages, breaking an entry out (live.services, live.reader)."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Revision
from inbox.models import Item
from live import services, translation as live_translation
from live.models import LiveCoverage, LiveEntry, LiveEvent
from newsroom import roles
from public import keys
from tests.factories import PublishedArticleFactory, UserFactory

State = LiveEntry.State


@pytest.fixture
def people(db):
    roles.sync_roles()
    return {
        "editor": UserFactory(username="live-editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR),
        "reporter": UserFactory(username="live-reporter", first_name="Samer", last_name="Taha", role=roles.REPORTER),
        "translator": UserFactory(username="live-translator", role=roles.TRANSLATOR),
    }


@pytest.fixture
def story(people):
    """An open live story in English with an Arabic version (both published)."""
    en = PublishedArticleFactory(kind=Article.Kind.LIVE, headline="Shelling in Afrin: live", language="en",
                                 body="<p>Key points: shelling since dawn.</p>")
    ar = PublishedArticleFactory(kind=Article.Kind.LIVE, headline="قصف في عفرين: تغطية مباشرة", language="ar",
                                 translation_key=en.translation_key, translation_source=en,
                                 body="<p>أبرز النقاط: قصف منذ الفجر.</p>")
    services.live_open(article=en, user=people["editor"])
    en.refresh_from_db()
    ar.refresh_from_db()
    return {"en": en, "ar": ar}


def post(story, user, text="<p>Two shells fell near the hospital.</p>", **kwargs):
    return services.entry_post(article=story, user=user, body=text, **kwargs)


def json_ld(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def updates(client, article, after=0):
    with translation.override(article.language):
        address = reverse("live-updates", kwargs={"pk": article.pk})
    response = client.get(address, {"after": after})
    assert response.status_code == 200
    return response


# --- who posts -------------------------------------------------------------------------------------


def test_a_reporter_without_permission_cannot_publish_an_entry(client, story, people):
    entry = post(story["en"], people["reporter"], "<p>Reporter's line from the north.</p>")
    assert entry.state == State.PENDING and entry.sequence is None
    assert "Reporter's line from the north" not in page(client, story["en"])
    assert updates(client, story["en"]).json()["count"] == 0
    with pytest.raises(services.LiveRefused) as refused:
        services.entry_approve(entry=entry, user=people["reporter"])
    assert refused.value.code == "editors_only"

    services.entry_approve(entry=entry, user=people["editor"])
    entry.refresh_from_db()
    assert entry.state == State.PUBLISHED and entry.sequence == 1
    assert "line from the north" in page(client, story["en"])


def test_editors_are_told_an_entry_waits_and_the_reporter_that_it_is_published(story, people):
    entry = post(story["en"], people["reporter"], "<p>Sirens in the old town.</p>")
    waiting = Item.objects.get(recipient=people["editor"])
    assert waiting.kind == "live_submitted" and "Shelling in Afrin" in waiting.title
    assert waiting.url == reverse("admin:live_queue") and "Sirens in the old town" in waiting.body
    assert not Item.objects.filter(recipient=people["reporter"]).exists()
    services.entry_approve(entry=entry, user=people["editor"])
    assert Item.objects.get(recipient=people["reporter"]).kind == "live_approved"


def test_a_reporter_the_editor_allowed_posts_directly(story, people):
    services.live_allow_reporters(article=story["en"], user=people["editor"], allowed=True)
    assert post(story["en"], people["reporter"]).state == State.PUBLISHED
    with pytest.raises(services.LiveRefused):
        services.live_allow_reporters(article=story["en"], user=people["reporter"], allowed=True)


def test_translators_and_readers_cannot_post(story, people):
    with pytest.raises(services.LiveRefused) as refused:
        post(story["en"], people["translator"])
    assert refused.value.code == "may_not_post"
    assert not LiveEntry.objects.exists()


def test_an_empty_entry_is_refused_and_nothing_is_saved(story, people):
    with pytest.raises(services.LiveRefused) as refused:
        post(story["en"], people["editor"], "<p><script>alert(1)</script></p>")
    assert str(refused.value.messages[0]) == str(services.TEXT_REQUIRED)
    assert not LiveEntry.objects.exists() and not LiveEvent.objects.filter(action="post").exists()


def test_entry_text_is_sanitized_as_article_bodies_are(story, people):
    entry = post(story["en"], people["editor"], '<p onclick="x()">Calm <strong>now</strong><script>bad()</script></p>')
    assert entry.body == "<p>Calm <strong>now</strong></p>"


def test_closing_freezes_the_story_and_reopening_is_logged(story, people):
    editor = people["editor"]
    services.live_close(article=story["en"], user=editor)
    story["ar"].refresh_from_db()
    assert story["ar"].coverage_ended_at is not None  # every language version closes
    with pytest.raises(services.LiveRefused) as refused:
        post(story["en"], editor)
    assert refused.value.code == "not_open"
    services.live_reopen(article=story["en"], user=editor)
    assert post(story["en"], editor).state == State.PUBLISHED
    actions = list(LiveEvent.objects.filter(article=story["en"]).order_by("created_at", "pk").values_list("action", flat=True))
    assert actions == ["open", "close", "reopen", "post"]


def test_every_post_edit_and_withdrawal_is_logged_with_who(story, people):
    editor = people["editor"]
    entry = post(story["en"], editor)
    services.entry_edit(entry=entry, user=editor, body="<p>Three shells fell near the hospital.</p>")
    services.entry_correct(entry=entry, user=editor, text="The hospital is in the east of the town.")
    services.entry_withdraw(entry=entry, user=editor, note="Unconfirmed")
    events = LiveEvent.objects.filter(entry=entry).order_by("created_at", "pk")
    assert [(e.action, e.actor) for e in events] == [
        ("post", editor), ("edit", editor), ("correct", editor), ("withdraw", editor)
    ]
    with pytest.raises(services.LiveRefused):
        services.entry_edit(entry=entry, user=editor, body="<p>again</p>")


def test_a_reporter_edits_only_their_own_waiting_entry(story, people):
    entry = post(story["en"], people["reporter"])
    services.entry_edit(entry=entry, user=people["reporter"], body="<p>Fixed typo.</p>")
    other = UserFactory(username="live-reporter-2", role=roles.REPORTER)
    with pytest.raises(services.LiveRefused):
        services.entry_edit(entry=entry, user=other, body="<p>Mine now.</p>")
    services.entry_approve(entry=entry, user=people["editor"])
    with pytest.raises(services.LiveRefused):
        services.entry_edit(entry=entry, user=people["reporter"], body="<p>After approval.</p>")


# --- readers ---------------------------------------------------------------------------------------


def test_a_withdrawn_entry_disappears_from_page_polling_and_structured_data_on_the_next_request(client, story, people):
    editor = people["editor"]
    kept = post(story["en"], editor, "<p>The bridge is open again.</p>", headline="Bridge open")
    gone = post(story["en"], editor, "<p>A convoy was hit on the road.</p>", headline="Convoy hit")
    html = page(client, story["en"])
    assert "Convoy hit" in html and "Convoy hit" in json.dumps(json_ld(html))
    assert "Convoy hit" in updates(client, story["en"]).json()["html"]

    services.entry_withdraw(entry=gone, user=editor)
    html = page(client, story["en"])  # kept by the page cache until the withdrawal
    assert "Convoy hit" not in html and "Bridge open" in html
    headlines = [u["headline"] for u in json_ld(html)["liveBlogUpdate"]]
    assert headlines == ["Bridge open"]
    answer = updates(client, story["en"]).json()
    assert "Convoy hit" not in answer["html"] and str(gone.entry_key) in answer["withdrawn"]
    assert client.get(gone.get_absolute_url()).status_code == 410
    assert client.get(kept.get_absolute_url()).status_code == 200


def test_live_blog_posting_has_the_properties_google_requires(client, story, people):
    post(story["en"], people["editor"], "<p>Shelling stopped at noon.</p>", headline="Shelling stops", key_event=True)
    post(story["en"], people["editor"], "<p>No headline here, only a short line of text.</p>")
    data = json_ld(page(client, story["en"]))
    assert data["@context"] == "https://schema.org" and data["@type"] == "LiveBlogPosting"
    for required in ("headline", "datePublished", "coverageStartTime", "coverageEndTime", "liveBlogUpdate", "url"):
        assert data.get(required), required
    assert data["coverageStartTime"] == story["en"].coverage_started_at.isoformat()
    assert data["coverageEndTime"] > data["coverageStartTime"]
    assert len(data["liveBlogUpdate"]) == 2
    for update in data["liveBlogUpdate"]:
        assert update["@type"] == "BlogPosting"
        for required in ("headline", "datePublished", "articleBody", "url"):
            assert update.get(required), required
    assert data["liveBlogUpdate"][0]["headline"] == "No headline here, only a short line of text."

    services.live_close(article=story["en"], user=people["editor"])
    story["en"].refresh_from_db()
    data = json_ld(page(client, story["en"]))
    assert data["coverageEndTime"] == story["en"].coverage_ended_at.isoformat()


def test_polling_answers_entries_newer_than_the_last_seen_and_announces_them_in_the_page_language(client, story, people):
    editor = people["editor"]
    first = post(story["en"], editor, "<p>First line.</p>")
    answer = updates(client, story["en"], after=0).json()
    assert answer["count"] == 1 and answer["label"] == "1 new update" and answer["latest"] == first.sequence
    post(story["en"], editor, "<p>Second line.</p>")
    post(story["en"], editor, "<p>Third line.</p>")
    answer = updates(client, story["en"], after=first.sequence).json()
    assert answer["count"] == 2 and answer["label"] == "2 new updates"
    assert answer["html"].index("Third line") < answer["html"].index("Second line")  # newest first
    assert updates(client, story["en"], after=answer["latest"]).json()["count"] == 0

    source = LiveEntry.objects.get(body="<p>Third line.</p>")
    services.entry_translate(entry=source, language="ar", user=editor, body="<p>السطر الثالث.</p>")
    answer = updates(client, story["ar"], after=0).json()
    assert answer["count"] == 1 and answer["label"] == "تحديث جديد واحد" and "السطر الثالث" in answer["html"]


def test_every_follower_asks_one_address_that_carries_the_newest_entries_and_the_words_for_each_count(client, story, people):
    for n in range(3):
        post(story["en"], people["editor"], f"<p>Line {n}.</p>")
    with translation.override("en"):
        address = reverse("live-updates", kwargs={"pk": story["en"].pk})
    answer = client.get(address).json()
    assert [e["sequence"] for e in answer["entries"]] == [3, 2, 1]
    assert answer["labels"] == {"1": "1 new update", "2": "2 new updates", "3": "3 new updates"}
    assert answer["latest"] == 3 and answer["oldest"] == 1


def test_polling_is_kept_by_the_page_cache_and_the_edge_until_the_next_entry(client, story, people, settings):
    settings.PAGE_CACHE_SECONDS = 300
    post(story["en"], people["editor"], "<p>One.</p>")
    first = updates(client, story["en"], after=1)
    assert keys.live(story["en"].pk) in first["Surrogate-Key"].split()
    assert "max-age=2" in first["Cache-Control"]
    assert updates(client, story["en"], after=1)["X-Page-Cache"] == "HIT"
    post(story["en"], people["editor"], "<p>Two.</p>")
    fresh = updates(client, story["en"], after=1)
    assert fresh["X-Page-Cache"] == "MISS" and fresh.json()["count"] == 1


def test_polling_and_entry_pages_cost_a_fixed_number_of_queries(client, story, people, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for n in range(8):
        entry = post(story["en"], people["editor"], f"<p>Line {n}.</p>")
        services.entry_correct(entry=entry, user=people["editor"], text=f"Fixed {n}")
    with django_assert_max_num_queries(6):
        assert updates(client, story["en"], after=0).json()["count"] == 8
    with django_assert_max_num_queries(8):
        assert client.get(entry.get_absolute_url()).status_code == 200


def test_the_live_story_page_costs_the_same_queries_with_3_or_30_entries(client, story, people, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(story["en"].get_absolute_url()).status_code == 200
        return len(captured)

    for n in range(3):
        entry = post(story["en"], people["editor"], f"<p>Line {n}.</p>", key_event=True)
        services.entry_correct(entry=entry, user=people["editor"], text="Fixed.")
    few = queries()
    for n in range(27):
        post(story["en"], people["editor"], f"<p>More {n}.</p>", pinned=n % 5 == 0)
    assert queries() == few


def test_an_entry_has_an_anchor_and_a_page_of_its_own_that_links_back(client, story, people):
    entry = post(story["en"], people["editor"], "<p>Water is back in the west.</p>", headline="Water back")
    html = page(client, story["en"])
    assert f'id="{entry.anchor}"' in html and entry.get_absolute_url() in html
    own = client.get(entry.get_absolute_url()).content.decode()
    assert "Water back" in own and f'{story["en"].get_absolute_url()}#{entry.anchor}' in own
    with translation.override("ar"):
        wrong_edition = reverse("live-entry", kwargs={"pk": story["en"].pk, "key": entry.entry_key})
    assert client.get(wrong_edition).status_code == 301


def test_pending_and_draft_entries_never_reach_readers(client, story, people):
    post(story["en"], people["reporter"], "<p>Waiting line.</p>")
    source = post(story["en"], people["editor"], "<p>Source line.</p>")
    services.entry_translate(entry=source, language="ar", user=people["editor"], body="<p>مسودة</p>", publish=False)
    assert "Waiting line" not in page(client, story["en"])
    assert "مسودة" not in page(client, story["ar"]) and updates(client, story["ar"]).json()["count"] == 0


def test_an_open_live_story_is_marked_live_in_lists_feeds_and_the_news_sitemap(client, story, people):
    home = client.get("/en/").content.decode()
    assert 'class="live-badge"' in home
    feed = client.get("/en/rss/").content.decode()
    assert "Live: Shelling in Afrin: live" in feed
    sitemap = client.get("/news-sitemap.xml").content.decode()
    assert "Live: Shelling in Afrin: live" in sitemap
    assert "مباشر: قصف في عفرين" in sitemap  # in the Arabic version's own language

    services.live_close(article=story["en"], user=people["editor"])
    assert 'class="live-badge"' not in client.get("/en/").content.decode()
    assert "Live: Shelling" not in client.get("/en/rss/").content.decode()


def test_without_javascript_the_page_shows_every_entry(client, story, people):
    for n in range(3):
        post(story["en"], people["editor"], f"<p>Line number {n}.</p>")
    html = page(client, story["en"])
    assert all(f"Line number {n}" in html for n in range(3))
    assert "<noscript>" in html and 'aria-live="polite"' in html


# --- across languages ------------------------------------------------------------------------------


def test_an_english_entry_changed_after_its_arabic_translation_makes_that_translation_outdated(story, people):
    editor = people["editor"]
    source = post(story["en"], editor, "<p>Ten people were injured.</p>")
    versions = live_translation.story_versions(story["en"])
    assert live_translation.entry_states(source, versions) == {"ar": "missing"}
    translated = services.entry_translate(entry=source, language="ar", user=people["translator"], body="<p>أصيب عشرة أشخاص.</p>")
    assert translated.entry_key == source.entry_key and translated.article == story["ar"]
    source.refresh_from_db()
    assert live_translation.entry_states(source, versions) == {"ar": "published"}

    services.entry_edit(entry=source, user=editor, body="<p>Twelve people were injured.</p>")
    source.refresh_from_db()
    assert live_translation.entry_states(source, versions) == {"ar": "outdated"}
    # Marks alone are not text: pinning does not make it outdated again once retranslated.
    services.entry_translate(entry=source, language="ar", user=people["translator"], body="<p>أصيب اثنا عشر شخصاً.</p>")
    services.entry_edit(entry=source, user=editor, body="<p>Twelve people were injured.</p>", pinned=True)
    source.refresh_from_db()
    assert live_translation.entry_states(source, versions) == {"ar": "published"}


def test_withdrawing_a_source_entry_withdraws_its_translations_and_marks_follow_the_source(client, story, people):
    editor = people["editor"]
    source = post(story["en"], editor, "<p>A ceasefire was announced.</p>")
    translated = services.entry_translate(entry=source, language="ar", user=editor, body="<p>أُعلن وقف لإطلاق النار.</p>")
    services.entry_edit(entry=source, user=editor, body=source.body, pinned=True, key_event=True)
    translated.refresh_from_db()
    assert translated.pinned and translated.key_event
    services.entry_withdraw(entry=source, user=editor, note="Not confirmed")
    translated.refresh_from_db()
    assert translated.state == State.WITHDRAWN
    assert "وقف لإطلاق النار" not in page(client, story["ar"])
    assert LiveEvent.objects.filter(entry=translated, action="withdraw", actor=editor).exists()


def test_translators_see_new_entries_to_translate_newest_first(story, people):
    editor = people["editor"]
    older = post(story["en"], editor, "<p>Older.</p>")
    newer = post(story["en"], editor, "<p>Newer.</p>")
    done = post(story["en"], editor, "<p>Done.</p>")
    services.entry_translate(entry=done, language="ar", user=people["translator"], body="<p>تم.</p>")
    rows = live_translation.translation_queue()
    assert [row.entry for row in rows] == [newer, older]
    assert rows[0].states == {"ar": "missing"}


def test_an_entry_cannot_be_translated_into_a_language_the_story_lacks(story, people):
    source = post(story["en"], people["editor"])
    with pytest.raises(services.LiveRefused) as refused:
        services.entry_translate(entry=source, language="ku", user=people["translator"], body="<p>Kurmancî</p>")
    assert refused.value.code == "no_version"


# --- break out -------------------------------------------------------------------------------------


def test_an_editor_breaks_an_entry_out_into_its_own_story_linked_both_ways(client, story, people):
    entry = post(story["en"], people["editor"], "<p>The dam is cracking, engineers say.</p>", headline="Dam cracking")
    new = services.entry_break_out(entry=entry, user=people["editor"])
    entry.refresh_from_db()
    assert entry.broken_out_to == new and new.status == Article.Status.DRAFT and new.kind == Article.Kind.NEWS
    assert new.headline == "Dam cracking" and entry.get_absolute_url() in new.body
    assert Revision.objects.filter(article=new).count() == 1  # saved through article_save
    assert new.bylines.filter(user=people["editor"]).exists()
    with pytest.raises(services.LiveRefused):
        services.entry_break_out(entry=entry, user=people["editor"])
    with pytest.raises(services.LiveRefused):
        services.entry_break_out(entry=post(story["en"], people["editor"]), user=people["reporter"])


# --- the desk in the admin -------------------------------------------------------------------------


def test_the_approval_queue_publishes_an_entry_in_one_click(client, story, people, verified_login):
    waiting = post(story["en"], people["reporter"], "<p>From the field.</p>")
    verified_login(client, people["editor"])
    queue = client.get(reverse("admin:live_queue"))
    assert queue.status_code == 200 and "From the field" in queue.content.decode()
    response = client.post(reverse("admin:live_queue"), {"entry": waiting.pk})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == State.PUBLISHED


def test_the_desk_posts_and_steps_through_the_services(client, story, people, verified_login):
    verified_login(client, people["editor"])
    desk = reverse("admin:live_desk", args=[story["en"].pk])
    assert client.get(desk).status_code == 200
    response = client.post(desk, {"action": "post", "entry-body": "<p>Posted from the desk.</p>", "entry-headline": ""})
    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert entry.state == State.PUBLISHED and entry.author == people["editor"]
    client.post(desk, {"action": "close"})
    story["en"].refresh_from_db()
    assert story["en"].coverage_ended_at is not None
    response = client.post(desk, {"action": "post", "entry-body": "<p>Too late.</p>"}, follow=True)
    assert LiveEntry.objects.count() == 1
    assert [str(m) for m in response.context["messages"]][-1] == str(services.NOT_OPEN)
    assert client.get(reverse("admin:live_livecoverage_changelist")).status_code == 200
    assert client.get(reverse("admin:live_translation_queue")).status_code == 200


def test_a_translator_translates_an_entry_from_the_desk(client, story, people):
    source = post(story["en"], people["editor"], "<p>The road to the airport is closed.</p>")
    client.force_login(people["translator"])
    address = reverse("admin:live_entry_translate", args=[source.pk, "ar"])
    form = client.get(address)
    assert form.status_code == 200 and "The road to the airport is closed." in form.content.decode()
    response = client.post(address, {"entry-headline": "", "entry-body": "<p>طريق المطار مغلق.</p>", "entry-publish": "on"})
    assert response.status_code == 302
    translated = LiveEntry.objects.get(translation_of=source)
    assert translated.article == story["ar"] and translated.state == State.PUBLISHED
    queue = client.get(reverse("admin:live_translation_queue"))
    assert "The road to the airport" not in queue.content.decode()  # translated: nothing waits


def test_a_live_storys_article_page_links_to_its_desk(client, story, people, verified_login):
    verified_login(client, people["editor"])
    page_of_story = client.get(reverse("admin:articles_article_change", args=[story["en"].pk])).content.decode()
    assert reverse("admin:live_desk", args=[story["en"].pk]) in page_of_story
    other = PublishedArticleFactory()
    assert "live-panel" not in client.get(reverse("admin:articles_article_change", args=[other.pk])).content.decode()


def test_reporters_reach_the_desk_but_not_the_approval_queue(client, story, people, verified_login):
    client.force_login(people["reporter"])
    assert client.get(reverse("admin:live_desk", args=[story["en"].pk])).status_code == 200
    assert client.get(reverse("admin:live_queue")).status_code == 403
    assert LiveCoverage.objects.filter(article=story["en"]).exists()
