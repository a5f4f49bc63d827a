"""Never lose a word, on the server: the draft copy of a story's form (kept, offered back, dropped
on save) and the workflow buttons that save the form first (docs/DRAFTS.md)."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from drafts import services
from drafts.models import Draft
from tests.test_workflow_admin import change_form_data, change_url, client_for, messages_of
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db


def keep_url(article):
    return reverse("admin:articles_article_draft_keep", args=[article.pk])


def discard_url(article):
    return reverse("admin:articles_article_draft_discard", args=[article.pk])


def keep(client, article, fields, version=None, **extra):
    body = json.dumps({"fields": fields, "version": article.version if version is None else version})
    return client.post(keep_url(article), body, content_type="application/json", **extra)


class TestKeepingADraft:
    def test_the_author_keeps_a_draft_and_the_story_is_untouched(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Old headline", body="<p>Old.</p>")
        before = (article.version, article.revisions.count(), article.updated_at)
        client = client_for(people["author"])
        response = keep(client, article, [["headline", "New headline"], ["body", "<p>New words.</p>"]])
        assert response.status_code == 200, response.content
        draft = Draft.objects.get(article=article, user=people["author"])
        assert draft.fields == [["headline", "New headline"], ["body", "<p>New words.</p>"]]
        article.refresh_from_db()
        assert (article.version, article.revisions.count(), article.updated_at) == before
        assert article.headline == "Old headline" and article.status == Status.DRAFT

    def test_a_second_keep_replaces_the_first(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        keep(client, article, [["headline", "One"]])
        keep(client, article, [["headline", "Two"]])
        assert list(Draft.objects.values_list("fields", flat=True)) == [[["headline", "Two"]]]

    def test_the_copy_is_offered_back_on_the_change_page(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        keep(client, article, [["headline", "Typed before the crash"]])
        html = client.get(change_url(article)).content.decode()
        assert 'id="draft-kept"' in html and "Typed before the crash" in html
        assert 'id="draft-panel"' in html
        # Somebody else opening the story is not offered the author's typing.
        editor_html = client_for(people["editor"]).get(change_url(article)).content.decode()
        assert "Typed before the crash" not in editor_html

    def test_a_beacon_from_a_closing_page_is_kept(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        payload = json.dumps({"fields": [["headline", "Sent as the tab closed"]], "version": article.version})
        response = client.post(keep_url(article), {"draft": payload})
        assert response.status_code == 200
        assert Draft.objects.get().fields == [["headline", "Sent as the tab closed"]]

    def test_a_beacon_with_the_form_token_passes_the_forgery_check(self, people):
        # As a browser sends it: multipart, the token as a field, the CSRF check on.
        from django.test import Client

        article = article_in(Status.DRAFT, author=people["author"])
        client = Client(enforce_csrf_checks=True)
        client.force_login(people["author"])
        html = client.get(change_url(article)).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        payload = json.dumps({"fields": [["headline", "From a beacon"]], "version": article.version})
        response = client.post(keep_url(article), {"draft": payload, "csrfmiddlewaretoken": token})
        assert response.status_code == 200, response.content
        assert Draft.objects.get().fields == [["headline", "From a beacon"]]
        leave = client.post(reverse("admin:articles_article_presence_leave", args=[article.pk]),
                            {"csrfmiddlewaretoken": token})
        assert leave.status_code == 200

    def test_discarding_drops_the_copy(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        keep(client, article, [["headline", "Not wanted"]])
        assert client.post(discard_url(article)).status_code == 200
        assert not Draft.objects.exists()

    def test_bidirectional_controls_are_not_kept(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        keep(client_for(people["author"]), article, [["headline", "evil\u202eedoc"]])
        assert Draft.objects.get().fields == [["headline", "eviledoc"]]

    def test_the_token_and_buttons_are_not_kept(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        keep(client_for(people["author"]), article,
             [["csrfmiddlewaretoken", "secret"], ["_save", "Save"], ["headline", "Kept"]])
        assert Draft.objects.get().fields == [["headline", "Kept"]]


class TestRefusals:
    @pytest.mark.parametrize("body, message", [
        ("not json", services.NOT_JSON),
        ("[1, 2]", services.NOT_JSON),
        ('{"fields": [["headline", "x"]]}', services.BAD_VERSION),
        ('{"fields": [["headline", "x"]], "version": "1"}', services.BAD_VERSION),
        ('{"fields": "headline=x", "version": 1}', services.BAD_FIELDS),
        ('{"fields": [["headline", 3]], "version": 1}', services.BAD_FIELDS),
        ('{"fields": [["bad name!", "x"]], "version": 1}', services.BAD_FIELDS),
    ])
    def test_bad_input_is_refused_with_a_clear_message(self, people, body, message):
        article = article_in(Status.DRAFT, author=people["author"])
        response = client_for(people["author"]).post(keep_url(article), body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"] == str(message)
        assert not Draft.objects.exists()

    def test_too_large_a_draft_is_refused(self, people, monkeypatch):
        monkeypatch.setattr(services, "MAX_BYTES", 1000)
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        response = keep(client, article, [["body", "x" * 2000]])
        assert response.status_code == 413
        assert "too large" in response.json()["error"]
        assert not Draft.objects.exists()
        assert keep(client, article, [["body", "x" * 100]]).status_code == 200

    @pytest.mark.parametrize("who, status", [
        ("other_reporter", Status.DRAFT),  # not their story
        ("translator", Status.DRAFT),  # not assigned to them
        ("author", Status.IN_REVIEW),  # submitted: read-only for the author
    ])
    def test_only_those_who_may_edit_the_story_keep_a_draft(self, people, who, status):
        article = article_in(status, author=people["author"])
        response = keep(client_for(people[who]), article, [["headline", "Sneaked in"]])
        assert response.status_code == 403
        assert not Draft.objects.exists()

    def test_an_editor_keeps_a_draft_of_any_story(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        assert keep(client_for(people["editor"]), article, [["headline", "Edited"]]).status_code == 200

    def test_without_the_form_token_nothing_is_kept(self, people):
        from django.test import Client

        article = article_in(Status.DRAFT, author=people["author"])
        client = Client(enforce_csrf_checks=True)
        client.force_login(people["author"])
        response = keep(client, article, [["headline", "Forged"]])
        assert response.status_code == 403
        assert not Draft.objects.exists()

    def test_a_missing_story_is_not_found(self, people):
        client = client_for(people["editor"])
        response = client.post(reverse("admin:articles_article_draft_keep", args=[999999]), "{}",
                               content_type="application/json")
        assert response.status_code == 404

    def test_only_posts(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        assert client_for(people["author"]).get(keep_url(article)).status_code == 405

    def test_the_query_budget_does_not_grow_with_the_draft_or_other_drafts(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        keep(client, article, [["headline", "Warm up"]])
        with CaptureQueriesContext(connection) as small:
            keep(client, article, [["headline", "Small"]])
        for n in range(5):
            other = article_in(Status.DRAFT, author=people["author"])
            Draft.objects.create(article=other, user=people["author"], fields=[["headline", f"{n}"]], version=1)
        with CaptureQueriesContext(connection) as large:
            keep(client, article, [[f"bylines-{i}-name", "x" * 100] for i in range(300)])
        assert len(small) == len(large) <= BUDGET_KEEP


# The session, the user and their permissions, the second factor's devices, the article with its
# bylines, the edit right, and the draft's update (in savepoints).
BUDGET_KEEP = 18


class TestSavingDropsTheDraft:
    def test_saving_the_story_drops_the_savers_draft_only(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Before")
        author, editor = client_for(people["author"]), client_for(people["editor"])
        keep(author, article, [["headline", "Typed"]])
        keep(editor, article, [["headline", "Editor typed"]])
        page = author.get(change_url(article))
        response = author.post(change_url(article), change_form_data(page, headline="Saved headline", _continue="1"))
        assert response.status_code == 302
        assert list(Draft.objects.values_list("user__username", flat=True)) == ["editor"]


class TestStepsSaveFirst:
    def test_type_and_submit_saves_the_text_and_submits(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Old", body="<p>Old.</p>")
        client = client_for(people["author"])
        page = client.get(change_url(article))
        data = change_form_data(page, headline="Typed and submitted", body="<p>New words.</p>",
                                _workflow_step="submit", **{"_step-note": "Photos to follow."})
        response = client.post(change_url(article), data)
        assert response.status_code == 302 and response["Location"] == change_url(article)
        article.refresh_from_db()
        assert article.headline == "Typed and submitted" and "New words." in article.body
        assert article.status == Status.IN_REVIEW
        step = article.status_changes.get()
        assert step.note == "Photos to follow."
        said = messages_of(response)
        assert "Your changes were saved." in said
        assert any("Submit for review: done" in m for m in said)

    def test_a_refused_step_still_keeps_the_saved_text(self, people):
        # An empty body cannot be submitted: the save happens, the step is refused and said so.
        article = article_in(Status.DRAFT, author=people["author"], headline="Old", body="<p>Old.</p>")
        client = client_for(people["author"])
        page = client.get(change_url(article))
        response = client.post(change_url(article), change_form_data(
            page, headline="Saved anyway", body="", _workflow_step="submit"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Saved anyway" and article.status == Status.DRAFT
        assert any("needs a body" in m for m in messages_of(response))

    def test_an_invalid_form_refuses_the_step_and_keeps_the_typing(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Old", body="<p>Old.</p>")
        client = client_for(people["author"])
        page = client.get(change_url(article))
        response = client.post(change_url(article), change_form_data(
            page, headline="", body="<p>Words I typed.</p>", _workflow_step="submit"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "The step was not taken" in html
        assert "Words I typed." in html
        article.refresh_from_db()
        assert article.headline == "Old" and article.status == Status.DRAFT

    def test_a_stale_form_refuses_the_step_and_shows_the_conflict(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Old", body="<p>Old.</p>")
        author, editor = client_for(people["author"]), client_for(people["editor"])
        page = author.get(change_url(article))
        editor_page = editor.get(change_url(article))
        editor.post(change_url(article), change_form_data(editor_page, headline="Editor's headline", _continue="1"))
        response = author.post(change_url(article), change_form_data(
            page, headline="Author's headline", _workflow_step="submit"))
        assert response.status_code == 200
        assert "someone else changed this article" in response.content.decode()
        article.refresh_from_db()
        assert article.headline == "Editor's headline" and article.status == Status.DRAFT

    def test_an_editor_step_with_its_note_and_time(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"], headline="Old", body="<p>Old.</p>")
        client = client_for(people["editor"])
        page = client.get(change_url(article))
        response = client.post(change_url(article), change_form_data(
            page, headline="Returned with a fix", _workflow_step="return", **{"_step-note": "Name the source."}))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Returned with a fix" and article.status == Status.DRAFT
        assert article.status_changes.get().note == "Name the source."

    def test_a_step_the_user_may_not_take_is_refused_after_the_save(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Old", body="<p>Old.</p>")
        client = client_for(people["author"])
        page = client.get(change_url(article))
        response = client.post(change_url(article), change_form_data(page, headline="Mine", _workflow_step="publish"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Mine" and article.status == Status.DRAFT
        assert any("You may not take the step" in m for m in messages_of(response))
        assert not Article.objects.filter(status=Status.PUBLISHED).exists()


class TestANewStory:
    def test_the_add_page_keeps_its_copy_in_the_browser_only(self, people):
        client = client_for(people["author"])
        html = client.get(reverse("admin:articles_article_add")).content.decode()
        assert 'id="draft-panel"' in html and 'data-keep-url=""' in html
        assert f'data-storage-key="newsroom-draft:new:{people["author"].pk}"' in html
        assert "data-forget-new" not in html

    def test_once_saved_the_next_page_forgets_the_browser_copy_once(self, people):
        from tests.test_admin import add_form_data

        client = client_for(people["author"])
        data = add_form_data(client, {}, headline="Market fire", body="<p>Shops burned.</p>", kind="news",
                             language="en", slug="", _continue="1")
        response = client.post(reverse("admin:articles_article_add"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        article = Article.objects.get(headline="Market fire")
        assert 'data-forget-new="1"' in client.get(change_url(article)).content.decode()
        assert "data-forget-new" not in client.get(reverse("admin:articles_article_add")).content.decode()
