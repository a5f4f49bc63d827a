"""The checklist before review and before publication (issue 16, item 4): rules editors configure,
enforced by the workflow's transition whoever calls it, shown beside the buttons; an editor may
publish over a warning with a note that the audit trail keeps; links checked in the background, safely."""

import re
import socket

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.test import Client
from django.urls import reverse

from articles.models import Interviewee
from checklist import links
from checklist.models import ChecklistRule, LinkCheck
from checklist.rules import RULES
from desk import workflow
from desk.services import article_save
from tests.accounts_support import staff_login
from tests.factories import ImageFactory, PersonFactory
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def step_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def refusal(article, action, user, **options) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        workflow.article_transition(article=article, action=action, user=user, **options)
    return caught.value


@pytest.fixture
def no_network(monkeypatch):
    """Links are 'fetched' by a fake: every address answers 200 unless listed as broken."""
    broken = set()
    monkeypatch.setattr(links, "fetch", lambda url: links.Answer(False, 404, "HTTP 404") if url in broken
                        else links.Answer(True, 200))
    return broken


@pytest.fixture
def standfirst_warns(db):
    """The standfirst rule is off in a new newsroom; these tests switch it on, as an editor would."""
    ChecklistRule.objects.filter(key="standfirst").update(enabled=True, severity="warning")


# --- the acceptance points -------------------------------------------------------------------


def test_the_checklist_blocks_a_story_without_alt_text_on_its_lead_picture(people):
    picture = ImageFactory(alt_text="Rescue workers in Jindires")  # English alt text only
    story = article_in(Status.DRAFT, author=people["author"], language="ar", headline="عنوان", lead_image=picture)

    error = refusal(story, "publish", people["editor"])
    assert error.code == "checklist_blocks"
    assert "Alt text of the lead picture" in error.messages[0]
    assert refusal(story, "submit", people["author"]).code == "checklist_blocks"
    story.refresh_from_db()
    assert story.status == Status.DRAFT

    # The change page says why beside the button, and the button cannot be clicked.
    html = client_for(people["editor"]).get(change_url(story)).content.decode()
    assert "The lead picture has no alt text in Arabic." in html
    assert re.search(r'<button type="submit" class="button[^"]*" disabled[^>]*>Publish now', html)
    # Over the refusal through the admin anyway: still a draft.
    client_for(people["editor"]).post(step_url(story, "publish"), {"over_warnings": "on", "note": "go"})
    story.refresh_from_db()
    assert story.status == Status.DRAFT

    picture.alt_text_ar = "عمال إنقاذ في جنديرس"
    picture.save()
    workflow.article_transition(article=story, action="publish", user=people["editor"])
    assert story.status == Status.PUBLISHED


def test_an_editor_publishes_over_a_warning_with_a_note_that_the_audit_trail_shows(people, standfirst_warns):
    story = article_in(Status.IN_REVIEW, author=people["author"], dek="")  # no standfirst: a warning
    editor = client_for(people["editor"])

    html = editor.get(change_url(story)).content.decode()
    assert "The checklist warns:" in html and "Standfirst present" in html
    assert 'name="over_warnings"' in html

    assert refusal(story, "publish", people["editor"]).code == "checklist_warns"
    assert refusal(story, "publish", people["editor"], over_warnings=True).code == "checklist_warns"  # no note
    editor.post(step_url(story, "publish"), {"note": "Breaking: the standfirst follows."})
    story.refresh_from_db()
    assert story.status == Status.IN_REVIEW  # a note without ticking the box is not an override

    editor.post(step_url(story, "publish"), {"over_warnings": "on", "note": "Breaking: the standfirst follows."})
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    step = story.status_changes.get(action="publish")
    assert step.actor == people["editor"]
    assert "Standfirst present" in step.note and "Breaking: the standfirst follows." in step.note

    trail = client_for(people["superuser"]).get("/admin/audit/", {"source": "workflow"}).content.decode()
    assert "Breaking: the standfirst follows." in trail and "Standfirst present" in trail


def test_warnings_are_shown_but_do_not_stop_a_submission(people, standfirst_warns):
    story = article_in(Status.DRAFT, author=people["author"], dek="")
    html = client_for(people["author"]).get(change_url(story)).content.decode()
    assert "Standfirst present" in html
    assert 'name="over_warnings"' not in html  # a reporter is not asked to override anything
    workflow.article_transition(article=story, action="submit", user=people["author"])
    assert story.status == Status.IN_REVIEW


def test_a_story_that_passes_is_published_without_a_note(people):
    story = article_in(Status.IN_REVIEW, author=people["author"])
    html = client_for(people["editor"]).get(change_url(story)).content.decode()
    assert "The checklist" not in html
    change = workflow.article_transition(article=story, action="publish", user=people["editor"])
    assert change.note == ""


