"""Translation tracking: groups, "Translate into…", outdated translations, requests, the workflow for
translators, release across languages, and what the public site gets."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from desk import services
from newsroom.languages import isolate
from translations import services as translation
from desk import queues, workflow
from articles.models import Article, Correction, Interviewee, StatusChange, TranslationRequest
from translations.services import TranslationRefused
from desk.workflow import TransitionRefused
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, UserFactory
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db

State = TranslationRequest.State


@pytest.fixture
def source(people):
    """A published English interview with a person, an organization and tags."""
    article = article_in(
        Status.PUBLISHED, author=people["author"], headline="Rescuers dig through the night in Jandaris",
        dek="Teams from three towns joined.", body="<p>The first team arrived at dawn.</p><p>More followed.</p>",
    )
    person = PersonFactory(name="Raed Al-Saleh")
    Interviewee.objects.create(article=article, person=person, role="head of the Civil Defence", position=0)
    article.organizations.set([OrganizationFactory(name="Syria Civil Defence")])
    article.tags.set(["Earthquake", "Jandaris"])
    return article


def arabic_of(source, people, **options) -> Article:
    return translation.translation_create(source=source, language="ar", user=people["editor"],
                                          translator=people["translator"], **options)


def published_arabic(source, people) -> Article:
    arabic = arabic_of(source, people)
    edit(arabic, people["translator"], headline="رجال الإنقاذ يحفرون طوال الليل في جنديرس",
         body="<p>وصل الفريق الأول عند الفجر.</p>")
    workflow.article_transition(article=arabic, action="publish", user=people["editor"])
    return arabic


def edit(article, user, *, tags=None, **fields) -> None:
    """Save content as the admin does: the fields and tags, then a revision, in one transaction."""
    current = Article.objects.get(pk=article.pk)
    for name, value in fields.items():
        setattr(current, name, value)
    services.article_save(article=current, user=user, version=current.version,
                          relations=None if tags is None else lambda a: a.tags.set(tags))
    article.refresh_from_db()


def outdated(article) -> bool:
    return translation.with_translation_state(Article.objects.filter(pk=article.pk)).get().translation_outdated


def correct(article, user, text) -> Correction:
    note = Correction(article=article, text=text, created_by=user)
    article.refresh_from_db()
    services.article_save(article=article, user=user, version=article.version,
                          relations=lambda _article: note.save(), correction_added=True)
    return note


# --- translation groups ------------------------------------------------------------------------


class TestTranslateInto:
    def test_creates_a_linked_draft_prefilled_with_the_source_and_assigned_to_the_translator(self, source, people):
        arabic = arabic_of(source, people)

        assert (arabic.language, arabic.status, arabic.translation_key) == ("ar", Status.DRAFT, source.translation_key)
        assert arabic.translation_source == source and arabic.translator == people["translator"]
        assert (arabic.headline, arabic.dek, arabic.body) == (source.headline, source.dek, source.body)
        assert sorted(arabic.tags.names()) == ["Earthquake", "Jandaris"]
        assert [(i.person.name, i.role) for i in arabic.interviewee_links.all()] == [
            ("Raed Al-Saleh", "head of the Civil Defence")
        ]
        assert [o.name for o in arabic.organizations.all()] == ["Syria Civil Defence"]
        assert [b.user for b in arabic.bylines.all()] == [people["author"]]
        assert arabic.translation_source_revision == source.revisions.get(number=1)
        assert arabic.revisions.get().note == f"Translation of “{source.headline}” (source revision 1)"
        assert not outdated(arabic) and not outdated(source)

    def test_two_articles_in_the_same_language_cannot_join_one_group(self, source, people):
        arabic_of(source, people)
        with pytest.raises(TranslationRefused, match="This story already has a version in Arabic."):
            arabic_of(source, people)
        with pytest.raises(IntegrityError), transaction.atomic():  # the database says the same
            ArticleFactory(language="ar", translation_key=source.translation_key, translation_source=source)
        assert Article.objects.filter(translation_key=source.translation_key).count() == 2

    @pytest.mark.parametrize(
        "language, code",
        [("en", "same_language"), ("fr", "unknown_language")],
    )
    def test_the_language_must_be_another_site_language(self, source, people, language, code):
        with pytest.raises(TranslationRefused) as refusal:
            translation.translation_create(source=source, language=language, user=people["editor"],
                                           translator=people["translator"])
        assert refusal.value.code == code
        assert not source.translations.exists()

    def test_a_translation_is_made_from_the_source_not_from_another_translation(self, source, people):
        arabic = arabic_of(source, people)
        with pytest.raises(TranslationRefused, match="Translate from the story's source version") as refusal:
            translation.translation_create(source=arabic, language="ku", user=people["editor"],
                                           translator=people["translator"])
        assert refusal.value.code == "not_a_source"

    def test_who_may_translate_and_for_whom(self, source, people):
        with pytest.raises(TranslationRefused, match="Only editors and translators"):
            translation.translation_create(source=source, language="ar", user=people["author"])
        with pytest.raises(TranslationRefused, match="Choose the translator"):
            translation.translation_create(source=source, language="ar", user=people["editor"])
        with pytest.raises(TranslationRefused, match="is not a translator|are not a translator"):
            translation.translation_create(source=source, language="ar", user=people["editor"],
                                           translator=people["other_reporter"])
        other_translator = UserFactory(username="translator2", role="Translator")
        with pytest.raises(TranslationRefused, match="Translators make translations for themselves"):
            translation.translation_create(source=source, language="ar", user=people["translator"],
                                           translator=other_translator)
        assert not source.translations.exists()
        mine = translation.translation_create(source=source, language="ar", user=people["translator"])
        assert mine.translator == people["translator"]

    def test_the_translator_is_emailed_when_an_editor_assigns_a_translation(self, source, people, mailoutbox,
                                                                          django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(TranslationRefused):
            translation.translation_create(source=source, language="ar", user=people["editor"])  # sends nothing
        with django_capture_on_commit_callbacks(execute=True):
            translation.translation_create(source=source, language="ku", user=people["translator"])  # their own
        with django_capture_on_commit_callbacks(execute=True):
            arabic = arabic_of(source, people)
        assert [(m.to, m.subject) for m in mailoutbox] == [
            (["translator@newsroom.example"], f"[Newsroom] Translation assigned to you: {isolate(source.headline)}")
        ]
        assert f"/admin/articles/article/{arabic.pk}/change/" in mailoutbox[0].body


# --- outdated ------------------------------------------------------------------------------------


class TestOutdated:
    def test_editing_the_source_body_makes_its_published_arabic_translation_outdated(self, source, people):
        arabic = published_arabic(source, people)
        assert not outdated(arabic)
        edit(source, people["editor"], body="<p>The first team arrived at dawn.</p><p>Seven were rescued.</p>")
        assert outdated(arabic)
        changes = translation.source_changes(arabic)
        assert changes.outdated and [c.label for c in changes.changes] == ["Body"]
        assert "<ins>Seven were rescued.</ins>" in changes.changes[0].html
        assert "<del>More followed.</del>" in changes.changes[0].html

    @pytest.mark.parametrize("field", ["headline", "dek"])
    def test_editing_the_source_headline_or_standfirst_makes_it_outdated(self, source, people, field):
        arabic = published_arabic(source, people)
        edit(source, people["editor"], **{field: "Changed wording"})
        assert outdated(arabic)

    def test_editing_only_tags_people_or_organizations_does_not(self, source, people):
        arabic = published_arabic(source, people)
        edit(source, people["editor"], tags=["Earthquake", "Jandaris", "Afrin"])
        source.organizations.add(OrganizationFactory(name="White Helmets"))
        Interviewee.objects.create(article=source, person=PersonFactory(), role="volunteer", position=1)
        edit(source, people["editor"], dateline="Jandaris, Syria")
        assert source.revisions.count() == 3  # the changes were kept as revisions…
        assert not outdated(arabic)  # …but the translated text is still the source's text

    def test_marking_it_up_to_date_clears_it_and_records_the_new_source_revision(self, source, people):
        arabic = published_arabic(source, people)
        edit(source, people["editor"], headline="Rescuers dig through a second night in Jandaris")
        assert outdated(arabic)
        translation.translation_mark_up_to_date(translation=arabic, user=people["translator"])
        arabic.refresh_from_db()
        assert not outdated(arabic)
        assert arabic.translation_source_revision == source.revisions.get(number=2)
        assert LogEntry.objects.get(object_id=str(arabic.pk)).change_message == (
            "Marked up to date with revision 2 of its source."
        )
        edit(source, people["editor"], dek="Teams from four towns joined.")  # the next change counts again
        assert outdated(arabic)

    def test_only_its_translator_or_an_editor_may_mark_it_up_to_date(self, source, people):
        arabic = published_arabic(source, people)
        edit(source, people["editor"], body="<p>New text.</p>")
        for user in [people["author"], UserFactory(username="translator2", role="Translator")]:
            with pytest.raises(TranslationRefused, match="Only the translation's translator or an editor"):
                translation.translation_mark_up_to_date(translation=arabic, user=user)
        assert outdated(arabic)
        translation.translation_mark_up_to_date(translation=arabic, user=people["editor"])
        with pytest.raises(TranslationRefused, match="up to date with its source already"):
            translation.translation_mark_up_to_date(translation=arabic, user=people["editor"])
        with pytest.raises(TranslationRefused, match="not a translation"):
            translation.translation_mark_up_to_date(translation=source, user=people["editor"])

    def test_text_changed_and_changed_back_is_not_outdated(self, source, people):
        arabic = published_arabic(source, people)
        original = source.body
        edit(source, people["editor"], body="<p>A mistake.</p>")
        edit(source, people["editor"], body=original)
        assert not outdated(arabic)

    def test_a_correction_on_the_source_marks_translations_outdated_and_is_offered(self, source, people):
        arabic = published_arabic(source, people)
        kurdish = translation.translation_create(source=source, language="ku", user=people["translator"])
        note = correct(source, people["editor"], "An earlier version gave the wrong town.")
        assert outdated(arabic) and outdated(kurdish)
        assert translation.source_changes(arabic).corrections == [note]
        assert translation.source_changes(arabic).changes == []  # the text itself did not change

        # Offered to the published translation: an editor adds it in Arabic; that settles it.
        with pytest.raises(TranslationRefused, match="Corrections are notes for readers of a published article"):
            translation.translation_correction_add(translation=kurdish, source_correction=note, text="Rast", user=people["editor"])
        with pytest.raises(TranslationRefused, match="Only someone who may edit"):
            translation.translation_correction_add(translation=arabic, source_correction=note, text="تصحيح",
                                                   user=people["translator"])
        added = translation.translation_correction_add(
            translation=arabic, source_correction=note, text="ذكرت نسخة سابقة بلدة خاطئة.", user=people["editor"]
        )
        assert (added.article, added.translation_of, added.kind) == (arabic, note, note.kind)
        arabic.refresh_from_db()
        assert arabic.revised_at is not None  # readers see "Updated"
        assert not outdated(arabic)
        assert outdated(kurdish)  # the draft works it into its text, then is marked up to date
        translation.translation_mark_up_to_date(translation=kurdish, user=people["translator"])
        assert not outdated(kurdish)

    def test_corrections_older_than_the_translation_are_not_offered(self, source, people):
        correct(source, people["editor"], "Fixed before anyone translated it.")
        arabic = arabic_of(source, people)
        assert not outdated(arabic) and translation.source_changes(arabic).corrections == []

    def test_a_translation_from_before_tracking_compares_with_the_sources_oldest_revision(self, people):
        english = article_in(Status.PUBLISHED, author=people["author"])
        legacy = article_in(Status.PUBLISHED, language="ar", translation_key=english.translation_key,
                            translation_source=english)  # no recorded revision, as the migration leaves it
        edit(english, people["editor"], tags=["Aleppo"])  # revision 1 (as it was) and 2 (tags)
        assert not outdated(legacy)
        edit(english, people["editor"], body="<p>Rewritten.</p>")
        assert outdated(legacy)
        assert [c.label for c in translation.source_changes(legacy).changes] == ["Body"]

    def test_the_translator_is_told_once_when_the_source_changes_and_on_each_correction(self, source, people,
                                                                                       mailoutbox, django_capture_on_commit_callbacks):
        arabic = published_arabic(source, people)
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            edit(source, people["editor"], tags=["Afrin"])
        assert mailoutbox == []
        with django_capture_on_commit_callbacks(execute=True):
            edit(source, people["editor"], body="<p>Seven were rescued.</p>")
        with django_capture_on_commit_callbacks(execute=True):
            edit(source, people["editor"], body="<p>Eight were rescued.</p>")  # outdated already: no new e-mail
        assert [(m.to, m.subject) for m in mailoutbox] == [
            (["translator@newsroom.example"], f"[Newsroom] Source changed: {isolate(arabic.headline)}")
        ]
        assert "changed the text of" in mailoutbox[0].body
        with django_capture_on_commit_callbacks(execute=True):
            correct(source, people["editor"], "The town was Jandaris, not Afrin.")
        assert len(mailoutbox) == 2 and "The town was Jandaris, not Afrin." in mailoutbox[1].body


# --- requests ------------------------------------------------------------------------------------


def request_arabic(source, people, **options) -> TranslationRequest:
    options.setdefault("due_at", timezone.now() + timedelta(hours=6))
    return translation.translation_request_create(source=source, language="ar", translator=people["translator"],
                                                  user=people["editor"], **options)


class TestRequests:
    def test_requests_move_through_their_states(self, source, people):
        request = request_arabic(source, people, note="Keep the quotes literal.")
        assert (request.state, request.translation, request.requested_by) == (State.REQUESTED, None, people["editor"])

        arabic = translation.translation_request_start(request=request, user=people["translator"])
        request.refresh_from_db()
        assert (request.state, request.translation) == (State.IN_PROGRESS, arabic)
        assert arabic.translator == people["translator"]

        edit(arabic, people["translator"], headline="عنوان", body="<p>نص</p>")
        workflow.article_transition(article=arabic, action="submit", user=people["translator"])
        request.refresh_from_db()
        assert request.state == State.IN_PROGRESS  # done only when published
        workflow.article_transition(article=arabic, action="publish", user=people["editor"])
        request.refresh_from_db()
        assert request.state == State.DONE and request.closed_at == arabic.published_at

        with pytest.raises(TranslationRefused, match="A request that is done cannot be cancelled"):
            translation.translation_request_cancel(request=request, user=people["editor"])

    def test_a_scheduled_translation_completes_its_request_when_the_scheduler_publishes_it(self, source, people):
        request = request_arabic(source, people)
        arabic = translation.translation_request_start(request=request, user=people["translator"])
        embargo = timezone.now() + timedelta(hours=1)
        workflow.article_transition(article=arabic, action="schedule", user=people["editor"], publish_at=embargo)
        request.refresh_from_db()
        assert request.state == State.IN_PROGRESS
        workflow.articles_publish_due(now=embargo + timedelta(minutes=1))
        request.refresh_from_db()
        assert request.state == State.DONE

    def test_a_request_can_be_cancelled_and_then_not_started(self, source, people, mailoutbox,
                                                            django_capture_on_commit_callbacks):
        request = request_arabic(source, people)
        with pytest.raises(TranslationRefused, match="Only editors"):
            translation.translation_request_cancel(request=request, user=people["translator"])
        with django_capture_on_commit_callbacks(execute=True):
            translation.translation_request_cancel(request=request, user=people["editor"])
        request.refresh_from_db()
        assert request.state == State.CANCELLED and request.closed_at is not None
        assert mailoutbox[-1].subject == f"[Newsroom] Translation request cancelled: {isolate(source.headline)}"
        with pytest.raises(TranslationRefused, match="A request that is cancelled cannot be started"):
            translation.translation_request_start(request=request, user=people["translator"])
        assert not source.translations.exists()
        request_arabic(source, people)  # a new request for the language may follow

    def test_a_request_needs_an_editor_a_translator_a_future_due_time_and_no_other_open_request(self, source, people):
        with pytest.raises(TranslationRefused, match="Only editors"):
            translation.translation_request_create(source=source, language="ar", translator=people["translator"],
                                                   user=people["translator"], due_at=timezone.now() + timedelta(days=1))
        with pytest.raises(TranslationRefused, match="due time must be in the future"):
            request_arabic(source, people, due_at=timezone.now() - timedelta(minutes=1))
        with pytest.raises(TranslationRefused, match="not a translator"):
            translation.translation_request_create(source=source, language="ar", translator=people["author"],
                                                   user=people["editor"], due_at=timezone.now() + timedelta(days=1))
        request_arabic(source, people)
        with pytest.raises(Exception, match="already has an open request for that language"):
            request_arabic(source, people)
        assert TranslationRequest.objects.count() == 1

    def test_a_story_already_published_in_the_language_cannot_be_requested(self, source, people):
        published_arabic(source, people)
        with pytest.raises(TranslationRefused, match="already published in Arabic"):
            request_arabic(source, people)

    def test_a_request_takes_over_an_unpublished_version(self, source, people):
        draft = translation.translation_create(source=source, language="ar", user=people["translator"])
        second = UserFactory(username="translator2", role="Translator")
        request = translation.translation_request_create(source=source, language="ar", translator=second,
                                                         user=people["editor"], due_at=timezone.now() + timedelta(days=1))
        draft.refresh_from_db()
        assert (request.state, request.translation, draft.translator) == (State.IN_PROGRESS, draft, second)

    def test_the_translator_is_emailed_the_request(self, source, people, mailoutbox, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            request_arabic(source, people, note="Needed for the evening bulletin.")
        [mail] = mailoutbox
        assert mail.to == ["translator@newsroom.example"]
        assert mail.subject == f"[Newsroom] Translation requested: {isolate(source.headline)}"
        assert "Needed for the evening bulletin." in mail.body and "?mine=1" in mail.body

    def test_overdue_means_open_and_past_its_due_time(self, source, people, time_machine):
        request = request_arabic(source, people, due_at=timezone.now() + timedelta(hours=2))
        assert not request.is_overdue
        time_machine.move_to(timezone.now() + timedelta(hours=3))
        assert request.is_overdue
        translation.translation_request_cancel(request=request, user=people["editor"])
        request.refresh_from_db()
        assert not request.is_overdue


# --- the workflow for translations --------------------------------------------------------------


class TestTranslatorWorkflow:
    def test_a_translator_edits_and_submits_their_translation_but_cannot_publish(self, source, people):
        arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
        translator = people["translator"]
        assert workflow.can_edit(translator, arabic)
        assert [t.action.value for t in workflow.available_transitions(translator, arabic)] == ["submit"]
        workflow.article_transition(article=arabic, action="submit", user=translator)
        assert not workflow.can_edit(translator, arabic)
        assert workflow.read_only_reason(translator, arabic) == workflow.READ_ONLY_SUBMITTED
        for action in ["publish", "schedule", "return"]:
            with pytest.raises(TransitionRefused, match="only an editor may"):
                workflow.article_transition(article=arabic, action=action, user=translator, note="x",
                                            publish_at=timezone.now() + timedelta(hours=1))
        arabic.refresh_from_db()
        assert arabic.status == Status.IN_REVIEW

    def test_a_translator_may_not_edit_the_source_or_someone_elses_translation(self, source, people):
        other = UserFactory(username="translator2", role="Translator")
        arabic = translation.translation_create(source=source, language="ar", user=other)
        source.status = Status.DRAFT  # even a draft source is its authors'
        assert not workflow.can_edit(people["translator"], source)
        assert not workflow.can_edit(people["translator"], arabic)
        with pytest.raises(TransitionRefused, match="only an author"):
            workflow.article_transition(article=arabic, action="submit", user=people["translator"])

    def test_the_translator_hears_when_their_translation_is_returned_or_published(self, source, people, mailoutbox,
                                                                                 django_capture_on_commit_callbacks):
        arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
        workflow.article_transition(article=arabic, action="submit", user=people["translator"])
        with django_capture_on_commit_callbacks(execute=True):
            workflow.article_transition(article=arabic, action="return", user=people["editor"], note="Check the quote.")
        assert {tuple(m.to) for m in mailoutbox} == {("translator@newsroom.example",), ("author@newsroom.example",)}

    def test_my_drafts_and_my_articles_hold_the_translations_assigned_to_me(self, source, people):
        arabic = translation.translation_create(source=source, language="ar", user=people["translator"])
        counts = {queue.key: n for queue, n in queues.queues_for(people["translator"])}
        assert counts == {"drafts": 1, "mine": 1}
        assert Article.objects.filter(queues.QUEUES["drafts"].condition(people["translator"])).get() == arabic


# --- release across languages -------------------------------------------------------------------


def story_in_review(people):
    """An English story in review with an Arabic translation in review and a Kurdish draft."""
    english = article_in(Status.IN_REVIEW, author=people["author"], headline="Schools reopen in Idlib")
    arabic = translation.translation_create(source=english, language="ar", user=people["translator"])
    workflow.article_transition(article=arabic, action="submit", user=people["translator"])
    kurdish = translation.translation_create(source=english, language="ku", user=people["translator"])
    return english, arabic, kurdish


def statuses(*articles):
    return [Article.objects.get(pk=a.pk).status for a in articles]


class TestRelease:
    def test_the_ready_versions_are_the_source_and_submitted_up_to_date_translations(self, people):
        english, arabic, kurdish = story_in_review(people)
        ready = {c.article.language: c.reason for c in translation.release_candidates(english)}
        assert ready == {"en": "", "ar": "", "ku": translation.NOT_READY_DRAFT}

    def test_publish_together_now(self, people, time_machine):
        time_machine.move_to("2026-05-04 08:00Z", tick=False)
        english, arabic, kurdish = story_in_review(people)
        changes = translation.story_release(source=english, languages=["en", "ar"], user=people["editor"])
        assert statuses(english, arabic, kurdish) == [Status.PUBLISHED, Status.PUBLISHED, Status.DRAFT]
        assert {Article.objects.get(pk=a.pk).published_at for a in (english, arabic)} == {timezone.now()}
        assert [(c.article_id, c.action, c.note) for c in changes] == [
            (english.pk, "publish", "Released together: English, Arabic."),
            (arabic.pk, "publish", "Released together: English, Arabic."),
        ]

    def test_schedule_together_at_one_embargo_then_the_scheduler_publishes_all(self, people):
        english, arabic, kurdish = story_in_review(people)
        embargo = timezone.now() + timedelta(hours=5)
        translation.story_release(source=arabic, languages=["en", "ar"], user=people["editor"], publish_at=embargo)
        versions = Article.objects.filter(pk__in=[english.pk, arabic.pk])
        assert {(a.status, a.published_at) for a in versions} == {(Status.SCHEDULED, embargo)}
        assert not Article.objects.published().filter(translation_key=english.translation_key).exists()
        published = workflow.articles_publish_due(now=embargo)
        assert {a.pk for a in published} == {english.pk, arabic.pk}

    def test_a_scheduled_version_is_rescheduled_to_the_common_time(self, people):
        english, arabic, kurdish = story_in_review(people)
        workflow.article_transition(article=arabic, action="schedule", user=people["editor"],
                                    publish_at=timezone.now() + timedelta(days=2))
        embargo = timezone.now() + timedelta(hours=5)
        translation.story_release(source=english, languages=["en", "ar"], user=people["editor"], publish_at=embargo)
        assert Article.objects.get(pk=arabic.pk).published_at == embargo
        assert [s.action for s in StatusChange.objects.filter(article=arabic).order_by("id")] == [
            "submit", "schedule", "unschedule", "schedule"
        ]

    def test_release_is_all_or_nothing(self, people):
        english, arabic, kurdish = story_in_review(people)
        arabic.bylines.all().delete()  # the Arabic version can no longer be published
        before = StatusChange.objects.count()
        with pytest.raises(TranslationRefused, match="Nothing was released: the Arabic version was refused: "
                                                     "The article needs at least one byline first."):
            translation.story_release(source=english, languages=["en", "ar"], user=people["editor"])
        assert statuses(english, arabic) == [Status.IN_REVIEW, Status.IN_REVIEW]  # English too
        assert StatusChange.objects.count() == before

    def test_release_refuses_drafts_outdated_translations_nothing_chosen_and_non_editors(self, people):
        english, arabic, kurdish = story_in_review(people)
        with pytest.raises(TranslationRefused, match=r"the Kurdish version is not ready \(a draft"):
            translation.story_release(source=english, languages=["en", "ku"], user=people["editor"])
        edit(english, people["editor"], body="<p>Changed after translation.</p>")
        with pytest.raises(TranslationRefused, match=r"the Arabic version is not ready \(outdated"):
            translation.story_release(source=english, languages=["en", "ar"], user=people["editor"])
        with pytest.raises(TranslationRefused, match="Choose at least one"):
            translation.story_release(source=english, languages=[], user=people["editor"])
        with pytest.raises(TranslationRefused, match="Only editors may release"):
            translation.story_release(source=english, languages=["en"], user=people["translator"])
        assert statuses(english, arabic, kurdish) == [Status.IN_REVIEW, Status.IN_REVIEW, Status.DRAFT]

    def test_a_published_source_releases_its_ready_translations(self, source, people):
        arabic = arabic_of(source, people)
        workflow.article_transition(article=arabic, action="submit", user=people["translator"])
        assert {c.article.language: c.ready for c in translation.release_candidates(source)} == {"en": False, "ar": True}
        translation.story_release(source=source, languages=["ar"], user=people["editor"])
        assert statuses(arabic) == [Status.PUBLISHED]


# --- for the front end --------------------------------------------------------------------------


def test_a_published_article_gives_its_published_translations_for_hreflang_and_the_switcher(source, people, client):
    arabic = published_arabic(source, people)
    translation.translation_create(source=source, language="ku", user=people["translator"])  # a draft: hidden
    assert source.published_translations() == [arabic]
    assert Article.objects.get(pk=arabic.pk).published_translations() == [source]
    html = client.get(source.get_absolute_url()).content.decode()
    assert f'hreflang="ar" href="http://127.0.0.1:8000{arabic.get_absolute_url()}"' in html or (
        f'href="http://127.0.0.1:8000{arabic.get_absolute_url()}" hreflang="ar"' in html
    )
    assert 'hreflang="ku"' not in html.split("</head>")[0]
    assert f'href="{arabic.get_absolute_url()}"' in html  # the switcher leads to the same story
