"""Property-based tests (hypothesis): whatever arrives, the importer never crashes and never saves
half an article; copy-shaped text, however it is spaced and encoded, keeps its structure."""

import codecs

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.html import sanitize_html
from articles.models import Article, Byline
from copydesk import messages
from copydesk.models import ImportRecord
from copydesk.parser import read_copy
from copydesk.services import copy_import
from people.models import Organization, OrganizationAlias, Person

REFUSALS = {
    messages.EMPTY,
    messages.TOO_LARGE,
    messages.BINARY,
    messages.WRONG_ENCODING,
    messages.NOT_A_WORD_FILE,
    messages.LEGACY_WORD_FILE,
    messages.NO_HEADLINE,
    messages.HEADLINE_TOO_LONG,
}
DB_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text with what copy really contains: Latin and Arabic letters, NBSPs, dashes, quotes, odd line ends.
copy_alphabet = st.sampled_from(
    list("abcdefghij ABCDEFGH.,:;?!-–—“”’'()\n\r\t\xa0\u202f\ufeff\u200f\u202bحلبالدفاع المدني")
    + ["By ", "Q: ", "A: ", "\r\n", "\n\n", "The White Helmets", "Raed Al-Saleh", "Aleppo"]
)
copy_like_text = st.lists(copy_alphabet, max_size=120).map("".join)


def assert_whole_or_nothing(before: int):
    """Every article has its import record and bylines came with it; at most one new article."""
    articles, records = Article.objects.count(), ImportRecord.objects.count()
    assert articles == records and articles - before in (0, 1)
    assert not Byline.objects.filter(article__import_record__isnull=True).exists()


@pytest.fixture
def register(db):
    Person.objects.create(name="Raed Al-Saleh", native_name="رائد الصالح")
    scd = Organization.objects.create(name="Syria Civil Defense")
    OrganizationAlias.objects.create(organization=scd, name="The White Helmets")


@pytest.mark.django_db
class TestNeverACrashNeverHalfAnArticle:
    @DB_SETTINGS
    @given(text=st.one_of(st.text(max_size=300), copy_like_text))
    def test_random_text(self, register, text):
        before = Article.objects.count()
        try:
            result = copy_import(data=text)
        except ValidationError as error:
            assert error.messages[0] in REFUSALS
            assert Article.objects.count() == before
        else:
            assert result.status in {"created", "duplicate"}
            assert result.article.status == "draft" and result.article.headline.strip()
        assert_whole_or_nothing(before)

    @DB_SETTINGS
    @given(data=st.one_of(st.binary(max_size=600), st.binary(max_size=60).map(lambda b: b"PK\x03\x04" + b)))
    def test_random_bytes(self, register, data):
        before = Article.objects.count()
        try:
            copy_import(data=data, name="upload.docx" if data[:2] == b"PK" else "upload.txt")
        except ValidationError as error:
            assert error.messages[0] in REFUSALS
            assert Article.objects.count() == before
        assert_whole_or_nothing(before)


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzحلبدفاع", min_size=1, max_size=8)
sentence = st.lists(words, min_size=12, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
junk_space = st.sampled_from([" ", "\xa0", "\t", " \xa0 ", "\u202f", ""])
line_end = st.sampled_from(["\n", "\r\n", "\r"])
encoding = st.sampled_from(["str", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])


@settings(max_examples=150, deadline=None)
@given(
    headline=st.lists(words, min_size=2, max_size=8).map(" ".join),
    paragraphs=st.lists(sentence, min_size=1, max_size=6),
    space=junk_space,
    newline=line_end,
    encoding=encoding,
)
def test_copy_keeps_its_headline_and_paragraphs_however_spaced_and_encoded(headline, paragraphs, space, newline, encoding):
    lines = [space + headline + space, "", *(p.replace(" ", " " + space, 2) + space for p in paragraphs)]
    text = newline.join(lines)
    data = text if encoding == "str" else (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + text.encode(
        encoding.removesuffix("-sig")
    )
    parsed = read_copy(data)
    squash = " ".join
    assert parsed.headline == squash(headline.split())
    assert parsed.paragraphs == [squash(p.split()) for p in paragraphs]
    assert "\xa0" not in parsed.body_html() and "\u202f" not in parsed.body_html()


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=2000)))
def test_reading_anything_gives_a_story_or_a_known_refusal(data):
    try:
        parsed = read_copy(data)
    except ValidationError as error:
        assert error.messages[0] in REFUSALS
    else:
        assert parsed.headline and len(parsed.headline) <= 300
        assert len(parsed.dateline) <= 120 and len(parsed.agency) <= 120
        parsed.body_html()
        assert len(parsed.fingerprint()) == 64


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.text(max_size=1500), copy_like_text))
def test_what_the_parser_makes_is_already_clean_and_reads_the_same_twice(data):
    """The body it makes passes the sanitizer unchanged (nothing is lost on save), carries no
    bidirectional control, and reading the same copy again gives the same story."""
    try:
        parsed = read_copy(data)
    except ValidationError as error:
        assert error.messages[0] in REFUSALS
        return
    html = parsed.body_html()
    assert sanitize_html(html) == html
    assert not set(html + parsed.headline) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    again = read_copy(data)
    assert (again.headline, again.paragraphs, again.fingerprint()) == (parsed.headline, parsed.paragraphs, parsed.fingerprint())
