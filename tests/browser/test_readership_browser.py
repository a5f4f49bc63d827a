"""The reading beacon in a real browser (static/js/read.js, docs/READERSHIP.md): a reader's visit to
a story is counted once the page is shown, under the site's Content-Security-Policy, with no cookie;
the same browser announcing itself as headless (a robot) is not counted."""

import time

import pytest

from readership.models import Hit
from tests.public_data import story

FIREFOX_ON_A_PHONE = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"


def hits_of(article, wait: float = 5) -> int:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if Hit.objects.filter(article_pk=article.pk).exists():
            break
        time.sleep(0.1)
    return Hit.objects.filter(article_pk=article.pk).count()


@pytest.fixture
def article(transactional_db):
    return story(headline="Water returns to Hasakah")


def test_a_readers_visit_is_counted_under_the_sites_policy_with_no_cookie(chromium, live_server, article):
    context = chromium.new_context(user_agent=FIREFOX_ON_A_PHONE)
    page = context.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    with page.expect_response(lambda response: "/r/" in response.url) as sent:
        page.goto(live_server.url + article.get_absolute_url())
    assert sent.value.status == 204 and sent.value.request.method == "POST"
    assert hits_of(article) == 1
    assert context.cookies() == [] and refused == []
    with page.expect_response(lambda response: "/r/" in response.url):  # answered before the test ends
        page.reload()
    assert hits_of(article, wait=0) == 1  # the same reader within the hour
    context.close()


def test_a_headless_browser_is_not_counted(page, live_server, article):
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    assert "HeadlessChrome" in page.evaluate("navigator.userAgent")
    assert hits_of(article, wait=1) == 0
