"""Carry every tag and every tagged article from taggit's tables to the articles' own.

Each tag keeps its id, its name and slug (now also its English name and slug); each article keeps
its tags. Only the links of articles are carried (taggit's generic table could tag other models;
nothing else was tagged). taggit's own tables are left as they were, and going back deletes the
copies. Written in SQL, ``INSERT … SELECT``: a benchmark newsroom has tens of thousands of links.
"""

from django.core.management.color import no_style
from django.db import migrations


def carry(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    ContentType = apps.get_model("contenttypes", "ContentType")
    article_type = ContentType.objects.filter(app_label="articles", model="article").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote('articles_tag')} (id, name, slug, name_en, slug_en, translated_from) "
            f"SELECT id, name, slug, name, slug, '{{}}' FROM {quote('taggit_tag')}"
        )
        if article_type is not None:
            cursor.execute(
                f"INSERT INTO {quote('articles_taggedarticle')} (tag_id, content_object_id) "
                f"SELECT DISTINCT tag_id, object_id FROM {quote('taggit_taggeditem')} AS item "
                f"WHERE content_type_id = %s "
                f"AND EXISTS (SELECT 1 FROM {quote('articles_article')} AS a WHERE a.id = item.object_id)",
                [article_type.pk],
            )
        # New tags get ids after the carried ones (PostgreSQL keeps a sequence apart from the rows).
        Tag = apps.get_model("articles", "Tag")
        for sql in connection.ops.sequence_reset_sql(no_style(), [Tag]):
            cursor.execute(sql)


def uncarry(apps, schema_editor):
    apps.get_model("articles", "TaggedArticle").objects.all().delete()
    apps.get_model("articles", "Tag").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_tag_model_per_language"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(carry, uncarry)]
