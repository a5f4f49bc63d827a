"""Never lose a word, and see who else is working, in Chromium (issue 16, items 1 and 2): type and
submit in one click; close the tab and get the typing back; type offline and have it kept when the
connection returns; two browsers on one story see each other; an editor takes a story over."""

import time

import pytest

from articles.models import Article
from drafts.models import Draft
from tests.browser.conftest import admin_login
from tests.conftest import _SHARED_CONNECTION
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_as(chromium, live_server):
    """browser_as("author") -> (context, page) of a browser of its own, signed in. Closed before
    the live server stops."""
    contexts = []

    def open_browser(username, lang=None):
        options = {"viewport": {"width": 1280, "height": 900}}
        if lang:
            options.update(locale=lang, extra_http_headers={"Accept-Language": lang})
        context = chromium.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        admin_login(page, live_server, username)
        return context, page

    yield open_browser
    # Leaving each page sends its last beacons (presence: "left"); let the server answer them before
    # the test's database is emptied.
    for context in contexts:
        for page in context.pages:
            try:
                page.goto("about:blank")
            except Exception:  # a page that asked "leave?" and was kept (its test said no)
                pass
    time.sleep(1)
    for context in contexts:
        context.close()


BODY = ".ProseMirror[contenteditable=true]"


def change_url(live_server, article):
    return f"{live_server.url}/admin/articles/article/{article.pk}/change/"


def type_in_body(page, words):
    page.locator(BODY).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(words)


