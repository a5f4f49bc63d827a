"""The workflow: the transition table, who may take each step, and what a step writes."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsroom import roles
from newsroom.languages import isolate
from desk import workflow
from articles.models import Article, Byline, StatusChange
from desk.workflow import SCHEDULER, TransitionRefused
from tests.factories import ArticleFactory
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db

EDITORS = {"editor", "superuser"}
# Written out from the issue, not read from workflow.TRANSITIONS: (step, from status) -> who may.
ALLOWED = {
    ("submit", Status.DRAFT): {"author"} | EDITORS,
    ("return", Status.IN_REVIEW): EDITORS,
    ("publish", Status.DRAFT): EDITORS,
    ("publish", Status.IN_REVIEW): EDITORS,
    ("schedule", Status.DRAFT): EDITORS,
    ("schedule", Status.IN_REVIEW): EDITORS,
    ("unschedule", Status.SCHEDULED): EDITORS,
    ("withdraw", Status.PUBLISHED): EDITORS,
    ("republish", Status.WITHDRAWN): EDITORS,
    # publish_due (scheduled -> published) is the scheduler's alone: no person may take it.
}
TARGET = {
    "submit": Status.IN_REVIEW,
    "return": Status.DRAFT,
    "publish": Status.PUBLISHED,
    "schedule": Status.SCHEDULED,
    "unschedule": Status.IN_REVIEW,
    "withdraw": Status.WITHDRAWN,
    "republish": Status.PUBLISHED,
    "publish_due": Status.PUBLISHED,
}
ROLES = ["anonymous", "author", "other_reporter", "translator", "editor", "superuser"]


def take(article, action, user, **options):
    options.setdefault("note", "Please check the figures." if action in {"return", "withdraw"} else "")
    if action == "schedule":
        options.setdefault("publish_at", timezone.now() + timedelta(hours=3))
    return workflow.article_transition(article=article, action=action, user=user, **options)


def state(article):
    article.refresh_from_db()
    return (article.status, article.version, article.published_at, article.status_changes.count())


def test_the_table_holds_the_issues_steps_and_nothing_else():
    table = {a: (set(t.sources), t.target, t.who.value) for a, t in workflow.TRANSITIONS.items()}
    assert table == {
        "submit": ({"draft"}, "in_review", "author_or_editor"),
        "return": ({"in_review"}, "draft", "editor"),
        "publish": ({"draft", "in_review"}, "published", "editor"),
        "schedule": ({"draft", "in_review"}, "scheduled", "editor"),
        "unschedule": ({"scheduled"}, "in_review", "editor"),
        "withdraw": ({"published"}, "withdrawn", "editor"),
        "republish": ({"withdrawn"}, "published", "editor"),
        "publish_due": ({"scheduled"}, "published", "scheduler"),
    }
    assert set(Article.Status.values) == {"draft", "in_review", "scheduled", "published", "withdrawn"}


@pytest.mark.parametrize("action", list(TARGET))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, role, action, mailoutbox):
    """Every role x every step x every status: allowed steps succeed, the rest change nothing."""
    user = people[role]
    wrong = []
    for status in Status.values:
        article = article_in(status, author=people["author"])
        before = state(article)
        allowed = role in ALLOWED.get((action, status), set())
        try:
            change = take(article, action, user)
        except TransitionRefused as refusal:
            if allowed:
                wrong.append(f"{status}: refused ({refusal.messages[0]}) but should succeed")
            elif state(article) != before:
                wrong.append(f"{status}: refused but the article changed: {before} -> {state(article)}")
            continue
        if not allowed:
            wrong.append(f"{status}: succeeded but should be refused")
            continue
        status_after, version, _, log_count = state(article)
        if (status_after, version, log_count) != (TARGET[action], before[1] + 1, before[3] + 1):
            wrong.append(f"{status}: succeeded but left {state(article)} (before {before})")
        if (change.actor, change.from_status, change.to_status) != (user, status, TARGET[action]):
            wrong.append(f"{status}: logged {change.actor} {change.from_status}->{change.to_status}")
    assert not wrong, f"{role} / {action}:\n" + "\n".join(wrong)


def test_every_refusal_says_why(people):
    draft = article_in(Status.DRAFT, author=people["author"])
    with pytest.raises(TransitionRefused, match="only an editor may") as refusal:
        take(draft, "publish", people["author"])
    assert refusal.value.code == "not_allowed"
    with pytest.raises(TransitionRefused, match="not possible for an article that is draft"):
        take(draft, "withdraw", people["editor"])
    with pytest.raises(TransitionRefused, match="no workflow step called “launch”"):
        take(draft, "launch", people["editor"])


@pytest.mark.parametrize(
    "fields, code",
    [
        ({"headline": "  "}, "needs_headline"),
        ({"body": "<p> </p>"}, "needs_body"),
        ({"byline": False}, "needs_byline"),
    ],
)
def test_submitting_needs_a_headline_a_body_and_a_byline(people, fields, code):
    byline = fields.pop("byline", True)
    article = ArticleFactory(**fields)
    if byline:
        Byline.objects.create(article=article, user=people["author"])
    before = state(article)
    with pytest.raises(TransitionRefused) as refusal:
        take(article, "submit", people["editor"])
    assert refusal.value.code == code
    assert state(article) == before


def test_returning_needs_a_note_and_withdrawing_a_reason(people):
    in_review = article_in(Status.IN_REVIEW, author=people["author"])
    published = article_in(Status.PUBLISHED, author=people["author"])
    for article, action, wording in [(in_review, "return", "a note to the author"), (published, "withdraw", "the reason")]:
        before = state(article)
        with pytest.raises(TransitionRefused, match=wording):
            take(article, action, people["editor"], note="   ")
        assert state(article) == before


def test_scheduling_needs_a_future_time(people):
    article = article_in(Status.IN_REVIEW, author=people["author"])
    before = state(article)
    with pytest.raises(TransitionRefused) as missing:
        take(article, "schedule", people["editor"], publish_at=None)
    with pytest.raises(TransitionRefused) as past:
        take(article, "schedule", people["editor"], publish_at=timezone.now() - timedelta(minutes=1))
    assert (missing.value.code, past.value.code) == ("time_required", "time_in_past")
    assert state(article) == before


def test_schedule_keeps_the_embargo_time_and_unschedule_clears_it(people):
    article = article_in(Status.IN_REVIEW, author=people["author"])
    embargo = timezone.now() + timedelta(days=1)
    change = take(article, "schedule", people["editor"], publish_at=embargo)
    assert (article.status, article.published_at, change.scheduled_for) == ("scheduled", embargo, embargo)
    take(article, "unschedule", people["editor"])
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("in_review", None)


def test_first_publication_time_never_changes(people, time_machine):
    time_machine.move_to("2026-03-01 09:00Z", tick=False)
    article = article_in(Status.IN_REVIEW, author=people["author"])
    take(article, "publish", people["editor"])
    first = article.published_at
    assert first == timezone.now()
    time_machine.move_to("2026-03-02 09:00Z", tick=False)
    take(article, "withdraw", people["editor"], note="Legal review")
    time_machine.move_to("2026-03-03 09:00Z", tick=False)
    take(article, "republish", people["editor"])
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", first)


def test_each_step_is_logged_who_when_from_to_note(people, time_machine):
    time_machine.move_to("2026-03-01 09:00Z", tick=False)
    article = article_in(Status.DRAFT, author=people["author"])
    take(article, "submit", people["author"])
    take(article, "return", people["editor"], note="The second quote needs a source.")
    log = list(StatusChange.objects.filter(article=article).order_by("created_at", "id"))
    assert [(s.actor.username, s.action, s.from_status, s.to_status, s.note) for s in log] == [
        ("author", "submit", "draft", "in_review", ""),
        ("editor", "return", "in_review", "draft", "The second quote needs a source."),
    ]
    assert all(s.created_at == timezone.now() for s in log)
    assert [s.version for s in log] == [2, 3]


def test_a_stale_copy_cannot_repeat_a_step(people):
    """Two editors click Publish on the same page: the second click is refused, not repeated."""
    article = article_in(Status.IN_REVIEW, author=people["author"])
    stale = Article.objects.get(pk=article.pk)
    take(article, "publish", people["editor"])
    with pytest.raises(TransitionRefused, match="published"):
        take(stale, "publish", people["superuser"])
    assert article.status_changes.count() == 1


def test_only_the_scheduler_publishes_when_due(people):
    due = article_in(Status.SCHEDULED, author=people["author"])
    later = article_in(Status.SCHEDULED, author=people["author"], published_at=timezone.now() + timedelta(hours=1))
    before = state(later)
    with pytest.raises(TransitionRefused) as refusal:
        workflow.article_transition(article=later, action="publish_due", user=SCHEDULER)
    assert refusal.value.code == "not_due" and state(later) == before
    change = workflow.article_transition(article=due, action="publish_due", user=SCHEDULER)
    assert (due.status, change.actor) == ("published", None)


def test_the_migrations_create_the_roles_with_the_editor_permission():
    """Straight from the migrations (no fixture re-creates the groups here)."""
    holders = Group.objects.filter(permissions__codename="publish_article").values_list("name", flat=True)
    assert list(holders) == [roles.EDITOR]
    assert set(Group.objects.values_list("name", flat=True)) == {roles.REPORTER, roles.EDITOR, roles.TRANSLATOR}


def test_roles_are_groups_and_only_editors_hold_the_editor_permission(people):
    assert set(Group.objects.values_list("name", flat=True)) >= {roles.REPORTER, roles.EDITOR, roles.TRANSLATOR}
    holders = {role for role, user in people.items() if user.has_perm(workflow.EDITOR_PERMISSION)}
    assert holders == EDITORS
    assert all(user.is_staff for role, user in people.items() if role != "anonymous")


def test_translation_roles_reporters_and_editors_may_take_are_the_buttons(people):
    draft = article_in(Status.DRAFT, author=people["author"])
    names = {role: [t.action.value for t in workflow.available_transitions(people[role], draft)] for role in ROLES}
    assert names == {
        "anonymous": [],
        "author": ["submit"],
        "other_reporter": [],
        "translator": [],
        "editor": ["submit", "publish", "schedule"],
        "superuser": ["submit", "publish", "schedule"],
    }


class TestEditRights:
    def test_reporters_edit_their_own_drafts_only(self, people):
        own = {s: article_in(s, author=people["author"]) for s in Status.values}
        assert {s for s, a in own.items() if workflow.can_edit(people["author"], a)} == {"draft"}
        assert not any(workflow.can_edit(people["other_reporter"], a) for a in own.values())
        assert not any(workflow.can_edit(people["translator"], a) for a in own.values())
        assert all(workflow.can_edit(people["editor"], a) for a in own.values())
        assert all(workflow.can_edit(people["superuser"], a) for a in own.values())

    def test_a_submitted_article_says_why_it_is_read_only(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        assert workflow.read_only_reason(people["author"], article) == workflow.READ_ONLY_SUBMITTED
        assert workflow.read_only_reason(people["other_reporter"], article) == workflow.READ_ONLY_NOT_YOURS
        assert workflow.read_only_reason(people["editor"], article) == ""


class TestNotifications:
    def run(self, capture, article, action, user, **options):
        with capture(execute=True):
            take(article, action, user, **options)

    def test_editors_hear_of_a_submission(self, people, mailoutbox, django_capture_on_commit_callbacks):
        article = article_in(Status.DRAFT, author=people["author"])
        self.run(django_capture_on_commit_callbacks, article, "submit", people["author"], note="Ready")
        assert [m.to for m in mailoutbox] == [["editor@newsroom.example"]]
        assert mailoutbox[0].subject == f"[Newsroom] Submitted for review: {isolate(article.headline)}"
        assert "Ready" in mailoutbox[0].body and f"/admin/articles/article/{article.pk}/change/" in mailoutbox[0].body

    @pytest.mark.parametrize("status, action, subject", [
        (Status.IN_REVIEW, "return", "Returned to you"),
        (Status.IN_REVIEW, "publish", "Published"),
        (Status.PUBLISHED, "withdraw", "Withdrawn"),
    ])
    def test_authors_hear_when_returned_published_or_withdrawn(
        self, people, mailoutbox, django_capture_on_commit_callbacks, status, action, subject
    ):
        article = article_in(status, author=people["author"])
        self.run(django_capture_on_commit_callbacks, article, action, people["editor"])
        assert [m.to for m in mailoutbox] == [["author@newsroom.example"]]
        assert mailoutbox[0].subject.startswith(f"[Newsroom] {subject}: ")

    def test_scheduling_and_a_refused_step_send_nothing(self, people, mailoutbox, django_capture_on_commit_callbacks):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        self.run(django_capture_on_commit_callbacks, article, "schedule", people["editor"])
        with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
            take(article, "withdraw", people["editor"])
        assert mailoutbox == []

    def test_the_scheduler_tells_the_author(self, people, mailoutbox, django_capture_on_commit_callbacks):
        article = article_in(Status.SCHEDULED, author=people["author"])
        with django_capture_on_commit_callbacks(execute=True):
            workflow.articles_publish_due()
        assert [(m.to, m.subject.split(":")[0]) for m in mailoutbox] == [
            (["author@newsroom.example"], "[Newsroom] Published as scheduled")
        ]
        assert article.get_absolute_url() in mailoutbox[0].body


def test_status_is_assigned_only_by_the_workflow_module():
    """No code but desk/workflow.py (and the demo and benchmark seeds) writes Article.status."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    allowed = {root / "desk" / "workflow.py", root / "seed" / "demo.py", root / "seed" / "benchdata.py"}
    writers = {"create", "update", "bulk_update", "get_or_create", "update_or_create", "Article"}
    found = []
    for path in sorted(root.glob("*/**/*.py")):
        if path in allowed or "migrations" in path.parts or path.parts[len(root.parts)] in {"tests", ".venv"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
                isinstance(t, ast.Attribute) and t.attr == "status" for t in targets
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name in writers and any(k.arg == "status" for k in node.keywords):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
                if name == "setattr" and len(node.args) > 1 and getattr(node.args[1], "value", None) == "status":
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert found == []
