"""An edition's search shows its own stories first, then "In other languages" the matches of the
other editions, each marked with its language (public.views.other_language_matches)."""

import pytest

from people.models import Organization
from tests.public_data import story, white_helmets_newsroom

pytestmark = pytest.mark.django_db


def test_an_organization_with_only_arabic_stories_is_found_from_the_english_edition(client):
    jazira = Organization.objects.create(name="Jazira Music House")
    Organization.objects.filter(pk=jazira.pk).update(name_ar="بيت موسيقى الجزيرة")
    arabic = story(language="ar", headline="أطفال القامشلي يتعلمون الطنبور", body="<p>دروس مجانية.</p>")
    arabic.organizations.add(jazira)
    page = client.get("/en/search/", {"q": "Jazira Music House"}).content.decode()
    own, others = page.split('id="other-languages-heading"', 1)
    assert arabic.headline not in own
    assert arabic.headline in others
    assert f'lang="ar" dir="rtl">{arabic.headline}</a>' in others


def test_words_match_in_the_other_editions_too_and_the_own_edition_comes_first(client):
    newsroom = white_helmets_newsroom()
    page = client.get("/ar/search/", {"q": "Raed Al-Saleh"}).content.decode()
    own, others = page.split('id="other-languages-heading"', 1)
    assert newsroom.interview_ar.headline in own and newsroom.interview_ar.headline not in others
    assert newsroom.interview.headline in others and 'lang="en" dir="ltr"' in others


def test_no_other_languages_section_when_the_reader_chose_all_languages_or_typed_nothing(client):
    white_helmets_newsroom()
    assert "other-languages-heading" not in client.get("/en/search/", {"q": "Raed", "language": "any"}).content.decode()
    assert "other-languages-heading" not in client.get("/en/search/").content.decode()
