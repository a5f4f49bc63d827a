"""Each published language version of a story as an IPTC ninjs 2.1 document, validated against the
IPTC's own schema (wire/schema/, vendored: the tests run offline)."""

import pytest
from django.core.management import call_command

from articles.models import Article
from seed import benchdata
from tests.factories import PublishedArticleFactory
from tests.wire_support import SCHEMA, full_story, ninjs_errors
from wire import ninjs

pytestmark = pytest.mark.django_db


def test_the_vendored_schema_is_the_iptc_ninjs_2_1_schema():
    assert SCHEMA["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#"
    assert "version 2.1" in SCHEMA["title"]
    # A document the schema must refuse: unknown properties are not allowed in ninjs 2.1.
    assert ninjs_errors({"uri": "urn:x:item:1", "bylines": []})
    assert ninjs_errors({"uri": "urn:x:item:1", "pubstatus": "killed"})


def test_a_full_story_is_a_valid_ninjs_document_with_every_field():
    article = full_story()
    doc = ninjs.document(article)
    assert ninjs_errors(doc) == []
    assert doc["uri"] == f"urn:newsroom:item:{article.translation_key}:en"
    assert doc["version"] == "1"
    assert doc["pubstatus"] == "usable"
    assert doc["language"] == "en"
    assert "embargoed" not in doc
    assert [h["role"] for h in doc["headlines"]] == ["main", "subhead"]
    assert doc["descriptions"][0]["value"] == article.dek
    body = doc["bodies"][0]
    assert body["contenttype"] == "text/html" and body["wordcount"] == 7 and body["charcount"] > 30
    assert '<figure data-association="bodypicture1"></figure>' in body["value"]
    assert "[image:" not in body["value"]
    rels = {(p["rel"], p["name"]) for p in doc["people"]}
    assert ("author", "Rojda Ali") in rels
    interviewee = next(p for p in doc["people"] if p["rel"] == "interviewee")
    assert interviewee["uri"].startswith("urn:newsroom:person:") and interviewee["literal"] == "spokesperson"
    assert {o["rel"] for o in doc["organisations"]} == {"affiliation", "mentioned"}
    assert doc["places"] == [{"name": "Aleppo, Syria", "rel": "dateline"}]
    assert {s["rel"] for s in doc["subjects"]} == {"section", "tag"}
    names = [a["name"] for a in doc["associations"]]
    assert names == ["leadpicture", "bodypicture1"]
    lead = doc["associations"][0]
    assert lead["type"] == "picture" and lead["renditions"]
    assert all(r["href"].startswith("http") and r["width"] for r in lead["renditions"])
    assert doc["copyrightholder"] and doc["usageterms"]
    assert "misspelled" in doc["ednote"]


def test_the_uri_stays_while_the_version_changes():
    article = full_story()
    first = ninjs.document(article)
    Article.objects.filter(pk=article.pk).update(headline="A new headline")
    second = ninjs.document(article, version=2)
    assert first["uri"] == second["uri"] and first["version"] != second["version"]


def test_other_language_versions_are_linked_and_withdrawn_copy_is_withheld_without_its_text():
    english = full_story()
    arabic = PublishedArticleFactory(language="ar", translation_key=english.translation_key, headline="قصة")
    doc = ninjs.document(english)
    translation = next(a for a in doc["associations"] if a["name"] == "translation-ar")
    assert translation["uri"] == ninjs.item_uri(arabic) and translation["language"] == "ar"
    Article.objects.filter(pk=arabic.pk).update(status=Article.Status.WITHDRAWN)
    withheld = ninjs.document(arabic)
    assert ninjs_errors(withheld) == []
    assert withheld["pubstatus"] == "withheld" and "bodies" not in withheld
    assert withheld["ednote"].startswith("Withdrawn")


def test_documents_of_many_stories_cost_a_fixed_number_of_queries(django_assert_max_num_queries):
    for _ in range(3):
        full_story()
    with django_assert_max_num_queries(12):
        few = ninjs.documents(ninjs.with_relations(Article.objects.all()))
    for _ in range(5):
        full_story()
    with django_assert_max_num_queries(12):
        many = ninjs.documents(ninjs.with_relations(Article.objects.all()))
    assert len(few) == 3 and len(many) == 8


def test_every_document_of_the_demo_validates():
    call_command("seed_demo")
    published = Article.objects.published()
    assert published.count() > 5
    docs = ninjs.documents(ninjs.with_relations(published))
    for doc in docs:
        assert ninjs_errors(doc) == [], doc["uri"]
    assert {d["language"] for d in docs} == {"en", "ar", "ku"}


def test_every_document_of_a_seed_bench_sample_of_1000_stories_validates():
    benchdata.bench_seed(articles=1000, tags=50, people=100, organizations=20, seed=3, append=False, batch_size=500)
    articles = Article.objects.filter(status__in=["published", "withdrawn", "scheduled"])
    checked = 0
    for start in range(0, 1000, 250):
        for doc in ninjs.documents(ninjs.with_relations(articles.order_by("pk")[start:start + 250])):
            assert ninjs_errors(doc) == [], doc["uri"]
            checked += 1
    assert checked >= 500
