"""The Arabic admin in Chromium: laid out right to left, its sentences ending on the left with their
full stop, English headlines and names isolated inside them; and the Kurmanji article list. Screenshots
(artifacts/admin-ar-*.png, admin-ku-*.png) are for a person to look at."""

import pytest

from articles.models import Article
from desk import workflow
from desk.services import article_save
from newsroom import roles
from tests.browser.conftest import admin_login
from tests.factories import UserFactory
from translations import services as translation

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Who will rebuild Jindires?"


@pytest.fixture
def staff(db):
    return {
        "reporter": UserFactory(username="reporter", first_name="Samer", last_name="Taha", role=roles.REPORTER),
        "editor": UserFactory(username="editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR),
        "translator": UserFactory(username="translator", first_name="Rojda", last_name="Ali", role=roles.TRANSLATOR),
    }


@pytest.fixture
def stories(staff):
    submitted = Article(headline=HEADLINE, body="<p>Builders wait for permits.</p>", language="en")
    article_save(article=submitted, user=staff["reporter"], author=staff["reporter"])
    workflow.article_transition(article=submitted, action="submit", user=staff["reporter"])
    source = Article(headline="Fire crews reach Hasakah's grain silos.", body="<p>At dawn.</p>", language="en")
    article_save(article=source, user=staff["reporter"], author=staff["reporter"])
    workflow.article_transition(article=source, action="publish", user=staff["editor"])
    arabic = translation.translation_create(source=source, language="ar", user=staff["editor"],
                                            translator=staff["translator"])
    return {"submitted": submitted, "source": source, "arabic": arabic}


def in_language(chromium, language):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=language,
                                   extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def ends_on_the_left(page, selector) -> bool:
    """Whether the last character of the element's text is drawn left of its first (right-to-left)."""
    return page.eval_on_selector(selector, """element => {
        const text = element.firstChild;
        const range = document.createRange();
        range.setStart(text, 0); range.setEnd(text, 1);
        const first = range.getBoundingClientRect();
        const content = text.textContent.trimEnd();
        range.setStart(text, content.length - 1); range.setEnd(text, content.length);
        const last = range.getBoundingClientRect();
        return last.right <= first.left && content.endsWith(".");
    }""")


def test_the_arabic_change_form_reads_right_to_left(chromium, live_server, staff, stories, artifacts):
    context, page = in_language(chromium, "ar")
    try:
        admin_login(page, live_server, "reporter")
        page.goto(f"{live_server.url}/admin/articles/article/{stories['submitted'].pk}/change/")
        assert page.evaluate("document.documentElement.dir") == "rtl"
        reason = page.locator(".workflow-read-only")
        assert reason.inner_text() == "المقالات المُرسلة للمراجعة للقراءة فقط بالنسبة إلى كتّابها حتى يعيدها محرر."
        # The full stop ends the sentence on the left, where Arabic ends: not "….Submitted articles".
        assert ends_on_the_left(page, ".workflow-read-only")
        assert page.locator("#workflow-heading").inner_text() == "سير العمل"
        page.screenshot(path=artifacts / "admin-ar-change-form.png", full_page=True)
    finally:
        context.close()
    context, page = in_language(chromium, "ar")
    try:
        admin_login(page, live_server, "translator")
        page.goto(f"{live_server.url}/admin/articles/article/{stories['arabic'].pk}/change/")
        of = page.locator(".translation-of")
        assert of.inner_text().startswith("ترجمة إلى العربية لـ")
        link = of.locator("a").bounding_box()
        # "(الإنجليزية)" follows the English headline, so in a right-to-left line it is on its left,
        # and the headline's own full stop stays inside its isolated box.
        after = page.evaluate("""() => {
            const p = document.querySelector('.translation-of');
            const node = [...p.childNodes].find(n => n.nodeType === 3 && n.textContent.includes('الإنجليزية'));
            const range = document.createRange();
            const at = node.textContent.indexOf('(');
            range.setStart(node, at); range.setEnd(node, at + 1);
            return range.getBoundingClientRect().right;
        }""")
        assert after <= link["x"] + 1
        assert of.locator("a").evaluate("a => getComputedStyle(a).direction") == "ltr"
        page.screenshot(path=artifacts / "admin-ar-translation-change-form.png", full_page=True)
    finally:
        context.close()


def test_the_arabic_and_kurmanji_article_lists(chromium, live_server, staff, stories, artifacts):
    for language, heading, all_articles in [("ar", "اختر مقال لتغييره", "كل المقالات"),
                                             ("ku", "gotar", "Hemû gotar")]:
        context, page = in_language(chromium, language)
        try:
            admin_login(page, live_server, "editor")
            page.goto(f"{live_server.url}/admin/articles/article/")
            assert page.evaluate("document.documentElement.lang") == language
            assert heading in page.locator("h1").inner_text()
            assert page.get_by_role("link", name=all_articles).is_visible()
            assert "Awaiting review" not in page.content() and "Translation coverage" not in page.content()
            page.screenshot(path=artifacts / f"admin-{language}-article-list.png", full_page=True)
        finally:
            context.close()
