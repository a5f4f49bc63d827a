"""Search words and name mentions as a reader meets them, on SQLite's FTS5 index (public.fulltext)
and on PostgreSQL's stored vector: edits found at once, any typed text safe, Arabic and Kurmanji
spellings, names in the text of a story. Tests of SQLite's index itself are marked so."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from public import fulltext
from newsroom import roles
from desk import workflow
from articles.models import Article
from public.search import article_search
from people.models import Person
from tests.factories import UserFactory
from tests.public_data import story, white_helmets_newsroom

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


def found(query: str) -> list[str]:
    """Headlines of the published stories, in any language, that ``query`` finds."""
    return [a.headline for a in article_search(Article.objects.published(), query=query)]


def results(client, query: str, edition: str = "en") -> list[str]:
    response = client.get(f"/{edition}/search/", {"q": query})
    assert response.status_code == 200, query
    return [article.headline for article in response.context["page"] or []]  # None: the form refused it


class TestEveryChangeIsFoundAtOnce:
    def test_a_saved_story_is_found(self):
        article = story(headline="Bakers return to Saraqib")
        assert found("Saraqib") == [article.headline]

    def test_an_edited_headline_is_found_by_its_new_words_only(self):
        article = story(headline="Bakers return to Saraqib")
        article.headline = "Bakers return to Maarrat"
        article.save()
        assert found("Saraqib") == []
        assert found("Maarrat") == [article.headline]

    def test_a_deleted_story_is_no_longer_found(self):
        article = story(headline="Bakers return to Saraqib")
        article.delete()
        assert found("Saraqib") == []

    def test_text_written_without_save_is_found(self):
        article = story(headline="Bakers return to Saraqib")
        Article.objects.filter(pk=article.pk).update(body="<p>Flour arrived from Azaz.</p>")
        assert found("Azaz") == [article.headline]
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {Article._meta.db_table} SET dek = %s WHERE id = %s", ["Ovens in Jindires", article.pk])
        assert found("Jindires") == [article.headline]
        assert found("Saraqib") == [article.headline]  # the headline was left as it was

    def test_stories_made_in_bulk_are_found(self):
        now = timezone.now()
        Article.objects.bulk_create(
            Article(
                headline=f"Wheat harvest in Hasakah {n}", slug=f"wheat-{n}", language="en",
                status=Article.Status.PUBLISHED, published_at=now - timezone.timedelta(hours=n + 1),
            )
            for n in range(3)
        )
        assert len(found("Hasakah")) == 3

    def test_publishing_through_the_workflow_finds_the_story(self):
        reporter, editor = UserFactory(role=roles.REPORTER), UserFactory(role=roles.EDITOR)
        article = Article.objects.create(headline="Clinic opens in Afrin", slug="clinic", language="en", body="<p>Doctors came.</p>")
        article.bylines.create(user=reporter)
        assert found("Afrin") == []  # a draft
        workflow.article_transition(article=article, action="submit", user=reporter)
        workflow.article_transition(article=article, action="publish", user=editor)
        assert found("Afrin") == [article.headline]


# Every character FTS5 (or websearch_to_tsquery) gives a meaning to, alone and around words.
READER_QUERIES = [
    '"', '""', '"""', '"civil', 'civil"', "*", "civil*", "(", ")", "(civil", "civil)", "()", "OR", "AND", "NOT",
    "civil OR", "OR civil", "civil NOT defense", "NEAR", "NEAR(civil defense)", "NEAR(civil defense, 2)",
    "-", "--", "-civil", "civil -defense", ":", "headline:civil", "{headline dek}: civil", "^civil", "+civil",
    "civil's", "'", "\\", "%", "_", "civil%", "&", "|", "!", "<p>", "؟", "«الدفاع»", "و", "ف", "وال", "ـ",
    "\u064e", "civil\u0000", " " * 3, "a" * 300,
]


class TestAReadersQueryIsNeverSyntax:
    @pytest.mark.parametrize("query", READER_QUERIES)
    def test_any_text_gives_results_or_none_never_an_error(self, client, query):
        story(headline="Civil defense crews clear the roads")
        results(client, query)
        results(client, query, edition="ar")

    @sqlite_only
    def test_syntax_characters_are_only_characters(self):
        article = story(headline="Civil defense crews clear the roads")
        for query in ['"civil', "civil*", "(civil", "-civil", "^civil", "civil:", "{civil}", "civil's"]:
            assert found(query) == [article.headline], query
        # Punctuation inside a word joins its parts into a phrase: not a column filter, not NEAR.
        assert found("headline:civil") == found("NEAR(civil") == []
        assert found("civil-defense") == [article.headline]
        assert found("civil -defense") == [article.headline]  # a minus excludes nothing
        assert found("civil OR xylophone") == []  # OR is a word the story does not have


