"""The demo newsroom is three real editions: every tag, person, organization and role of it in
Arabic script on /ar/, in Kurmanji on /ku/, and the English pages as they were."""

import re

import pytest
from django.core.management import call_command

from articles.models import Tag
from newsroom.translated import script_of
from people.models import Affiliation, Organization, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_every_demo_name_bio_and_role_has_arabic_and_kurmanji(demo):
    for model, fields in [(Tag, ["name"]), (Person, ["name", "bio"]), (Organization, ["name", "description"]),
                          (Affiliation, ["role"])]:
        for row in model.objects.all():
            for field in fields:
                assert script_of(getattr(row, f"{field}_ar")) == "Arab", (row, field)
                assert script_of(getattr(row, f"{field}_ku")) == "Latn", (row, field)


def test_the_arabic_and_kurmanji_pages_name_everything_in_their_language(demo, client):
    arabic = client.get("/ar/people/dilovan-sheikho/").content.decode()
    assert "<h1>ديلوفان شيخو</h1>" in arabic and "المؤسس والمدير" in arabic and "بيت موسيقى الجزيرة</a>" in arabic
    kurdish = client.get("/ku/organizations/jazira-music-house/").content.decode()
    assert "<h1>Mala Muzîkê ya Cizîrê</h1>" in kurdish and "Damezrîner û rêvebir" in kurdish
    english = client.get("/en/people/dilovan-sheikho/").content.decode()
    assert "<h1>Dilovan Sheikho</h1>" in english and "Founder and director" in english
    for page in (arabic, kurdish):
        assert 'lang="en"' not in re.sub(r'<html[^>]*>|hreflang="en"|<a [^>]*lang="en"[^>]*>English</a>', "", page)


def test_an_arabic_story_page_names_its_tags_and_people_in_arabic_in_html_and_json_ld(demo, client):
    response = client.get("/ar/tags/music/", follow=True)
    assert "<h1>الموسيقى</h1>" in response.content.decode()
    from articles.models import Article

    # The demo's Arabic interview with the musician (its id depends on the database's sequences).
    interview = Article.objects.published().get(language="ar", interviewee_links__person__slug="dilovan-sheikho")
    story = client.get(interview.get_absolute_url()).content.decode()
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', story, re.S).group(1)
    assert "الموسيقى" in data and "ديلوفان شيخو" in data and "بيت موسيقى الجزيرة" in data
