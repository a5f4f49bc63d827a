"""A search that names people or organizations keeps the newest stories linking them as a fragment
(public.search._kept_name_matches), under the keys of their lists of stories: whatever a reader
sees is as fresh as the person's or the organization's own page. Also: what the search page does
not read twice (the names, the count) and the other editions read per edition."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Interviewee
from people.models import Affiliation, Organization, Person
from public import public_names, search
from tests.public_data import story, white_helmets_newsroom

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    return white_helmets_newsroom()


def listed(client, query, edition="en", **params) -> str:
    page = client.get(f"/{edition}/search/", {"q": query, **params})
    assert page.status_code == 200
    return page.content.decode()


class TestKeptNamesAreNeverStale:
    def test_a_story_newly_linking_the_organization_is_found_at_once(self, client, newsroom):
        later = story(headline="Flood rescue in Darkush", body="<p>Boats reached the villages.</p>")
        assert later.headline not in listed(client, "White Helmets")  # kept without it
        later.organizations.add(newsroom.civil_defense)
        assert later.headline in listed(client, "White Helmets")

    def test_a_story_interviewing_someone_of_the_organization_is_found_at_once(self, client, newsroom):
        volunteer = Person.objects.create(name="Mahmoud Kaddour")
        role = Affiliation.objects.create(person=volunteer, organization=newsroom.civil_defense, role="Volunteer")
        later = story(headline="A night shift in Sarmada", body="<p>Sirens at two in the morning.</p>")
        assert later.headline not in listed(client, "White Helmets")
        assert later.headline not in listed(client, "Syria Civil Defense")
        Interviewee.objects.create(article=later, person=volunteer, affiliation=role)
        assert later.headline in listed(client, "White Helmets")
        # The organization's own page lists them too (it is kept under the same key).
        page = client.get(newsroom.civil_defense.get_absolute_url()).content.decode()
        assert later.headline in page

    def test_the_organizations_people_follow_their_roles_and_pages(self, client, newsroom):
        """The people of an organization's page are kept (public.views.organization_people)."""
        url = newsroom.civil_defense.get_absolute_url()
        assert "Raed Al-Saleh" in client.get(url, {"utm_source": "a"}).content.decode()
        layla = Person.objects.create(name="Layla Hassan")
        role = Affiliation.objects.create(person=layla, organization=newsroom.civil_defense, role="Trainer")
        page = client.get(url, {"utm_source": "b"}).content.decode()
        assert "Layla Hassan" in page and layla.get_absolute_url() not in page  # no page of her own yet
        Interviewee.objects.create(article=newsroom.news, person=layla, affiliation=role)
        page = client.get(url, {"utm_source": "c"}).content.decode()
        assert f'href="{layla.get_absolute_url()}"' in page
        layla.name = "Layla Hassan Ali"
        layla.save()
        assert "Layla Hassan Ali" in client.get(url, {"utm_source": "d"}).content.decode()

    def test_an_interview_given_to_someone_else_leaves_the_first_persons_search(self, client, newsroom):
        munir, hala = Person.objects.create(name="Munir Mustafa"), Person.objects.create(name="Hala Darwish")
        talk = story(headline="What the volunteers need this winter", body="<p>Fuel and blankets.</p>")
        link = Interviewee.objects.create(article=talk, person=munir)
        assert talk.headline in listed(client, "Munir Mustafa")
        assert talk.headline not in listed(client, "Hala Darwish")
        link = Interviewee.objects.get(pk=link.pk)  # as the admin loads it
        link.person = hala
        link.save()
        assert talk.headline not in listed(client, "Munir Mustafa")
        assert talk.headline in listed(client, "Hala Darwish")

    def test_a_withdrawn_story_leaves_the_search_at_once(self, client, newsroom):
        assert newsroom.interview.headline in listed(client, "White Helmets")
        newsroom.interview.status = Article.Status.WITHDRAWN
        newsroom.interview.save()
        assert newsroom.interview.headline not in listed(client, "White Helmets")

    def test_an_embargoed_story_joins_the_search_when_its_time_comes(self, client, newsroom):
        at = timezone.now() + timedelta(hours=2)
        embargoed = story(headline="Rescue teams sign a new charter", body="<p>Signed today.</p>", published_at=at)
        embargoed.organizations.add(newsroom.civil_defense)
        assert embargoed.headline not in listed(client, "White Helmets")
        with time_machine.travel(at + timedelta(seconds=1), tick=False):
            assert embargoed.headline in listed(client, "White Helmets")

    def test_a_renamed_organization_is_found_by_its_new_name_only(self, client, newsroom):
        assert newsroom.interview.headline in listed(client, "Syria Civil Defense", sort="newest")
        scd = Organization.objects.get(pk=newsroom.civil_defense.pk)
        scd.name = "Syrian Rescue Corps"
        scd.save()
        assert newsroom.interview.headline in listed(client, "Syrian Rescue Corps")