def wait_for(condition, timeout=15.0):
    """Poll the database (or anything) until ``condition()`` is true."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError("condition not met in time")


def fresh(article):
    """``article`` as stored now, read while no request of the live server runs."""
    with _SHARED_CONNECTION:
        article.refresh_from_db()
        return article


def no_drafts() -> bool:
    with _SHARED_CONNECTION:
        return not Draft.objects.exists()


def kept_text(article, user):
    with _SHARED_CONNECTION:  # the live server's threads use the same in-memory database
        draft = Draft.objects.filter(article=article, user=user).first()
    return " ".join(value for name, value, *_ in draft.fields) if draft else ""


def test_type_and_click_submit_saves_the_text_and_submits_it(browser_as, live_server, people, artifacts):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    _, page = browser_as("author")
    page.goto(change_url(live_server, article))
    type_in_body(page, " Flour doubled in a week.")
    page.fill(".action-submit textarea[name=note]", "Figures from the union.")
    page.click(".action-submit button")  # no save first: the step saves
    page.wait_for_selector(".messagelist .success")
    assert page.locator(".workflow-panel .status-badge").inner_text() == "In review"
    assert "Your changes were saved." in page.locator(".messagelist").inner_text()
    fresh(article)
    assert article.status == Status.IN_REVIEW
    assert "Flour doubled in a week." in article.body
    with _SHARED_CONNECTION:
        assert article.status_changes.get().note == "Figures from the union."
    assert no_drafts()
    page.screenshot(path=artifacts / "drafts-1-saved-and-submitted.png", full_page=True)


def test_a_form_that_cannot_be_saved_refuses_the_step_and_keeps_the_typing(browser_as, live_server, people):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    _, page = browser_as("author")
    page.goto(change_url(live_server, article))
    type_in_body(page, " Flour doubled.")
    page.fill("#id_headline", "")  # required: the browser refuses the save, so no step either
    page.click(".action-submit button")
    page.wait_for_timeout(1000)
    assert page.url.endswith(f"/{article.pk}/change/")
    assert "Flour doubled." in page.locator(BODY).inner_text()
    fresh(article)
    assert article.status == Status.DRAFT and article.headline == "Bread prices"


def test_type_close_the_tab_reopen_and_the_text_is_offered_back(browser_as, live_server, people, artifacts):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    context, page = browser_as("author")
    page.goto(change_url(live_server, article))
    page.fill("#id_headline", "Bread prices double in Qamishli")
    type_in_body(page, " Flour doubled in a week.")
    wait_for(lambda: "Flour doubled in a week." in kept_text(article, people["author"]))
    page.wait_for_selector(".draft-status:has-text('kept as a draft')")
    page.close()  # a closed tab (or a crash): nothing was saved
    fresh(article)
    assert article.headline == "Bread prices" and article.version == 1

    # Another browser (the reporter's laptop died): the server's copy is offered back.
    _, again = browser_as("author")
    again.goto(change_url(live_server, article))
    offer = again.locator(".draft-offer")
    offer.wait_for()
    assert "were not saved; they were kept" in offer.inner_text()
    assert again.locator("#id_headline").input_value() == "Bread prices"
    again.screenshot(path=artifacts / "drafts-2-offered-back.png", full_page=True)
    offer.locator(".draft-restore").click()
    assert again.locator("#id_headline").input_value() == "Bread prices double in Qamishli"
    assert "Flour doubled in a week." in again.locator(BODY).inner_text()
    again.click("input[name=_continue]")
    again.wait_for_selector(".messagelist .success")
    fresh(article)
    assert article.headline == "Bread prices double in Qamishli" and "Flour doubled in a week." in article.body
    assert no_drafts()
    assert not again.locator(".draft-offer").is_visible()


def test_a_tab_closed_at_once_offers_the_typing_from_this_browser(browser_as, live_server, people):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    context, page = browser_as("author")
    page.goto(change_url(live_server, article))
    page.wait_for_selector(".draft-status:has-text('All changes saved')")
    context.set_offline(True)  # not even the server copy gets out
    type_in_body(page, " Typed just before closing.")
    page.wait_for_timeout(2500)
    page.close()
    assert no_drafts()
    context.set_offline(False)
    again = context.new_page()
    again.goto(change_url(live_server, article))
    again.locator(".draft-offer").wait_for()
    again.locator(".draft-restore").click()
    assert "Typed just before closing." in again.locator(BODY).inner_text()


def test_a_new_story_closed_before_its_first_save_is_offered_back_in_this_browser(browser_as, live_server, people):
    context, page = browser_as("author")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_headline", "Market fire in Raqqa")
    type_in_body(page, "Shops burned overnight.")
    page.wait_for_selector(".draft-status:has-text('kept in this browser')")
    page.close()
    again = context.new_page()
    again.goto(f"{live_server.url}/admin/articles/article/add/")
    again.locator(".draft-offer").wait_for()
    again.locator(".draft-restore").click()
    assert again.locator("#id_headline").input_value() == "Market fire in Raqqa"
    assert "Shops burned overnight." in again.locator(BODY).inner_text()
    again.click("input[name=_continue]")
    again.wait_for_selector(".messagelist .success")
    with _SHARED_CONNECTION:
        assert Article.objects.filter(headline="Market fire in Raqqa").count() == 1
    # Saved: a new add page offers nothing.
    again.goto(f"{live_server.url}/admin/articles/article/add/")
    again.wait_for_selector(".draft-status:has-text('All changes saved')")
    assert not again.locator(".draft-offer").is_visible()


def test_typing_offline_is_kept_when_the_connection_returns(browser_as, live_server, people, artifacts):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    context, page = browser_as("author")
    page.goto(change_url(live_server, article))
    page.wait_for_selector(".draft-status:has-text('All changes saved')")
    context.set_offline(True)
    type_in_body(page, " Written on a train with no signal.")
    page.wait_for_selector(".draft-status:has-text('Offline')")
    page.screenshot(path=artifacts / "drafts-3-offline.png")
    time.sleep(3)
    assert no_drafts()
    context.set_offline(False)
    wait_for(lambda: "Written on a train with no signal." in kept_text(article, people["author"]))
    page.wait_for_selector(".draft-status:has-text('kept as a draft')")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    fresh(article)
    assert "Written on a train with no signal." in article.body


def test_leaving_with_unsaved_changes_warns(browser_as, live_server, people):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    context, untouched = browser_as("author")
    keeper = context.new_page()  # stays open: waiting on it lets Playwright deliver the dialogs
    dialogs = []
    untouched.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    untouched.goto(change_url(live_server, article))
    untouched.wait_for_selector(".draft-status:has-text('All changes saved')")
    untouched.close(run_before_unload=True)
    keeper.wait_for_timeout(1000)
    assert dialogs == []  # nothing typed: no question

    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.type), d.accept()))
    page.goto(change_url(live_server, article))
    page.wait_for_selector(".draft-status:has-text('All changes saved')")
    page.click("#id_headline")  # a person's gesture: Chromium asks "leave?" only after one
    page.keyboard.type(" double")
    page.wait_for_timeout(2500)
    page.close(run_before_unload=True)
    keeper.wait_for_timeout(1000)
    assert dialogs == ["beforeunload"]


def test_two_browsers_on_one_story_see_each_other_and_an_editor_takes_over(browser_as, live_server, people, artifacts):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    _, reporter = browser_as("author")
    _, editor = browser_as("editor")
    reporter.goto(change_url(live_server, article))
    editor.goto(change_url(live_server, article))
    reporter.wait_for_selector(".presence-panel:has-text('Hassan Darwish is editing this story')")
    editor.wait_for_selector(".presence-panel:has-text('Samer Taha is editing this story')")

    type_in_body(reporter, " Flour doubled.")
    editor.wait_for_selector(".presence-panel:has-text('Samer Taha is editing this story and has unsaved changes')",
                             timeout=20_000)
    editor.screenshot(path=artifacts / "presence-1-editor-sees-reporter.png", full_page=True)

    editor.click(".presence-take-over")
    editor.fill("#presence-takeover-note", "Breaking: I am finishing this one now.")
    editor.click(".presence-takeover-confirm")
    editor.wait_for_selector(".presence-panel:has-text('They have been told')")
    banner = reporter.locator(".presence-taken-over")
    banner.wait_for(timeout=20_000)
    text = banner.inner_text()
    assert "Hassan Darwish took this story over from you" in text and "I am finishing this one now." in text
    assert reporter.locator("input[name=_continue]").is_disabled()
    assert reporter.locator(".action-submit button").is_disabled()
    reporter.screenshot(path=artifacts / "presence-2-taken-over.png", full_page=True)
    # The reporter's typing is not lost: it is kept as their draft.
    wait_for(lambda: "Flour doubled." in kept_text(article, people["author"]))
    assert fresh(article).version == 1


def test_the_page_in_arabic(browser_as, live_server, people, artifacts):
    article = article_in(Status.DRAFT, author=people["author"], headline="Bread prices", body="<p>Bakeries.</p>")
    Draft.objects.create(article=article, user=people["author"], fields=[["headline", "أسعار الخبز"]], version=1)
    _, editor = browser_as("editor")
    editor.goto(change_url(live_server, article))
    _, reporter = browser_as("author", lang="ar")
    reporter.goto(change_url(live_server, article))
    reporter.locator(".draft-offer").wait_for()
    reporter.wait_for_selector(".presence-panel:not([hidden])")
    reporter.screenshot(path=artifacts / "drafts-4-arabic.png", full_page=True)
