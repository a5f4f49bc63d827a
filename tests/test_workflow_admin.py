"""The admin tells each user what to do: state, buttons, timeline, edit rights, queues, revisions,
and no lost edits."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.forms import MultiWidget
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from newsroom import roles
from desk import queues, workflow
from articles.models import Article, Revision
from tests.factories import UserFactory
from tests.test_admin import add_form_data
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401
from tests.accounts_support import staff_login

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def step_url(article, action):
    return reverse("admin:articles_article_transition", args=[article.pk, action])


def client_for(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def buttons(html: str) -> list[str]:
    return re.findall(r'class="workflow-action action-(\w+)"', html)


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def change_form_data(response, **overrides) -> dict:
    """POST data for a change form as the browser would send it untouched, plus ``overrides``."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None:
            continue
        if isinstance(field.widget, MultiWidget):  # e.g. a date and a time
            for i, part in enumerate(field.widget.decompress(value)):
                data[f"{name}_{i}"] = "" if part is None else str(part)
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif not (isinstance(value, bool) and not value):  # an unticked box is not sent
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        count = str(len(formset.initial_forms))
        data.update({f"{formset.prefix}-TOTAL_FORMS": count, f"{formset.prefix}-INITIAL_FORMS": count,
                     f"{formset.prefix}-MIN_NUM_FORMS": "0", f"{formset.prefix}-MAX_NUM_FORMS": "1000"})
        for row in formset.initial_forms:
            for name in row.fields:
                value = row[name].value()
                if value is not None:
                    data[row.add_prefix(name)] = value
    data.update(overrides)
    return data


