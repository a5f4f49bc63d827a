"""The copy-desk tests' own agency copy, in tests/fixtures/, and what each story is known to hold.

The stories were written for these tests (invented places, people and organizations around Hasakah
and Qamishli); every file is committed byte for byte (tests/fixtures/.gitattributes keeps git from
touching line endings), so the tests run on a fresh clone with nothing else.

* ``fixture_bytes(name)`` — the file as stored; ``fixture_text(name)`` — the same decoded as UTF-8
  with nothing changed (a BOM and CRLF line ends stay); the ``own_fixture`` pytest fixture
  (tests/conftest.py) is ``fixture_text``.
* ``EXPECTED`` — what ``read_copy`` must make of each file (tests/test_copydesk_fixtures.py checks
  every file of the folder against it, and that no file is missing from it).
* ``INTERVIEW`` — the question-and-answer interview the parser, import, recognition and admin tests
  use, with its subheadings, speakers and the people and places it names (``register_interview``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Extra input where present (a folder next to the checkout, absent from a fresh clone): read only by
# the extra copy-desk tests parametrized over its files, of which there are none without it.
SHARED_FIXTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures"

INTERVIEW = "en-interview-fire-rescue-hasakah.txt"
WATER_EN = "en-water-station-hasakah.txt"
WATER_AR = "ar-water-station-hasakah.txt"
MUSIC_KU = "ku-music-house-qamishli.crlf-bom.txt"
MUSIC_DOCX = "en-music-house-qamishli.docx"
# The agency's own interview (a copy of ../shared/fixtures/agency-interview-white-helmets.txt, kept
# here so the quote tests never depend on that folder); its people: tests/test_quotes.py.
WHITE_HELMETS = "en-interview-white-helmets-agency.txt"
NOT_COPY = {".gitattributes", "README.md", "make_docx.py"}  # files of the folder that are not stories


def shared_files() -> list[Path]:
    """The stories (.txt, .docx) of ../shared/fixtures, sorted; none when the folder is absent."""
    if not SHARED_FIXTURES.is_dir():
        return []
    return sorted(p for p in SHARED_FIXTURES.iterdir() if p.is_file() and p.suffix.lower() in {".txt", ".docx"})


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_text(name: str) -> str:
    """The file decoded as UTF-8 exactly as stored: no newline translation, a BOM kept as U+FEFF."""
    return fixture_bytes(name).decode("utf-8")


@dataclass(frozen=True)
class Expected:
    """What read_copy makes of one fixture, and what copy_recognize proposes as its kind."""

    language: str
    headline: str
    dateline: str
    agency: str
    bylines: tuple[str, ...]
    subheadings: tuple[str, ...]
    kinds: str  # the blocks in order: p paragraph, h heading (h2 or h3), q blockquote
    is_transcript: bool = False
    source_format: str = "text"
    kind: str = ""  # "interview", or "" for news


EXPECTED = {
    INTERVIEW: Expected(
        language="en",
        headline="Hevin Mustafa: The Wind Decides Where We Go First",
        dateline="Hasakah, Syria",
        agency="Newsroom Demo Agency",
        bylines=("Samer Taha",),  # the `reporter` of tests/conftest.py: the newsroom's own
        subheadings=("Fires in the wheat belt", "Trucks need water too", "Who the volunteers are"),
        kinds="pphpppphpppphppppp",
        is_transcript=True,
        kind="interview",
    ),
    WATER_EN: Expected(
        language="en",
        headline="Solar Pumps Bring Water Back to Nashwa in Hasakah",
        dateline="Hasakah, Syria",
        agency="Newsroom Demo Agency",
        bylines=("Rojda Amed", "Karim Yousef"),
        subheadings=("Six hours without a generator", "What comes next"),
        kinds="pphpphp",  # the closing END is dropped
    ),
    WATER_AR: Expected(
        language="ar",
        headline="محطة ضخ بالطاقة الشمسية تعيد المياه إلى حي النشوة في الحسكة",
        dateline="الحسكة، سوريا",
        agency="وكالة نيوزروم التجريبية",
        bylines=("كريم يوسف",),
        subheadings=("الصهاريج لم تعد كافية",),
        kinds="pphpp",
    ),
    MUSIC_KU: Expected(
        language="ku",
        headline="Mala Muzîkê ya Qamişloyê Dîsa Vebû",
        dateline="Qamişlo, Sûriye",
        agency="Ajansa Demo ya Newsroom",
        bylines=("Rojda Amed",),
        subheadings=("Arşîva stranên kevin", "Dersên êvarê"),
        kinds="pphphpp",
    ),
    MUSIC_DOCX: Expected(
        language="en",
        headline="A Music House in Qamishli Reopens With 120 Students",
        dateline="Qamishli, Syria",
        agency="Newsroom Demo Agency",
        bylines=("Rojda Amed",),
        subheadings=("An archive in the basement", "Who pays for the strings?", "Lessons after work"),
        kinds="pphpqhphp",
        source_format="docx",
        kind="interview",  # “said in an interview”
    ),
    WHITE_HELMETS: Expected(
        language="en",
        headline="The White Helmets: We Got Documents Condemning Syrian Government",
        dateline="Istanbul, Turkey",
        agency="North-Press Agency",
        bylines=("Samer Taha",),
        subheadings=("Wrong Estimates and Friends’ Efforts", "Invested experiences in peace",
                     "Documents Condemning the Government"),
        kinds="pppphppphpphpppp",
        kind="interview",  # “made an interview with”
    ),
}


# --------------------------------------------------------------------------------------------------
# The question-and-answer interview

INTERVIEW_SUBHEADINGS = list(EXPECTED[INTERVIEW].subheadings)
INTERVIEW_SLUG = "hevin-mustafa-the-wind-decides-where-we-go-first"
SPEAKERS = ("Q", "Mustafa")
INTERVIEW_PLACES = ["Hasakah", "Qamishli", "Tal Tamr", "Derik"]  # as first named: dateline, then body
INTERVIEWEE_ROLE = "head of the Syrian Fire and Rescue Corps"  # the copy's apposition
_LABEL = re.compile(rf"^({'|'.join(SPEAKERS)}): ")


def interview_paragraphs(copy: str) -> list[str]:
    """The interview's paragraphs as a reader sees them: every non-blank line after the headline,
    dateline and byline, without the subheadings, with runs of spaces (NBSP too) as one space.
    A transcript turn keeps its label: “Q: How many fires…”."""
    lines = [" ".join(line.split()) for line in copy.splitlines()]
    lines = [line for line in lines if line]
    return [line for line in lines[3:] if line not in INTERVIEW_SUBHEADINGS]


def paragraph_html(paragraph: str) -> str:
    """What a paragraph becomes inside <p>…</p>: the speaker's label in bold."""
    return _LABEL.sub(r"<strong>\1:</strong> ", paragraph)


def register_interview():
    """The interviewee and her organization in the register, as the newsroom would have them."""
    from people.models import Affiliation, Organization, OrganizationAlias, Person

    hevin = Person.objects.create(name="Hevin Mustafa", native_name="هيفين مصطفى")
    corps = Organization.objects.create(name="Syria Fire and Rescue Corps")
    OrganizationAlias.objects.create(organization=corps, name="The Orange Vests")
    head = Affiliation.objects.create(person=hevin, organization=corps, role="Head")
    return hevin, corps, head
