"""Withdrawing a story's source withdraws its published translations with it, in one step and with
one note (desk.workflow.article_transition_with_versions, the workflow panel's ticked languages)."""

import pytest
from django.urls import reverse

from articles.models import Article, StatusChange
from desk import workflow
from tests.public_data import white_helmets_newsroom
from tests.test_workflow_admin import client_for
from tests.workflow_support import fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db


def story_in_three_languages():
    newsroom = white_helmets_newsroom()
    source = newsroom.interview
    arabic = newsroom.interview_ar
    kurdish = Article.objects.create(
        headline="Raed Al-Saleh: “Em bi destan dikolin”", language="ku", body="<p>Hevpeyvîn.</p>",
        translation_key=source.translation_key, translation_source=source,
        status=Article.Status.PUBLISHED, published_at=source.published_at,
    )
    if arabic.translation_source_id is None:
        Article.objects.filter(pk=arabic.pk).update(translation_source=source)
        arabic.refresh_from_db()
    return source, arabic, kurdish


def test_the_source_offers_its_published_translations(people):
    source, arabic, kurdish = story_in_three_languages()
    assert [v.language for v in workflow.versions_offered(source, "withdraw")] == ["ar", "ku"]
    assert workflow.versions_offered(arabic, "withdraw") == []  # a translation is withdrawn alone


def test_withdrawing_the_source_with_its_translations_answers_410_on_all_three_in_one_step(people, client):
    source, arabic, kurdish = story_in_three_languages()
    editor = client_for(people["editor"])
    url = reverse("admin:articles_article_transition", args=[source.pk, "withdraw"])
    response = editor.post(url, {"note": "Withdrawn on legal advice (case 2026/114).",
                                 "public_note": "The story was withdrawn for legal reasons.",
                                 "versions": [arabic.pk, kurdish.pk]})
    assert response.status_code == 302
    for article in (source, arabic, kurdish):
        article.refresh_from_db()
        assert article.status == Article.Status.WITHDRAWN
        page = client.get(f"/{article.language}/articles/{article.pk}/{article.slug}/")
        assert page.status_code == 410
        assert "The story was withdrawn for legal reasons." in page.content.decode()
        assert "case 2026/114" not in page.content.decode()  # the reason stays internal
    steps = StatusChange.objects.filter(action="withdraw", article__translation_key=source.translation_key)
    assert steps.count() == 3
    assert set(steps.values_list("note", flat=True)) == {"Withdrawn on legal advice (case 2026/114)."}
    assert set(steps.values_list("public_note", flat=True)) == {"The story was withdrawn for legal reasons."}


def test_an_unticked_translation_stays_published_and_one_translation_can_be_withdrawn_alone(people):
    source, arabic, kurdish = story_in_three_languages()
    workflow.article_transition_with_versions(
        article=source, action="withdraw", user=people["editor"], versions=[arabic], note="Legal."
    )
    kurdish.refresh_from_db()
    assert kurdish.status == Article.Status.PUBLISHED
    workflow.article_transition(article=kurdish, action="withdraw", user=people["editor"], note="Alone.")
    kurdish.refresh_from_db()
    assert kurdish.status == Article.Status.WITHDRAWN


def test_republishing_the_source_offers_the_withdrawn_translations(people):
    source, arabic, kurdish = story_in_three_languages()
    workflow.article_transition_with_versions(
        article=source, action="withdraw", user=people["editor"], versions=[arabic, kurdish], note="Legal."
    )
    offered = workflow.versions_offered(Article.objects.get(pk=source.pk), "republish")
    assert {v.pk for v in offered} == {arabic.pk, kurdish.pk}
    workflow.article_transition_with_versions(
        article=source, action="republish", user=people["editor"], versions=offered
    )
    assert set(Article.objects.filter(pk__in=[source.pk, arabic.pk, kurdish.pk]).values_list("status", flat=True)) == {"published"}


def test_one_refusal_takes_no_step_at_all(people):
    source, arabic, kurdish = story_in_three_languages()
    stranger = Article.objects.exclude(translation_key=source.translation_key).filter(status="published").first()
    with pytest.raises(workflow.TransitionRefused):
        workflow.article_transition_with_versions(
            article=source, action="withdraw", user=people["editor"], versions=[arabic, stranger], note="Legal."
        )
    assert Article.objects.get(pk=source.pk).status == Article.Status.PUBLISHED
    assert Article.objects.get(pk=arabic.pk).status == Article.Status.PUBLISHED
