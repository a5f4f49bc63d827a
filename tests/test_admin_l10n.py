"""The admin speaks Arabic and Kurmanji: each role, with Arabic or Kurmanji chosen by the browser, finds
no English sentence of ours on the dashboard, the article list, the change form, the coverage matrix,
the copy desk's import and confirmation pages and the image library (the newsroom's data aside:
headlines, names, usernames, tags, file names). The checker is tests/admin_l10n.py.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation as i18n
from django.utils.html import strip_tags

from articles.models import Article, Byline, Tag
from copydesk.models import ImportRecord
from copydesk.services import copy_import
from desk import workflow
from desk.services import article_save
from images.models import Image
from people.models import Affiliation, Organization, Person
from tests.accounts_support import staff_login
from tests.admin_l10n import english_of_ours, visible_text
from tests.copy_fixtures import INTERVIEW
from tests.factories import ImageFactory
from translations import services as translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ROLES = ["reporter", "editor", "translator", "superuser"]


@pytest.fixture
def newsroom(reporter, editor, translator, superuser, interview_register, own_fixture):
    """A published English story by the reporter with its Arabic translation (assigned to the
    translator, then outdated by an edit of the source), a draft of the reporter's, an imported
    interview and a picture in the library."""
    source = Article(headline="Fire crews reach Hasakah's grain silos", dek="Firefighters worked all night.",
                     body="<p>Fire crews reached the silos at dawn.</p>", dateline="Hasakah, Syria", language="en")
    article_save(article=source, user=reporter, author=reporter)
    Tag.objects.create(name="Hasakah")
    source.tags.add("Hasakah")
    workflow.article_transition(article=source, action="submit", user=reporter)
    workflow.article_transition(article=source, action="publish", user=editor)
    arabic = translation.translation_create(source=source, language="ar", user=editor, translator=translator)
    arabic.headline = "فرق الإطفاء تصل إلى صوامع الحبوب في الحسكة"
    article_save(article=arabic, user=translator, version=arabic.version)
    source.refresh_from_db()
    source.body = "<p>Fire crews reached the silos at dawn, after six hours.</p>"
    article_save(article=source, user=editor, version=source.version)
    draft = Article(headline="Water returns to Qamishli", body="<p>The pumps work again.</p>", language="en")
    article_save(article=draft, user=reporter, author=reporter)
    record = copy_import(data=own_fixture(INTERVIEW).encode(), name=INTERVIEW, user=reporter)
    ImageFactory(uploaded_by=reporter)
    return {"source": source, "arabic": arabic, "draft": draft, "record": record.record}


def pages_for(role: str, newsroom) -> dict[str, str]:
    """The pages the acceptance names, as each role reaches them."""
    article = {"reporter": newsroom["draft"], "translator": newsroom["arabic"]}.get(role, newsroom["source"])
    pages = {
        "dashboard": reverse("admin:index"),
        "article list": reverse("admin:articles_article_changelist"),
        "change form": reverse("admin:articles_article_change", args=[article.pk]),
        "coverage matrix": reverse("admin:articles_article_coverage"),
        "image library": reverse("admin:images_image_changelist"),
        "image upload": reverse("admin:images_image_add"),
    }
    pages["names to translate"] = reverse("admin:articles_article_name_coverage")
    person = Person.objects.order_by("pk").first()
    pages["name translation form"] = reverse("admin:articles_article_name_translate", args=["person", person.pk, "ar"])
    if role == "superuser":
        pages["audit trail"] = reverse("admin-audit")
    if role != "translator":  # translators do not import copy (tests/test_copydesk_admin.py)
        pages["copy desk import"] = reverse("admin:copydesk_importrecord_add")
        pages["copy desk confirmation"] = reverse("admin:copydesk_importrecord_change", args=[newsroom["record"].pk])
    return pages


def newsroom_data() -> list[str]:
    """Everything on the pages that is the newsroom's own data, not our interface."""
    data = []
    for article in Article.objects.prefetch_related("revisions"):
        data += [article.headline, article.dek, article.dateline, article.agency, article.slug]
        for revision in article.revisions.all():  # diffs show old text too; notes are stored text
            data += [revision.note] + [line for field in ("headline", "dek", "body")
                     for line in strip_tags(revision.content.get(field) or "").splitlines()]
    data += [b.name for b in Byline.objects.all()]
    for user in get_user_model().objects.all():
        data += [user.get_username(), user.get_full_name(), user.first_name, user.last_name, user.email]
    for person in Person.objects.prefetch_related("alternate_names"):
        data += [person.name, person.native_name, *(n.name for n in person.alternate_names.all())]
        data += (person.bio_en or "").splitlines()
    for organization in Organization.objects.prefetch_related("aliases"):
        data += [organization.name, *(a.name for a in organization.aliases.all())]
        data += (organization.description_en or "").splitlines()
    data += [a.role for a in Affiliation.objects.all()] + list(Tag.objects.values_list("name", flat=True))
    for image in Image.objects.all():
        data += [image.alt_text, image.caption, image.credit, image.source, f"[image:{image.pk}]"]
    for record in ImportRecord.objects.all():
        data += [record.source_name, *record.proposals.get("kind_reason", "").split("“")[1:2]]
        data += [text for kind in ("people", "organizations", "tags") for p in record.proposals.get(kind, [])
                 for text in [p["name"], *p["found_as"], p.get("role", "")]]
        data += [c["name"] for c in record.proposals.get("candidates", [])]
    return data


