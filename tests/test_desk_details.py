"""Reporter details and layout (issue 16, item 7): names in byline choices, the author's byline filled
in, the read-only view rendered as readers see it, and reporters seeing staff names only."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts_support import staff_login
from tests.factories import UserFactory
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def test_reporters_see_staff_names_only(people):
    UserFactory(username="gone", first_name="Former", last_name="Member", is_staff=False)
    reporter = client_for(people["author"])
    page = reporter.get(reverse("admin:auth_user_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Hassan Darwish (editor)" in html and "Samer Taha (author)" in html
    assert "@newsroom.example" not in html  # no e-mail addresses
    assert "superuser" not in html.lower() and "staff status" not in html.lower()  # no flags, no filters by them
    assert "Former Member" not in html  # only active staff
    assert reporter.get(reverse("admin:auth_user_change", args=[people["editor"].pk])).status_code == 403
    # Searching by e-mail finds nothing for them.
    found = reporter.get(reverse("admin:auth_user_changelist"), {"q": "editor@newsroom.example"}).content.decode()
    assert "Hassan Darwish" not in found

    full = client_for(people["superuser"]).get(reverse("admin:auth_user_changelist")).content.decode()
    assert "editor@newsroom.example" in full and "Former" in full


def test_byline_choices_show_names(people):
    reporter = client_for(people["author"])
    answer = reporter.get(reverse("admin:autocomplete"), {
        "app_label": "articles", "model_name": "byline", "field_name": "user", "term": "Hassan"})
    assert answer.status_code == 200
    assert [r["text"] for r in answer.json()["results"]] == ["Hassan Darwish (editor)"]


def test_a_new_storys_byline_is_filled_with_its_author(people):
    html = client_for(people["author"]).get(reverse("admin:articles_article_add")).content.decode()
    assert f'<option value="{people["author"].pk}" selected>Samer Taha (author)</option>' in html
    editor_form = client_for(people["editor"]).get(reverse("admin:articles_article_add")).content.decode()
    assert "selected>Hassan Darwish" not in editor_form  # editors are not put in bylines


def test_the_read_only_view_shows_the_body_as_readers_see_it(people):
    story = article_in(Status.IN_REVIEW, author=people["author"], language="ar", headline="عنوان",
                       body="<p>الفقرة الأولى.</p><h2>عنوان فرعي</h2><p>النهاية.</p>")
    html = client_for(people["author"]).get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert '<div class="article-body-read-only" lang="ar" dir="rtl"><p>الفقرة الأولى.</p><h2>عنوان فرعي</h2>' in html
    assert "&lt;p&gt;" not in html and "&lt;h2&gt;" not in html