class TestWordsMatchTheirBeginnings:
    @sqlite_only
    def test_the_beginning_of_a_word_finds_it_the_middle_does_not(self):
        article = story(headline="Defenses rebuilt along the river")
        assert found("defen") == found("defense") == found("DEFENSES") == [article.headline]
        assert found("fenses") == []

    @sqlite_only
    def test_words_of_one_or_two_letters_match_whole_words(self):
        article = story(headline="UN convoy reaches Atmeh", body="<p>Unloading began at dawn.</p>")
        assert found("un") == [article.headline]
        assert found("unl") == [article.headline]
        assert found("at") == [article.headline]
        assert found("da") == []

    @sqlite_only
    def test_markup_of_the_body_is_not_text(self):
        body = (
            '<p dir="rtl">Pumps <strong>work</strong>&nbsp;again</p><h2>Next</h2><blockquote>Yes</blockquote>'
            '<p><a href="https://example.org/water" rel="noopener noreferrer">Report</a> &amp; more</p>'
        )
        story(headline="Water", body=body)
        for word in ["str", "strong", "block", "blockquote", "dir", "rtl", "href", "noopener", "noreferrer", "nbsp", "amp"]:
            assert found(word) == [], word
        assert found("pumps work again next yes report more") == ["Water"]
        assert found("example") == ["Water"]  # a link's address is text


class TestArabic:
    def test_a_joined_wa_or_a_preposition_does_not_stop_a_match(self):
        for n, text in enumerate(["والدفاع", "للدفاع", "بالدفاع", "الدفاع"]):
            story(headline=f"تقرير {n}", language="ar", body=f"<p>وصل فريق {text} إلى القرية</p>")
        everywhere = {f"تقرير {n}" for n in range(4)}
        assert set(found("دفاع")) == everywhere
        assert set(found("الدفاع")) == everywhere
        assert set(found("والدفاع")) == everywhere

    def test_harakat_tatweel_and_hamza_on_alef_are_ignored(self):
        vowelled = story(headline="مُدِيرُ المَدْرَسَةِ يَعُود", language="ar")
        drawn_out = story(headline="أهالي إدلب يعودون إلى بيوتهـــم", language="ar")
        assert found("مدير") == [vowelled.headline]
        assert found("مُدير المدرسة") == [vowelled.headline]
        assert found("ادلب") == [drawn_out.headline]
        assert found("الأهالي") == [drawn_out.headline]

    @sqlite_only
    def test_alef_maqsura_stays_apart_from_ya(self):
        """ى is not folded into ي: "علي" (Ali) must not find every story saying "على" ("on")."""
        story(headline="الحديث على الهاتف", language="ar")
        ali = story(headline="علي يعود", language="ar")
        assert found("علي") == [ali.headline]


class TestKurmanji:
    def test_words_with_diacritics_are_found_as_written(self):
        article = story(headline="Ava vexwarinê vegeriya Helebê", language="ku")
        assert found("helebê") == [article.headline]
        assert found("vexwarinê") == [article.headline]

    @sqlite_only
    def test_diacritics_and_case_may_be_left_out(self):
        article = story(headline="Şêx Meqsûd: ava vexwarinê vegeriya Helebê", language="ku")
        for query in ["helebe", "HELEBÊ", "sex meqsud", "ŞÊX", "vexwarine"]:
            assert found(query) == [article.headline], query


