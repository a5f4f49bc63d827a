"""The names' translation pages in the Arabic admin, and stemmed search on /ar/, in Chromium.
Screenshots (artifacts/admin-ar-names*.png, search-ar-stems.png) are for a person to look at."""

import pytest

from newsroom import roles
from people.models import Person
from tests.browser.conftest import admin_login
from tests.browser.test_admin_l10n_browser import in_language
from tests.factories import UserFactory
from tests.public_data import story

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def raed(db):
    UserFactory(username="translator", first_name="Rojda", last_name="Ali", role=roles.TRANSLATOR)
    person = Person(name="Raed Al-Saleh", bio="Head of Syria Civil Defense since 2014.")
    person.save()
    return person


def test_a_translator_fills_an_arabic_bio_beside_the_english(chromium, live_server, raed, artifacts):
    context, page = in_language(chromium, "ar")
    try:
        admin_login(page, live_server, "translator")
        page.goto(f"{live_server.url}/admin/")
        page.locator(".queue-names a").click()
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.locator("h1").inner_text() == "أسماء ونبذات وأوصاف تنتظر الترجمة"
        page.screenshot(path=artifacts / "admin-ar-names.png", full_page=True)
        page.locator(f'tr[data-pk="{raed.pk}"] .cell-ar a').click()
        source = page.locator(".name-field-bio .name-source")
        assert source.inner_text() == "Head of Syria Civil Defense since 2014."
        assert source.evaluate("td => getComputedStyle(td).direction") == "ltr"
        bio = page.locator("#id_bio")
        assert bio.evaluate("box => getComputedStyle(box).direction") == "rtl"
        page.locator("#id_name").fill("رائد الصالح")
        bio.fill("رئيس الدفاع المدني السوري منذ 2014.")
        page.screenshot(path=artifacts / "admin-ar-names-form.png", full_page=True)
        page.locator('input[type="submit"]').click()
        page.wait_for_url("**/translations/names/**")
        assert "حُفظت نصوص" in page.locator(".messagelist").inner_text()
    finally:
        context.close()
    raed.refresh_from_db()
    assert raed.bio_ar == "رئيس الدفاع المدني السوري منذ 2014." and raed.translation_state("bio", "ar") == "current"


def test_arabic_search_finds_the_word_with_a_joined_wa(page, live_server, transactional_db, artifacts):
    found = story(headline="انقطاع المياه في حلب", language="ar", dek="الأحياء الشرقية بلا ماء منذ يومين.", body="<p>انقطعت المياه عن الأحياء الشرقية.</p>")
    page.goto(f"{live_server.url}/ar/search/?q=والمياه")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert found.headline in page.locator(".results").inner_text()
    page.screenshot(path=artifacts / "search-ar-stems.png", full_page=True)