def english_on_pages(client, role, newsroom, language):
    found = {}
    data = newsroom_data()
    for name, url in pages_for(role, newsroom).items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, (role, name, response.status_code)
        html = response.content.decode()
        assert f'lang="{language}"' in html[:200], (role, name)
        if english := english_of_ours(html, language, data):
            found[name] = english
    return found


@pytest.mark.parametrize("language", ["ar", "ku"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_no_english_of_ours_in_the_admin(client, request, newsroom, role, language):
    staff_login(client, request.getfixturevalue(role))
    assert english_on_pages(client, role, newsroom, language) == {}


def test_the_check_finds_the_english_it_looks_for(client, editor, newsroom):
    """The same pages in English are full of our sentences: the check above can fail."""
    staff_login(client, editor)
    found = english_on_pages(client, "editor", newsroom, "en")
    assert set(found) == set(pages_for("editor", newsroom)), found.keys()
    change_form = " ".join(found["change form"])
    assert "A step saves your changes first" in change_form and "word: 'workflow'" in change_form


def test_an_arabic_page_is_laid_out_right_to_left_with_names_isolated(client, editor, newsroom):
    staff_login(client, editor)
    url = reverse("admin:articles_article_change", args=[newsroom["source"].pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # A Latin name inside an Arabic sentence is isolated, so the sentence's punctuation stays put.
    assert "<bdi>" in html and 'dir="auto"' in html
    text = visible_text(html)
    assert "تحفظ الخطوة تغييراتك أولًا؛ وإن تعذّر حفظها فلا تُتّخذ الخطوة ويبقى ما كتبته في النموذج." in text
    assert "Fire crews reach Hasakah" in text  # the headline itself stays as written


def test_a_message_keeps_a_latin_name_isolated_inside_arabic(client, editor, newsroom):
    staff_login(client, editor)
    draft = newsroom["draft"]
    url = reverse("admin:articles_article_translate", args=[draft.pk, "ar"])
    response = client.post(url, {"request": "1", "translator": newsroom["arabic"].translator_id,
                                 "due_at": "2099-01-01T10:00", "note": ""}, HTTP_ACCEPT_LANGUAGE="ar", follow=True)
    messages = [str(m) for m in response.context["messages"]]
    translator = newsroom["arabic"].translator
    assert messages == [f"طُلبت الترجمة إلى العربية من <bdi>{translator.get_full_name()}</bdi>."]


def test_the_language_cookie_chooses_the_admin_language_too(client, reporter, newsroom):
    staff_login(client, reporter)
    client.cookies["django_language"] = "ku"
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert '<html lang="ku" dir="ltr">' in html and "Gotarên min" in html and "My articles" not in html


def test_the_calendar_of_date_fields_speaks_kurmanji_and_starts_on_monday(client, editor):
    staff_login(client, editor)
    script = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="ku").content.decode()
    assert '"January": "\\u00c7ile"' in script or '"January": "Çile"' in script
    assert '"Today": "\\u00cero"' in script or '"Today": "Îro"' in script
    assert '"FIRST_DAY_OF_WEEK": 1' in script and '"DATETIME_FORMAT": "j F Y, H:i T"' in script


def test_arabic_dates_in_the_admin_use_the_sites_month_names(client, editor, newsroom):
    staff_login(client, editor)
    script = client.get(reverse("admin:jsi18n"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "\\u0643\\u0627\\u0646\\u0648\\u0646" in script or "كانون" in script  # كانون الثاني, as on /ar/
    url = reverse("admin:articles_article_change", args=[newsroom["source"].pk])
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    month = newsroom["source"].published_at.month
    syrian = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
              "تشرين الثاني", "كانون الأول"][month - 1]
    assert syrian in visible_text(html)


def test_djangos_own_admin_words_are_kurmanji_too(client, editor, newsroom):
    """Django has no Kurmanji catalogue: locale/django/ku/ gives its buttons, menus and sign-in page."""
    staff_login(client, editor)
    url = reverse("admin:articles_article_change", args=[newsroom["source"].pk])
    text = visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE="ku").content.decode())
    for kurmanji in ["Tomar bike û guherandinê bidomîne", "Derkeve", "Dîrok", "Bi xêr hatî,"]:
        assert kurmanji in text
    for english in ["Save and continue editing", "Log out", "Welcome,"]:
        assert english not in text
    client.logout()
    login = visible_text(client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="ku").content.decode())
    assert "Navê bikarhêner" in login and "Şîfre" in login and "Têkeve" in login


def test_e_mail_about_a_step_is_written_in_the_language_it_was_taken_in(
    reporter, editor, mailoutbox, django_capture_on_commit_callbacks
):
    article = Article(headline="Who will rebuild Jindires?", body="<p>Builders wait.</p>", language="en")
    article_save(article=article, user=reporter, author=reporter)
    with i18n.override("ar"), django_capture_on_commit_callbacks(execute=True):
        workflow.article_transition(article=article, action="submit", user=reporter)
    [mail] = mailoutbox
    assert mail.subject == "[Newsroom] أُرسل للمراجعة: \u2068Who will rebuild Jindires?\u2069"
    assert "مسودة ← قيد المراجعة" in mail.body and "«\u2068Who will rebuild Jindires?\u2069»" in mail.body