class TestChangePage:
    def test_each_user_sees_the_state_and_only_the_steps_they_may_take(self, people):
        draft = article_in(Status.DRAFT, author=people["author"])
        in_review = article_in(Status.IN_REVIEW, author=people["author"])
        seen = {}
        for role in ["author", "other_reporter", "translator", "editor"]:
            client = client_for(people[role])
            for article in (draft, in_review):
                html = client.get(change_url(article)).content.decode()
                assert f'status-badge status-{article.status}' in html
                seen[(role, article.status)] = buttons(html)
        assert seen == {
            ("author", "draft"): ["submit"],
            ("author", "in_review"): [],
            ("other_reporter", "draft"): [],
            ("other_reporter", "in_review"): [],
            ("translator", "draft"): [],
            ("translator", "in_review"): [],
            ("editor", "draft"): ["submit", "publish", "schedule"],
            ("editor", "in_review"): ["return", "publish", "schedule"],
        }

    def test_a_submitted_article_is_read_only_for_its_author(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        client = client_for(people["author"])
        html = client.get(change_url(article)).content.decode()
        assert str(workflow.READ_ONLY_SUBMITTED) in html
        assert 'name="_save"' not in html
        response = client.post(change_url(article), {"headline": "Changed behind the editor's back"})
        assert response.status_code == 403
        article.refresh_from_db()
        assert article.headline != "Changed behind the editor's back"

    def test_reporters_edit_their_own_drafts(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        data = change_form_data(client.get(change_url(article)), headline="Water returns to Aleppo")
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.headline == "Water returns to Aleppo"
        assert client_for(people["other_reporter"]).post(change_url(article), data).status_code == 403

    def test_a_reporters_new_article_carries_their_byline(self, people):
        client = client_for(people["author"])
        data = add_form_data(client, {}, headline="Bakeries reopen in Douma", kind="news", language="en",
                             body="<p>Flour arrived on Monday.</p>")
        assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get(headline="Bakeries reopen in Douma")
        assert [b.user for b in article.bylines.all()] == [people["author"]]
        assert workflow.can_edit(people["author"], article)
        assert article.revisions.get().number == 1

    def test_the_timeline_shows_every_step_with_who_and_the_note(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        workflow.article_transition(article=article, action="submit", user=people["author"])
        workflow.article_transition(article=article, action="return", user=people["editor"], note="Name the source.")
        html = client_for(people["author"]).get(change_url(article)).content.decode()
        timeline = html[html.index('id="timeline-heading"'):]
        assert "Return to reporter" in timeline and "Submit for review" in timeline
        assert "Hassan Darwish" in timeline and "Samer Taha" in timeline
        assert "Name the source." in timeline
        assert timeline.index("Return to reporter") < timeline.index("Submit for review")  # newest first
        panel = html[html.index('id="workflow-heading"'):html.index('id="timeline-heading"')]
        assert "Returned by <bdi>Hassan Darwish</bdi>" in panel and "Name the source." in panel


class TestButtons:
    def test_the_editor_publishes_with_a_button(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        response = client_for(people["editor"]).post(step_url(article, "publish"))
        assert response.status_code == 302 and response.url == change_url(article)
        article.refresh_from_db()
        assert article.status == "published"
        assert messages_of(response) == ["Publish now: done. The article is now published."]

    def test_a_step_the_user_may_not_take_is_refused_with_a_message(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        version = article.version
        response = client_for(people["author"]).post(step_url(article, "publish"))
        assert messages_of(response) == [
            "You may not take the step “Publish now” on this article: only an editor may."
        ]
        article.refresh_from_db()
        assert (article.status, article.version, article.status_changes.count()) == ("in_review", version, 0)

    def test_return_without_a_note_is_refused_and_with_one_goes_back_to_draft(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        editor = client_for(people["editor"])
        response = editor.post(step_url(article, "return"), {"note": ""})
        assert messages_of(response) == ["“Return to reporter” needs a note to the author."]
        editor.post(step_url(article, "return"), {"note": "Check the casualty figure."})
        article.refresh_from_db()
        assert article.status == "draft"

    def test_schedule_takes_the_time_from_the_form(self, people, time_machine):
        time_machine.move_to("2026-06-01 10:00Z", tick=False)
        article = article_in(Status.IN_REVIEW, author=people["author"])
        client_for(people["editor"]).post(step_url(article, "schedule"), {"publish_at": "2026-06-02T07:30"})
        article.refresh_from_db()
        assert (article.status, article.published_at.isoformat()) == ("scheduled", "2026-06-02T07:30:00+00:00")

    def test_a_step_needs_a_post(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        assert client_for(people["editor"]).get(step_url(article, "publish")).status_code == 405


class TestQueues:
    @pytest.fixture
    def newsroom(self, people):
        mine = [article_in(s, author=people["author"]) for s in (Status.DRAFT, Status.DRAFT, Status.IN_REVIEW)]
        others = [article_in(s) for s in (Status.IN_REVIEW, Status.SCHEDULED, Status.PUBLISHED)]
        return mine, others

    def test_the_admin_index_shows_each_users_queues_with_counts(self, people, newsroom):
        def queues(role):
            html = client_for(people[role]).get(reverse("admin:index")).content.decode()
            return re.findall(r'<a href="[^"]*\?queue=(\w+)">[^<]+</a></th>\s*<td class="queue-count">(\d+)', html)

        assert queues("editor") == [("review", "2"), ("scheduled", "1"), ("drafts", "0"), ("mine", "0")]
        assert queues("author") == [("drafts", "2"), ("mine", "3")]

    def test_the_list_has_my_articles_awaiting_review_and_scheduled_views(self, people, newsroom):
        mine, others = newsroom
        client = client_for(people["editor"])
        url = reverse("admin:articles_article_changelist")

        def listed(client, **params):
            return {a.pk for a in client.get(url, params).context["cl"].result_list}

        assert listed(client, queue="review") == {mine[2].pk, others[0].pk}
        assert listed(client, queue="scheduled") == {others[1].pk}
        assert listed(client, status="published") == {others[2].pk}
        assert listed(client_for(people["author"]), queue="mine") == {a.pk for a in mine}
        assert listed(client_for(people["author"]), queue="drafts") == {mine[0].pk, mine[1].pk}
        html = client.get(url).content.decode()
        assert "Awaiting review <span class=\"count\">2</span>" in html

    def test_the_list_costs_the_same_queries_for_3_or_30_articles(self, people):
        client = client_for(people["editor"])
        url = reverse("admin:articles_article_changelist")

        def queries():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            return len(captured)

        for _ in range(3):
            article_in(Status.DRAFT, author=people["author"])
        queries()  # warm the per-process caches (content types) so both counts are steady-state
        few = queries()
        for _ in range(27):
            article_in(Status.DRAFT, author=people["author"])
        assert queries() == few


class TestRevisions:
    def edit(self, client, article, **changes):
        data = change_form_data(client.get(change_url(article)), **changes)
        response = client.post(change_url(article), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article.refresh_from_db()

    def test_every_save_that_changes_content_keeps_a_revision(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        self.edit(client, article, headline="First headline")
        self.edit(client, article, body="<p>Rewritten lead.</p>")
        self.edit(client, article)  # nothing changed: no new revision
        assert list(article.revisions.values_list("number", flat=True)) == [3, 2, 1]
        assert article.revisions.get(number=1).note == "Content before its first tracked edit"
        assert article.revisions.get(number=3).content["body"] == "<p>Rewritten lead.</p>"
        assert article.current_revision_number == 3

    def test_an_editor_compares_two_revisions_as_a_readable_diff(self, people):
        article = article_in(Status.DRAFT, author=people["author"], body="<p>Twelve families returned.</p><p>The road is open.</p>")
        client = client_for(people["editor"])
        self.edit(client, article, body="<p>Twenty families returned.</p><p>The road is open.</p>", new_tags="Aleppo")
        response = client.get(reverse("admin:articles_article_revisions", args=[article.pk]), {"a": 1, "b": 2})
        html = response.content.decode()
        assert "<del>Twelve</del><ins>Twenty</ins> families returned." in html
        assert '<div class="diff-added" dir="auto"><ins>Aleppo</ins></div>' in html
        assert "<p>" not in html.split("revision-diff")[1]  # the body is compared as text, not markup

    def test_an_arabic_paragraph_edited_and_one_added_read_word_by_word(self):
        from desk.revisions import revision_diff

        old = {"body": "<p>افتُتح الجسر صباح الأحد بعد عامين من العمل.</p>"}
        new = {"body": "<p>افتُتح الجسر الجديد صباح الأحد بعد عامين من العمل.</p><p>وحضر الافتتاح مئات من السكان.</p>"}
        [body] = revision_diff(old, new)
        assert body.label == "Body"
        assert body.html == (
            '<div class="diff-changed" dir="auto">افتُتح الجسر<ins> الجديد</ins> صباح الأحد بعد عامين من العمل.</div>'
            '<div class="diff-added" dir="auto"><ins>وحضر الافتتاح مئات من السكان.</ins></div>'
        )

    def test_restoring_an_old_revision_is_a_new_revision(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["editor"])
        self.edit(client, article, headline="Version A")
        self.edit(client, article, headline="Version B")
        response = client.post(reverse("admin:articles_article_restore", args=[article.pk, 2]))
        assert messages_of(response)[-1] == "Revision 2 restored as revision 4."
        article.refresh_from_db()
        assert article.headline == "Version A"
        assert [(r.number, r.content["headline"]) for r in article.revisions.all()] == [
            (4, "Version A"), (3, "Version B"), (2, "Version A"), (1, article.revisions.get(number=1).content["headline"])
        ]
        assert article.revisions.get(number=4).note == "Restored revision 2"

    def test_a_restore_brings_back_bylines_people_and_tags(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        article.tags.set(["Aleppo", "Water"])
        client = client_for(people["editor"])
        self.edit(client, article, headline="Tagged")  # revision 2: with the tags
        article.tags.set([])
        article.bylines.update(user=None, name="Desk")
        from desk import services

        article.refresh_from_db()
        services.article_save(article=article, user=people["editor"], version=article.version)  # revision 3: without
        services.revision_restore(revision=article.revisions.get(number=2), user=people["editor"])
        assert sorted(article.tags.names()) == ["Aleppo", "Water"]
        assert [b.user for b in article.bylines.all()] == [people["author"]]

    def test_a_reporter_cannot_restore_a_submitted_article(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        self.edit(client, article, headline="Mine")
        workflow.article_transition(article=article, action="submit", user=people["author"])
        response = client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
        assert messages_of(response)[-1] == "You may not edit this article, so you cannot restore one of its revisions."
        assert article.revisions.count() == 2


class TestNoLostEdits:
    def test_the_second_save_is_refused_and_both_texts_survive(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"], body="<p>The bridge was hit at dawn.</p>")
        first, second = client_for(people["editor"]), client_for(people["superuser"])
        first_form = change_form_data(first.get(change_url(article)), body="<p>The bridge was hit at dawn on Tuesday.</p>")
        second_form = change_form_data(second.get(change_url(article)), body="<p>The old bridge was hit at dawn.</p>")

        assert first.post(change_url(article), first_form).status_code == 302
        response = second.post(change_url(article), second_form)

        assert response.status_code == 200  # the form again, not a redirect
        html = response.content.decode()
        assert "Not saved: someone else changed this article" in html
        assert "\u2068Hassan Darwish\u2069 saved this article after you opened it." in html
        assert "The bridge was hit at dawn<ins> on Tuesday</ins>." in html  # their change
        assert "The old bridge was hit at dawn." in html  # the refused text, still in the form
        article.refresh_from_db()
        assert article.body == "<p>The bridge was hit at dawn on Tuesday.</p>"
        assert article.revisions.filter(content__body="<p>The bridge was hit at dawn on Tuesday.</p>").exists()

    def test_after_seeing_the_diff_saving_again_is_deliberate_and_works(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        first, second = client_for(people["editor"]), client_for(people["superuser"])
        first_form = change_form_data(first.get(change_url(article)), headline="From the first")
        second_form = change_form_data(second.get(change_url(article)), headline="From the second")
        first.post(change_url(article), first_form)
        refused = second.post(change_url(article), second_form)
        merged = change_form_data(refused, headline="Merged by the second")
        assert second.post(change_url(article), merged).status_code == 302
        article.refresh_from_db()
        assert article.headline == "Merged by the second"

    def test_a_workflow_step_meanwhile_also_refuses_a_stale_save(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        editor = client_for(people["editor"])
        stale = change_form_data(editor.get(change_url(article)), headline="Late fix")
        workflow.article_transition(article=article, action="publish", user=people["superuser"])
        html = editor.post(change_url(article), stale).content.decode()
        assert "In review → Published" in html
        article.refresh_from_db()
        assert article.headline != "Late fix"


class TestPublishedEdits:
    def test_an_edit_to_a_published_article_sets_the_updated_time_and_keeps_a_revision(self, people, client):
        article = article_in(Status.PUBLISHED, author=people["author"])
        published_at = article.published_at
        editor = client_for(people["editor"])
        data = change_form_data(editor.get(change_url(article)), dek="A corrected standfirst.")
        assert editor.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.revised_at is not None and article.published_at == published_at
        assert article.revisions.count() == 2
        html = client.get(article.get_absolute_url()).content.decode()
        assert "Updated" in html

    def test_a_correction_note_is_shown_to_readers_at_the_end(self, people, client):
        article = article_in(Status.PUBLISHED, author=people["author"])
        editor = client_for(people["editor"])
        page = editor.get(change_url(article))
        data = change_form_data(page)
        prefix = next(i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.model.__name__ == "Correction")
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-kind": "correction",
                     f"{prefix}-0-text": "An earlier version gave the wrong date.",
                     f"{prefix}-0-created_at_0": "2026-01-01", f"{prefix}-0-created_at_1": "12:00:00"})
        response = editor.post(change_url(article), data)
        assert response.status_code == 302, response.context and response.context["errors"]
        article.refresh_from_db()
        note = article.corrections.get()
        assert (note.created_by, article.revised_at is not None) == (people["editor"], True)
        html = client.get(article.get_absolute_url()).content.decode()
        body = html.index('<div class="body">')  # (the head's JSON-LD carries the correction too)
        assert html.find("An earlier version gave the wrong date.", body) > body

    def test_drafts_do_not_offer_public_corrections(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        page = client_for(people["editor"]).get(change_url(article))
        assert "Correction" not in [i.formset.model.__name__ for i in page.context["inline_admin_formsets"]]


def test_giving_someone_a_role_gives_them_staff_access(people):
    newcomer = UserFactory(username="newcomer", is_staff=False)
    admin = client_for(people["superuser"])
    url = reverse("admin:auth_user_change", args=[newcomer.pk])
    data = change_form_data(admin.get(url), groups=[str(Group.objects.get(name=roles.REPORTER).pk)])
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    newcomer.refresh_from_db()
    assert newcomer.is_staff and newcomer.groups.get().name == roles.REPORTER
    assert "<bdi>newcomer</bdi> now has staff access (a newsroom role)." in messages_of(response)


def test_the_queue_counts_cost_one_small_query_per_queue(people, django_assert_num_queries):
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED):
        article_in(status, author=people["author"])
    editor = people["editor"]
    workflow.is_editor(editor)  # Django caches the user's permissions after the first look
    with django_assert_num_queries(4):  # each an index count, not a pass over the archive
        counts = {queue.key: count for queue, count in queues.queues_for(editor)}
    assert counts == {"review": 1, "scheduled": 1, "drafts": 0, "mine": 0}
