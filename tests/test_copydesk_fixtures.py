"""Every story of tests/fixtures/ as the copy desk reads it (tests/copy_fixtures.py says what each holds)."""

import codecs
import importlib.util
import re

import pytest
from articles.models import Tag  # the articles own tag model (per-language names)

from articles.models import Article
from copydesk.parser import read_copy
from copydesk.recognition import copy_recognize
from copydesk.services import CopySource, copy_import_batch
from tests.copy_fixtures import (
    EXPECTED,
    FIXTURES,
    MUSIC_DOCX,
    MUSIC_KU,
    NOT_COPY,
    WATER_AR,
    WATER_EN,
    fixture_bytes,
    fixture_text,
)

STORIES = sorted(EXPECTED)
KIND_LETTER = {"p": "p", "h2": "h", "h3": "h", "blockquote": "q"}


def test_every_story_of_the_folder_is_described_and_every_description_has_its_story():
    present = {path.name for path in FIXTURES.iterdir() if path.is_file()}
    assert present - NOT_COPY == set(EXPECTED)
    assert {".gitattributes", "make_docx.py"} <= present
    # one story of each language the newsroom publishes in
    assert {expected.language for expected in EXPECTED.values()} == {"en", "ar", "ku"}


@pytest.mark.parametrize("name", STORIES)
def test_each_story_reads_as_described(name):
    expected = EXPECTED[name]
    parsed = read_copy(fixture_bytes(name), name=name)
    assert parsed.language == expected.language
    assert parsed.direction == ("rtl" if expected.language == "ar" else "ltr")
    assert (parsed.headline, parsed.dateline, parsed.agency) == (expected.headline, expected.dateline, expected.agency)
    assert parsed.bylines == expected.bylines
    assert tuple(parsed.subheadings) == expected.subheadings
    assert "".join(KIND_LETTER[block.kind] for block in parsed.blocks) == expected.kinds
    assert (parsed.is_transcript, parsed.source_format) == (expected.is_transcript, expected.source_format)
    # every paragraph runs the article's way: no dir attribute anywhere
    html = parsed.body_html()
    assert "dir=" not in html
    everything = [parsed.headline, parsed.dateline, parsed.agency, *parsed.bylines, html]
    assert not any(ch in text for text in everything for ch in "\xa0\ufeff\r")


@pytest.mark.django_db
@pytest.mark.parametrize("name", STORIES)
def test_each_story_is_proposed_as_the_right_kind(name):
    found = copy_recognize(parsed=read_copy(fixture_bytes(name), name=name))
    assert found.kind == EXPECTED[name].kind


class TestTheFileWithCrlfAndAByteOrderMark:
    def test_it_really_has_a_bom_and_only_crlf_line_ends(self):
        data = fixture_bytes(MUSIC_KU)  # .gitattributes keeps git from converting them on checkout
        assert data.startswith(codecs.BOM_UTF8) and data.count(codecs.BOM_UTF8) == 1
        assert data.count(b"\r\n") == data.count(b"\n") == data.count(b"\r") >= 10

    def test_it_reads_exactly_like_its_lf_twin_without_a_bom(self):
        data = fixture_bytes(MUSIC_KU)
        twin = data[len(codecs.BOM_UTF8) :].replace(b"\r\n", b"\n")
        assert b"\r" not in twin and not twin.startswith(codecs.BOM_UTF8)
        parsed, twin_parsed = read_copy(data, name=MUSIC_KU), read_copy(twin)
        assert parsed == twin_parsed
        assert parsed.fingerprint() == twin_parsed.fingerprint()
        assert parsed.headline == "Mala Muzîkê ya Qamişloyê Dîsa Vebû"  # no BOM glued to it
        assert parsed.language == "ku"

    def test_pasted_as_it_is_it_reads_the_same_too(self):
        pasted = fixture_text(MUSIC_KU)
        assert pasted.startswith("\ufeff") and "\r\n" in pasted
        assert read_copy(pasted).fingerprint() == read_copy(fixture_bytes(MUSIC_KU)).fingerprint()


