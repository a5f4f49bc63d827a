"""A reporter imports copy in Chromium: upload, confirm, edit; and Arabic copy pasted in."""

import pytest
from articles.models import Tag  # the articles own tag model (per-language names)

from newsroom import roles
from articles.models import Article
from people.models import Affiliation, Organization, OrganizationAlias, Person
from tests.browser.conftest import admin_login
from tests.copy_fixtures import FIXTURES, INTERVIEW, INTERVIEW_PLACES, INTERVIEW_SUBHEADINGS, register_interview
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURE = INTERVIEW
INTERVIEW_FILE = FIXTURES / FIXTURE  # tests/fixtures/en-interview-fire-rescue-hasakah.txt


@pytest.fixture
def reporter(transactional_db):
    # Transactional tests flush the groups the migrations made: make them again first.
    roles.sync_roles()
    return UserFactory(username="reporter", first_name="Samer", last_name="Taha", role=roles.REPORTER)


@pytest.fixture
def register(transactional_db):
    """Raed Al-Saleh and Syria Civil Defense, with an Arabic alias: the people of the Arabic paste."""
    raed = Person.objects.create(name="Raed Al-Saleh", native_name="رائد الصالح")
    scd = Organization.objects.create(name="Syria Civil Defense")
    OrganizationAlias.objects.create(organization=scd, name="The White Helmets")
    OrganizationAlias.objects.create(organization=scd, name="الدفاع المدني السوري")
    Affiliation.objects.create(person=raed, organization=scd, role="Head")
    for name in ["Aleppo", "Idlib", "Hama", "Latakia"]:
        Tag.objects.create(name=name)


@pytest.fixture
def interview_register(transactional_db):
    """The people and places of our interview fixture (tests/copy_fixtures.py)."""
    register_interview()
    for name in INTERVIEW_PLACES:
        Tag.objects.create(name=name)


def test_reporter_uploads_confirms_and_edits_the_draft(page, live_server, reporter, interview_register, artifacts):
    admin_login(page, live_server, "reporter")
    page.click("text=Copy desk")
    page.click("a.addlink")
    assert page.locator("h1").inner_text() == "Import copy"
    page.screenshot(path=str(artifacts / "copydesk-import.png"), full_page=True)

    page.set_input_files("input[type=file]", str(INTERVIEW_FILE))
    page.click("input[name=_import]")
    page.wait_for_url("**/change/")
    assert page.locator("h1").inner_text().startswith("Confirm: \u2068Hevin Mustafa: The Wind Decides")
    assert page.get_by_label("Hevin Mustafa", exact=True).is_checked()
    assert page.get_by_label("Role of Hevin Mustafa").input_value() == "head of the Syrian Fire and Rescue Corps"
    assert page.get_by_label("Syria Fire and Rescue Corps", exact=True).is_checked()
    page.get_by_label("Tal Tamr", exact=True).uncheck()
    page.screenshot(path=str(artifacts / "copydesk-confirm.png"), full_page=True)

    page.click("input[name=_confirm]")
    page.wait_for_url("**/articles/article/*/change/")
    assert page.locator(".messagelist").inner_text().startswith("The draft “Hevin Mustafa: The Wind Decides")
    # the body reached the rich-text editor with its three subheadings, and the speakers in bold
    page.locator(".ProseMirror[contenteditable=true] > h2").first.wait_for()  # once the editor is made
    subheadings = page.locator(".ProseMirror[contenteditable=true] > h2").all_inner_texts()
    assert subheadings == INTERVIEW_SUBHEADINGS
    speakers = page.locator(".ProseMirror[contenteditable=true] > p > strong").all_inner_texts()
    assert speakers == ["Q:", "Mustafa:"] * 6
    article = Article.objects.get()
    assert sorted(article.tags.names()) == ["Derik", "Hasakah", "Qamishli"]
    assert article.interviewee_links.get().person.name == "Hevin Mustafa"
    page.screenshot(path=str(artifacts / "copydesk-draft.png"), full_page=True)

    # a batch: the same interview again, and an empty file
    page.goto(f"{live_server.url}/admin/copydesk/importrecord/add/")
    page.set_input_files(
        "input[type=file]",
        [
            {"name": FIXTURE, "mimeType": "text/plain", "buffer": INTERVIEW_FILE.read_bytes()},
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
        ],
    )
    page.click("input[name=_import]")
    report = page.locator(".copydesk-report li").all_inner_texts()
    assert report[0].startswith("Duplicate") and report[1].startswith("Refused")
    assert Article.objects.count() == 1
    page.screenshot(path=str(artifacts / "copydesk-batch.png"), full_page=True)


def test_arabic_copy_pasted_reads_right_to_left(page, live_server, reporter, register, artifacts):
    admin_login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/admin/copydesk/importrecord/add/")
    page.fill(
        "textarea[name=text]",
        "رائد الصالح: الوثائق لدينا\n"
        "إسطنبول، تركيا – وكالة نورث برس\n"
        "بقلم سامر طه\n\n"
        "قال رائد الصالح، مدير الدفاع المدني السوري، إن المنظمة جمعت وثائق عن الانتهاكات.\n"
        "الخبرة في زمن السلم\n"
        "وأضاف أن فرق والدفاع المدني السوري تعمل في حلب وإدلب.\n",
    )
    page.click("input[name=_import]")
    page.wait_for_url("**/change/")
    assert page.get_by_label("Raed Al-Saleh", exact=True).is_checked()
    assert page.get_by_label("Role of Raed Al-Saleh").input_value() == "مدير الدفاع المدني السوري"
    assert page.get_by_label("Syria Civil Defense", exact=True).is_checked()
    page.screenshot(path=str(artifacts / "copydesk-confirm-arabic.png"), full_page=True)
    article = Article.objects.get()
    assert (article.language, article.dateline, article.agency) == ("ar", "إسطنبول، تركيا", "وكالة نورث برس")
    assert "<h2>الخبرة في زمن السلم</h2>" in article.body
