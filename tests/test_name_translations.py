"""Names, bios and descriptions tracked like stories (translations.names): the list of what is missing
or outdated in each language, the translator's queue on the admin index, the form with the English
beside, and a constant number of queries however many names there are."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Tag
from people.models import Organization, Person
from tests.factories import UserFactory
from tests.test_workflow_admin import client_for, messages_of
from tests.workflow_support import fast_passwords, people  # noqa: F401
from translations import names

pytestmark = pytest.mark.django_db

NAMES = "/admin/articles/article/translations/names/"


def translate_url(obj, kind: str, language: str) -> str:
    return reverse("admin:articles_article_name_translate", args=[kind, obj.pk, language])


def person(name="Raed Al-Saleh", bio="Head of Syria Civil Defense since 2014.", **translations) -> Person:
    p = Person(name=name, bio=bio)
    for key, value in translations.items():
        setattr(p, key, value)
    p.save()
    return p


def listed(response) -> dict[str, dict[str, dict[str, str]]]:
    """{English name: {language: {field: state}}} of the page's rows."""
    return {
        row.source_name: {cell.language: cell.states for cell in row.cells}
        for row in response.context["table"].page.object_list
    }


class TestTheList:
    def test_missing_and_outdated_names_bios_and_descriptions_are_listed_by_language(self, people):
        raed = person(name_ar="رائد الصالح", bio_ar="رئيس الدفاع المدني السوري منذ 2014.")
        Person.objects.get(pk=raed.pk).save()  # loaded and saved: nothing changes
        raed = Person.objects.get(pk=raed.pk)
        raed.bio_en = "Head of Syria Civil Defense since 2014; a civil engineer."
        raed.save()  # a changed English bio: its Arabic one is outdated
        Organization.objects.create(name="Jazira Music House")  # no description: only its name counts
        done = Tag.objects.create(name="Idlib")
        done.name_ar, done.name_ku = "إدلب", "Îdlib"
        done.save()
        response = client_for(people["translator"]).get(NAMES)
        assert response.status_code == 200
        assert listed(response) == {
            "Jazira Music House": {"ar": {"name": "missing"}, "ku": {"name": "missing"}},
            "Raed Al-Saleh": {"ar": {"name": "current", "bio": "outdated"}, "ku": {"name": "missing", "bio": "missing"}},
        }  # the tag, translated everywhere, is not listed

    def test_the_filters_choose_the_kind_language_and_state(self, people):
        raed = person(name_ar="رائد الصالح", bio_ar="رئيس الدفاع المدني.")
        raed.bio_en = "Changed."
        raed.save()
        Tag.objects.create(name="Rescue")
        client = client_for(people["translator"])
        assert list(listed(client.get(NAMES, {"state": "outdated"}))) == ["Raed Al-Saleh"]
        assert list(listed(client.get(NAMES, {"kind": "tag"}))) == ["Rescue"]
        assert listed(client.get(NAMES, {"language": "ku", "kind": "person"})) == {
            "Raed Al-Saleh": {"ku": {"name": "missing", "bio": "missing"}}
        }
        counts = dict((code, dict(n)) for code, _name, n in client.get(NAMES).context["table"].counts)
        assert counts["ar"] == {"missing": 1, "outdated": 1, "current": 0}  # the tag; Raed's bio
        assert counts["ku"] == {"missing": 2, "outdated": 0, "current": 0}

    def test_same_number_of_queries_for_5_and_300_names(self, people):
        client = client_for(people["translator"])
        client.get(NAMES)

        def page_queries():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(NAMES)
            assert response.status_code == 200
            return len(queries), response

        for n in range(5):
            person(name=f"Person {n}")
        few, _ = page_queries()
        Tag.objects.bulk_create([Tag(name=f"Tag {n}", slug=f"tag-{n}", name_en=f"Tag {n}", slug_en=f"tag-{n}") for n in range(150)])
        for n in range(145):
            Organization.objects.create(name=f"Organization {n}", description="A body.")
        many, response = page_queries()
        assert response.context["table"].total == 300
        assert len(response.context["table"].page.object_list) == names.PER_PAGE
        assert few == many
        # session, user, 2 × permissions, 3 × second-factor devices, the inbox's unread; the names
        assert many == 8 + names.NAME_COVERAGE_QUERIES

    def test_staff_who_may_neither_translate_nor_change_names_are_refused(self, people):
        staff = UserFactory(username="clerk", is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_article"))
        assert client_for(staff).get(NAMES).status_code == 403
        assert client_for(staff).get(translate_url(person(), "person", "ar")).status_code == 403
        assert client_for(people["author"]).get(NAMES).status_code == 200  # reporters keep the register


class TestTheQueue:
    def test_translators_see_how_many_names_wait_on_the_admin_index(self, people):
        person(name="Raed Al-Saleh")
        Tag.objects.create(name="Idlib")
        page = client_for(people["translator"]).get("/admin/").content.decode()
        assert 'class="queue-names"' in page
        assert f'href="{NAMES}"' in page
        row = page.split('class="queue-names"', 1)[1].split("</tr>", 1)[0]
        assert '<td class="queue-count">2</td>' in row

    def test_the_count_drops_when_a_translator_fills_a_name(self, people, django_capture_on_commit_callbacks):
        tag = Tag.objects.create(name="Idlib")
        client = client_for(people["translator"])

        def count() -> str:
            page = client.get("/admin/").content.decode()
            return page.split('class="queue-names"', 1)[1].split('<td class="queue-count">', 1)[1].split("<", 1)[0]

        assert count() == "1"
        for language, name in [("ar", "إدلب"), ("ku", "Îdlib")]:
            with django_capture_on_commit_callbacks(execute=True):  # the kept count is dropped after commit
                client.post(translate_url(tag, "tag", language), {"name": name})
        assert count() == "0"

    def test_the_coverage_matrix_links_to_the_names(self, people):
        page = client_for(people["editor"]).get("/admin/articles/article/translations/").content.decode()
        assert f'href="{NAMES}"' in page


class TestTheForm:
    def test_the_form_shows_the_english_beside_and_saves_the_translation(self, people):
        raed = person()
        client = client_for(people["translator"])
        page = client.get(translate_url(raed, "person", "ar")).content.decode()
        assert "Head of Syria Civil Defense since 2014." in page
        assert 'lang="ar" dir="rtl"' in page
        response = client.post(
            translate_url(raed, "person", "ar"),
            {"name": "رائد الصالح", "bio": "رئيس الدفاع المدني السوري منذ 2014.", "next": NAMES},
        )
        assert response.status_code == 302 and response["Location"] == NAMES
        raed = Person.objects.get(pk=raed.pk)
        assert (raed.name_ar, raed.bio_ar) == ("رائد الصالح", "رئيس الدفاع المدني السوري منذ 2014.")
        assert raed.translation_state("bio", "ar") == "current"
        assert raed.name_en == "Raed Al-Saleh"  # the source untouched, whatever language was active
        assert "Raed Al-Saleh" not in listed(client.get(NAMES, {"language": "ar"}))

    def test_an_outdated_text_saved_as_it_is_becomes_current(self, people):
        raed = person(bio_ar="رئيس الدفاع المدني.")
        raed.bio_en = "Head of the rescue service."
        raed.save()
        assert Person.objects.get(pk=raed.pk).translation_state("bio", "ar") == "outdated"
        client = client_for(people["translator"])
        client.post(translate_url(raed, "person", "ar"), {"name": "", "bio": "رئيس الدفاع المدني."})
        assert Person.objects.get(pk=raed.pk).translation_state("bio", "ar") == "current"

    def test_a_tag_name_another_tag_has_is_refused_and_nothing_is_saved(self, people):
        idlib = Tag.objects.create(name="Idlib")
        idlib.name_ar = "إدلب"
        idlib.save()
        other = Tag.objects.create(name="Idleb")
        response = client_for(people["translator"]).post(translate_url(other, "tag", "ar"), {"name": "إدلب"})
        assert response.status_code == 200
        assert str(names.NAME_TAKEN) in response.content.decode()
        assert Tag.objects.get(pk=other.pk).name_ar is None

    def test_a_tag_named_in_a_language_gets_its_address_there(self, people):
        tag = Tag.objects.create(name="Rescue")
        client_for(people["translator"]).post(translate_url(tag, "tag", "ar"), {"name": "إنقاذ"})
        tag = Tag.objects.get(pk=tag.pk)
        assert (tag.name_ar, tag.slug_ar) == ("إنقاذ", "إنقاذ")

    def test_a_save_that_changes_nothing_says_so(self, people):
        raed = person()
        response = client_for(people["translator"]).post(translate_url(raed, "person", "ku"), {"name": "", "bio": ""})
        assert response.status_code == 200
        assert str(names.NOTHING_CHANGED) in response.content.decode()

    def test_the_source_language_and_unknown_kinds_are_not_pages(self, people):
        raed = person()
        client = client_for(people["translator"])
        assert client.get(translate_url(raed, "person", "en")).status_code == 404
        assert client.get(f"{NAMES}planet/{raed.pk}/ar/").status_code == 404
        assert client.get(f"{NAMES}person/{raed.pk + 100}/ar/").status_code == 404

    def test_the_service_refuses_the_source_language(self):
        with pytest.raises(ValidationError):
            names.name_translation_save(obj=person(), language="en", texts={"name": "x"})

    def test_the_change_is_in_the_objects_history(self, people):
        raed = person()
        client = client_for(people["translator"])
        response = client.post(translate_url(raed, "person", "ku"), {"name": "Raîd El-Salih", "bio": ""}, follow=True)
        assert any("Raîd El-Salih" in m or "Raed Al-Saleh" in m for m in messages_of(response))
        assert LogEntry.objects.filter(object_id=str(raed.pk)).exists()
