"""Planning items, their workflow and assignments, and the way from plan to copy (issue 17)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Tag, TranslationRequest
from desk import workflow as desk_workflow
from desk.services import article_save
from inbox.models import Item
from planning import notifications, services, workflow
from planning.models import Assignment, PlanningEvent, PlanningItem, State
from planning.workflow import PlanningRefused
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory
from tests.planning_support import desk, propose, staff  # noqa: F401 -- fixtures

pytestmark = pytest.mark.django_db
Role = Assignment.Role


def soon(hours=4):
    return timezone.now() + timedelta(hours=hours)


def trail(item) -> list[tuple[str, str, str]]:
    return list(PlanningEvent.objects.filter(item=item).order_by("id").values_list("action", "from_state", "to_state"))


def test_one_item_from_idea_to_published_with_every_assignment(staff, desk, django_capture_on_commit_callbacks):
    """The acceptance walk: idea → planned → in progress → filed → published, with a reporter, a
    photographer, two translators and an editor; the trail, the inbox, the requests, the links."""
    person, organization = PersonFactory(name="Raed Al-Saleh"), OrganizationFactory(name="White Helmets")
    tag = Tag.objects.create(name="floods", slug="floods")
    item = propose(staff["reporter"], desk, people=[person], organizations=[organization], tags=[tag],
                   summary="Volunteers dig out families in Idlib.", place="Idlib", kind=Article.Kind.FEATURE)
    assert item.state == State.IDEA and item.created_by == staff["reporter"]

    editor = staff["editor"]
    workflow.item_transition(item=item, action="plan", user=editor)
    reporter = services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"], due_at=soon(), user=editor)
    photographer = services.assignment_create(item=item, role=Role.PHOTOGRAPHER, assignee=staff["photographer"],
                                              due_at=soon(), user=editor)
    arabic = services.assignment_create(item=item, role=Role.TRANSLATOR, language="ar", assignee=staff["translator_ar"],
                                        due_at=soon(8), user=editor)
    kurmanji = services.assignment_create(item=item, role=Role.TRANSLATOR, language="ku", assignee=staff["translator_ku"],
                                          due_at=soon(8), user=editor)
    services.assignment_create(item=item, role=Role.EDITOR, assignee=staff["desk_editor"], due_at=soon(6), user=editor)
    for user in ("reporter", "photographer", "translator_ar", "translator_ku", "desk_editor"):
        assert Item.objects.filter(recipient=staff[user], kind=notifications.ASSIGNED).count() == 1, user

    services.assignment_answer(assignment=reporter, answer="accept", user=staff["reporter"])
    services.assignment_answer(assignment=photographer, answer="decline", user=staff["photographer"], reason="In Aleppo that day")
    services.assignment_answer(assignment=arabic, answer="accept", user=staff["translator_ar"])
    answered = Item.objects.filter(recipient=editor, kind=notifications.ANSWERED)
    assert answered.count() == 3
    assert "In Aleppo that day" in answered.get(title__contains="declined").body

    article = services.story_start(item=item, user=staff["reporter"])
    item.refresh_from_db()
    assert item.state == State.IN_PROGRESS and item.article == article and article.planning_item == item
    assert (article.headline, article.dek, article.kind, article.language, article.dateline) == (
        "Rescue teams after the floods", "Volunteers dig out families in Idlib.", "feature", "en", "Idlib")
    assert [b.user for b in article.bylines.all()] == [staff["reporter"]]
    assert list(article.interviewees.all()) == [person]
    assert list(article.organizations.all()) == [organization]
    assert list(article.tags.all()) == [tag]

    article.body = "<p>Families were dug out of the mud.</p>"
    article_save(article=article, user=staff["reporter"], version=article.version)
    desk_workflow.article_transition(article=article, action="submit", user=staff["reporter"])
    item.refresh_from_db()
    assert item.state == State.FILED
    with django_capture_on_commit_callbacks(execute=True):
        desk_workflow.article_transition(article=article, action="publish", user=editor)
    item.refresh_from_db()
    assert item.state == State.PUBLISHED

    requests = TranslationRequest.objects.filter(source=article).order_by("language")
    assert [(r.language, r.translator, r.requested_by, r.state) for r in requests] == [
        ("ar", staff["translator_ar"], editor, "requested"), ("ku", staff["translator_ku"], editor, "requested")]
    arabic.refresh_from_db()
    kurmanji.refresh_from_db()
    assert arabic.translation_request.language == "ar" and kurmanji.translation_request.language == "ku"
    assert Item.objects.filter(recipient=staff["translator_ar"], kind="translation_requested").exists()

    assert trail(item) == [
        ("created", "", ""), ("plan", "idea", "planned"),
        *[("assigned", "", "")] * 5, *[("answered", "", "")] * 3,
        ("start", "planned", "in_progress"), ("file", "in_progress", "filed"), ("publish", "filed", "published"),
        ("translation_requested", "", ""), ("translation_requested", "", ""),
    ]
    assert PlanningEvent.objects.get(item=item, action="start").actor == staff["reporter"]
    assert PlanningEvent.objects.get(item=item, action="publish").actor is None  # moved with its article
    assert PlanningItem.objects.get(article=article) == item


class TestWorkflow:
    def test_reporters_propose_but_only_editors_plan_and_spike(self, staff, desk):
        item = propose(staff["reporter"], desk)
        with pytest.raises(PlanningRefused, match="only an editor may"):
            workflow.item_transition(item=item, action="plan", user=staff["reporter"])
        with pytest.raises(PlanningRefused, match="needs the reason"):
            workflow.item_transition(item=item, action="spike", user=staff["editor"])
        workflow.item_transition(item=item, action="spike", user=staff["editor"], note="Covered by agencies")
        assert PlanningItem.objects.get(pk=item.pk).state == State.SPIKED
        with pytest.raises(PlanningRefused, match="not possible for an item that is spiked"):
            workflow.item_transition(item=item, action="plan", user=staff["editor"])

    def test_translators_may_not_propose(self, staff, desk):
        with pytest.raises(PlanningRefused, match="Only members"):
            propose(staff["translator_ar"], desk)
        assert not PlanningItem.objects.exists()

    def test_filed_and_published_follow_the_article_never_a_click(self, staff, desk):
        item = propose(staff["editor"], desk)
        services.story_start(item=item, user=staff["editor"])
        with pytest.raises(PlanningRefused, match="only the item's article"):
            workflow.item_transition(item=item, action="file", user=staff["editor"])

    def test_a_proposer_edits_their_idea_until_it_is_planned(self, staff, desk):
        item = propose(staff["reporter"], desk)
        item.summary = "Better angle"
        services.item_save(item=item, user=staff["reporter"])
        workflow.item_transition(item=item, action="plan", user=staff["editor"])
        item.planned_at = soon(30)
        with pytest.raises(PlanningRefused, match="Only editors may change a planned item"):
            services.item_save(item=item, user=staff["reporter"])
        services.item_save(item=item, user=staff["editor"])
        assert [a for a, *_ in trail(item)] == ["created", "edited", "plan", "replanned", "edited"]

    @pytest.mark.parametrize("fields, message", [
        ({"languages": []}, "at least one language"),
        ({"languages": ["fr"]}, "not one of the site's languages"),
        ({"planned_until": timezone.now()}, "window must end after"),
    ])
    def test_bad_plans_are_refused_and_nothing_is_saved(self, staff, desk, fields, message):
        with pytest.raises(PlanningRefused, match=message):
            propose(staff["editor"], desk, **fields)
        assert not PlanningItem.objects.exists() and not PlanningEvent.objects.exists()

    def test_an_agency_copy_can_be_attached_and_the_item_catches_up(self, staff, desk):
        item = propose(staff["editor"], desk)
        copy = ArticleFactory(status=Article.Status.IN_REVIEW)
        services.item_attach_article(item=item, article=copy, user=staff["editor"])
        item.refresh_from_db()
        assert item.article == copy and item.state == State.FILED
        other = propose(staff["editor"], desk, slug_line="Another")
        with pytest.raises(PlanningRefused, match="belongs to another planning item"):
            services.item_attach_article(item=other, article=copy, user=staff["editor"])


class TestAssignments:
    def test_a_translator_assignment_needs_a_planned_language_and_a_translator(self, staff, desk):
        item = propose(staff["editor"], desk, languages=["en", "ar"])
        with pytest.raises(PlanningRefused, match="one of the item's languages"):
            services.assignment_create(item=item, role=Role.TRANSLATOR, language="ku", assignee=staff["translator_ku"],
                                       due_at=soon(), user=staff["editor"])
        with pytest.raises(PlanningRefused, match="not a translator"):
            services.assignment_create(item=item, role=Role.TRANSLATOR, language="ar", assignee=staff["reporter"],
                                       due_at=soon(), user=staff["editor"])
        with pytest.raises(PlanningRefused, match="Only editors"):
            services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"], due_at=soon(),
                                       user=staff["reporter"])
        assert not Assignment.objects.exists()

    def test_only_the_assignee_answers_and_a_decline_needs_a_reason(self, staff, desk):
        item = propose(staff["editor"], desk)
        assignment = services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"],
                                                due_at=soon(), user=staff["editor"])
        with pytest.raises(PlanningRefused, match="Only the person it is assigned to"):
            services.assignment_answer(assignment=assignment, answer="accept", user=staff["photographer"])
        with pytest.raises(PlanningRefused, match="Say why"):
            services.assignment_answer(assignment=assignment, answer="decline", user=staff["reporter"], reason=" ")
        services.assignment_answer(assignment=assignment, answer="done", user=staff["reporter"])
        with pytest.raises(PlanningRefused, match="cannot be declined"):
            services.assignment_answer(assignment=assignment, answer="decline", user=staff["reporter"], reason="x")

    def test_an_overdue_assignment_is_marked_once_and_its_editor_told(self, staff, desk):
        item = propose(staff["editor"], desk)
        services.assignment_create(item=item, role=Role.EDITOR, assignee=staff["desk_editor"], due_at=soon(48),
                                   user=staff["editor"])
        late = services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"], due_at=soon(1),
                                          user=staff["editor"])
        assert services.assignments_overdue_mark(now=soon(2)) == 1
        assert services.assignments_overdue_mark(now=soon(3)) == 0
        late.refresh_from_db()
        assert late.overdue_notified_at is not None and late.is_overdue(now=soon(2))
        told = Item.objects.filter(kind=notifications.OVERDUE)
        assert [i.recipient for i in told] == [staff["desk_editor"]]
        assert "Samer Taha" in told.get().body

    def test_the_periodic_sweep_is_registered(self):
        from jobs.services import PERIODIC

        assert "planning.overdue_sweep" in PERIODIC


class TestFromPlanToCopy:
    def test_only_the_reporter_or_an_editor_starts_the_story(self, staff, desk):
        item = propose(staff["editor"], desk)
        workflow.item_transition(item=item, action="plan", user=staff["editor"])
        with pytest.raises(PlanningRefused, match="only an editor or the item's reporter"):
            services.story_start(item=item, user=staff["photographer"])
        assert not Article.objects.exists()
        services.story_start(item=item, user=staff["editor"])
        with pytest.raises(PlanningRefused, match="started already"):
            services.story_start(item=item, user=staff["editor"])
        assert Article.objects.count() == 1

    def test_a_returned_story_puts_its_item_back_in_progress(self, staff, desk):
        item = propose(staff["editor"], desk)
        services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"], due_at=soon(), user=staff["editor"])
        article = services.story_start(item=item, user=staff["reporter"])
        article.body = "<p>Text.</p>"
        article_save(article=article, user=staff["reporter"], version=article.version)
        desk_workflow.article_transition(article=article, action="submit", user=staff["reporter"])
        desk_workflow.article_transition(article=article, action="return", user=staff["editor"], note="More sources")
        item.refresh_from_db()
        assert item.state == State.IN_PROGRESS
        assert [a for a, *_ in trail(item)][-3:] == ["start", "file", "reopen"]

    def test_a_reporter_cannot_reschedule_a_story_and_an_editor_can(self, staff, desk):
        item = propose(staff["editor"], desk)
        article = services.story_start(item=item, user=staff["editor"])
        article.body = "<p>Text.</p>"
        article_save(article=article, user=staff["editor"], version=article.version)
        desk_workflow.byline_ensure_author(article=article, user=staff["reporter"])
        desk_workflow.article_transition(article=article, action="schedule", user=staff["editor"], publish_at=soon(5))
        with pytest.raises(desk_workflow.TransitionRefused, match="only an editor may"):
            services.story_reschedule(article=article, publish_at=soon(9), user=staff["reporter"])
        article.refresh_from_db()
        assert article.status == "scheduled" and article.published_at < soon(6)
        services.story_reschedule(article=article, publish_at=soon(9), user=staff["editor"])
        article.refresh_from_db()
        assert article.status == "scheduled" and article.published_at > soon(8)


def test_the_demo_has_a_week_of_plans_around_its_stories_some_overdue():
    from seed.demo import seed_demo

    seed_demo()
    items = PlanningItem.objects.all()
    assert items.filter(state=State.PUBLISHED, article__isnull=False).count() >= 3
    assert items.filter(state=State.PLANNED).count() >= 4 and items.filter(state=State.IDEA).exists()
    overdue = Assignment.objects.filter(overdue_notified_at__isnull=False)
    assert overdue.count() >= 2
    assert Item.objects.filter(kind=notifications.OVERDUE).exists()
    days = {timezone.localdate(i.planned_at) for i in items.filter(article__isnull=True)}
    assert len(days) >= 5
    seed_demo()  # again: nothing more
    assert PlanningItem.objects.count() == items.count()


def test_an_attachment_is_stored_under_a_name_that_says_nothing(staff, desk, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    item = propose(staff["reporter"], desk,
                   attachment=SimpleUploadedFile("Interview with Raed Al-Saleh in Idlib.PDF", b"%PDF-1.4 notes"))
    name = PlanningItem.objects.get(pk=item.pk).attachment.name
    assert name.startswith("planning/") and name.endswith(".pdf")
    assert "Raed" not in name and "Idlib" not in name and len(name) > len("planning/") + 30
