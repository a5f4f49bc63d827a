"""Side-by-side translation (issue 16, item 5): the translator's form shows the source's text beside
each field — the revision the translation is made from — and, once the source changes, what changed."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.accounts_support import staff_login
from tests.test_translation import edit, source  # noqa: F401
from tests.workflow_support import fast_passwords, people  # noqa: F401
from translations import services as translation

pytestmark = pytest.mark.django_db


def form_of(user, article) -> str:
    client = Client()
    staff_login(client, user)
    return client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()


def test_the_translator_sees_the_source_beside_each_field(people, source):
    arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
    html = form_of(people["translator"], arabic)
    assert html.count('class="source-beside-text" lang="en" dir="ltr"') == 4  # headline, standfirst, dateline, body
    assert "Rescuers dig through the night in Jandaris" in html
    assert '<div class="source-beside-text" lang="en" dir="ltr"><p>The first team arrived at dawn.</p><p>More followed.</p></div>' in html
    assert "Changed in the source" not in html
    # Not on the source itself.
    assert "source-beside" not in form_of(people["editor"], source)


def test_changes_in_the_source_since_are_highlighted(people, source):
    arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
    edit(source, people["editor"], body="<p>The first team arrived at dawn.</p><p>Two more teams followed at noon.</p>",
         headline="Rescuers dig through the night in Jandaris")
    html = form_of(people["translator"], arabic)
    assert html.count("source-beside source-changed") == 1  # only the body changed
    changed = html.split("source-beside source-changed", 1)[1].split("</div></div>", 1)[0]
    assert "<ins>" in changed and "Two" in changed and "<del>" in changed
    assert html.count('class="source-beside"><strong>') == 3  # the unchanged fields show their text


def test_a_read_only_translation_shows_no_source_boxes(people, source):
    arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
    assert "source-beside" not in form_of(people["other_reporter"], arabic)
