"""The search form's tag, person and organization boxes: typed names (any spelling) or slugs from old
links, errors that keep the rest of the form, and the suggestions endpoint behind the boxes."""

import json
import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from public import invalidation
from articles.models import Article, Interviewee
from people.models import Organization, OrganizationAlias, Person, PersonName
from tests.public_data import hidden_stories, story, white_helmets_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    settings.PAGE_CACHE_SECONDS = 0  # responses with their context (test_..._cached_... turns it on)


def search(client, edition="en", **params):
    response = client.get(f"/{edition}/search/", params)
    assert response.status_code == 200
    return response


def headlines(response) -> list[str]:
    return [article.headline for article in response.context["page"]]


def box(response, name: str) -> str:
    """The value shown in the form's ``name`` box."""
    html = response.content.decode()
    tag = re.search(rf'<input [^>]*name="{name}"[^>]*>', html).group(0)
    value = re.search(r'value="([^"]*)"', tag)
    return unescape(value.group(1)) if value else ""


def errors(response) -> str:
    return " ".join(unescape(e) for e in re.findall(r'<p class="error"[^>]*>(.*?)</p>', response.content.decode()))


def interviewed(name: str, *, headline: str, **fields) -> Person:
    person = Person.objects.create(name=name, **fields)
    Interviewee.objects.create(article=story(headline=headline), person=person)
    return person


