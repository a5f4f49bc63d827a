"""The admin's translation screens: the languages panel, “Translate into…”, outdated translations in
lists and on their page, the coverage matrix (with its query budget), requests, release."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, Correction, Revision, TranslationRequest
from desk import revisions, workflow
from tests.factories import UserFactory
from tests.test_translation import correct, edit, outdated, published_arabic, request_arabic, source  # noqa: F401
from tests.test_workflow_admin import change_form_data, change_url, client_for, messages_of
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401
from translations import coverage
from translations import services as translation

pytestmark = pytest.mark.django_db

State = TranslationRequest.State
COVERAGE = reverse("admin:articles_article_coverage")


def translate_url(article, language, **query):
    url = reverse("admin:articles_article_translate", args=[article.pk, language])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


class TestLanguagesPanel:
    def test_the_source_page_offers_translate_into_to_editors_and_translators_only(self, source, people):
        request_arabic(source, people)
        for role, offered in [("editor", True), ("translator", True), ("author", False)]:
            html = client_for(people[role]).get(change_url(source)).content.decode()
            panel = html[html.index('id="translation-heading"'):]
            assert ("Translate into Kurdish…" in panel) is offered, role
            assert "Translate into English" not in panel and "Translate into Arabic" not in panel
            assert "Requested from" in panel  # Arabic is requested already

    def test_translate_into_makes_the_draft_and_opens_it(self, source, people):
        client = client_for(people["translator"])
        page = client.get(translate_url(source, "ar")).content.decode()
        assert "Create the Arabic draft now" in page and "Request translation" not in page
        response = client.post(translate_url(source, "ar"), {"create": "1", "translator": people["translator"].pk})
        arabic = Article.objects.get(translation_source=source, language="ar")
        assert response.status_code == 302 and response.url == change_url(arabic)
        html = client.get(change_url(arabic)).content.decode()
        assert 'name="_save"' in html  # theirs to translate
        assert re.findall(r'class="workflow-action action-(\w+)"', html) == ["submit"]
        assert "Arabic translation of" in html and "Up to date with its source." in html
        # Once it exists, the same address leads to it.
        assert client.get(translate_url(source, "ar")).url == change_url(arabic)

    def test_the_versions_of_a_translated_story_keep_their_language(self, source, people):
        arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
        client = client_for(people["translator"])
        response = client.get(change_url(arabic))
        assert "language" not in response.context["adminform"].form.fields
        client.post(change_url(arabic), change_form_data(response, language="en", headline="عنوان"))
        arabic.refresh_from_db()
        assert (arabic.language, arabic.headline) == ("ar", "عنوان")
        assert "language" not in client_for(people["editor"]).get(change_url(source)).context["adminform"].form.fields

    def test_a_refusal_is_shown_on_the_form_and_nothing_is_made(self, source, people):
        client = client_for(people["editor"])
        response = client.post(translate_url(source, "ar"), {"create": "1", "translator": ""})
        assert "Choose the translator the translation is assigned to." in response.content.decode()
        assert not source.translations.exists()
        assert client_for(people["author"]).get(translate_url(source, "ar")).status_code == 403
        assert client.get(translate_url(source, "fr")).status_code == 404


class TestOutdatedInTheAdmin:
    def test_editing_the_source_body_in_the_admin_flags_the_translation_in_the_list_and_on_its_page(
        self, source, people
    ):
        arabic = published_arabic(source, people)
        editor = client_for(people["editor"])
        data = change_form_data(editor.get(change_url(source)),
                                body="<p>The first team arrived at dawn.</p><p>Seven were rescued.</p>")
        assert editor.post(change_url(source), data).status_code == 302
        assert outdated(arabic)

        changelist = reverse("admin:articles_article_changelist")
        listed = editor.get(changelist, {"translation": "outdated"}).context["cl"].result_list
        assert [a.pk for a in listed] == [arabic.pk]
        html = editor.get(changelist).content.decode()
        row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*?/admin/articles/article/{arabic.pk}/change/.*?</tr>', html, re.S)
        assert "translation-outdated" in row.group(0)

        page = client_for(people["translator"]).get(change_url(arabic)).content.decode()
        notice = page[page.index("translation-outdated-notice"):]
        assert "The source changed since this translation was made" in notice
        assert "<ins>Seven were rescued.</ins>" in notice
        assert "Mark up to date" in notice

    def test_marking_up_to_date_from_the_page(self, source, people):
        arabic = published_arabic(source, people)
        edit(source, people["editor"], headline="A new headline")
        response = client_for(people["translator"]).post(
            reverse("admin:articles_article_translation_up_to_date", args=[arabic.pk])
        )
        assert messages_of(response) == ["Marked up to date with its source."]
        assert not outdated(arabic)
        again = client_for(people["translator"]).post(
            reverse("admin:articles_article_translation_up_to_date", args=[arabic.pk])
        )
        assert messages_of(again) == [translation.ALREADY_UP_TO_DATE]

    def test_a_source_correction_is_offered_on_the_translation_page_and_added_in_its_words(self, source, people):
        arabic = published_arabic(source, people)
        note = correct(source, people["editor"], "An earlier version gave the wrong town.")
        editor = client_for(people["editor"])
        page = editor.get(change_url(arabic)).content.decode()
        assert "An earlier version gave the wrong town." in page and "Add this correction to the translation" in page
        translator_page = client_for(people["translator"]).get(change_url(arabic)).content.decode()
        assert "An editor can add it to this published translation." in translator_page
        url = reverse("admin:articles_article_translation_correction", args=[arabic.pk, note.pk])
        response = editor.post(url, {"text": "ذكرت نسخة سابقة بلدة خاطئة."})
        assert messages_of(response) == ["The correction was added to this translation."]
        assert Correction.objects.get(article=arabic).translation_of == note
        assert not outdated(arabic)


# --- the coverage matrix -------------------------------------------------------------------------


def cells(response) -> dict[str, dict[str, str]]:
    """{story headline: {language: state}} of the matrix page."""
    return {row.story.headline: {c.language: c.state for c in row.cells}
            for row in response.context["matrix"].page.object_list}


@pytest.fixture
def desk(people, source):
    """Stories in every state: see the comments."""
    arabic = published_arabic(source, people)  # en source published, ar published, ku missing
    quake = article_in(Status.PUBLISHED, author=people["author"], headline="Aftershocks in Harem")
    quake_ar = translation.translation_create(source=quake, language="ar", user=people["translator"])
    workflow.article_transition(article=quake_ar, action="submit", user=people["translator"])  # ar in review
    edit(quake, people["editor"], body="<p>A second tremor.</p>")  # … and outdated
    translation.translation_request_create(source=quake, language="ku", translator=people["translator"],
                                           user=people["editor"], due_at=timezone.now() + timedelta(days=1))
    original_ar = article_in(Status.DRAFT, author=people["author"], language="ar", headline="مدارس إدلب")
    old = article_in(Status.PUBLISHED, author=people["author"], headline="Last year's floods",
                     published_at=timezone.now() - timedelta(days=400))
    return {"source": source, "arabic": arabic, "quake": quake, "quake_ar": quake_ar, "original_ar": original_ar,
            "old": old}


class TestCoverageMatrix:
    def test_each_cell_shows_the_state_of_the_story_in_that_language(self, desk, people):
        response = client_for(people["editor"]).get(COVERAGE)
        assert cells(response) == {
            desk["source"].headline: {"en": "published", "ar": "published", "ku": "missing"},
            "Aftershocks in Harem": {"en": "published", "ar": "outdated", "ku": "requested"},
            "مدارس إدلب": {"en": "missing", "ar": "draft", "ku": "missing"},
            "Last year's floods": {"en": "published", "ar": "missing", "ku": "missing"},
        }
        html = response.content.decode()
        assert "(in review)" in html  # the outdated cell says what the version is
        # Each cell is a link to act on it: the version, or translating it.
        for url in [change_url(desk["arabic"]), change_url(desk["quake_ar"]), translate_url(desk["source"], "ku")]:
            assert f'href="{url}' in html

    def test_reporters_see_the_matrix_without_translate_links(self, desk, people):
        html = client_for(people["author"]).get(COVERAGE).content.decode()
        assert translate_url(desk["source"], "ku") not in html and change_url(desk["arabic"]) in html

    def test_filters_by_language_state_and_date(self, desk, people):
        client = client_for(people["editor"])
        missing_ar = client.get(COVERAGE, {"language": "ar", "state": "missing"})
        assert cells(missing_ar) == {"Last year's floods": {"ar": "missing"}}
        assert set(cells(client.get(COVERAGE, {"state": "outdated"}))) == {"Aftershocks in Harem"}
        assert set(cells(client.get(COVERAGE, {"state": "requested"}))) == {"Aftershocks in Harem"}
        recent = cells(client.get(COVERAGE, {"since": (timezone.now() - timedelta(days=30)).date().isoformat()}))
        assert "Last year's floods" not in recent and len(recent) == 3
        old = cells(client.get(COVERAGE, {"until": (timezone.now() - timedelta(days=300)).date().isoformat()}))
        assert list(old) == ["Last year's floods"]
        bad = client.get(COVERAGE, {"since": "not a date"})
        assert bad.status_code == 200 and "From: Enter a valid date." in bad.content.decode()

    def test_counts_per_language(self, desk, people):
        matrix = client_for(people["editor"]).get(COVERAGE).context["matrix"]
        assert matrix.total == 4
        nonzero = {code: {s: n for s, n in counts.items() if n} for code, counts in matrix.counts.items()}
        assert nonzero == {
            "en": {"published": 3, "missing": 1},
            "ar": {"published": 1, "outdated": 1, "draft": 1, "missing": 1},
            "ku": {"missing": 3, "requested": 1},
        }

    def test_the_state_filter_and_the_counts_agree_with_the_cells(self, desk, people):
        matrix = coverage.coverage()
        every = {row.story.pk: {c.language: c.state for c in row.cells} for row in matrix.page.object_list}
        for code in translation.language_codes():
            for state in coverage.STATES:
                having = {pk for pk, states in every.items() if states[code] == state}
                filtered = coverage.coverage(language=code, state=state)
                assert {row.story.pk for row in filtered.page.object_list} == having, (code, state)
                assert matrix.counts[code][state] == len(having), (code, state)

    def test_an_editor_requests_an_arabic_translation_from_a_missing_cell(self, desk, people):
        client = client_for(people["editor"])
        link = translate_url(desk["old"], "ar", next=COVERAGE)
        page = client.get(link).content.decode()
        assert "Request translation" in page and "Create the Arabic draft now" in page
        response = client.post(link, {
            "request": "1", "translator": people["translator"].pk,
            "due_at": (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"), "note": "", "next": COVERAGE,
        })
        assert response.status_code == 302 and response.url == COVERAGE
        assert cells(client.get(COVERAGE))["Last year's floods"]["ar"] == "requested"

    def test_a_legacy_group_without_a_marked_source_is_one_row(self, people):
        english = article_in(Status.PUBLISHED, author=people["author"], headline="Legacy story")
        article_in(Status.PUBLISHED, language="ar", headline="قصة قديمة", translation_key=english.translation_key)
        assert cells(client_for(people["editor"]).get(COVERAGE)) == {
            "Legacy story": {"en": "published", "ar": "published", "ku": "missing"}
        }

    def test_paginated_with_the_same_number_of_queries_for_10_and_500_stories(self, people):
        client = client_for(people["editor"])
        client.get(COVERAGE)  # sessions and permissions warmed up

        def page_queries() -> int:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(COVERAGE)
            assert response.status_code == 200
            return len(queries), response

        add_stories(10, people)
        ten, response = page_queries()
        assert len(response.context["matrix"].page.object_list) == 10
        add_stories(490, people)
        five_hundred, response = page_queries()
        matrix = response.context["matrix"]
        assert (len(matrix.page.object_list), matrix.page.paginator.num_pages, matrix.total) == (50, 10, 500)
        assert {c.state for row in matrix.page.object_list for c in row.cells} >= {
            "published", "outdated", "draft", "requested", "missing"
        }
        assert ten == five_hundred
        assert ten <= 11  # session, user, second-factor device, 2 × permissions; count, page, its cells, 2 × counts; the inbox's unread


def add_stories(count: int, people) -> None:
    """``count`` English stories (bulk inserts): every second has an Arabic translation, every fourth
    of those outdated, every third story a Kurdish request; each source has revisions."""
    now = timezone.now()
    sources = Article.objects.bulk_create(
        Article(headline=f"Bulk story {uuid.uuid4().hex[:8]}", slug=uuid.uuid4().hex, body="<p>Text.</p>",
                language="en", status=Status.PUBLISHED, published_at=now - timedelta(minutes=n + 1))
        for n in range(count)
    )
    Byline.objects.bulk_create(Byline(article=a, user=people["author"]) for a in sources)
    def revision(article, number, body):
        content = {"headline": article.headline, "dek": "", "body": body}
        return Revision(article=article, number=number, version=number, content=content,
                        text_key=revisions.text_key(content))

    first = Revision.objects.bulk_create(revision(a, 1, "<p>Text.</p>") for a in sources)
    Revision.objects.bulk_create(revision(a, 2, "<p>New.</p>") for n, a in enumerate(sources) if n % 8 == 0)
    Article.objects.bulk_create(
        Article(headline=f"ترجمة {n}", slug=uuid.uuid4().hex, body="<p>نص.</p>", language="ar",
                status=Status.PUBLISHED if n % 4 else Status.DRAFT, published_at=now if n % 4 else None,
                translation_key=a.translation_key, translation_source=a, translation_source_revision=first[n],
                translator=people["translator"])
        for n, a in enumerate(sources) if n % 2 == 0
    )
    TranslationRequest.objects.bulk_create(
        TranslationRequest(source=a, language="ku", translator=people["translator"], due_at=now + timedelta(days=1),
                           requested_by=people["editor"])
        for n, a in enumerate(sources) if n % 3 == 0
    )


# --- requests ------------------------------------------------------------------------------------


class TestRequestsInTheAdmin:
    def test_my_translation_requests_lists_mine_and_overdue_ones_stand_out(self, source, people, time_machine):
        mine = request_arabic(source, people, due_at=timezone.now() + timedelta(hours=2))
        other = UserFactory(username="translator2", role="Translator")
        story = article_in(Status.PUBLISHED, author=people["author"], headline="Another story")
        translation.translation_request_create(source=story, language="ku", translator=other, user=people["editor"],
                                               due_at=timezone.now() + timedelta(days=3))
        time_machine.move_to(timezone.now() + timedelta(hours=3))
        client = client_for(people["translator"])
        url = reverse("admin:articles_translationrequest_changelist")
        response = client.get(url, {"mine": "1"})
        assert [r.pk for r in response.context["cl"].result_list] == [mine.pk]
        html = response.content.decode()
        assert "Overdue · " in html and "Start translation" in html
        assert translate_url(source, "ar") in html

        index = client.get(reverse("admin:index")).content.decode()
        desk = index[index.index('id="translation-desk-heading"'):]
        assert re.search(r'My translation requests</a></th>\s*<td class="queue-count">1</td>', desk)
        assert "1 overdue" in desk

    def test_the_translator_starts_a_request_from_its_page(self, source, people):
        request = request_arabic(source, people, note="Keep the quotes literal.")
        client = client_for(people["translator"])
        page = client.get(translate_url(source, "ar")).content.decode()
        assert "Keep the quotes literal." in page and "Start translation" in page and "Cancel the request" not in page
        response = client.post(translate_url(source, "ar"), {"start": "1"})
        arabic = Article.objects.get(translation_source=source, language="ar")
        assert response.url == change_url(arabic)
        request.refresh_from_db()
        assert (request.state, request.translation) == (State.IN_PROGRESS, arabic)

    def test_an_editor_cancels_a_request(self, source, people):
        request = request_arabic(source, people)
        response = client_for(people["editor"]).post(translate_url(source, "ar"), {"cancel": "1"})
        assert messages_of(response) == ["Translation request cancelled."]
        request.refresh_from_db()
        assert request.state == State.CANCELLED
        request2 = request_arabic(source, people)
        client_for(people["translator"]).post(translate_url(source, "ar"), {"cancel": "1"})
        request2.refresh_from_db()
        assert request2.state == State.REQUESTED  # translators cannot cancel

    def test_requests_are_made_and_moved_by_the_translation_pages_not_edited(self, source, people):
        request = request_arabic(source, people)
        editor = client_for(people["editor"])
        assert editor.get(reverse("admin:articles_translationrequest_add")).status_code == 403
        page = editor.get(reverse("admin:articles_translationrequest_change", args=[request.pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


class TestReleasePage:
    def test_the_editor_publishes_a_story_and_its_ready_translation_together(self, people):
        english = article_in(Status.IN_REVIEW, author=people["author"], headline="Schools reopen in Idlib")
        arabic = translation.translation_create(source=english, language="ar", user=people["translator"])
        workflow.article_transition(article=arabic, action="submit", user=people["translator"])
        translation.translation_create(source=english, language="ku", user=people["translator"])
        client = client_for(people["editor"])
        url = reverse("admin:articles_article_release", args=[english.pk])
        assert f'href="{url}"' in client.get(change_url(english)).content.decode()
        page = client.get(url).content.decode()
        assert "not released: a draft: not submitted for review yet" in page
        assert client_for(people["translator"]).get(url).status_code == 403
        response = client.post(url, {"languages": ["en", "ar"], "publish": "1"})
        assert messages_of(response) == ["English, Arabic: published together."]
        assert [a.status for a in Article.objects.filter(pk__in=[english.pk, arabic.pk])] == ["published"] * 2

    def test_scheduling_together_needs_a_time_and_uses_it_for_all(self, people, time_machine):
        time_machine.move_to("2026-06-01 10:00Z", tick=False)
        english = article_in(Status.IN_REVIEW, author=people["author"])
        arabic = translation.translation_create(source=english, language="ar", user=people["translator"])
        workflow.article_transition(article=arabic, action="submit", user=people["translator"])
        client = client_for(people["editor"])
        url = reverse("admin:articles_article_release", args=[english.pk])
        missing = client.post(url, {"languages": ["en", "ar"], "schedule": "1", "publish_at": ""})
        assert "Scheduling needs a publication time." in missing.content.decode()
        client.post(url, {"languages": ["en", "ar"], "schedule": "1", "publish_at": "2026-06-02T07:30"})
        assert {(a.status, a.published_at.isoformat()) for a in Article.objects.all()} == {
            ("scheduled", "2026-06-02T07:30:00+00:00")
        }
