"""Reporter layout in Chromium (issue 16, item 7): the article form's interviewee table fits the
window at 1280 px and on a 390 px phone, every column of it in view; and the checklist beside the
workflow buttons, in English and in Arabic."""

import pytest

from articles.models import Interviewee
from checklist.models import ChecklistRule
from tests.browser.conftest import admin_login
from tests.factories import PersonFactory
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH = """() => ({page: document.documentElement.scrollWidth, window: window.innerWidth})"""
WIDEST = """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right))"""
FIELDS = """(selector) => {
  const table = document.querySelector(selector);
  const box = table.closest('.inline-group').getBoundingClientRect();
  const row = table.querySelector('tbody tr.form-row');
  const found = {};
  for (const cell of row.querySelectorAll('td[class*="field-"]')) {
    const name = [...cell.classList].find(c => c.startsWith('field-')).slice(6);
    const r = cell.getBoundingClientRect();
    const label = getComputedStyle(cell, '::before').content;
    found[name] = {left: r.left, right: r.right, label: label && label !== 'none' ? label : '',
                   inside: r.width > 0 && r.left >= box.left - 1 && r.right <= box.right + 1 && r.left >= 0 && r.right <= window.innerWidth};
  }
  return found;
}"""


@pytest.fixture
def story(people):
    article = article_in(Status.DRAFT, author=people["author"], kind="interview",
                         headline="Hevin Mustafa on the fires in the wheat belt")
    Interviewee.objects.create(article=article, person=PersonFactory(name="Hevin Mustafa"),
                               role="Head of the Syria Fire and Rescue Corps in the northern countryside")
    return article


@pytest.mark.parametrize("width", [1280, 390])
def test_the_interviewee_table_fits_the_window(chromium, live_server, people, story, width, artifacts):
    context = chromium.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        admin_login(page, live_server, "author")
        page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
        table = ".inline-group table:has(input[name$='-role'])"
        page.wait_for_selector(table)
        page.locator(table).scroll_into_view_if_needed()
        page.screenshot(path=artifacts / f"desk-interviewees-{width}.png", full_page=True)
        sizes = page.evaluate(WIDTH)
        assert sizes["page"] <= sizes["window"], (sizes, page.evaluate(WIDEST))
        fields = page.evaluate(FIELDS, table)
        assert {"person", "role", "affiliation"} <= set(fields), fields
        for name, field in fields.items():
            assert field["inside"], (name, field)  # in view, not cut off nor scrolled away
            assert width > 767 or field["label"], (name, field)  # stacked on a phone: each field labelled
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_checklist_stands_beside_the_buttons(chromium, live_server, people, story, language, artifacts):
    # A transactional test's database was flushed of the migration's rows: the code's defaults hold.
    ChecklistRule.objects.update_or_create(key="standfirst", defaults={"enabled": True})
    story.dek = ""
    story.kind = "news"
    story.save()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        admin_login(page, live_server, "editor")
        if language != "en":
            page.goto(f"{live_server.url}/admin/")
        page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
        page.wait_for_selector(".action-publish .workflow-checks")
        page.locator(".workflow-panel").screenshot(path=artifacts / f"desk-checklist-{language}.png")
        assert page.locator(".action-publish input[name=over_warnings]").count() == 1
        sizes = page.evaluate(WIDTH)
        assert sizes["page"] <= sizes["window"], sizes
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_source_stands_beside_the_translators_fields(chromium, live_server, people, language, artifacts):
    from tests.test_translation import edit
    from translations import services as translation

    source = article_in(Status.PUBLISHED, author=people["author"], headline="Rescuers dig through the night",
                        dek="Teams from three towns joined.", body="<p>The first team arrived at dawn.</p>")
    arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
    edit(source, people["editor"], body="<p>The first team arrived at dawn.</p><p>Two more followed.</p>")
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        admin_login(page, live_server, "translator")
        page.goto(f"{live_server.url}/admin/articles/article/{arabic.pk}/change/")
        page.wait_for_selector(".source-beside")
        page.screenshot(path=artifacts / f"desk-translation-beside-{language}.png", full_page=True)
        field = page.locator("#id_headline").bounding_box()
        beside = page.locator(".field-headline .source-beside").bounding_box()
        # Side by side: the source's box is level with the field, not under it.
        assert beside["y"] < field["y"] + field["height"], (field, beside)
        assert page.locator(".field-body .source-changed ins").count() >= 1
        sizes = page.evaluate(WIDTH)
        assert sizes["page"] <= sizes["window"], sizes
    finally:
        context.close()
