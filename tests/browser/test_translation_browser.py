"""The translation round trip in Chromium: an editor requests an Arabic translation from the coverage
matrix; the translator starts it from "My translation requests", translates and submits it; the
editor publishes it and the matrix cell turns published; a reader switches language on the story."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, TranslationRequest
from tests.browser.test_workflow_browser import badge, browser_as  # noqa: F401
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE_AR = "عودة المياه إلى حلب الشرقية بعد انقطاع دام أسبوعين"
BODY_AR = "وصلت اثنتا عشرة شاحنة صهريج يوم الاثنين، وقال الدفاع المدني إن الضخ سيستأنف غداً."


def cell(page, story, language):
    return page.locator(f'tr[data-story="{story.pk}"] td.cell-{language}')


def test_editor_requests_translator_translates_editor_publishes_matrix_turns_published(
    browser_as, live_server, people, artifacts  # noqa: F811
):
    story = article_in(Status.PUBLISHED, author=people["author"], headline="Water returns to eastern Aleppo",
                       dek="Tankers arrive after two weeks.", body="<p>Twelve water tankers arrived on Monday.</p>")
    story.tags.set(["Aleppo", "Water"])
    matrix = f"{live_server.url}/admin/articles/article/translations/"

    # The editor opens the matrix and requests an Arabic translation from the missing cell.
    editor = browser_as("editor")
    editor.goto(f"{live_server.url}/admin/")
    editor.click("text=Translation coverage")
    editor.wait_for_url(matrix)
    assert cell(editor, story, "ar").inner_text().strip() == "Missing"
    assert cell(editor, story, "en").inner_text().strip().startswith("Published")
    cell(editor, story, "ar").locator("a").click()
    editor.wait_for_selector("text=Request a translation, or make the draft now")
    editor.select_option("#id_translator", str(people["translator"].pk))
    due = timezone.localtime() + timedelta(days=1)
    editor.fill("#id_due_at", due.strftime("%Y-%m-%dT%H:%M"))
    editor.fill("#id_note", "Keep the quotes literal, please.")
    editor.screenshot(path=artifacts / "translation-1-editor-request.png", full_page=True)
    editor.click("button[name=request]")
    editor.wait_for_url(matrix)
    assert "Arabic translation requested" in editor.locator(".messagelist").inner_text()
    assert cell(editor, story, "ar").inner_text().strip() == "Requested"
    editor.screenshot(path=artifacts / "translation-2-matrix-requested.png", full_page=True)

    # The translator finds it in "My translation requests" and starts it.
    translator = browser_as("translator")
    desk = translator.locator("tr.queue-translation-requests")
    assert desk.locator(".queue-count").inner_text() == "1"
    desk.locator("a").click()
    translator.wait_for_selector("text=Water returns to eastern Aleppo")
    translator.screenshot(path=artifacts / "translation-3-my-requests.png", full_page=True)
    translator.click("text=Start translation")
    assert "Keep the quotes literal, please." in translator.locator(".translation-request").inner_text()
    translator.click("button[name=start]")
    translator.wait_for_selector(".translation-panel")
    arabic = Article.objects.get(translation_source=story, language="ar")
    assert translator.url.endswith(f"/admin/articles/article/{arabic.pk}/change/")
    assert translator.input_value("#id_headline") == "Water returns to eastern Aleppo"  # the source, to overwrite

    # … translates it, saves, submits it for review.
    translator.fill("#id_headline", HEADLINE_AR)
    translator.fill("#id_dek", "وصول الصهاريج بعد أسبوعين.")
    body = translator.locator(".ProseMirror[contenteditable=true]")
    body.click()
    translator.keyboard.press("Control+A")
    translator.keyboard.type(BODY_AR)
    translator.click("input[name=_continue]")
    translator.wait_for_selector(".messagelist .success")
    assert translator.locator(".workflow-action button").all_inner_texts() == ["Submit for review"]
    translator.screenshot(path=artifacts / "translation-4-translator-draft.png", full_page=True)
    translator.click(".action-submit button")
    translator.wait_for_selector(".messagelist .success")
    assert badge(translator) == "In review"
    arabic.refresh_from_db()
    assert (arabic.headline, arabic.status) == (HEADLINE_AR, "in_review")
    assert BODY_AR in arabic.body
    assert TranslationRequest.objects.get().state == TranslationRequest.State.IN_PROGRESS

    # The editor publishes it from the matrix; the cell turns published.
    editor.goto(matrix)
    assert cell(editor, story, "ar").inner_text().strip() == "In review"
    cell(editor, story, "ar").locator("a").click()
    editor.wait_for_selector(".action-publish")
    assert editor.locator(".workflow-action button").all_inner_texts() == ["Return to reporter", "Publish now", "Schedule"]
    editor.click(".action-publish button")
    editor.wait_for_selector(".messagelist .success")
    assert badge(editor) == "Published"
    editor.goto(matrix)
    assert cell(editor, story, "ar").inner_text().strip() == "Published"
    assert editor.locator(".counts-ar .count-published").inner_text() == "1"
    editor.screenshot(path=artifacts / "translation-5-matrix-published.png", full_page=True)
    assert TranslationRequest.objects.get().state == TranslationRequest.State.DONE

    # A reader of the English story switches to Arabic and lands on the same story.
    reader = browser_as()
    reader.goto(f"{live_server.url}{story.get_absolute_url()}")
    reader.locator(f'a[hreflang="ar"][href="{Article.objects.get(pk=arabic.pk).get_absolute_url()}"]').first.click()
    reader.wait_for_selector("h1")
    assert reader.locator("h1").inner_text() == HEADLINE_AR
    assert reader.locator("html").get_attribute("dir") == "rtl"
    reader.screenshot(path=artifacts / "translation-6-reader-arabic.png", full_page=True)


def test_an_outdated_translation_shows_what_changed_in_its_source(browser_as, live_server, people, artifacts):  # noqa: F811
    from desk import services
    from translations import services as translation
    from desk import workflow

    story = article_in(Status.PUBLISHED, author=people["author"], headline="Bakeries reopen in Douma",
                       body="<p>Flour arrived on Monday.</p>")
    arabic = translation.translation_create(source=story, language="ar", user=people["translator"])
    arabic.headline, arabic.body = "إعادة فتح المخابز في دوما", "<p>وصل الطحين يوم الاثنين.</p>"
    services.article_save(article=arabic, user=people["translator"], version=arabic.version)
    workflow.article_transition(article=arabic, action="publish", user=people["editor"])
    story.refresh_from_db()
    story.body = "<p>Flour arrived on Monday. Bread is sold at the old price.</p>"
    services.article_save(article=story, user=people["editor"], version=story.version)

    translator = browser_as("translator")
    translator.goto(f"{live_server.url}/admin/articles/article/?translation=outdated")
    assert translator.locator("#result_list .translation-outdated").count() == 1
    translator.click(f"text={arabic.headline}")
    notice = translator.locator(".translation-outdated-notice")
    assert "Bread is sold at the old price." in notice.locator("ins").inner_text()
    translator.screenshot(path=artifacts / "translation-7-outdated.png", full_page=True)
    notice.locator("button", has_text="Mark up to date").click()
    translator.wait_for_selector(".messagelist .success")
    assert translator.locator(".translation-current").inner_text() == "Up to date with its source."
