"""The editorial round trip in Chromium: a reporter writes and submits, an editor returns it with a
note, the reporter fixes and resubmits, the editor publishes, a reader reads it."""

import re

import pytest

from articles.models import Article
from tests.browser.conftest import admin_login
from tests.workflow_support import fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_as(chromium, live_server):
    """browser_as("editor") -> a page of its own browser context, signed in (None: a reader).

    The contexts close before the live server stops, so no request outlives the test."""
    contexts = []

    def open_page(username=None):
        context = chromium.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            admin_login(page, live_server, username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def badge(page) -> str:
    return page.locator(".workflow-panel .status-badge").inner_text()


def test_reporter_submits_editor_returns_reporter_fixes_editor_publishes_reader_reads(
    browser_as, live_server, people, artifacts
):
    # The reporter writes a story and submits it.
    reporter = browser_as("author")
    reporter.goto(f"{live_server.url}/admin/articles/article/add/")
    reporter.fill("#id_headline", "Water trucks reach eastern Aleppo")
    reporter.locator(".ProseMirror[contenteditable=true]").click()
    reporter.keyboard.type("Twelve trucks arrived on Monday.")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".workflow-panel")
    assert badge(reporter) == "Draft"
    article = Article.objects.get(headline="Water trucks reach eastern Aleppo")
    assert [b.user.username for b in article.bylines.all()] == ["author"]
    reporter.fill(".action-submit textarea[name=note]", "Photos to follow.")
    reporter.click(".action-submit button")
    reporter.wait_for_selector(".messagelist .success")
    assert badge(reporter) == "In review"
    assert "read-only for their authors" in reporter.locator(".workflow-panel").inner_text()
    assert reporter.locator("input[name=_save]").count() == 0
    reporter.screenshot(path=artifacts / "workflow-1-reporter-submitted.png", full_page=True)

    # The editor finds it in the queue and returns it with a note.
    editor = browser_as("editor")
    queue = editor.locator(".workflow-queues tr.queue-review")
    assert queue.locator(".queue-count").inner_text() == "1"
    editor.screenshot(path=artifacts / "workflow-2-editor-queues.png")
    queue.locator("a").click()
    editor.click("text=Water trucks reach eastern Aleppo")
    editor.wait_for_selector(".workflow-action")
    assert [b.inner_text() for b in editor.locator(".workflow-action button").all()] == [
        "Return to reporter", "Publish now", "Schedule"
    ]
    editor.fill(".action-return textarea[name=note]", "Who sent the trucks? Name the organization.")
    editor.click(".action-return button")
    editor.wait_for_selector(".messagelist .success")
    assert badge(editor) == "Draft"

    # The reporter sees the note, fixes the story and resubmits.
    reporter.goto(f"{live_server.url}/admin/")
    assert reporter.locator("tr.queue-drafts .queue-count").inner_text() == "1"
    reporter.locator("tr.queue-drafts a").click()
    reporter.click("text=Water trucks reach eastern Aleppo")
    reporter.wait_for_selector(".workflow-returned")
    returned = reporter.locator(".workflow-returned").inner_text()
    assert "Returned by Hassan Darwish" in returned and "Name the organization." in returned
    reporter.screenshot(path=artifacts / "workflow-3-reporter-returned.png", full_page=True)
    reporter.locator(".ProseMirror[contenteditable=true]").click()
    reporter.keyboard.press("End")
    reporter.keyboard.type(" The trucks were sent by the Syrian Arab Red Crescent.")
    reporter.click("input[name=_continue]")
    reporter.wait_for_selector(".messagelist .success")
    reporter.click(".action-submit button")
    reporter.wait_for_selector(".messagelist .success")
    assert badge(reporter) == "In review"

    # The editor publishes.
    editor.reload()
    editor.wait_for_selector(".action-publish")
    assert badge(editor) == "In review"
    editor.click(".action-publish button")
    editor.wait_for_selector(".messagelist .success")
    assert badge(editor) == "Published"
    timeline = editor.locator(".workflow-timeline").inner_text()
    for step in ["Publish now", "Submit for review", "Return to reporter", "Name the organization."]:
        assert step in timeline
    editor.screenshot(path=artifacts / "workflow-4-editor-published.png", full_page=True)

    # A reader reads it.
    article.refresh_from_db()
    reader = browser_as()
    response = reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    assert response.status == 200
    assert reader.locator("h1").inner_text() == "Water trucks reach eastern Aleppo"
    body = reader.locator(".body").inner_text()
    assert re.search(r"Twelve trucks arrived on Monday\.\s*The trucks were sent by the Syrian Arab Red Crescent\.", body)
    reader.screenshot(path=artifacts / "workflow-5-reader.png", full_page=True)
    assert article.revisions.count() == 2
