"""Two readers follow a live story in Chromium, one in English and one in Arabic: an editor posts, and
within one polling period each page announces "1 new update" without moving what the reader is
reading or taking their focus; a click shows the entry; axe-core finds nothing serious; Arabic text
has enough contrast (live/reader.py, static/js/live.js)."""

import pytest

from articles.models import Article
from live import services
from newsroom import roles
from tests.browser.test_reader import ARABIC_CONTRAST, axe_script
from tests.factories import PublishedArticleFactory, UserFactory

POLL_SECONDS = 2
ENTRIES = 12


@pytest.fixture
def live_story(transactional_db, settings):
    settings.LIVE_POLL_SECONDS = POLL_SECONDS
    roles.sync_roles()
    editor = UserFactory(username="live-desk", first_name="Hassan", last_name="Darwish", role=roles.EDITOR)
    en = PublishedArticleFactory(kind=Article.Kind.LIVE, headline="Floods in Deir ez-Zor: live", language="en",
                                 body="<p>Key points: the river rose two metres overnight.</p>")
    ar = PublishedArticleFactory(kind=Article.Kind.LIVE, headline="فيضانات في دير الزور: تغطية مباشرة", language="ar",
                                 translation_key=en.translation_key, translation_source=en,
                                 body="<p>أبرز النقاط: ارتفع النهر مترين خلال الليل.</p>")
    services.live_open(article=en, user=editor)
    for n in range(ENTRIES):
        entry = services.entry_post(article=en, user=editor, headline=f"Update {n}",
                                    body=f"<p>Water levels reported at station {n}. " + "More detail follows. " * 12 + "</p>")
        services.entry_translate(entry=entry, language="ar", user=editor, headline=f"تحديث {n}",
                                 body=f"<p>مستوى المياه في المحطة {n}. " + "مزيد من التفاصيل. " * 12 + "</p>")
    return {"editor": editor, "en": en, "ar": ar}


def reader(chromium, url):
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(url)
    return context, page


READING = """(key) => {
  const entry = document.querySelector(`.live-entry[data-key="${key}"]`);
  return {scrollY: window.scrollY, top: Math.round(entry.getBoundingClientRect().top),
          focused: document.activeElement === entry.querySelector('.entry-time')};
}"""


def test_two_readers_see_one_new_update_and_nothing_moves_under_their_eyes(chromium, live_server, live_story, artifacts):
    en, ar = live_story["en"], live_story["ar"]
    readers = {}
    for language, story in (("en", en), ("ar", ar)):
        context, page = reader(chromium, live_server.url + story.get_absolute_url())
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        assert page.locator(".live-entries > .live-entry").count() == ENTRIES
        assert page.locator(".live-notice[aria-live=polite]").count() == 1
        readers[language] = (context, page)

    # The English reader reads in the middle of the list, the time link of an entry focused; the
    # Arabic reader stays at the top of the page.
    en_page, ar_page = readers["en"][1], readers["ar"][1]
    middle = en_page.locator(".live-entries > .live-entry").nth(6)
    key = middle.get_attribute("data-key")
    middle.locator(".entry-time").focus()
    middle.scroll_into_view_if_needed()
    en_page.mouse.wheel(0, 200)
    en_page.wait_for_timeout(200)
    before = en_page.evaluate(READING, key)
    assert before["focused"] and before["scrollY"] > 0
    ar_before = ar_page.evaluate("window.scrollY")

    entry = services.entry_post(article=en, user=live_story["editor"], headline="Dam gates opened",
                                body="<p>Engineers opened the dam's gates at noon.</p>")
    services.entry_translate(entry=entry, language="ar", user=live_story["editor"], headline="فتح بوابات السد",
                             body="<p>فتح المهندسون بوابات السد ظهراً.</p>")

    en_button, ar_button = en_page.locator(".live-show"), ar_page.locator(".live-show")
    timeout = (POLL_SECONDS * 2 + 2) * 1000  # one period, from whenever the last poll went out
    en_button.wait_for(state="visible", timeout=timeout)
    ar_button.wait_for(state="visible", timeout=timeout)
    assert en_button.inner_text() == "1 new update"
    assert ar_button.inner_text() == "تحديث جديد واحد"
    # The announcement took nothing: focus, scroll and the text being read are where they were.
    assert en_page.evaluate(READING, key) == before
    assert ar_page.evaluate("window.scrollY") == ar_before
    assert en_page.locator(".live-entry", has_text="Dam gates opened").count() == 0

    for page in (en_page, ar_page):
        script = axe_script()
        page.add_script_tag(path=str(script))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
    low = [t for t in ar_page.evaluate(ARABIC_CONTRAST) if t["ratio"] < t["needed"]]
    assert low == []
    ar_page.screenshot(path=str(artifacts / "live-ar-announced.png"), full_page=False)

    en_button.click()
    ar_button.click()
    first = en_page.locator(".live-entries > .live-entry").first
    assert "Dam gates opened" in first.inner_text()
    assert "فتح بوابات السد" in ar_page.locator(".live-entries > .live-entry").first.inner_text()
    after = en_page.evaluate(READING, key)
    assert after["top"] == before["top"]  # the entry being read did not move on the screen
    assert ar_page.evaluate("window.scrollY") == ar_before
    assert en_button.is_hidden() and ar_button.is_hidden()
    ar_page.screenshot(path=str(artifacts / "live-ar-shown.png"), full_page=False)
    en_page.screenshot(path=str(artifacts / "live-en-shown.png"), full_page=False)

    # The next poll asks for what is newer than the entry shown: nothing more is announced.
    en_page.wait_for_timeout(POLL_SECONDS * 1000 + 500)
    assert en_button.is_hidden()
    for context, _page in readers.values():
        context.close()


def test_without_javascript_the_live_page_shows_every_entry(chromium, live_server, live_story):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + live_story["ar"].get_absolute_url())
    assert page.locator(".live-entries > .live-entry").count() == ENTRIES
    assert page.locator(".live-show").is_hidden()
    context.close()


def test_the_nu_html_checker_finds_no_error_on_live_pages(live_server, live_story, tmp_path):
    import json
    import subprocess

    from live.models import LiveEntry
    from tests.browser.test_page_types import fetch, nu_checker

    command = nu_checker()
    services.entry_correct(entry=LiveEntry.objects.filter(article=live_story["en"]).first(), user=live_story["editor"],
                           text="The station is in the north.")
    files = []
    for language in ("en", "ar"):
        story = live_story[language]
        entry = LiveEntry.objects.filter(article=story).first()
        for name, path in (("story", story.get_absolute_url()), ("entry", entry.get_absolute_url())):
            status, body = fetch(live_server.url + path)
            assert status == 200, (language, name, status)
            files.append(tmp_path / f"{language}-{name}.html")
            files[-1].write_bytes(body)
    result = subprocess.run([*command, "--format", "json", "--stdout", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    errors = [m for m in json.loads(result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]
    assert errors == []


def test_live_pages_do_not_scroll_sideways_on_a_phone(chromium, live_server, live_story, artifacts):
    from live.models import LiveEntry

    context = chromium.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    for language in ("en", "ar"):
        story = live_story[language]
        for name, path in (("story", story.get_absolute_url()),
                           ("entry", LiveEntry.objects.filter(article=story).first().get_absolute_url())):
            page.goto(live_server.url + path)
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, (language, name)
            page.screenshot(path=str(artifacts / f"live-{language}-{name}-390.png"))
    context.close()