def test_a_scheduled_story_is_checked_when_scheduled_not_again_when_due(people, standfirst_warns):
    story = article_in(Status.IN_REVIEW, author=people["author"], dek="")
    assert refusal(story, "schedule", people["editor"], publish_at=story.created_at.replace(year=2999)).code \
        == "checklist_warns"
    # A story scheduled before a rule was switched on still goes out when due.
    due = article_in(Status.SCHEDULED, author=people["author"], dek="")
    workflow.article_transition(article=due, action="publish_due", user=workflow.SCHEDULER)
    assert due.status == Status.PUBLISHED


# --- the rules -------------------------------------------------------------------------------


def test_a_body_picture_that_is_not_in_the_library_blocks(people):
    story = article_in(Status.IN_REVIEW, author=people["author"], body="<p>Text.</p><p>[image:999999]</p>")
    error = refusal(story, "publish", people["editor"])
    assert error.code == "checklist_blocks" and "[image:999999]" in str(workflow.transition_findings(story, "publication")[0].detail)


def test_a_picture_put_in_by_the_editors_button_and_gone_from_the_library_blocks_too(people):
    story = article_in(Status.IN_REVIEW, author=people["author"],
                       body='<p>Text.</p><figure data-image="999998"></figure>')
    error = refusal(story, "publish", people["editor"])
    assert error.code == "checklist_blocks"
    assert "999998" in str(workflow.transition_findings(story, "publication")[0].detail)


def test_an_interview_needs_its_interviewees_linked(people):
    story = article_in(Status.DRAFT, author=people["author"], kind="interview")
    assert refusal(story, "submit", people["author"]).code == "checklist_blocks"
    Interviewee.objects.create(article=story, person=PersonFactory(), role="spokesperson")
    workflow.article_transition(article=story, action="submit", user=people["author"])
    assert story.status == Status.IN_REVIEW


def test_editors_configure_the_rules_in_the_admin(people):
    editor = client_for(people["editor"])
    rules = list(ChecklistRule.objects.order_by("id"))
    assert {rule.key for rule in rules} >= {"headline_length", "standfirst", "tags", "lead_image_alt", "links"}
    page = editor.get(reverse("admin:checklist_checklistrule_changelist"))
    assert page.status_code == 200 and "Headline length" in page.content.decode()

    assert not ChecklistRule.objects.get(key="standfirst").enabled  # off in a new newsroom
    ChecklistRule.objects.filter(key="standfirst").update(enabled=True)
    rules = list(ChecklistRule.objects.order_by("id"))
    # Headline length at most 10 characters, blocking; standfirst off again; tags on, at least 2.
    data = {"form-TOTAL_FORMS": len(rules), "form-INITIAL_FORMS": len(rules), "_save": "Save"}
    for i, rule in enumerate(rules):
        settings_of = {"enabled": rule.enabled, "severity": rule.severity, "at_review": rule.at_review,
                       "at_publication": rule.at_publication, "threshold": rule.threshold}
        if rule.key == "headline_length":
            settings_of.update(severity="blocking", threshold=10)
        if rule.key == "standfirst":
            settings_of.update(enabled=False)
        if rule.key == "tags":
            settings_of.update(enabled=True, threshold=2)
        data[f"form-{i}-id"] = rule.pk
        for name, value in settings_of.items():
            if isinstance(value, bool):
                if value:
                    data[f"form-{i}-{name}"] = "on"
            else:
                data[f"form-{i}-{name}"] = "" if value is None else value
    response = editor.post(reverse("admin:checklist_checklistrule_changelist"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ChecklistRule.objects.get(key="headline_length").updated_by == people["editor"]

    story = article_in(Status.IN_REVIEW, author=people["author"], dek="", headline="A headline far too long")
    found = {f.key: f for f in workflow.transition_findings(story, "publication")}
    assert found["headline_length"].blocking and "at most 10" in found["headline_length"].detail
    assert "standfirst" not in found
    assert not found["tags"].blocking and "0 tags (at least 2)" in found["tags"].detail


def test_reporters_cannot_change_the_rules(people):
    reporter = client_for(people["author"])
    assert reporter.get(reverse("admin:checklist_checklistrule_changelist")).status_code == 403


def test_the_rule_pages_keep_a_fixed_number_of_queries(people, django_assert_max_num_queries, no_network):
    editor = client_for(people["editor"])
    story = article_in(Status.DRAFT, author=people["author"])
    superuser = client_for(people["superuser"])
    counts = []
    for extra in (1, 15):
        for n in range(extra):
            LinkCheck.objects.create(article=story, url=f"https://example.org/{extra}/{n}", ok=n % 2 == 0,
                                     checked_at=story.created_at)
        with django_assert_max_num_queries(20) as rules_page:
            assert editor.get(reverse("admin:checklist_checklistrule_changelist")).status_code == 200
        with django_assert_max_num_queries(20) as checks_page:
            assert superuser.get(reverse("admin:checklist_linkcheck_changelist")).status_code == 200
        counts.append((len(rules_page), len(checks_page)))
    assert counts[0] == counts[1]


# --- links -----------------------------------------------------------------------------------


def test_links_are_checked_in_the_background_and_a_dead_one_warns(people, no_network, django_capture_on_commit_callbacks):
    story = article_in(Status.IN_REVIEW, author=people["author"])
    no_network.add("https://example.org/gone")
    story.body = '<p>See <a href="https://example.org/report">the report</a> and <a href="https://example.org/gone">this</a>.</p>'
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=story, user=people["editor"], version=story.version)
    checks = {check.url: check for check in LinkCheck.objects.filter(article=story)}
    assert checks["https://example.org/report"].ok and not checks["https://example.org/gone"].ok
    found = workflow.transition_findings(story, "publication")
    assert [f.key for f in found] == ["links"] and "https://example.org/gone" in found[0].detail
    assert refusal(story, "publish", people["editor"]).code == "checklist_warns"


def _fake_dns(monkeypatch, table):
    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            raise socket.gaierror("unknown")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (table[host], port))]

    monkeypatch.setattr(links.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/admin/", "http://10.0.0.5/", "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://100.64.0.1/", "ftp://example.org/file",
    "http://example.org:22/", "http://user:secret@example.org/", "file:///etc/passwd",
])
def test_the_link_checker_refuses_addresses_that_are_not_public(url, monkeypatch):
    monkeypatch.setattr(links.socket, "create_connection", lambda *a, **k: pytest.fail("connected"))
    answer = links.http_fetch(url)
    assert not answer.ok and answer.error.startswith("refused")


