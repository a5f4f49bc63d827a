"""Presence, on the server: who else has a story open and whether they have unsaved changes, and an
editor taking a story over with a note (docs/DRAFTS.md, "Presence")."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inbox.models import Item
from presence import services
from presence.models import Presence
from tests.factories import UserFactory
from tests.test_workflow_admin import client_for
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401
from newsroom import roles

pytestmark = pytest.mark.django_db


def url(article, name="presence_beat"):
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


def beat(client, article, unsaved=False):
    response = client.post(url(article), json.dumps({"unsaved": unsaved}), content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def take_over(client, article, user, note="I am finishing this one, sorry."):
    return client.post(url(article, "presence_take_over"), json.dumps({"user": user.pk, "note": note}),
                       content_type="application/json")


class TestWhoElseHasItOpen:
    def test_two_people_on_one_story_each_see_the_other(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        author, editor = client_for(people["author"]), client_for(people["editor"])
        assert beat(author, article)["others"] == []
        seen_by_editor = beat(editor, article)["others"]
        assert [(o["name"], o["editing"], o["unsaved"]) for o in seen_by_editor] == [("Samer Taha", True, False)]
        beat(editor, article, unsaved=True)
        seen_by_author = beat(author, article, unsaved=True)["others"]
        assert [(o["name"], o["editing"], o["unsaved"]) for o in seen_by_author] == [("Hassan Darwish", True, True)]
        assert beat(editor, article)["others"][0]["unsaved"] is True

    def test_someone_who_can_only_read_is_shown_as_reading_and_never_unsaved(self, people):
        article = article_in(Status.IN_REVIEW, author=people["author"])
        author, editor = client_for(people["author"]), client_for(people["editor"])
        beat(author, article, unsaved=True)  # read-only for the author while in review
        assert [(o["editing"], o["unsaved"]) for o in beat(editor, article)["others"]] == [(False, False)]

    def test_a_page_gone_silent_or_closed_is_no_longer_shown(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        author, editor = client_for(people["author"]), client_for(people["editor"])
        beat(author, article)
        Presence.objects.filter(user=people["author"]).update(seen_at=timezone.now() - timedelta(minutes=1))
        assert beat(editor, article)["others"] == []
        beat(author, article)
        assert len(beat(editor, article)["others"]) == 1
        assert author.post(url(article, "presence_leave")).status_code == 200
        assert beat(editor, article)["others"] == []

    def test_other_stories_do_not_count(self, people):
        one, two = article_in(Status.DRAFT, author=people["author"]), article_in(Status.DRAFT, author=people["author"])
        beat(client_for(people["author"]), one)
        assert beat(client_for(people["editor"]), two)["others"] == []

    def test_someone_who_may_not_open_the_story_gets_nothing(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        beat(client_for(people["author"]), article)
        outsider = UserFactory(username="visitor", is_staff=True)  # staff, but no right on articles
        response = client_for(outsider).post(url(article), "{}", content_type="application/json")
        assert response.status_code == 403
        assert "Samer" not in response.content.decode()

    def test_bad_input_is_refused(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        client = client_for(people["author"])
        assert client.post(url(article), "[", content_type="application/json").status_code == 400
        assert client.post(url(article), json.dumps({"x": "y" * 9000}), content_type="application/json").status_code == 400
        assert client.get(url(article)).status_code == 405

    def test_the_query_budget_does_not_grow_with_the_number_of_people(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        editor = client_for(people["editor"])
        beat(editor, article)
        beat(client_for(people["author"]), article)
        with CaptureQueriesContext(connection) as one:
            beat(editor, article)
        for n in range(6):
            Presence.objects.create(article=article, user=UserFactory(username=f"reporter{n}", role=roles.REPORTER))
        with CaptureQueriesContext(connection) as seven:
            assert len(beat(editor, article)["others"]) == 7
        assert len(one) == len(seven) <= BUDGET_BEAT


# The session, the user, their permissions, the second factor's devices, the article with its
# bylines and the edit right, then the presence rows (in savepoints).
BUDGET_BEAT = 20


class TestTakingOver:
    def test_an_editor_takes_over_with_a_note_and_the_reporter_is_told(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Floods in Hasakah")
        author, editor = client_for(people["author"]), client_for(people["editor"])
        beat(author, article, unsaved=True)
        beat(editor, article)
        response = take_over(editor, article, people["author"], note="The desk needs it in ten minutes.")
        assert response.status_code == 200, response.content
        taken = beat(author, article, unsaved=True)["taken_over"]
        assert taken["by"] == "Hassan Darwish" and taken["note"] == "The desk needs it in ten minutes."
        item = Item.objects.get(recipient=people["author"])
        assert item.kind == services.TAKEN_OVER and "Hassan Darwish" in item.title and "Floods in Hasakah" in item.title
        assert item.body == "The desk needs it in ten minutes." and item.actor == people["editor"]
        assert beat(editor, article)["others"][0]["taken_over"] is True

    def test_the_takeover_holds_across_a_reload_while_the_editor_has_the_story_open(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        author, editor = client_for(people["author"]), client_for(people["editor"])
        beat(author, article)
        beat(editor, article)
        take_over(editor, article, people["author"])
        author.post(url(article, "presence_leave"))  # the reporter reloads the page
        assert beat(author, article)["taken_over"] is not None
        # The editor closes the story: the reporter's page may save again.
        editor.post(url(article, "presence_leave"))
        assert beat(author, article)["taken_over"] is None

    def test_a_save_from_the_page_taken_over_is_refused_with_the_typing_kept(self, people):
        from tests.test_workflow_admin import change_form_data, change_url

        article = article_in(Status.DRAFT, author=people["author"], headline="Before")
        author, editor = client_for(people["author"]), client_for(people["editor"])
        page = author.get(change_url(article))
        beat(author, article)
        beat(editor, article)
        take_over(editor, article, people["author"])
        response = author.post(change_url(article), change_form_data(page, headline="Typed after the takeover"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Hassan Darwish took this story over from you" in html and "Typed after the takeover" in html
        article.refresh_from_db()
        assert article.headline == "Before"
        # Once the editor has closed the story, the reporter may save again.
        editor.post(url(article, "presence_leave"))
        response = author.post(change_url(article), change_form_data(page, headline="Typed after the takeover"))
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.headline == "Typed after the takeover"

    def test_a_reporter_cannot_take_over(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        author, editor = client_for(people["author"]), client_for(people["editor"])
        beat(editor, article)
        beat(author, article)
        response = take_over(author, article, people["editor"])
        assert response.status_code == 403
        assert response.json()["error"] == str(services.ONLY_EDITORS)
        assert beat(editor, article)["taken_over"] is None
        assert not Item.objects.exists()

    @pytest.mark.parametrize("note, message", [("", services.NOTE_REQUIRED), ("   ", services.NOTE_REQUIRED)])
    def test_a_note_is_required(self, people, note, message):
        article = article_in(Status.DRAFT, author=people["author"])
        author, editor = client_for(people["author"]), client_for(people["editor"])
        beat(author, article)
        response = take_over(editor, article, people["author"], note=note)
        assert response.status_code == 400 and response.json()["error"] == str(message)
        assert beat(author, article)["taken_over"] is None

    def test_only_from_someone_who_has_it_open(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        response = take_over(client_for(people["editor"]), article, people["author"])
        assert response.status_code == 400 and response.json()["error"] == str(services.NOT_THERE)
        assert not Item.objects.exists()


def test_pages_closed_long_ago_are_forgotten_by_the_periodic_sweep(people):
    from jobs.services import PERIODIC
    from presence import tasks

    article = article_in(Status.DRAFT, author=people["author"])
    Presence.objects.create(article=article, user=people["author"], seen_at=timezone.now() - timedelta(days=2))
    Presence.objects.create(article=article, user=people["editor"])
    assert "presence.forget_stale" in PERIODIC
    tasks.presence_forget_sweep.call()
    assert list(Presence.objects.values_list("user__username", flat=True)) == ["editor"]