def suggestions(client, field: str, q: str, edition="en") -> list[dict]:
    response = client.get(f"/{edition}/search/suggest/", {"field": field, "q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["suggestions"]


class TestOldLinksKeepWorking:
    def test_slugs_in_the_address_filter_exactly_as_before(self, client, newsroom):
        response = search(client, person=newsroom.raed.slug, tag="idlib", organization=newsroom.civil_defense.slug)
        assert headlines(response) == [newsroom.interview.headline]
        assert headlines(search(client, tag="idlib")) == [newsroom.interview.headline, newsroom.news.headline]

    def test_the_boxes_show_the_names_of_the_slugs(self, client, newsroom):
        response = search(client, person=newsroom.raed.slug, tag="idlib", organization=newsroom.civil_defense.slug)
        assert box(response, "person") == "Raed Al-Saleh"
        assert box(response, "tag") == "Idlib"
        assert box(response, "organization") == "Syria Civil Defense"

    def test_the_form_sent_again_as_shown_finds_the_same(self, client, newsroom):
        shown = search(client, person=newsroom.raed.slug, tag="idlib")
        again = search(client, person=box(shown, "person"), tag=box(shown, "tag"))
        assert headlines(again) == headlines(shown) == [newsroom.interview.headline]


class TestTypedNames:
    @pytest.mark.parametrize("typed", ["Raed Al-Saleh", "raed al saleh", "Raed Saleh", "  RAED   SALEH ", "رائد الصالح"])
    def test_any_spelling_of_a_person_finds_their_interviews(self, client, newsroom, typed):
        response = search(client, person=typed)
        assert headlines(response) == [newsroom.interview.headline]
        assert box(response, "person") == " ".join(typed.split())  # kept as typed (spaces tidied)

    @pytest.mark.parametrize("typed", ["Syria Civil Defense", "White Helmets", "the white-helmets", "SCD"])
    def test_an_organization_by_its_name_or_an_alias(self, client, newsroom, typed):
        assert headlines(search(client, organization=typed)) == [newsroom.interview.headline]

    def test_an_arabic_alias_in_the_arabic_edition(self, client, newsroom):
        response = search(client, "ar", organization="الدفاع المدني السوري")
        assert headlines(response) == [newsroom.interview_ar.headline]

    def test_a_tag_by_its_name_in_any_case(self, client, newsroom):
        assert headlines(search(client, tag="IDLIB")) == [newsroom.interview.headline, newsroom.news.headline]
        assert headlines(search(client, tag="rescue", q="volunteers")) == [newsroom.interview.headline]

    def test_names_combine_with_words_and_other_filters(self, client, newsroom):
        response = search(client, q="rubble", person="Raed Saleh", tag="Idlib", kind="interview")
        assert headlines(response) == [newsroom.interview.headline]


class TestUnknownAndAmbiguousNames:
    def test_an_unknown_person_is_an_error_and_the_rest_of_the_form_is_kept(self, client, newsroom):
        response = search(client, q="rescue crews", person="Rami Nobody", tag="Idlib", kind="news", sort="newest")
        assert response.context["page"] is None
        assert "No person called “Rami Nobody” appears in our stories." in errors(response)
        assert box(response, "q") == "rescue crews"
        assert box(response, "person") == "Rami Nobody"
        assert box(response, "tag") == "Idlib"
        html = response.content.decode()
        assert '<option value="news" selected>' in html and '<option value="newest" selected>' in html
        assert "<details class=\"search-filters\" open>" in html  # the error is in sight

    def test_the_error_is_in_the_readers_language(self, client, newsroom):
        response = search(client, "ar", organization="منظمة مجهولة")
        assert "لا تظهر في قصصنا أي منظمة باسم «منظمة مجهولة»." in errors(response)
        response = search(client, "ku", tag="Tune")
        assert "Di çîrokên me de tu etîket bi navê “Tune” nîne." in errors(response)

    def test_people_organizations_and_tags_of_unpublished_stories_are_unknown(self, client, newsroom):
        hidden_stories(newsroom)
        for name in ["draft", "in_review", "scheduled", "withdrawn", "embargoed"]:
            for params in [
                {"person": f"Zzq{name} Person"},
                {"person": f"zzq{name}-person"},
                {"organization": f"Zzq{name} Organization"},
                {"tag": f"zzqtag{name}"},
            ]:
                response = search(client, **params)
                assert response.context["page"] is None, params
                assert "appears in our stories" in errors(response), params

    def test_several_people_of_one_name_are_offered_to_choose_from(self, client, newsroom):
        first = interviewed("Ahmad Hassan", headline="Farmers of Hama speak", bio="A farmer in Hama.")
        second = interviewed("Ahmad Hassan", headline="Teachers of Homs speak", bio="A teacher in Homs.")
        response = search(client, q="speak", person="ahmad hassan", kind="news")
        assert response.context["page"] is None
        assert "Several people are called “ahmad hassan”: choose one." in errors(response)
        links = re.findall(r'<ul class="pick"[^>]*>(.*?)</ul>', response.content.decode())[0]
        assert "A farmer in Hama." in links and "A teacher in Homs." in links
        for person, headline in [(first, "Farmers of Hama speak"), (second, "Teachers of Homs speak")]:
            href = unescape(re.search(rf'href="(\?[^"]*person={person.slug}(?:&[^"]*)?)"', links).group(1))
            chosen = client.get(f"/en/search/{href}")
            assert headlines(chosen) == [headline]
            assert box(chosen, "q") == "speak"  # the rest of the search is kept
            # The box cannot show a name two people have: it keeps the slug, so sending the form
            # again finds the same person.
            assert box(chosen, "person") == person.slug
            assert headlines(search(client, q="speak", person=box(chosen, "person"), kind="news")) == [headline]

    def test_namesakes_alike_in_every_way_are_told_apart_by_their_slugs(self, client, newsroom):
        first = interviewed("Ahmad Hassan", headline="Farmers of Hama speak")
        second = interviewed("Ahmad Hassan", headline="Teachers of Homs speak")
        links = re.findall(r'<ul class="pick"[^>]*>(.*?)</ul>', search(client, person="Ahmad Hassan").content.decode())[0]
        labels = re.findall(r'<a [^>]*>([^<]*)</a>', links)
        assert sorted(labels) == sorted([f"Ahmad Hassan ({first.slug})", f"Ahmad Hassan ({second.slug})"])

    def test_a_spelling_two_people_share_is_ambiguous_but_their_full_names_are_not(self, client, newsroom):
        other = interviewed("Raed Saleh Hamdan", headline="Water in Deir ez-Zor")
        PersonName.objects.create(person=other, name="Raed Saleh")
        response = search(client, person="Raed Saleh")
        assert "Several people are called “Raed Saleh”" in errors(response)
        assert headlines(search(client, person="Raed Saleh Hamdan")) == ["Water in Deir ez-Zor"]
        assert headlines(search(client, person="Raed Al-Saleh")) == [newsroom.interview.headline]

    def test_a_slug_wins_over_a_name(self, client, newsroom):
        # An old link names a person by slug even when someone else is spelled like that slug.
        interviewed("raed-al-saleh", headline="Namesake", slug="namesake")
        assert headlines(search(client, person=newsroom.raed.slug)) == [newsroom.interview.headline]


class TestSuggestions:
    def test_people_by_the_start_of_any_word_of_any_spelling(self, client, newsroom):
        assert suggestions(client, "person", "ra") == [{"value": "Raed Al-Saleh", "label": "رائد الصالح"}]
        assert suggestions(client, "person", "sal") == [{"value": "Raed Al-Saleh", "label": "رائد الصالح"}]
        assert suggestions(client, "person", "الصا") == [{"value": "رائد الصالح", "label": "Raed Al-Saleh"}]
        assert suggestions(client, "person", "aed") == []  # the start of a word only

    def test_matching_is_on_normalized_keys(self, client, newsroom):
        person = interviewed("Ahmad Al-Ali", native_name="أحمد العلي", headline="Olive harvest")
        PersonName.objects.create(person=person, name="Ahmed Alali")
        assert suggestions(client, "person", "احمد") == [{"value": "أحمد العلي", "label": "Ahmad Al-Ali"}]
        assert suggestions(client, "person", "ahmed") == [{"value": "Ahmed Alali", "label": "Ahmad Al-Ali"}]
        assert suggestions(client, "person", "al-al") == [{"value": "Ahmad Al-Ali", "label": "أحمد العلي"}]

    def test_organizations_by_name_or_alias_and_tags_by_name(self, client, newsroom):
        assert suggestions(client, "organization", "white") == [{"value": "The White Helmets", "label": "Syria Civil Defense"}]
        assert suggestions(client, "organization", "civil") == [{"value": "Syria Civil Defense", "label": ""}]
        assert suggestions(client, "organization", "الدفاع") == [{"value": "الدفاع المدني السوري", "label": "Syria Civil Defense"}]
        assert suggestions(client, "tag", "idl") == [{"value": "Idlib", "label": ""}]
        assert suggestions(client, "tag", "RESC") == [{"value": "Rescue", "label": ""}]

    def test_every_suggestion_finds_what_it_suggests(self, client, newsroom):
        for field, q in [("person", "ra"), ("person", "الصا"), ("organization", "white"), ("tag", "res")]:
            (suggestion,) = suggestions(client, field, q)
            assert headlines(search(client, **{field: suggestion["value"]})) == [newsroom.interview.headline]

    def test_names_starting_with_the_text_come_first_and_ten_at_most(self, client, newsroom):
        for n in range(12):
            interviewed(f"Hassan Rami {n:02}", headline=f"Story {n}")
        interviewed("Rami Khalil", headline="Another story")
        found = [s["value"] for s in suggestions(client, "person", "rami")]
        assert found == ["Rami Khalil"] + [f"Hassan Rami {n:02}" for n in range(9)]

    def test_only_public_names_are_suggested(self, client, newsroom):
        hidden_stories(newsroom)
        assert suggestions(client, "person", "zzq") == []
        assert suggestions(client, "organization", "zzq") == []
        assert suggestions(client, "tag", "zzq") == []
        Person.objects.create(name="Raed Unlinked")  # in no story at all
        assert [s["value"] for s in suggestions(client, "person", "raed")] == ["Raed Al-Saleh"]

    def test_two_of_one_name_are_suggested_by_slug(self, client, newsroom):
        first = interviewed("Ahmad Hassan", headline="Farmers of Hama")
        second = interviewed("Ahmad Hassan", headline="Teachers of Homs")
        assert sorted(suggestions(client, "person", "ahm"), key=lambda s: s["value"]) == [
            {"value": first.slug, "label": "Ahmad Hassan"},
            {"value": second.slug, "label": "Ahmad Hassan"},
        ]

    def test_short_blank_and_bad_requests(self, client, newsroom):
        assert suggestions(client, "person", "") == []
        assert suggestions(client, "person", " - ") == []
        assert suggestions(client, "tag", "") == []
        assert client.get("/en/search/suggest/", {"field": "author", "q": "ra"}).status_code == 400
        assert client.get("/en/search/suggest/", {"q": "ra"}).status_code == 400
        assert client.post("/en/search/suggest/?field=person&q=ra").status_code == 405

    def test_names_are_data_never_markup(self, client, newsroom):
        name = '<script>alert("x")</script> & Co'
        interviewed(name, headline="Hostile name")
        response = client.get("/en/search/suggest/", {"field": "person", "q": "script"})
        body = response.content.decode()
        assert "<" not in body and ">" not in body and "&" not in body
        assert json.loads(body)["suggestions"] == [{"value": name, "label": ""}]
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_suggestions_are_cached_and_never_stale(self, client, newsroom, settings):
        settings.PAGE_CACHE_SECONDS = 300
        invalidation.everything_changed()
        url = "/en/search/suggest/?field=person&q=hu"
        assert json.loads(client.get(url).content)["suggestions"] == []
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(queries) == 1 and response["Cache-Control"] == "public, max-age=60"
        interviewed("Huda Hamid", headline="Schools reopen")  # published: the generation changes
        assert json.loads(client.get(url).content)["suggestions"] == [{"value": "Huda Hamid", "label": ""}]

    def test_someone_newly_interviewed_in_a_published_story_is_suggested_at_once(self, client, newsroom, settings):
        settings.PAGE_CACHE_SECONDS = 300
        url = "/en/search/suggest/?field=person&q=la"
        layla = Person.objects.create(name="Layla Hassan")  # on record, in no published story
        assert json.loads(client.get(url).content)["suggestions"] == []  # kept
        Interviewee.objects.create(article=newsroom.news, person=layla)  # a story already published
        assert json.loads(client.get(url).content)["suggestions"] == [{"value": "Layla Hassan", "label": ""}]

    def test_one_query_whatever_the_size_of_the_archive(self, client, newsroom):
        def counts():
            result = {}
            for field, q in [("person", "ra"), ("person", "الص"), ("organization", "white"), ("tag", "i")]:
                with CaptureQueriesContext(connection) as queries:
                    suggestions(client, field, q)
                result[(field, q)] = len(queries)
            return result

        small = counts()
        for n in range(40):
            person = Person.objects.create(name=f"Rami Saleh {n}", native_name=f"رامي الصالح {n}")
            organization = Organization.objects.create(name=f"White Water Board {n}")
            OrganizationAlias.objects.create(organization=organization, name=f"Idlib Water {n}")
            article = story(headline=f"Story {n}", tags=[f"Irrigation {n}", "Idlib"])
            Interviewee.objects.create(article=article, person=person)
            article.organizations.add(organization)
        assert Article.objects.published().count() > 40
        assert counts() == small
        assert set(small.values()) == {1}
