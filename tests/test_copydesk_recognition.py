"""Recognising people, organizations, tags and the kind (copydesk.recognition) against the register."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from articles.models import Tag  # the articles own tag model (per-language names)

from copydesk.parser import read_copy
from copydesk.recognition import copy_recognize
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from tests.copy_fixtures import INTERVIEW, INTERVIEW_PLACES, INTERVIEWEE_ROLE

pytestmark = pytest.mark.django_db

FIXTURE = INTERVIEW  # tests/fixtures/en-interview-fire-rescue-hasakah.txt; its people: interview_register


@pytest.fixture
def register():
    """Raed Al-Saleh and Syria Civil Defense (alias The White Helmets), as the issue puts them."""
    raed = Person.objects.create(name="Raed Al-Saleh", native_name="رائد الصالح")
    scd = Organization.objects.create(name="Syria Civil Defense")
    OrganizationAlias.objects.create(organization=scd, name="The White Helmets")
    return raed, scd


def recognise(text: str):
    return copy_recognize(parsed=read_copy(text))


def story(*paragraphs: str) -> str:
    return "A headline for the test\n\n" + "\n".join(paragraphs)


class TestTheAgencyInterview:
    def test_hevin_mustafa_and_the_fire_and_rescue_corps_are_each_proposed_exactly_once(
        self, interview_register, own_fixture
    ):
        hevin, corps, _ = interview_register
        parsed = read_copy(own_fixture(FIXTURE).encode("utf-8"))
        found = copy_recognize(parsed=parsed)
        assert [(p.id, p.name) for p in found.people] == [(hevin.pk, "Hevin Mustafa")]
        assert [(o.id, o.name) for o in found.organizations] == [(corps.pk, "Syria Fire and Rescue Corps")]
        person, organization = found.people[0], found.organizations[0]
        assert person.found_as == ["Hevin Mustafa", "Mustafa"]
        # named in the headline, the first and the last paragraph; the speaker labels (“Mustafa:”,
        # six of them) are not text of the story, and neither is the byline
        assert own_fixture(FIXTURE).count("\nMustafa: ") == 6
        assert person.mentions == sum(t.count("Mustafa") for t in [parsed.headline, *(b.text for b in parsed.blocks)]) == 3
        # by its name, its alias, and the adjective of the country's name
        assert set(organization.found_as) == {
            "Syria Fire and Rescue Corps",
            "The Orange Vests",
            "the Syrian Fire and Rescue Corps",
        }
        assert organization.mentions == 3
        assert person.confident and organization.confident

    def test_interview_kind_role_and_place_tags_are_proposed(self, interview_register, own_fixture):
        hevin, corps, head = interview_register
        for name in [*INTERVIEW_PLACES, "Raqqa", "Water"]:
            Tag.objects.create(name=name)
        copy = own_fixture(FIXTURE)
        assert "drinking water" in copy and "Trucks need water too" in copy and "Raqqa" not in copy
        found = copy_recognize(parsed=read_copy(copy))
        assert found.kind == "interview" and "question-and-answer transcript" in found.kind_reason
        assert found.people[0].role == INTERVIEWEE_ROLE == "head of the Syrian Fire and Rescue Corps"
        assert found.people[0].affiliation_id == head.pk
        # “drinking water” in lower case is not the tag Water; Raqqa is not in the copy; Hasakah is
        # first found in the dateline, Tal Tamr as two words
        assert [t.name for t in found.tags] == ["Hasakah", "Qamishli", "Tal Tamr", "Derik"]

    def test_the_register_is_read_in_a_fixed_number_of_queries(self, interview_register, own_fixture):
        Tag.objects.create(name="Qamishli")
        copy = own_fixture(FIXTURE)
        longer = copy + "\n\n" + "\n\n".join(copy.splitlines()[4:] * 3)
        with CaptureQueriesContext(connection) as short_run:
            found = copy_recognize(parsed=read_copy(copy))
        with CaptureQueriesContext(connection) as long_run:
            copy_recognize(parsed=read_copy(longer))
        assert found.people and found.organizations and found.tags  # so every table was read
        # people, spellings, organizations, aliases, tags, and the affiliations of those found
        assert len(short_run) == len(long_run) == 6


class TestNamesAsWritten:
    @pytest.mark.parametrize(
        "written",
        [
            "Raed Al-Saleh",
            "raed al saleh",
            "RAED AL-SALEH",
            "Raed al\u2011Saleh",  # non-breaking hyphen
            "Raed Al-Saleh’s",  # possessive
            "رائد الصالح",  # native script
            "رائدُ الصالح",  # with a diacritic
            "Raed Saleh",  # an alternate spelling
            "Al-Saleh",  # the surname alone
        ],
    )
    def test_a_person_by_any_spelling(self, register, written):
        raed, _ = register
        PersonName.objects.create(person=raed, name="Raed Saleh")
        found = recognise(story(f"The volunteers met {written} at the station in the morning."))
        assert [p.id for p in found.people] == [raed.pk]

    @pytest.mark.parametrize(
        "written",
        [
            "Syria Civil Defense",
            "syria civil defense",
            "The White Helmets",
            "the White-Helmets",
            "White Helmets",
            "The Syrian Civil Defense",  # the adjective of the country's name
            "SCD",
            "والدفاع المدني السوري",  # Arabic alias with “and” written onto it
            "للدفاع المدني السوري",  # and with “for the”
        ],
    )
    def test_an_organization_by_name_or_alias(self, register, written):
        _, scd = register
        for alias in ["SCD", "الدفاع المدني السوري"]:
            OrganizationAlias.objects.create(organization=scd, name=alias)
        found = recognise(story(f"Volunteers of {written} reached the village before noon."))
        assert [o.id for o in found.organizations] == [scd.pk]

    def test_a_shared_surname_proposes_no_one(self):
        Person.objects.create(name="Lina Haddad")
        Person.objects.create(name="Omar Haddad")
        assert recognise(story("Haddad said the pumps would arrive in spring.")).people == []

    def test_a_surname_alone_is_offered_but_not_preselected(self, register):
        found = recognise(story("Al-Saleh said the teams were ready."))
        assert [(p.name, p.matched_by, p.confident) for p in found.people] == [("Raed Al-Saleh", "surname", False)]
        both = recognise(story("Raed Al-Saleh spoke first.", "Later Al-Saleh added a warning."))
        assert [(p.mentions, p.confident) for p in both.people] == [(2, True)]

    def test_names_are_not_matched_inside_longer_words_or_across_punctuation(self, register):
        Person.objects.create(name="Hama Hassan")
        Person.objects.create(name="Omar Hassan")  # so “Hassan” alone is no one in particular
        assert recognise(story("The Hamas statement was brief.")).people == []
        assert recognise(story("They drove to Hama. Hassan met them there.")).people == []

    def test_bylines_and_agency_are_not_subjects(self, register):
        org = Organization.objects.create(name="North-Press Agency")
        found = recognise("A headline\nIstanbul – North-Press Agency\nBy Raed Al-Saleh\n\nA paragraph with no names.")
        assert found.people == [] and found.organizations == []
        assert org.pk


class TestCandidatesKindAndTags:
    def test_capitalised_names_not_in_the_register_are_candidates(self, register):
        found = recognise(
            story(
                "Raed Al-Saleh toured the Bab al-Hawa Crossing with Ahmad Sharif, a nurse from Sarmada.",
                "The Civil Defense Training Centre opened in 2021. Ahmad Sharif runs its first-aid course.",
                "In Idlib, the Ministry of Health said nothing.",
            )
        )
        names = [(c.name, c.mentions) for c in found.candidates]
        assert ("Ahmad Sharif", 2) in names
        assert ("Bab al-Hawa Crossing", 1) in names
        assert ("Civil Defense Training Centre", 1) in names
        assert ("Ministry of Health", 1) in names
        assert not any("Saleh" in n or n.startswith(("The ", "In ")) for n, _ in names)

    def test_title_case_headlines_and_subheadings_give_no_candidates(self):
        found = recognise(
            "Water Returns To Eastern Aleppo After Ten Years\n\nA first paragraph ends here.\n"
            "Pumps And Power Lines\nA second paragraph ends here."
        )
        assert found.candidates == []

    def test_transcripts_are_proposed_as_interviews_and_news_is_not(self):
        transcript = recognise(story("Q: Why now?", "A: Because the students came back."))
        assert transcript.kind == "interview" and "transcript" in transcript.kind_reason
        assert recognise(story("The market reopened on Monday.")).kind == ""

    def test_tags_are_found_where_written_as_names_and_in_the_dateline(self):
        for name in ["Aleppo", "Civil defense", "Istanbul", "Water"]:
            Tag.objects.create(name=name)
        found = recognise(
            "A headline\nIstanbul, Turkey – North-Press\n\n"
            "Drinking water reached Aleppo, where the Civil Defense teams waited. Aleppo was dry for weeks."
        )
        assert [(t.name, t.mentions) for t in found.tags] == [("Istanbul", 1), ("Aleppo", 2), ("Civil defense", 1)]
