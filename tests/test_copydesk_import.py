"""Importing copy as drafts (copydesk.services and `manage.py import_article`)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from articles.models import Tag  # the articles own tag model (per-language names)

from articles.models import Article, Byline, Interviewee
from copydesk import messages
from copydesk.models import ImportRecord
from copydesk.services import (
    CopySource,
    IntervieweeChoice,
    copy_import,
    copy_import_batch,
    copy_import_confirm,
)
from people.models import Affiliation, Person
from tests.copy_fixtures import (
    INTERVIEW,
    INTERVIEW_SLUG,
    INTERVIEW_SUBHEADINGS,
    INTERVIEWEE_ROLE,
    interview_paragraphs,
    paragraph_html,
)

pytestmark = pytest.mark.django_db

FIXTURE = INTERVIEW  # tests/fixtures/en-interview-fire-rescue-hasakah.txt; its people: interview_register


def nothing_saved():
    return not (Article.objects.exists() or Byline.objects.exists() or ImportRecord.objects.exists())


class TestImportingTheAgencyInterview:
    def test_the_fixture_becomes_a_structured_draft(self, own_fixture, interview_register, reporter):
        copy = own_fixture(FIXTURE)
        result = copy_import(data=copy.encode("utf-8"), name=FIXTURE, user=reporter)
        assert result.status == "created"
        article = Article.objects.get()
        assert article.headline == "Hevin Mustafa: The Wind Decides Where We Go First"
        assert (article.dateline, article.agency) == ("Hasakah, Syria", "Newsroom Demo Agency")
        assert [b.display_name for b in article.bylines.all()] == ["Samer Taha"]
        assert re.findall(r"<h2>(.*?)</h2>", article.body) == INTERVIEW_SUBHEADINGS
        assert re.findall(r"<p>(.*?)</p>", article.body) == [paragraph_html(p) for p in interview_paragraphs(copy)]
        assert "<p><strong>Q:</strong> Who answers the calls?</p>" in article.body
        assert "\xa0" not in article.body and "&nbsp;" not in article.body
        assert (article.status, article.kind, article.language) == ("draft", "interview", "en")
        assert article.slug == INTERVIEW_SLUG == "hevin-mustafa-the-wind-decides-where-we-go-first"

    def test_the_record_keeps_who_when_and_what_was_proposed(self, own_fixture, interview_register, reporter):
        hevin, corps, head = interview_register
        copy_import(data=own_fixture(FIXTURE).encode("utf-8"), name=FIXTURE, user=reporter)
        record = ImportRecord.objects.get()
        assert (record.source_name, record.source_format, record.imported_by) == (FIXTURE, "text", reporter)
        assert [p["id"] for p in record.proposals["people"]] == [hevin.pk]
        assert [o["id"] for o in record.proposals["organizations"]] == [corps.pk]
        assert record.proposals["people"][0]["affiliation_id"] == head.pk
        assert record.proposals["people"][0]["role"] == INTERVIEWEE_ROLE
        assert record.proposals["kind"] == "interview"
        assert record.confirmed_at is None
        # the draft itself carries no interviewee or organization until the reporter confirms
        assert not record.article.interviewee_links.exists() and not record.article.organizations.exists()

    def test_a_byline_with_a_staff_members_full_name_is_linked_to_them(self, own_fixture, reporter):
        assert reporter.get_full_name() == "Samer Taha"
        copy_import(data=own_fixture(FIXTURE), name="")
        byline = Byline.objects.get()
        assert (byline.user, byline.name) == (reporter, "Samer Taha")
        assert ImportRecord.objects.get().source_format == "paste"


class TestImportingTwice:
    def test_the_same_copy_again_creates_nothing_and_names_the_article(self, own_fixture):
        copy = own_fixture(FIXTURE)
        first = copy_import(data=copy.encode("utf-8"), name="monday.txt")
        counts = (Article.objects.count(), Byline.objects.count(), ImportRecord.objects.count())
        for again in [copy.encode("utf-8"), copy.replace("\n", "\r\n").encode("utf-16"), copy]:
            second = copy_import(data=again, name="tuesday.txt")
            assert second.status == "duplicate" and second.article == first.article
            assert f"#{first.article.pk}" in second.message and first.article.headline in second.message
        assert (Article.objects.count(), Byline.objects.count(), ImportRecord.objects.count()) == counts

    def test_a_simultaneous_import_of_the_same_copy_keeps_one_draft(self, own_fixture, monkeypatch):
        from copydesk import services

        copy = own_fixture(FIXTURE)
        recognise = services.copy_recognize

        def someone_else_imports_it_meanwhile(*, parsed):
            monkeypatch.setattr(services, "copy_recognize", recognise)
            copy_import(data=copy, name="other-desk.txt")
            return recognise(parsed=parsed)

        monkeypatch.setattr(services, "copy_recognize", someone_else_imports_it_meanwhile)
        result = copy_import(data=copy, name="mine.txt")
        assert result.status == "duplicate" and result.record.source_name == "other-desk.txt"
        assert Article.objects.count() == ImportRecord.objects.count() == Byline.objects.count() == 1

    def test_once_the_draft_is_deleted_the_copy_can_be_imported_again(self, own_fixture):
        copy = own_fixture(FIXTURE)
        copy_import(data=copy).article.delete()
        assert not ImportRecord.objects.exists()
        assert copy_import(data=copy).status == "created"


class TestRefusalsCreateNothing:
    @pytest.mark.parametrize(
        "data, message",
        [
            (b"", messages.EMPTY),
            ("   \n\n", messages.EMPTY),
            (bytes(range(256)) * 10, messages.BINARY),
            ("Café\n\nThe café reopened.".encode("latin-1"), messages.WRONG_ENCODING),
            (b"x" * (2 * 1024 * 1024 + 1), messages.TOO_LARGE),
            ("Headline\n\n" + "Copy. " * 400_000, messages.TOO_LARGE),
        ],
        ids=["empty", "blank-paste", "binary", "latin-1", "over-2-MB", "pasted-over-2-MB"],
    )
    def test_refused_with_a_clear_message(self, data, message):
        with pytest.raises(ValidationError) as caught:
            copy_import(data=data, name="story.txt")
        assert caught.value.messages == [message]
        assert nothing_saved()

    def test_exactly_2_MB_is_accepted(self):
        data = b"A headline\n\n" + b"x" * (2 * 1024 * 1024 - 12)  # one long word keeps the test quick
        assert len(data) == 2 * 1024 * 1024
        assert copy_import(data=data).status == "created"

    def test_a_failure_half_way_leaves_no_half_article(self, own_fixture, monkeypatch):
        def broken(self, *args, **kwargs):
            raise ValidationError("the byline table is having a bad day")

        monkeypatch.setattr(Byline, "full_clean", broken)
        with pytest.raises(ValidationError):
            copy_import(data=own_fixture(FIXTURE))
        assert nothing_saved()


class TestBatches:
    def test_each_file_is_reported_and_one_failure_spoils_nothing(self, own_fixture):
        copy = own_fixture(FIXTURE)
        sources = [
            CopySource("interview.txt", lambda: copy.encode("utf-8")),
            CopySource("empty.txt", lambda: b""),
            CopySource("again.txt", lambda: copy.encode("utf-16")),
            CopySource("photo.jpg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4),
            CopySource("gone.txt", lambda: open("/nonexistent/gone.txt", "rb").read()),
            CopySource("short.txt", lambda: b"Bakery reopens in Idlib\n\nThe ovens are lit again."),
        ]
        seen = []
        results = copy_import_batch(sources=sources, progress=lambda n, r: seen.append((n, r.name, r.status)))
        assert [(r.name, r.status) for r in results] == [
            ("interview.txt", "created"),
            ("empty.txt", "refused"),
            ("again.txt", "duplicate"),
            ("photo.jpg", "refused"),
            ("gone.txt", "refused"),
            ("short.txt", "created"),
        ]
        assert seen == [(n, r.name, r.status) for n, r in enumerate(results, start=1)]
        assert results[1].message == messages.EMPTY and results[3].message == messages.BINARY
        assert "cannot be read" in results[4].message
        assert Article.objects.count() == ImportRecord.objects.count() == 2


class TestTheCommand:
    def test_a_batch_shows_progress_and_a_refusal_fails_the_command(self, own_fixture, tmp_path):
        good = tmp_path / "interview.txt"
        good.write_text(own_fixture(FIXTURE), encoding="utf-8")
        empty = tmp_path / "empty.txt"
        empty.write_bytes(b"")
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError) as caught:
            call_command("import_article", str(good), str(empty), stdout=out, stderr=err)
        assert caught.value.returncode == 1
        assert "1 created, 0 already imported, 1 refused" in str(caught.value)
        assert f"[1/2] {good}: Draft “Hevin Mustafa: The Wind Decides" in out.getvalue()
        assert "Proposed interviewees" in out.getvalue() and "/admin/copydesk/importrecord/" in out.getvalue()
        assert f"[2/2] {empty}: refused. {messages.EMPTY}" in err.getvalue()
        assert Article.objects.count() == 1

    def test_importing_again_succeeds_and_names_the_draft(self, own_fixture, tmp_path, reporter):
        path = tmp_path / "interview.txt"
        path.write_text(own_fixture(FIXTURE), encoding="utf-8")
        call_command("import_article", str(path), "--user", "reporter", stdout=io.StringIO())
        out = io.StringIO()
        call_command("import_article", str(path), stdout=out)  # exit status 0
        article = Article.objects.get()
        assert "Already imported" in out.getvalue() and f"#{article.pk}" in out.getvalue()
        assert "[1/1]" not in out.getvalue()  # a single file needs no progress counter
        assert ImportRecord.objects.get().imported_by == reporter

    def test_language_can_be_given(self, tmp_path):
        path = tmp_path / "ku.txt"
        path.write_text("Sernav\n\nNivîsek kurt.", encoding="utf-8")
        call_command("import_article", str(path), "--language", "ku", stdout=io.StringIO())
        assert Article.objects.get().language == "ku"


class TestConfirming:
    def test_confirmed_proposals_land_on_the_draft_once(self, own_fixture, interview_register, reporter):
        hevin, corps, head = interview_register
        qamishli = Tag.objects.create(name="Qamishli")
        record = copy_import(data=own_fixture(FIXTURE), user=reporter).record
        for _ in range(2):  # confirming twice changes nothing more
            article = copy_import_confirm(
                record=record,
                user=reporter,
                kind="interview",
                interviewees=[IntervieweeChoice(hevin, INTERVIEWEE_ROLE, head)],
                organizations=[corps],
                tags=[qamishli],
            )
        link = Interviewee.objects.get()
        assert (link.article, link.person, link.role, link.affiliation) == (
            article,
            hevin,
            "head of the Syrian Fire and Rescue Corps",
            head,
        )
        assert list(article.organizations.all()) == [corps] and list(article.tags.names()) == ["Qamishli"]
        record.refresh_from_db()
        assert record.confirmed_by == reporter and record.confirmed_at is not None
        assert article.status == "draft"

    def test_an_affiliation_of_someone_else_is_refused_and_nothing_changes(self, own_fixture, interview_register, reporter):
        hevin, corps, _ = interview_register
        other = Affiliation.objects.create(person=Person.objects.create(name="Someone Else"), organization=corps, role="Driver")
        record = copy_import(data=own_fixture(FIXTURE)).record
        with pytest.raises(ValidationError):
            copy_import_confirm(
                record=record,
                user=reporter,
                kind="news",
                interviewees=[IntervieweeChoice(hevin, "head", other)],
                organizations=[corps],
                tags=[],
            )
        article = Article.objects.get()
        assert article.kind == "interview" and not article.organizations.exists()
        assert not Interviewee.objects.exists()