def test_a_redirect_to_a_private_address_is_not_followed(monkeypatch):
    _fake_dns(monkeypatch, {"news.example": "93.184.216.34", "inside.example": "10.1.2.3"})
    asked = []

    def status(url, method, *, host, port, address):
        asked.append((url, address))
        return 302, "http://inside.example/secret"

    monkeypatch.setattr(links, "_status", status)
    answer = links.http_fetch("https://news.example/story")
    assert asked == [("https://news.example/story", "93.184.216.34")]
    assert not answer.ok and "private" in answer.error


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch):
    _fake_dns(monkeypatch, {"rebind.example": "192.168.1.1"})
    monkeypatch.setattr(links, "_status", lambda *a, **k: pytest.fail("fetched"))
    assert links.http_fetch("http://rebind.example/").error == "refused: a private or reserved address"


def test_the_link_checker_connects_to_the_address_it_checked(monkeypatch):
    _fake_dns(monkeypatch, {"news.example": "93.184.216.34"})
    connected = []

    class Refused(OSError):
        pass

    def create_connection(address, timeout=None):
        connected.append(address)
        raise Refused()

    monkeypatch.setattr(links.socket, "create_connection", create_connection)
    answer = links.http_fetch("http://news.example/story")
    assert connected == [("93.184.216.34", 80)]
    assert not answer.ok and answer.error.startswith("no answer")


def test_every_rule_has_a_row_to_configure_after_migrate(people):
    from checklist import services

    ChecklistRule.objects.filter(key__in=["links", "tags"]).delete()
    assert services.checklist_rules_ensure() == 2
    assert set(ChecklistRule.objects.values_list("key", flat=True)) == set(RULES)
    assert not ChecklistRule.objects.get(key="tags").enabled  # the rule's default
    assert services.checklist_rules_ensure() == 0


def test_the_article_page_checks_with_a_fixed_number_of_queries(people, no_network):
    """The checklist beside the buttons costs the same with one link, tag and picture as with many."""
    ChecklistRule.objects.filter(key__in=["tags", "standfirst", "lead_image"]).update(enabled=True)
    editor = client_for(people["editor"])
    counts = []
    for many in (1, 12):
        story = article_in(Status.IN_REVIEW, author=people["author"], dek="")
        story.body = "".join(f'<p><a href="https://example.org/{many}/{n}">link</a></p><p>[image:{900000 + n}]</p>'
                             for n in range(many))
        story.save()
        story.tags.set([f"tag {many} {n}" for n in range(many)])
        for n in range(many):
            LinkCheck.objects.create(article=story, url=f"https://example.org/{many}/{n}", ok=False,
                                     checked_at=story.created_at)
        editor.get(change_url(story))  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            html = editor.get(change_url(story)).content.decode()
        assert "Links answer" in html and "Pictures in the body exist" in html
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