class TestWhatOneSearchReadsOnce:
    def names_queries(self, queries) -> list[str]:
        table = Organization._meta.db_table
        return [q["sql"] for q in queries.captured_queries if f"FROM {table}" in q["sql"] or f'FROM "{table}"' in q["sql"]]

    def test_the_names_are_looked_up_once_for_the_own_and_the_other_editions(self, client, newsroom):
        with CaptureQueriesContext(connection) as queries:
            page = listed(client, "White Helmets")
        assert "other-languages-heading" in page  # the Arabic interview, in the other editions
        assert len([q for q in self.names_queries(queries) if "LIKE" in q.upper()]) == 1

    def test_a_typed_name_is_resolved_once_for_the_own_and_the_other_editions(self, client, newsroom):
        def name_queries(queries):  # public_names.resolve's, which orders a slug first
            return [q["sql"] for q in queries.captured_queries if "slug_first" in q["sql"]]

        with CaptureQueriesContext(connection) as once:
            assert public_names.resolve("person", "Raed Saleh") == [newsroom.raed]
        with CaptureQueriesContext(connection) as queries:
            page = listed(client, "Raed Al-Saleh", person="Raed Saleh")
        others = page.split('id="other-languages-heading"', 1)[1]
        assert newsroom.interview_ar.headline in others  # narrowed to him in the other editions too
        assert newsroom.news.headline not in page  # names him in words only: not an interview
        assert len(name_queries(queries)) == len(name_queries(once)) == 1

    def test_the_results_are_not_counted_again(self, client, newsroom):
        with CaptureQueriesContext(connection) as queries:
            page = listed(client, "Idlib")
        assert newsroom.news.headline in page
        # The paginator's count (Django's "__count") would read every match a second time.
        assert not [q["sql"] for q in queries.captured_queries if "__count" in q["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the other editions are read index first on PostgreSQL")
class TestOtherEditionsIndexFirst:
    def test_an_edition_with_more_matches_than_the_cap_is_walked_and_loses_none(self, client, newsroom, monkeypatch):
        monkeypatch.setattr(search, "INDEX_FIRST_CAP", 2)
        for n in range(4):
            story(language="ar", headline=f"Lattakia fishermen return {n}", body="<p>Lattakia harbour.</p>", hours_ago=n + 1)
        page = listed(client, "Lattakia", edition="ku")
        others = page.split('id="other-languages-heading"', 1)[1]
        assert all(f"Lattakia fishermen return {n}" in others for n in range(4))


class TestKeptFilterBoxes:
    """The filter boxes are kept while none is filled in; they still show what the reader chose."""

    def selected(self, page: str, name: str) -> str:
        select = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        return select.split(" selected>", 1)[0].rsplit('value="', 1)[1].split('"', 1)[0]

    def test_the_order_and_language_chosen_are_shown_whatever_was_searched_before(self, client, newsroom):
        assert self.selected(listed(client, "Idlib"), "sort") == "relevance"
        assert self.selected(listed(client, "rescue", sort="newest"), "sort") == "newest"
        assert self.selected(listed(client, "bakeries"), "sort") == "relevance"
        assert self.selected(listed(client, "bakeries", language="any"), "language") == "any"
        assert self.selected(listed(client, "Aleppo"), "language") == "en"

    def test_boxes_filled_in_show_their_names_and_errors(self, client, newsroom):
        listed(client, "Idlib")
        page = listed(client, "Idlib", person=newsroom.raed.slug)
        assert f'value="{newsroom.raed.name}"' in page
        page = listed(client, "Idlib", person="Nobody Here")
        assert 'value="Nobody Here"' in page and 'role="alert"' in page

    def test_the_boxes_are_in_the_readers_language(self, client, newsroom):
        assert "Any kind" in listed(client, "Idlib")
        arabic = listed(client, "إدلب", edition="ar")
        assert "Any kind" not in arabic and 'value="ar" selected' in arabic
