"""Extra input: agency copy in ../shared/fixtures/ (next to the checkout), where that folder exists.

The copy desk's tests run on the project's own stories (tests/fixtures/). A machine that also has
the shared folder runs these tests too, parametrized over the files found there: with no folder, or
an empty one, no test is generated at all, so a missing file is never a skip (under CI=true or not).
The agency interview of the original issue (agency-interview-white-helmets.txt) keeps its exact
assertions here, run when that file is present.
"""

import codecs
import re
from pathlib import Path

import pytest
from articles.models import Tag  # the articles own tag model (per-language names)

from articles.models import Article
from copydesk.parser import read_copy
from copydesk.recognition import copy_recognize
from copydesk.services import copy_import
from people.models import Affiliation, Organization, OrganizationAlias, Person
from tests.copy_fixtures import shared_files

SHARED = shared_files()
SHARED_TEXT = [p for p in SHARED if p.suffix.lower() == ".txt"]

WHITE_HELMETS = "agency-interview-white-helmets.txt"
WHITE_HELMETS_PRESENT = [p for p in SHARED if p.name == WHITE_HELMETS]
SUBHEADINGS = [
    "Wrong Estimates and Friends’ Efforts",
    "Invested experiences in peace",
    "Documents Condemning the Government",
]


def names(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


# pytest reports an empty parametrization as a skipped test; a class with __test__ = False is not
# collected at all. So: no shared file, no test, and nothing skipped.


@pytest.mark.parametrize("path", SHARED, ids=names(SHARED))
class TestEverySharedFile:
    __test__ = bool(SHARED)

    def test_reads_as_a_story_in_a_language_of_the_newsroom(self, path):
        parsed = read_copy(path.read_bytes(), name=path.name)
        assert parsed.headline and parsed.paragraphs
        assert parsed.language in {"en", "ar", "ku"}
        assert "\xa0" not in parsed.body_html() and "&nbsp;" not in parsed.body_html()

    @pytest.mark.django_db
    def test_imports_as_one_draft_and_again_as_a_duplicate(self, path):
        data = path.read_bytes()
        assert copy_import(data=data, name=path.name).status == "created"
        assert copy_import(data=data, name=path.name).status == "duplicate"
        assert Article.objects.get().status == "draft"


@pytest.mark.parametrize("path", SHARED_TEXT, ids=names(SHARED_TEXT))
class TestEverySharedTextFile:
    __test__ = bool(SHARED_TEXT)

    @pytest.mark.parametrize(
        "encode",
        [
            lambda t: t.replace("\n", "\r\n").encode("utf-8"),
            lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
            lambda t: t.encode("utf-16"),
            lambda t: t.encode("utf-16-le"),
        ],
        ids=["crlf", "utf8-bom", "utf16-bom", "utf16le-no-bom"],
    )
    def test_same_story_whatever_the_encoding_and_line_endings(self, path, encode):
        copy = path.read_text(encoding="utf-8")
        assert read_copy(encode(copy)).fingerprint() == read_copy(copy.encode("utf-8")).fingerprint()


@pytest.fixture
def white_helmets_register(db):
    """Raed Al-Saleh and Syria Civil Defense (alias The White Helmets), as the issue puts them."""
    raed = Person.objects.create(name="Raed Al-Saleh", native_name="رائد الصالح")
    scd = Organization.objects.create(name="Syria Civil Defense")
    OrganizationAlias.objects.create(organization=scd, name="The White Helmets")
    head = Affiliation.objects.create(person=raed, organization=scd, role="Head")
    return raed, scd, head


def fixture_paragraphs(copy: str) -> list[str]:
    """The interview's paragraphs as a reader sees them: every non-blank line after the headline,
    dateline and byline, without the subheadings, trimmed of spaces (including NBSP)."""
    lines = [line.strip() for line in copy.splitlines() if line.strip()]
    return [line for line in lines[3:] if line not in SUBHEADINGS]


@pytest.mark.parametrize("path", WHITE_HELMETS_PRESENT, ids=names(WHITE_HELMETS_PRESENT))
class TestTheWhiteHelmetsInterview:
    __test__ = bool(WHITE_HELMETS_PRESENT)

    def test_headline_dateline_agency_byline_subheadings_and_paragraphs(self, path):
        copy = path.read_text(encoding="utf-8")
        parsed = read_copy(copy.encode("utf-8"), name=path.name)
        assert parsed.headline == "The White Helmets: We Got Documents Condemning Syrian Government"
        assert (parsed.dateline, parsed.agency) == ("Istanbul, Turkey", "North-Press Agency")
        assert parsed.bylines == ("Samer Taha",)
        assert parsed.language == "en"
        html = parsed.body_html()
        assert re.findall(r"<h2>(.*?)</h2>", html) == SUBHEADINGS
        assert re.findall(r"<p>(.*?)</p>", html) == fixture_paragraphs(copy)
        # the subheadings sit where the copy has them: after the 4th, 7th and 9th paragraphs
        assert "".join("h" if b.kind == "h2" else "p" for b in parsed.blocks) == "pppphppphpphpppp"

    def test_no_stray_non_breaking_spaces_and_quotes_kept(self, path):
        copy = path.read_text(encoding="utf-8")
        assert "\xa0" in copy  # the agency's copy is full of them
        parsed = read_copy(copy.encode("utf-8"))
        everything = [parsed.headline, parsed.dateline, parsed.agency, *parsed.bylines, parsed.body_html()]
        assert not any("\xa0" in text or "&nbsp;" in text for text in everything)
        assert "“The reality reflects regional and international conflicts" in parsed.body_html()
        assert "“a future challenge facing Syria”." in parsed.body_html()

    @pytest.mark.django_db
    def test_raed_al_saleh_syria_civil_defense_kind_role_and_places(self, path, white_helmets_register):
        raed, scd, head = white_helmets_register
        for name in ["Aleppo", "Idlib", "Hama", "Latakia", "Raqqa", "Water"]:
            Tag.objects.create(name=name)
        copy = path.read_text(encoding="utf-8")
        found = copy_recognize(parsed=read_copy(copy))
        assert [(p.id, p.name) for p in found.people] == [(raed.pk, "Raed Al-Saleh")]
        assert [(o.id, o.name) for o in found.organizations] == [(scd.pk, "Syria Civil Defense")]
        person, organization = found.people[0], found.organizations[0]
        assert person.found_as == ["Raed Al-Saleh", "Al-Saleh"]
        assert person.mentions == copy.count("Al-Saleh")
        assert set(organization.found_as) == {"The White Helmets", "Syria Civil Defense", "The Syrian Civil Defense"}
        assert person.confident and organization.confident
        assert found.kind == "interview" and "interview" in found.kind_reason
        assert person.role == "head of The Syrian Civil Defense" and person.affiliation_id == head.pk
        # “drinking water” in lower case is not the tag Water; Raqqa is not in the copy
        assert [t.name for t in found.tags] == ["Aleppo", "Idlib", "Hama", "Latakia"]

    @pytest.mark.django_db
    def test_the_interview_becomes_a_structured_draft(self, path, white_helmets_register, reporter):
        copy = path.read_text(encoding="utf-8")
        assert copy_import(data=copy.encode("utf-8"), name=path.name, user=reporter).status == "created"
        article = Article.objects.get()
        assert (article.dateline, article.agency) == ("Istanbul, Turkey", "North-Press Agency")
        assert [(b.display_name, b.user) for b in article.bylines.all()] == [("Samer Taha", reporter)]
        assert re.findall(r"<p>(.*?)</p>", article.body) == fixture_paragraphs(copy)
        assert (article.status, article.kind, article.language) == ("draft", "interview", "en")
        assert article.slug == "the-white-helmets-we-got-documents-condemning-syrian-government"
