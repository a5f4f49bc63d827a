"""The “Import copy” admin pages, used by a reporter (Django test client)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from articles.models import Tag  # the articles own tag model (per-language names)

from articles.models import Article, Interviewee
from copydesk import messages
from copydesk.models import ImportRecord
from tests.copy_fixtures import INTERVIEW, INTERVIEW_PLACES, INTERVIEWEE_ROLE
from tests.accounts_support import staff_login

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:copydesk_importrecord_add")
FIXTURE = INTERVIEW  # tests/fixtures/en-interview-fire-rescue-hasakah.txt; its people: interview_register


@pytest.fixture
def place_tags(db):
    """The places the interview names: Hasakah, Qamishli, Tal Tamr, Derik."""
    return {name: Tag.objects.create(name=name) for name in INTERVIEW_PLACES}


def upload(name: str, data: bytes, content_type="text/plain"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_reporter_finds_import_copy_on_the_admin_index(client, reporter):
    staff_login(client, reporter)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Copy desk" in index and IMPORT_URL in index
    page = client.get(IMPORT_URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Import copy</h1>" in html and 'type="file"' in html and "multiple" in html
    assert 'name="text"' in html and 'enctype="multipart/form-data"' in html


def test_a_translator_may_not_import(client, translator):
    staff_login(client, translator)
    assert client.get(IMPORT_URL).status_code == 403


def test_reporter_uploads_the_interview_confirms_and_gets_to_the_draft(
    client, reporter, interview_register, place_tags, own_fixture
):
    hevin, corps, head = interview_register
    tags = place_tags
    staff_login(client, reporter)
    response = client.post(IMPORT_URL, {"files": [upload(FIXTURE, own_fixture(FIXTURE).encode("utf-8"))]})
    record = ImportRecord.objects.get()
    confirm_url = reverse("admin:copydesk_importrecord_change", args=[record.pk])
    assert response.status_code == 302 and response.url == confirm_url
    article = record.article
    assert (article.status, article.headline) == ("draft", "Hevin Mustafa: The Wind Decides Where We Go First")
    assert record.imported_by == reporter

    page = client.get(confirm_url)
    html = page.content.decode()
    assert page.status_code == 200
    # the message, with the headline isolated from the text around it (Arabic headlines stay whole)
    assert f"Draft “<bdi>{article.headline}</bdi>” (#{article.pk}) created." in html
    form = page.context["form"]
    # each proposal appears once, preselected, with the role the copy gives and the affiliation
    assert [row[0] for row in form.people_rows] == [hevin]
    assert [row[0] for row in form.organization_rows] == [corps]
    assert {row[0].name for row in form.tag_rows} == set(tags) == {"Hasakah", "Qamishli", "Tal Tamr", "Derik"}
    assert form[f"person_{hevin.pk}"].initial is True
    assert form[f"role_{hevin.pk}"].initial == "head of the Syrian Fire and Rescue Corps"
    assert form[f"affiliation_{hevin.pk}"].initial == head.pk
    assert form["kind"].initial == "interview"
    assert html.count(">Hevin Mustafa</label>") == 1 and html.count(">Syria Fire and Rescue Corps</label>") == 1
    edit_url = reverse("admin:articles_article_change", args=[article.pk])
    assert f'href="{edit_url}"' in html and "Edit the draft" in html

    data = {
        "version": str(article.version),  # the draft as the page showed it
        "kind": "interview",
        f"person_{hevin.pk}": "on",
        f"role_{hevin.pk}": INTERVIEWEE_ROLE,
        f"affiliation_{hevin.pk}": str(head.pk),
        f"organization_{corps.pk}": "on",
        f"tag_{tags['Tal Tamr'].pk}": "on",
        f"tag_{tags['Qamishli'].pk}": "on",
    }
    response = client.post(confirm_url, data)
    assert response.status_code == 302 and response.url == edit_url
    link = Interviewee.objects.get(article=article)
    assert (link.person, link.role, link.affiliation) == (hevin, "head of the Syrian Fire and Rescue Corps", head)
    assert list(article.organizations.all()) == [corps]
    assert sorted(article.tags.names()) == ["Qamishli", "Tal Tamr"]
    edit_page = client.get(edit_url)
    assert edit_page.status_code == 200 and "Edit the draft" in edit_page.content.decode()  # the success message


def test_pasted_text_becomes_a_draft(client, reporter):
    staff_login(client, reporter)
    text = "Bakery Reopens in Idlib\r\nIdlib – Newsroom Demo Agency\r\nBy Nour Khalil\r\n\r\nThe ovens were lit again on Monday."
    response = client.post(IMPORT_URL, {"text": text, "language": ""})
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.headline, article.dateline, article.agency) == ("Bakery Reopens in Idlib", "Idlib", "Newsroom Demo Agency")
    assert ImportRecord.objects.get().source_format == "paste"


def test_a_batch_reports_each_file(client, reporter, own_fixture):
    staff_login(client, reporter)
    copy = own_fixture(FIXTURE)
    client.post(IMPORT_URL, {"files": [upload("first.txt", copy.encode("utf-8"))]})
    existing = Article.objects.get()

    import docx

    document = docx.Document()
    document.add_paragraph("Seed Bank Opens a Second Store in the Ghab")
    document.add_paragraph("Hama – Newsroom Demo Agency")
    document.add_paragraph("The new store keeps 140 local varieties of wheat and barley.")
    buffer = io.BytesIO()
    document.save(buffer)
    files = [
        upload("again.txt", copy.encode("utf-16")),
        upload("empty.txt", b""),
        upload("seed-bank.docx", buffer.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        upload("scan.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 8, "application/pdf"),
    ]
    response = client.post(IMPORT_URL, {"files": files})
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 files: 2 refused" in html
    assert messages.ALREADY_IMPORTED.format(headline=f"<bdi>{existing.headline}</bdi>", pk=existing.pk) in html
    assert str(messages.EMPTY) in html and str(messages.BINARY) in html
    assert "Draft “<bdi>Seed Bank Opens a Second Store in the Ghab</bdi>”" in html
    assert [r.status for r, *_ in response.context["results"]] == ["duplicate", "refused", "created", "refused"]
    assert Article.objects.count() == ImportRecord.objects.count() == 2


def test_a_refused_paste_is_explained_and_kept_in_the_form(client, reporter):
    staff_login(client, reporter)
    response = client.post(IMPORT_URL, {"text": "x" * 301 + "\n\nBody."})
    assert response.status_code == 200
    html = response.content.decode()
    assert str(messages.HEADLINE_TOO_LONG) in html and "x" * 301 in html
    assert not Article.objects.exists()
    nothing = client.post(IMPORT_URL, {"text": "  "})
    assert str(messages.NOTHING_TO_IMPORT) in nothing.content.decode()


def test_the_import_list_shows_who_imported_what(client, editor, reporter, own_fixture):
    staff_login(client, reporter)
    client.post(IMPORT_URL, {"text": own_fixture(FIXTURE)})
    staff_login(client, editor)
    html = client.get(reverse("admin:copydesk_importrecord_changelist")).content.decode()
    assert "Hevin Mustafa: The Wind Decides" in html and ">Import copy</a>" in html


def test_confirming_needs_the_right_to_change_articles(client, translator, own_fixture):
    from copydesk.services import copy_import

    record = copy_import(data=own_fixture(FIXTURE)).record
    staff_login(client, translator)  # translators do not handle imports at all
    url = reverse("admin:copydesk_importrecord_change", args=[record.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "news"}).status_code == 403


def test_importing_needs_the_right_to_add_articles(client, db):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    clerk = UserFactory(username="clerk")
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["add_importrecord", "view_importrecord"]))
    staff_login(client, clerk)
    assert client.get(IMPORT_URL).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="add_article"))
    assert client.get(IMPORT_URL).status_code == 200
