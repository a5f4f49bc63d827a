"""One content-save service: ``desk.services.article_save`` is how every writer changes an article's
content (the admin form, the copy desk's import and confirmation, "Translate into…", restores, the
demo seeder), so each of them checks the edit version, keeps one revision, bumps the version once and
tells the parts that react."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.forms import ArticleAdminForm
from articles.models import Article, Byline, Interviewee, Revision
from articles.signals import article_saved
from copydesk.models import ImportRecord
from copydesk.services import IntervieweeChoice, copy_import, copy_import_confirm
from desk import revisions, services
from desk.forms import ArticleDeskForm
from public import keys
from public.caching import key_versions
from tests.factories import AffiliationFactory, OrganizationFactory, PersonFactory
from tests.test_workflow_admin import change_form_data, change_url, client_for
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

COPY = """Water returns to Hasakah after three weeks

Hasakah, Syria – North-Press Agency
Rojda Amed

The Alouk water station pumped again on Monday, the engineers of the local water board said.

Families in the eastern districts had bought water from tankers at three times the usual price.
"""


@pytest.fixture
def hasakah(db):
    """The person and organization the copy names, so that the import proposes them."""
    board = OrganizationFactory(name="Hasakah Water Board", slug="hasakah-water-board")
    engineer = PersonFactory(name="Ferhad Ali", slug="ferhad-ali")
    return engineer, board, AffiliationFactory(person=engineer, organization=board, role="chief engineer")


class TestTheCopyDeskSavesThroughTheService:
    def test_an_import_keeps_revision_1_at_version_1(self, people):
        record = copy_import(data=COPY, user=people["author"]).record
        article = record.article
        article.refresh_from_db()
        assert article.version == 1
        assert list(article.revisions.values_list("number", "version")) == [(1, 1)]
        revision = article.revisions.get()
        assert revision.created_by == people["author"]
        assert revision.content["headline"] == "Water returns to Hasakah after three weeks"
        assert [b["display"] for b in revision.content["bylines"]] == ["Rojda Amed"]

    def test_a_confirmation_bumps_the_version_once_and_keeps_revision_2(self, people, hasakah):
        engineer, board, role = hasakah
        record = copy_import(data=COPY, user=people["author"]).record
        article = copy_import_confirm(
            record=record, user=people["author"], version=1, kind="news",
            interviewees=[IntervieweeChoice(engineer, "chief engineer", role)], organizations=[board], tags=[],
        )
        article.refresh_from_db()
        assert article.version == 2
        assert list(article.revisions.values_list("number", "version")) == [(2, 2), (1, 1)]
        assert article.revisions.get(number=2).content["interviewees"][0]["name"] == "Ferhad Ali"

    def test_a_confirmation_over_an_admin_edit_is_refused_and_changes_nothing(self, people, hasakah):
        engineer, board, role = hasakah
        record = copy_import(data=COPY, user=people["author"]).record
        confirm_url = reverse("admin:copydesk_importrecord_change", args=[record.pk])
        reporter = client_for(people["author"])
        page = reporter.get(confirm_url)  # the reporter opens the proposals at version 1
        opened_at = page.context["form"]["version"].value()
        assert opened_at == 1

        editor = client_for(people["editor"])  # meanwhile an editor rewrites the draft's body
        article = record.article
        data = change_form_data(editor.get(change_url(article)), body="<p>The editor's own lead.</p>")
        assert editor.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.version == 2

        response = reporter.post(confirm_url, {
            "version": opened_at, "kind": "news", f"person_{engineer.pk}": "on",
            f"role_{engineer.pk}": "chief engineer", f"affiliation_{engineer.pk}": role.pk,
            f"organization_{board.pk}": "on",
        })
        html = response.content.decode()
        assert response.status_code == 200  # the page again, not a redirect to the draft
        assert "Nothing was confirmed: the draft was edited after you opened this page" in html
        assert "The editor" in html  # their change is shown above the choices
        assert response.context["form"]["version"].value() == 2  # confirming again is deliberate
        article.refresh_from_db()
        assert article.body == "<p>The editor's own lead.</p>" and article.version == 2
        assert not Interviewee.objects.exists() and not article.organizations.exists()
        record.refresh_from_db()
        assert record.confirmed_at is None

    def test_the_import_links_a_byline_to_the_staff_member_it_names_whatever_the_spelling(self, people):
        copy_import(data=COPY.replace("Rojda Amed", "SAMER TAHA"))  # the author is Samer Taha
        assert Byline.objects.get().user == people["author"]


class TestArticleSave:
    def test_a_save_over_a_newer_version_raises_and_changes_nothing(self, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Before")
        stale = Article.objects.get(pk=article.pk)
        fresh = Article.objects.get(pk=article.pk)
        fresh.headline = "Saved first"
        services.article_save(article=fresh, user=people["editor"], version=fresh.version)
        stale.headline = "Saved second, from an old form"
        with pytest.raises(revisions.EditConflict) as caught:
            services.article_save(article=stale, user=people["author"], version=stale.version)
        assert "\u2068Hassan Darwish\u2069 saved this article after you opened it" in str(caught.value)
        article.refresh_from_db()
        assert article.headline == "Saved first"
        assert article.revisions.count() == 2  # the baseline and the editor's

    def test_a_content_save_never_writes_the_workflow_fields(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        opened = Article.objects.get(pk=article.pk)  # a form opened while it was a draft…
        from desk import workflow

        workflow.article_transition(article=article, action="publish", user=people["editor"])
        current = Article.objects.get(pk=article.pk)
        current.headline = "Corrected headline"
        current.status, current.published_at = opened.status, opened.published_at  # …still says draft
        services.article_save(article=current, user=people["editor"], version=article.version)
        current.refresh_from_db()
        assert current.headline == "Corrected headline"
        assert current.status == Status.PUBLISHED and current.published_at is not None
        assert current.revised_at is not None  # a public story is shown as updated

    def test_a_new_article_is_made_its_authors(self, people):
        article = Article(headline="Bakeries reopen", body="<p>Flour arrived.</p>")
        revision = services.article_save(article=article, user=people["author"], author=people["author"])
        assert [b.user for b in article.bylines.all()] == [people["author"]]
        assert revision.number == 1 and revision.content["bylines"][0]["user"] == people["author"].pk
        assert Article.objects.get(pk=article.pk).version == 1

    def test_a_save_that_changes_nothing_keeps_no_revision_and_no_new_version(self, people):
        article = article_in(Status.DRAFT, author=people["author"])
        services.article_save(article=article, user=people["author"], version=article.version)
        before = (article.version, article.revisions.count())
        assert services.article_save(article=article, user=people["author"], version=article.version) is None
        article.refresh_from_db()
        assert (article.version, article.revisions.count()) == before

    def test_the_parts_that_react_are_told_inside_the_transaction(self, people):
        article = article_in(Status.PUBLISHED, author=people["author"])
        heard = []

        def receiver(sender, *, article, created, revision, previous, user, correction_added, **kwargs):
            heard.append((article.pk, created, revision.number if revision else None,
                           previous.number if previous else None, user, correction_added))

        key = keys.article(article.pk)
        before = key_versions([key])[key]
        article_saved.connect(receiver)
        try:
            article.body = "<p>A new paragraph.</p>"
            services.article_save(article=article, user=people["editor"], version=article.version)
        finally:
            article_saved.disconnect(receiver)
        assert heard == [(article.pk, False, 2, 1, people["editor"], False)]
        assert key_versions([key])[key] > before  # the public site retired the pages that show it


class TestTheAdminSavesThroughTheService:
    def test_a_save_that_loses_the_race_after_validation_shows_the_conflict(self, people, monkeypatch):
        """Someone saves between the form's validation and its save: the save under the row lock
        refuses, nothing is written, and the form comes back with the typing and their change."""
        article = article_in(Status.DRAFT, author=people["author"], headline="Road to Qamishli reopens")
        client = client_for(people["author"])
        data = change_form_data(client.get(change_url(article)), headline="My new headline")
        other = Article.objects.get(pk=article.pk)
        other.headline = "The editor's headline"
        services.article_save(article=other, user=people["editor"], version=other.version)
        passes = []

        def validated_before_their_save(form):
            passes.append(form)
            if len(passes) == 1:  # this validation ran before their save: it saw no conflict
                return ArticleAdminForm.clean(form)
            return desk_clean(form)

        desk_clean = ArticleDeskForm.clean
        monkeypatch.setattr(ArticleDeskForm, "clean", validated_before_their_save)
        response = client.post(change_url(article), data)
        assert response.status_code == 200 and len(passes) == 2
        form = response.context["adminform"].form
        assert form.conflict is not None and form["headline"].value() == "My new headline"
        article.refresh_from_db()
        assert article.headline == "The editor's headline"
        assert Revision.objects.filter(article=article).count() == 2  # the baseline and the editor's

    def test_a_reporter_creating_a_story_is_put_in_its_byline(self, people):
        client = client_for(people["author"])
        response = client.get(reverse("admin:articles_article_add"))
        data = change_form_data(response, headline="Storm damages tents", body="<p>Wind.</p>", kind="news",
                                language="en")
        data.update({"bylines-TOTAL_FORMS": "0", "bylines-INITIAL_FORMS": "0",
                     "interviewee_links-TOTAL_FORMS": "0", "interviewee_links-INITIAL_FORMS": "0"})
        assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
        article = Article.objects.get(headline="Storm damages tents")
        assert [b.user for b in article.bylines.all()] == [people["author"]]
        assert list(article.revisions.values_list("number", "version")) == [(1, 1)]


def test_nothing_imported_is_half_saved_when_the_revision_cannot_be_kept(people, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(services, "_revision_record", broken)
    with pytest.raises(RuntimeError):
        copy_import(data=COPY, user=people["author"])
    assert not Article.objects.exists() and not Byline.objects.exists() and not ImportRecord.objects.exists()
    cache.clear()
