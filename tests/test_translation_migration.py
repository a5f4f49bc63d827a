"""Stories already in several languages before translation tracking get a source when migrating."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0005_merge_parallel_work")]
AFTER = [("articles", "0006_translation_tracking")]


@pytest.mark.django_db(transaction=True)
def test_existing_language_versions_become_translations_of_the_oldest_one():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldArticle = old_apps.get_model("articles", "Article")
    OldCorrection = old_apps.get_model("articles", "Correction")
    english = OldArticle.objects.create(headline="Water returns", slug="water-returns", language="en")
    arabic = OldArticle.objects.create(headline="عودة المياه", slug="عودة-المياه", language="ar",
                                       translation_key=english.translation_key)
    kurdish = OldArticle.objects.create(headline="Av vedigere", slug="av-vedigere", language="ku",
                                        translation_key=english.translation_key)
    alone = OldArticle.objects.create(headline="Alone", slug="alone", language="en")
    note = OldCorrection.objects.create(article=english, text="The date was wrong.")
    content = {"headline": "Water returns", "dek": "", "body": "<p>Tankers came.</p>", "tags": ["Aleppo"]}
    kept = old_apps.get_model("articles", "Revision").objects.create(article=english, number=1, version=1, content=content)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the newest state

    from django.contrib.auth.models import Group

    from desk import revisions
    from translations import services as translation
    from articles.models import Article, Revision

    versions = {a.language: a for a in Article.objects.filter(translation_key=english.translation_key)}
    assert versions["en"].translation_source is None
    assert [versions[c].translation_source_id for c in ("ar", "ku")] == [english.pk, english.pk]
    assert [versions[c].translation_source_corrections_seen for c in ("ar", "ku")] == [note.pk, note.pk]
    assert Article.objects.get(pk=alone.pk).translation_source is None
    assert not any(translation.with_translation_state(Article.objects.all()).values_list("translation_outdated", flat=True))
    assert {arabic.pk, kurdish.pk} == {a.pk for a in Article.objects.filter(translation_source_id=english.pk)}
    assert Revision.objects.get(pk=kept.pk).text_key == revisions.text_key(content)
    translators = Group.objects.get(name="Translator").permissions.values_list("codename", flat=True)
    assert {"translate_article", "view_translationrequest"} <= set(translators)
