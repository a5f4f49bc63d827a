"""Words found in their other forms: English and Arabic stemmed at index and query time (SQLite: the
Snowball stemmers of newsroom.stemming in the FTS5 index; PostgreSQL: its configurations), Kurmanji
matched as written, and a story naming what the reader typed ranked above one that only has its words.
Run on SQLite by default and on PostgreSQL with DATABASE_URL=postgres://…"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Article
from newsroom import stemming
from people.models import Organization, OrganizationAlias
from public import fulltext
from public.search import article_search
from tests.public_data import story

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


def found(query: str) -> list[str]:
    return [a.headline for a in article_search(Article.objects.published(), query=query)]


class TestEnglish:
    def test_a_plural_finds_the_singular_and_back(self):
        singular = story(headline="Clean water reaches Atareb", body="<p>The pumps run again.</p>")
        plural = story(headline="Floods in Hama", body="<p>The waters rose overnight.</p>")
        assert set(found("waters")) == {singular.headline, plural.headline}
        assert set(found("water")) == {singular.headline, plural.headline}

    def test_other_endings_of_a_word_find_it(self):
        article = story(headline="Schools reopen", body="<p>Two studies counted the pupils who returned.</p>")
        assert found("study") == [article.headline]
        assert found("returning") == [article.headline]

    def test_every_word_is_still_required(self):
        story(headline="Clean water reaches Atareb")
        assert found("waters Hama") == []


class TestArabic:
    def test_a_joined_wa_before_the_article_does_not_stop_a_match(self):
        plain = story(headline="تقرير أول", language="ar", body="<p>انقطعت المياه عن الحي.</p>")
        joined = story(headline="تقرير ثان", language="ar", body="<p>عادت الكهرباء والمياه إلى الحي.</p>")
        assert set(found("والمياه")) == {plain.headline, joined.headline}
        assert set(found("المياه")) == {plain.headline, joined.headline}

    def test_a_ta_marbuta_typed_as_ha_finds_the_word(self):
        article = story(headline="المدرسة تفتح أبوابها", language="ar", body="<p>عاد الأطفال.</p>")
        assert found("مدرسه") == [article.headline]
        assert found("عادت") == [article.headline]  # a verb's other person

    def test_a_word_whose_first_letter_is_wa_still_finds_itself(self):
        minister = story(headline="الوزير يزور حلب", language="ar")
        assert found("وزير") == [minister.headline]
        assert found("الوزير") == [minister.headline]

    @sqlite_only  # PostgreSQL's English configuration keeps "علي", its Arabic one stems "على" to it
    def test_ali_does_not_find_every_story_saying_on(self):
        story(headline="الحديث على الهاتف", language="ar")
        ali = story(headline="علي يعود إلى حلب", language="ar")
        assert found("علي") == [ali.headline]


class TestKurmanji:
    def test_kurmanji_stories_are_matched_as_written(self):
        english = story(headline="Schools reopen", body="<p>Two studies counted the pupils.</p>")
        story(headline="Dibistan vedibin", language="ku", body="<p>Du studies hatin kirin.</p>")
        assert found("study") == [english.headline]  # the Kurmanji story's "studies" is not stemmed

    def test_kurmanji_words_are_found_as_typed(self):
        article = story(headline="Ava vexwarinê vegeriya Helebê", language="ku")
        assert found("vexwarinê") == [article.headline]


class TestRanking:
    @pytest.fixture
    def stories(self):
        civil_defense = Organization.objects.create(name="Syria Civil Defense")
        OrganizationAlias.objects.create(organization=civil_defense, name="The White Helmets")
        linked = story(headline="Rescuers reach Jindires", body="<p>Volunteers dug for two days.</p>", hours_ago=9)
        linked.organizations.add(civil_defense)
        named = story(headline="Thanks from Sarmada", body="<p>The White Helmets cleared the road.</p>", hours_ago=6)
        words_only = story(
            headline="Blue helmets patrol the white hills",
            body="<p>The UN's Blue Helmets, helmets on, crossed the white hills of the south.</p>",
            hours_ago=1,
        )
        return linked, named, words_only

    def test_a_story_naming_the_organization_ranks_above_one_with_its_words_elsewhere(self, stories):
        linked, named, words_only = stories
        assert found("White Helmets") == [linked.headline, named.headline, words_only.headline]

    def test_newest_first_still_lists_them_all_by_date(self, stories):
        linked, named, words_only = stories
        results = article_search(Article.objects.published(), query="White Helmets", sort="newest")
        assert [a.headline for a in results] == [words_only.headline, named.headline, linked.headline]


def test_the_stemmer_follows_the_story_language():
    assert stemming.stems("The waters were rising", "en") == "the water were rise"
    assert stemming.stems("عادت الكهرباء والمياه", "ar").split() == ["عاد", "كهرباء", "والمي", "مياه"]
    assert stemming.stems("Ava vexwarinê", "ku") == ""  # Kurmanji: its words are indexed as written
    assert stemming.stems("<p>Flour&nbsp;<strong>arrived</strong></p>", "en") == "flour arriv"


@sqlite_only
class TestTheIndex:
    def test_a_change_of_language_stems_the_story_again(self):
        article = story(headline="Floods in Hama", body="<p>The waters rose overnight.</p>")
        assert found("water") == [article.headline]
        Article.objects.filter(pk=article.pk).update(language="ku")  # no save(): the trigger sees it
        assert found("water") == [article.headline]  # "water" is still the beginning of "waters"
        assert found("watered") == []  # only an English story's "waters" is stemmed to "water"
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fulltext.TABLE}({fulltext.TABLE}) VALUES ('integrity-check')")

    def test_edits_and_deletions_keep_the_index_whole(self):
        article = story(headline="Floods in Hama", body="<p>The waters rose overnight.</p>")
        article.body = "<p>والمياه ارتفعت.</p>"
        article.save()
        Article.objects.filter(pk=article.pk).update(headline="Rivers in Hama")
        assert found("waters") == []
        assert found("rivers") == [article.headline.replace("Floods", "Rivers")]
        article.delete()
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fulltext.TABLE}({fulltext.TABLE}) VALUES ('integrity-check')")
        assert found("river") == []

    def test_the_reindex_command_indexes_every_story_again(self):
        article = story(headline="Floods in Hama", body="<p>The waters rose overnight.</p>")
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {fulltext.TABLE}({fulltext.TABLE}) VALUES ('delete-all')")
        assert found("water") == []
        out = io.StringIO()
        call_command("search_reindex", stdout=out)
        assert "Indexed 1 stories" in out.getvalue()
        assert found("water") == [article.headline]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored vectors")
def test_the_reindex_command_rewrites_the_stored_vectors():
    article = story(headline="Floods in Hama", body="<p>The waters rose overnight.</p>")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET search_document = NULL")
    assert found("water") == []
    call_command("search_reindex", stdout=io.StringIO())
    assert found("water") == [article.headline]


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_the_migration_stems_the_stories_already_there():
    article = story(headline="Floods in Hama", body="<p>The waters rose overnight.</p>")
    with connection.cursor() as cursor:  # as an index of the older code held it: no stems
        cursor.execute(f"INSERT INTO {fulltext.TABLE}({fulltext.TABLE}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {fulltext.TABLE}(rowid, headline, dek, body) SELECT id, headline, dek, body FROM articles_article"
        )
    assert found("watered") == []
    executor = MigrationExecutor(connection)
    executor.migrate([("public", "0001_surrogate_keys")])
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert found("watered") == [article.headline]  # "watered" and "waters" share the stem "water"
