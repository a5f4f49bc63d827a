"""Reading copy (copydesk.parser): our agency interview, other layouts, awkward input, refusals."""

import codecs
import io
import re

import pytest
from django.core.exceptions import ValidationError

from copydesk import messages
from copydesk.parser import read_copy
from tests.copy_fixtures import INTERVIEW, INTERVIEW_SUBHEADINGS, interview_paragraphs, paragraph_html

FIXTURE = INTERVIEW  # tests/fixtures/en-interview-fire-rescue-hasakah.txt
SUBHEADINGS = INTERVIEW_SUBHEADINGS


def refusal(data, name=""):
    with pytest.raises(ValidationError) as caught:
        read_copy(data, name=name)
    return caught.value.messages[0]


class TestTheAgencyInterview:
    def test_headline_dateline_agency_and_byline(self, own_fixture):
        parsed = read_copy(own_fixture(FIXTURE).encode("utf-8"), name=FIXTURE)
        assert parsed.headline == "Hevin Mustafa: The Wind Decides Where We Go First"
        assert parsed.dateline == "Hasakah, Syria"
        assert parsed.agency == "Newsroom Demo Agency"
        assert parsed.bylines == ("Samer Taha",)
        assert parsed.language == "en"

    def test_exactly_the_three_subheadings_as_h2_and_every_paragraph_in_order(self, own_fixture):
        copy = own_fixture(FIXTURE)
        parsed = read_copy(copy.encode("utf-8"))
        html = parsed.body_html()
        assert SUBHEADINGS == ["Fires in the wheat belt", "Trucks need water too", "Who the volunteers are"]
        assert re.findall(r"<h2>(.*?)</h2>", html) == SUBHEADINGS
        assert parsed.paragraphs == interview_paragraphs(copy)
        assert re.findall(r"<p>(.*?)</p>", html) == [paragraph_html(p) for p in interview_paragraphs(copy)]
        assert len(parsed.paragraphs) == 15
        # the subheadings sit where the copy has them: after the 2nd, 6th and 10th paragraphs
        kinds = "".join("h" if b.kind == "h2" else "p" for b in parsed.blocks)
        assert kinds == "pphpppphpppphppppp"

    def test_question_and_answer_turns_keep_their_speaker(self, own_fixture):
        parsed = read_copy(own_fixture(FIXTURE).encode("utf-8"))
        assert parsed.is_transcript
        # an introduction of two paragraphs, six questions and answers, a closing paragraph
        assert [b.label for b in parsed.blocks if b.kind == "p"] == ["", ""] + ["Q", "Mustafa"] * 6 + [""]
        html = parsed.body_html()
        assert "<p><strong>Q:</strong> How many fires did your crews answer this summer?</p>" in html
        assert "<p><strong>Mustafa:</strong> We counted 640 calls between May and August, most" in html
        # the headline has a colon too, but it is the headline, not a turn of the transcript
        assert "Hevin Mustafa:" not in html

    def test_no_stray_non_breaking_spaces_and_quotes_kept(self, own_fixture):
        copy = own_fixture(FIXTURE)
        assert copy.count("\xa0") == 10  # the agency's copy is full of them
        assert "Hasakah,\xa0Syria" in copy and "640\xa0calls" in copy
        parsed = read_copy(copy.encode("utf-8"))
        everything = [parsed.headline, parsed.dateline, parsed.agency, *parsed.bylines, parsed.body_html()]
        assert not any("\xa0" in text or "&nbsp;" in text for text in everything)
        # inside a sentence a non-breaking space is a plain one
        assert "640 calls" in parsed.body_html() and "40 kilometres for one tank" in parsed.body_html()
        assert "“the wind decides where we go first”, and this summer it decided everything." in parsed.body_html()
        assert "so “every spare part is a small campaign”.</p>" in parsed.body_html()

    @pytest.mark.parametrize(
        "encode",
        [
            lambda t: t.replace("\n", "\r\n").encode("utf-8"),
            lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
            lambda t: t.encode("utf-16"),  # with a BOM
            lambda t: t.encode("utf-16-le"),  # without one
            lambda t: t.encode("utf-16-be"),
            lambda t: codecs.BOM_UTF16_BE + t.replace("\n", "\r\n").encode("utf-16-be"),
            lambda t: t.replace("\n", "\r").encode("utf-8"),  # old Mac line ends
        ],
        ids=["crlf", "utf8-bom", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom", "utf16be-bom-crlf", "cr"],
    )
    def test_same_story_whatever_the_encoding_and_line_endings(self, own_fixture, encode):
        copy = own_fixture(FIXTURE)
        plain = read_copy(copy.encode("utf-8"))
        other = read_copy(encode(copy))
        assert other == plain
        assert other.fingerprint() == plain.fingerprint()

    def test_pasted_text_reads_like_the_file(self, own_fixture):
        copy = own_fixture(FIXTURE)
        pasted = read_copy(copy.replace("\n", "\r\n"))
        assert pasted.fingerprint() == read_copy(copy.encode("utf-8")).fingerprint()


class TestOtherLayouts:
    def test_no_dateline_and_by_a_and_b(self):
        parsed = read_copy(
            "Farmers in the Ghab Plain Sow Their Wheat Three Weeks Early\n"
            "By Rana Mardini and Yusuf Barakat\n"
            "\n"
            "Smallholders west of Hama started sowing at the end of October, after the first rains.\n"
            "\n"
            "The cooperative lent seed to 400 families who lost last year’s harvest to the drought.\n"
        )
        assert parsed.headline == "Farmers in the Ghab Plain Sow Their Wheat Three Weeks Early"
        assert (parsed.dateline, parsed.agency) == ("", "")
        assert parsed.bylines == ("Rana Mardini", "Yusuf Barakat")
        assert len(parsed.paragraphs) == 2 and parsed.subheadings == []

    def test_several_bylines_in_any_form(self):
        parsed = read_copy(
            "Night Shift at the Qamishli Bakery\n"
            "Nour Khalil\n"
            "By Rojda Amed, Hassan Darwish, and Maya Saleh\n"
            "Qamishli, Syria — Newsroom Demo Agency\n"
            "\n"
            "The ovens are lit at two in the morning, four hours before the first queue forms.\n"
        )
        assert parsed.bylines == ("Nour Khalil", "Rojda Amed", "Hassan Darwish", "Maya Saleh")
        assert (parsed.dateline, parsed.agency) == ("Qamishli, Syria", "Newsroom Demo Agency")

    @pytest.mark.parametrize("dash", ["-", "–", "—", "―", "−", "--"])
    def test_dateline_splits_on_any_dash(self, dash):
        parsed = read_copy(f"Headline of the day\nAleppo, Syria {dash} North-Press Agency\n\nA paragraph of copy.")
        assert (parsed.dateline, parsed.agency) == ("Aleppo, Syria", "North-Press Agency")

    def test_em_dash_without_spaces_and_labelled_fields(self):
        parsed = read_copy("A headline\nIdlib—Newsroom Demo Agency\n\nCopy.")
        assert (parsed.dateline, parsed.agency) == ("Idlib", "Newsroom Demo Agency")
        parsed = read_copy("A headline\nDateline: Hama, Syria\nAgency: North-Press\nByline: Samer Taha\n\nCopy.")
        assert (parsed.dateline, parsed.agency, parsed.bylines) == ("Hama, Syria", "North-Press", ("Samer Taha",))

    def test_arabic_copy_right_to_left_with_an_english_paragraph(self):
        parsed = read_copy(
            "الدفاع المدني يوسّع فرق الإطفاء في ريف اللاذقية\n"
            "اللاذقية، سوريا – وكالة نيوزروم التجريبية\n"
            "بقلم نور خليل وريم عبد الله\n"
            "\n"
            "قال خالد نصر الله، منسق المتطوعين، إن الفرق الجديدة ستغطي القرى الجبلية قبل موسم الحرائق.\n"
            "التدريب قبل الصيف\n"
            "وأضاف أن “الاستجابة السريعة تنقذ الغابات والبيوت معاً”، مشيراً إلى أن المتطوعين تدربوا على أجهزة GPS.\n"
            "The training centre opened in 2021 with equipment donated by three municipalities.\n"
        )
        assert parsed.language == "ar" and parsed.direction == "rtl"
        assert parsed.headline == "الدفاع المدني يوسّع فرق الإطفاء في ريف اللاذقية"
        assert (parsed.dateline, parsed.agency) == ("اللاذقية، سوريا", "وكالة نيوزروم التجريبية")
        assert parsed.bylines == ("نور خليل", "ريم عبد الله")
        assert parsed.subheadings == ["التدريب قبل الصيف"]
        html = parsed.body_html()
        assert "<h2>التدريب قبل الصيف</h2>" in html
        assert "“الاستجابة السريعة تنقذ الغابات والبيوت معاً”" in html
        # the Arabic paragraphs follow the article's direction; the English one is marked ltr
        assert '<p dir="ltr">The training centre opened in 2021' in html
        assert html.count("dir=") == 1

    def test_arabic_presentation_forms_and_bidi_controls_are_tidied(self):
        parsed = read_copy("\u202bﺣﻠﺐ\u202c تستعيد المياه\n\nعادت المياه إلى \u200fحلب.\n")
        assert parsed.headline == "حلب تستعيد المياه"
        assert "\u202b" not in parsed.body_html() and "\u202c" not in parsed.headline

    def test_question_and_answer_transcript(self):
        parsed = read_copy(
            "Bakeries First, Then Schools, Says the Water Engineer\n"
            "Aleppo, Syria - Newsroom Demo Agency\n"
            "By Nour Khalil\n"
            "\n"
            "Lina Haddad heads network rehabilitation at the Aleppo Water Board. We asked her what comes next.\n"
            "Q: When will the eastern districts have water every day?\n"
            "A: By the end of the summer, if the new pumps arrive on time.\n"
            "Q: What is holding them up?\n"
            "A: Customs. The pumps have waited at the border for six weeks.\n"
        )
        assert parsed.is_transcript
        assert parsed.paragraphs[1:3] == [
            "Q: When will the eastern districts have water every day?",
            "A: By the end of the summer, if the new pumps arrive on time.",
        ]
        assert "<p><strong>Q:</strong> What is holding them up?</p>" in parsed.body_html()

    def test_transcript_with_speaker_names(self):
        parsed = read_copy(
            "Music Houses Reopen in Qamishli\n\n"
            "Newsroom: Why now?\n"
            "Dilovan Sheikho: Because the students came back first, and the teachers followed them.\n"
            "Newsroom: And the archive?\n"
            "Dilovan Sheikho: It survived in three basements.\n"
        )
        assert parsed.is_transcript
        assert [b.label for b in parsed.blocks] == ["Newsroom", "Dilovan Sheikho"] * 2

    def test_a_single_colon_line_is_not_a_transcript(self):
        parsed = read_copy("Headline\n\nNote: prices are in Syrian pounds.\nThe rest of the story follows here.")
        assert not parsed.is_transcript and all(not b.label for b in parsed.blocks)

    def test_hard_wrapped_paragraphs_are_joined(self):
        parsed = read_copy(
            "Olive Harvest Starts Early in Afrin\n"
            "Afrin - Newsroom Demo Agency\n\n"
            "Farmers around Afrin began picking olives a fortnight earlier than\n"
            "usual this year, after a hot September ripened the fruit on the\n"
            "terraces above the river.\n\n"
            "Prices at the press\n"
            "The presses in town charge by the tin of oil, and most of them have\n"
            "kept last year's rate despite the cost of diesel.\n"
        )
        assert parsed.paragraphs == [
            "Farmers around Afrin began picking olives a fortnight earlier than usual this year, after a hot "
            "September ripened the fruit on the terraces above the river.",
            "The presses in town charge by the tin of oil, and most of them have kept last year's rate "
            "despite the cost of diesel.",
        ]
        assert parsed.subheadings == ["Prices at the press"]

    def test_short_lines_at_the_start_or_end_are_not_subheadings(self):
        parsed = read_copy("Headline\n\nA lone short line\nA paragraph that ends.\nAnother that ends.\nSigned off\n")
        assert parsed.subheadings == []

    def test_word_file_headings_become_subheadings(self):
        import docx

        document = docx.Document()
        document.add_paragraph("Water Returns to Eastern Aleppo", style="Title")
        document.add_paragraph("Aleppo, Syria – Newsroom Demo Agency")
        document.add_paragraph("By Nour Khalil and Hassan Darwish")
        document.add_paragraph("For the first time in years, taps in the eastern districts ran for a whole day.")
        document.add_heading("Zone by zone, street by street, with new meters?", level=2)  # punctuation and all
        document.add_paragraph("Engineers replaced the mains one zone at a time, starting at the\u00a0hospital.")
        document.add_paragraph("“We measure before we promise,” says the chief engineer.", style="Quote")
        document.add_heading("What comes next", level=1)
        document.add_paragraph("The board will meter the western districts next spring.")
        buffer = io.BytesIO()
        document.save(buffer)

        parsed = read_copy(buffer.getvalue(), name="aleppo-water.docx")
        assert parsed.source_format == "docx"
        assert parsed.headline == "Water Returns to Eastern Aleppo"
        assert (parsed.dateline, parsed.agency) == ("Aleppo, Syria", "Newsroom Demo Agency")
        assert parsed.bylines == ("Nour Khalil", "Hassan Darwish")
        assert parsed.subheadings == ["Zone by zone, street by street, with new meters?", "What comes next"]
        html = parsed.body_html()
        assert "<blockquote><p>“We measure before we promise,” says the chief engineer.</p></blockquote>" in html
        assert "at the hospital." in html and "\xa0" not in html


class TestRefusals:
    def test_empty_files(self):
        assert refusal(b"") == messages.EMPTY
        assert refusal(b"  \r\n\t\n") == messages.EMPTY
        assert refusal(codecs.BOM_UTF8 + b"\n\n") == messages.EMPTY
        assert refusal("\u00a0\n \u200b") == messages.EMPTY

    def test_binary_files(self):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        assert refusal(png, "photo.txt") == messages.BINARY
        assert refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8) == messages.BINARY
        assert refusal(b"headline\x00\x01\x02\x03\x04\x05\x06 body") == messages.BINARY

    def test_wrongly_encoded_text(self):
        arabic_1256 = "عودة المياه إلى حلب\n\nعادت المياه إلى الأحياء الشرقية.".encode("cp1256")
        assert refusal(arabic_1256) == messages.WRONG_ENCODING
        latin1 = "Café owners in Qamishli\n\nThe café reopened.".encode("latin-1")
        assert refusal(latin1) == messages.WRONG_ENCODING

    def test_word_files_that_cannot_be_read(self):
        assert refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc") == messages.LEGACY_WORD_FILE
        assert refusal(b"PK\x03\x04 not really a zip", "broken.docx") == messages.NOT_A_WORD_FILE
        assert refusal(b"Plain text named as Word\n\nCopy.", "story.docx") == messages.NOT_A_WORD_FILE
        zipped = io.BytesIO()
        import zipfile

        with zipfile.ZipFile(zipped, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        assert refusal(zipped.getvalue(), "story.odt") == messages.NOT_A_WORD_FILE

    def test_a_first_line_too_long_for_a_headline(self):
        assert refusal("word " * 100 + "\n\nBody.") == messages.HEADLINE_TOO_LONG
        assert refusal("*** --- ***\n...\n") == messages.NO_HEADLINE


def test_a_place_without_an_agency():
    parsed = read_copy("Headline of the day\nAleppo –\nBy Nour Khalil\n\nA paragraph of copy.")
    assert (parsed.dateline, parsed.agency, parsed.bylines) == ("Aleppo", "", ("Nour Khalil",))
