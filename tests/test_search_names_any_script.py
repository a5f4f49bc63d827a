"""A person's or organization's name in any language stored finds their stories from every edition:
the Arabic and Kurmanji name columns have comparison keys (people.models.translated_name_keys) beside
the source name, native name, spellings and aliases."""

import importlib

import pytest
from django.apps import apps

from copydesk.parser import read_copy
from copydesk.recognition import copy_recognize
from people.models import Organization, Person
from tests.public_data import story

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def helmets():
    organization = Organization(name="Syria Civil Defense")
    organization.name_ar = "الخوذ البيضاء"
    organization.name_ku = "Helmên Spî"
    organization.save()
    linked = story(headline="Rescuers reach Jindires", body="<p>Volunteers dug for two days.</p>")
    linked.organizations.add(organization)
    return organization, linked


def headlines(client, edition, **params):
    response = client.get(f"/{edition}/search/", params)
    assert response.status_code == 200
    return [article.headline for article in response.context["page"] or []]


def test_an_arabic_name_finds_the_english_stories_of_the_organization(client, helmets):
    organization, linked = helmets
    assert headlines(client, "en", q="الخوذ البيضاء") == [linked.headline]
    assert headlines(client, "en", q="الْخُوذ البيضاء") == [linked.headline]  # harakat typed too


def test_a_kurmanji_name_finds_them_from_any_edition(client, helmets):
    organization, linked = helmets
    assert headlines(client, "en", q="helmên spî") == [linked.headline]
    page = client.get("/ar/search/", {"q": "Helmên Spî"}).content.decode()
    assert linked.headline in page.split('id="other-languages-heading"', 1)[1]


def test_the_search_forms_organization_box_takes_the_arabic_name(client, helmets):
    organization, linked = helmets
    assert headlines(client, "en", organization="الخوذ البيضاء") == [linked.headline]


def test_a_person_is_found_by_the_name_given_for_another_language(client):
    person = Person(name="Raed Al-Saleh")
    person.name_ku = "Raîd El-Salih"
    person.save()
    interview = story(headline="We dig with our hands")
    interview.interviewee_links.create(person=person)
    assert headlines(client, "en", q="raîd el salih") == [interview.headline]
    assert list(Person.objects.matching("raîd el-salih")) == [person]


def test_a_changed_translation_changes_the_key_and_the_old_name_no_longer_matches(client, helmets):
    organization, linked = helmets
    organization.name_ar = "الدفاع المدني السوري"
    organization.save()
    assert headlines(client, "en", q="الدفاع المدني السوري") == [linked.headline]
    assert headlines(client, "en", q="الخوذ البيضاء") == []
    assert list(Organization.objects.matching("الخوذ البيضاء")) == []


def test_a_word_inside_a_translated_name_is_not_the_name(helmets):
    assert list(Organization.objects.matching("البيضاء")) == []
    assert list(Organization.objects.matching("الخوذ البيضاء")) == [helmets[0]]


def test_the_migration_keys_the_names_already_there(client, helmets):
    organization, linked = helmets
    Organization.objects.filter(pk=organization.pk).update(translated_name_keys="")
    assert headlines(client, "en", q="الخوذ البيضاء") == []
    migration = importlib.import_module("people.migrations.0007_multilingual2_translated_name_keys")
    migration.fill(apps, None)
    assert headlines(client, "en", q="الخوذ البيضاء") == [linked.headline]


def test_the_copy_desk_recognises_a_name_given_for_another_language(helmets):
    found = copy_recognize(parsed=read_copy("عنوان للتجربة\n\nوصلت فرق الخوذ البيضاء إلى القرية صباحا."))
    assert [o.id for o in found.organizations] == [helmets[0].pk]


def suggested(client, field: str, q: str, edition="en") -> list[str]:
    response = client.get(f"/{edition}/search/suggest/", {"field": field, "q": q})
    assert response.status_code == 200
    return [s["value"] for s in response.json()["suggestions"]]


def test_the_organization_box_suggests_the_name_typed_in_another_script(client, helmets):
    organization, linked = helmets
    assert suggested(client, "organization", "الخوذ") == ["الخوذ البيضاء"]
    assert suggested(client, "organization", "البيض") == ["الخوذ البيضاء"]  # a later word
    assert suggested(client, "organization", "helm", edition="ku") == ["Helmên Spî"]
    assert suggested(client, "organization", "syria") == ["Syria Civil Defense"]
    # The suggestion, sent as the box's value, finds the organization's stories.
    assert headlines(client, "en", organization=suggested(client, "organization", "الخوذ")[0]) == [linked.headline]


def test_the_person_box_suggests_a_name_given_for_another_language(client):
    person = Person(name="Raed Al-Saleh")
    person.name_ar = "رائد الصالح"
    person.save()
    story(headline="We dig with our hands").interviewee_links.create(person=person)
    assert suggested(client, "person", "رائد") == ["رائد الصالح"]