def test_the_story_with_two_bylines_gives_both_in_order_and_drops_the_end_mark():
    parsed = read_copy(fixture_bytes(WATER_EN))
    assert parsed.bylines == ("Rojda Amed", "Karim Yousef")
    assert fixture_text(WATER_EN).rstrip().endswith("\nEND")
    assert parsed.paragraphs[-1].startswith("The municipality plans to connect two more districts")
    assert "END" not in parsed.body_html()


def test_the_arabic_story_keeps_its_quotes_and_names_its_places():
    parsed = read_copy(fixture_bytes(WATER_AR))
    assert parsed.direction == "rtl" and parsed.bylines == ("كريم يوسف",)
    assert "“الألواح تكفي لتشغيل المضختين ست ساعات يومياً من دون مازوت”" in parsed.body_html()
    assert "<h2>الصهاريج لم تعد كافية</h2>" in parsed.body_html()


@pytest.mark.django_db
def test_places_are_found_in_arabic_and_kurmanji_copy():
    Tag.objects.create(name="الحسكة")
    Tag.objects.create(name="Qamişlo")
    arabic = copy_recognize(parsed=read_copy(fixture_bytes(WATER_AR)))
    assert [(t.name, t.mentions) for t in arabic.tags] == [("الحسكة", 3)]  # dateline, headline, body
    kurmanji = copy_recognize(parsed=read_copy(fixture_bytes(MUSIC_KU)))
    assert [t.name for t in kurmanji.tags] == ["Qamişlo"]


class TestTheWordFile:
    def test_heading_styles_are_subheadings_wherever_they_are_and_quote_a_blockquote(self):
        parsed = read_copy(fixture_bytes(MUSIC_DOCX), name=MUSIC_DOCX)
        html = parsed.body_html()
        assert re.findall(r"<(h[23])>(.*?)</h[23]>", html) == [
            ("h2", "An archive in the basement"),  # Heading 2
            ("h2", "Who pays for the strings?"),  # Heading 1, and a question mark
            ("h3", "Lessons after work"),  # Heading 3
        ]
        assert (
            "<blockquote><p>“These tapes are the memory of the city, and we want to digitise them,” Sheikho said.</p>"
            "</blockquote>"
        ) in html
        assert "The city’s arts association" in html

    def test_make_docx_makes_the_committed_file(self):
        spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
        make_docx = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(make_docx)
        assert make_docx.NAME == MUSIC_DOCX
        made = make_docx.fixed_bytes(make_docx.story())
        assert read_copy(made, name=MUSIC_DOCX) == read_copy(fixture_bytes(MUSIC_DOCX), name=MUSIC_DOCX)
        assert made == make_docx.fixed_bytes(make_docx.story())  # the same bytes every time


@pytest.mark.django_db
def test_every_story_imports_as_a_draft_in_its_language(reporter):
    results = copy_import_batch(
        sources=[CopySource(name, lambda name=name: fixture_bytes(name)) for name in STORIES], user=reporter
    )
    assert [(r.name, r.status) for r in results] == [(name, "created") for name in STORIES]
    for name, result in zip(STORIES, results):
        expected, article = EXPECTED[name], Article.objects.get(pk=result.article.pk)
        assert (article.headline, article.language, article.status) == (expected.headline, expected.language, "draft")
        assert article.kind == (expected.kind or "news")
        assert [b.display_name for b in article.bylines.all()] == list(expected.bylines)
        assert result.record.source_format == expected.source_format
    # each one again: nothing new
    again = copy_import_batch(sources=[CopySource(name, lambda name=name: fixture_bytes(name)) for name in STORIES])
    assert [r.status for r in again] == ["duplicate"] * len(STORIES)
    assert Article.objects.count() == len(STORIES)