class TestNamesInTheText:
    @pytest.fixture
    def newsroom(self):
        return white_helmets_newsroom()

    def test_a_person_page_lists_a_story_naming_them_in_the_body_only(self, client, newsroom):
        mention = story(headline="Roads cleared near Sarmada", body="<p>Crews led by Raed Saleh worked all night.</p>")
        page = client.get(f"/en/people/{newsroom.raed.slug}/").content.decode()
        assert mention.headline in page

    def test_an_arabic_name_with_a_joined_wa_is_a_mention(self, client, newsroom):
        mention = story(headline="فتح الطرقات", language="ar", body="<p>وصل المتطوعون ورائد الصالح إلى القرية.</p>")
        page = client.get(f"/ar/people/{newsroom.raed.slug}/").content.decode()
        assert mention.headline in page

    def test_an_organization_named_with_a_preposition_is_a_mention(self, client, newsroom):
        mention = story(headline="شكر للمتطوعين", language="ar", body="<p>قدم الأهالي الشكر للدفاع المدني السوري.</p>")
        page = client.get(f"/ar/organizations/{newsroom.civil_defense.slug}/").content.decode()
        assert mention.headline in page

    @sqlite_only
    def test_a_name_inside_another_word_is_not_a_mention(self, client):
        aliyah = Person.objects.create(name="Ali Hamza")
        story(headline="Somali Hamzawi visits", body="<p>Bali hamza-like dishes.</p>")
        interview = story(headline="Interview")
        interview.interviewee_links.create(person=aliyah)
        page = client.get(f"/en/people/{aliyah.slug}/").content.decode()
        assert "Somali Hamzawi visits" not in page


@sqlite_only
class TestTheIndex:
    def test_the_table_and_its_triggers_exist_after_all_migrations(self):
        """A migration that makes Django rebuild articles_article on SQLite drops the triggers: it
        must call fulltext.create_triggers and fulltext.refill (see public/fulltext.py)."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            names = {row[0] for row in cursor.fetchall()}
        assert {fulltext.TABLE, *fulltext.TRIGGERS.values()} <= names

    def test_a_status_change_leaves_the_index_alone(self):
        article = story(headline="Bakers return to Saraqib")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {fulltext.TABLE}_data")
            before = cursor.fetchone()
            Article.objects.filter(pk=article.pk).update(status=Article.Status.WITHDRAWN)
            cursor.execute(f"SELECT count(*) FROM {fulltext.TABLE}_data")
            assert cursor.fetchone() == before
            cursor.execute(f"INSERT INTO {fulltext.TABLE}({fulltext.TABLE}) VALUES ('integrity-check')")


BEFORE = [("articles", "0008_merge_translation_and_performance")]
AFTER = [("articles", "0009_article_fulltext_sqlite")]


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_migration_indexes_the_stories_already_there_and_can_be_reversed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    with connection.cursor() as cursor:
        assert fulltext.TABLE not in connection.introspection.table_names(cursor)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldArticle = old_apps.get_model("articles", "Article")
    now = timezone.now()
    old = [
        OldArticle.objects.create(headline="Bakers return to Saraqib", slug="bakers", language="en",
                                  body="<p>Flour arrived from <strong>Azaz</strong>.</p>"),
        OldArticle.objects.create(headline="عودة الأفران", slug="afran", language="ar",
                                  body="<p>وصلَ الطحينُ والدقيق إلى إدلب.</p>"),
    ]
    OldArticle.objects.filter(pk__in=[a.pk for a in old]).update(status="published", published_at=now)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the newest state

    assert found("azaz") == ["Bakers return to Saraqib"]
    assert found("الطحين ادلب") == ["عودة الأفران"]
    assert found("دقيق") == ["عودة الأفران"]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    with connection.cursor() as cursor:
        assert fulltext.TABLE not in connection.introspection.table_names(cursor)
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
        assert cursor.fetchone() == (0,)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert found("azaz") == ["Bakers return to Saraqib"]


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_after_a_table_rebuild_creating_the_triggers_and_refilling_brings_the_index_back():
    """What a later migration altering articles_article on SQLite must do (public/fulltext.py)."""
    article = story(headline="Bakers return to Saraqib")
    field = Article._meta.get_field("agency")
    wider = field.clone()
    wider.set_attributes_from_name("agency")
    wider.max_length = field.max_length + 1
    try:
        with connection.schema_editor() as editor:
            editor.alter_field(Article, field, wider)  # SQLite: a new table, copied; the old one dropped
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            assert cursor.fetchone() == (0,)
        story(headline="Ovens relit in Azaz")
        assert found("Azaz") == []  # written while the triggers were gone
        with connection.schema_editor() as editor:
            fulltext.create_triggers(editor)
            fulltext.refill(editor)
        assert found("Azaz") == ["Ovens relit in Azaz"]
        article.delete()
        assert found("Saraqib") == []
    finally:
        with connection.schema_editor() as editor:
            editor.alter_field(Article, wider, field)
            fulltext.create_triggers(editor)
            fulltext.refill(editor)
