"""Tags in every edition's language: the data carried from taggit's tables, the addresses per
language with the old ones redirecting, and merging duplicates (desk.tags.tag_merge)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article, Tag, TaggedArticle, TagSpelling
from desk.tags import tag_merge
from tests.public_data import story

BEFORE = [("articles", "0011_tag_model_per_language")]
AFTER = [("articles", "0012_carry_tags_to_tag_model")]


@pytest.mark.django_db(transaction=True)
def test_every_tag_and_tagged_article_is_carried_from_taggit_tables():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    OldArticle = old_apps.get_model("articles", "Article")
    OldTag, OldItem = old_apps.get_model("taggit", "Tag"), old_apps.get_model("taggit", "TaggedItem")
    article_type = ContentType.objects.get_for_model(Article)
    water = OldTag.objects.create(name="Water", slug="water")
    aleppo = OldTag.objects.create(name="Aleppo", slug="aleppo")
    unused = OldTag.objects.create(name="Unused", slug="unused")
    stories = [OldArticle.objects.create(headline=f"Story {n}", slug=f"story-{n}", language="en") for n in range(3)]
    for article, tags in zip(stories, [[water], [water, aleppo], []]):
        for tag in tags:
            OldItem.objects.create(tag=tag, content_type_id=article_type.pk, object_id=article.pk)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert sorted(Tag.objects.values_list("pk", "name_en", "slug_en")) == sorted(
        [(water.pk, "Water", "water"), (aleppo.pk, "Aleppo", "aleppo"), (unused.pk, "Unused", "unused")]
    )
    carried = {a.headline: sorted(a.tags.values_list("name_en", flat=True)) for a in Article.objects.all()}
    assert carried == {"Story 0": ["Water"], "Story 1": ["Aleppo", "Water"], "Story 2": []}
    assert TaggedArticle.objects.count() == OldItem.objects.count() == 3
    newer = Tag.objects.create(name="Health")  # a new tag's id follows the carried ones
    assert newer.pk > max(water.pk, aleppo.pk, unused.pk)


@pytest.mark.django_db
def test_a_tag_has_its_address_in_each_language_and_the_others_redirect(client):
    tag = Tag.objects.create(name="Hasakah")
    Tag.objects.filter(pk=tag.pk).update(name_ar="الحسكة", slug_ar="الحسكة", name_ku="Hesîçe", slug_ku="hesîçe")
    story(tags=["Hasakah"], language="ar", headline="مياه الحسكة")
    assert client.get("/ar/tags/الحسكة/").status_code == 200
    response = client.get("/ar/tags/hasakah/")
    assert response.status_code == 301 and response["Location"] == "/ar/tags/%D8%A7%D9%84%D8%AD%D8%B3%D9%83%D8%A9/"
    assert "<h1>الحسكة</h1>" in client.get("/ar/tags/الحسكة/").content.decode()


@pytest.mark.django_db
def test_a_name_missing_in_the_edition_falls_back_marked_with_its_language(client):
    story(tags=["Hasakah"], language="ar", headline="مياه الحسكة")
    page = client.get("/ar/tags/hasakah/").content.decode()
    assert '<h1><span lang="en" dir="ltr">Hasakah</span></h1>' in page


@pytest.mark.django_db
def test_merging_two_tags_of_a_thousand_stories_each_tags_every_story_once_and_redirects(client, django_user_model):
    editor = django_user_model.objects.create(username="editor-merge")
    kept, merged = Tag.objects.create(name="Hasakah"), Tag.objects.create(name="Al-Hasakah")
    Tag.objects.filter(pk=merged.pk).update(name_ar="الحسكة", slug_ar="الحسكة")
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(headline=f"Story {n}", slug=f"story-{n}", language="en", status="published",
                published_at=now - timezone.timedelta(minutes=n + 1))
        for n in range(1500)
    )
    # 1,000 stories each: 500 carry only the kept tag, 500 both, 500 only the merged one.
    links = [TaggedArticle(content_object=a, tag=kept) for a in stories[:1000]]
    links += [TaggedArticle(content_object=a, tag=merged) for a in stories[500:]]
    TaggedArticle.objects.bulk_create(links)

    moved = tag_merge(keep=kept, merge=[merged], user=editor)

    assert moved == 500
    assert not Tag.objects.filter(pk=merged.pk).exists()
    assert TaggedArticle.objects.filter(tag=kept).count() == 1500
    assert TaggedArticle.objects.count() == 1500  # every story tagged once
    kept.refresh_from_db()
    assert kept.name_ar == "الحسكة"  # the language it lacked came with the merged tag
    spelling = TagSpelling.objects.get(tag=kept, language="en")
    assert (spelling.name, spelling.slug, spelling.merged_by, spelling.stories_moved) == ("Al-Hasakah", "al-hasakah", editor, 500)
    response = client.get("/en/tags/al-hasakah/")
    assert response.status_code == 301 and response["Location"] == "/en/tags/hasakah/"
    assert client.get("/en/tags/hasakah/").status_code == 200


@pytest.mark.django_db
def test_a_tag_is_not_merged_into_itself():
    tag = Tag.objects.create(name="Hasakah")
    with pytest.raises(Exception, match="itself"):
        tag_merge(keep=tag, merge=[tag])
