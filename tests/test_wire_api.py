"""The content API /api/v1/: keys, limits, the request log, filters, cursors, ETags, versions and
embargoes; nothing embargoed reaches a subscriber without embargo rights, by any address."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Correction, Tag, TaggedArticle
from desk.services import article_save
from tests.factories import IntervieweeFactory, OrganizationFactory, PublishedArticleFactory
from tests.jobs_support import after_the_worker
from tests.wire_support import bearer, draft, editor, full_story, ninjs_errors, publish, schedule, subscriber
from wire import ninjs, services
from wire.models import ItemVersion, RequestDay

pytestmark = pytest.mark.django_db
ITEMS = "/api/v1/items/"


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def items(client, key, **params):
    response = client.get(ITEMS, params, **bearer(key))
    assert response.status_code == 200, response.content
    return response.json()


def test_a_list_of_ninjs_items_with_a_cursor_that_walks_every_item_once(client):
    made = {PublishedArticleFactory(published_at=timezone.now() - timedelta(minutes=n)).pk for n in range(7)}
    _, key = subscriber()
    seen, cursor, pages = [], None, 0
    while True:
        page = items(client, key, limit=3, **({"cursor": cursor} if cursor else {}))
        for item in page["items"]:
            assert ninjs_errors(item) == []
        seen += [int(next(a["value"] for a in i["altids"] if a["role"] == "article-id")) for i in page["items"]]
        pages += 1
        cursor = page["next"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == 7 and set(seen) == made


def test_updated_since_takes_any_offset_and_a_time_out_of_the_calendar_is_a_clear_400(client):
    """Found by schemathesis on PostgreSQL: an offset beyond ±15:59 was a server error."""
    article = PublishedArticleFactory()
    _, key = subscriber()
    listed = items(client, key, updated_since="0106-01-24T17:36:37.8-16:39")
    assert [i["uri"] for i in listed["items"]] == [ninjs.item_uri(article)]
    response = client.get(ITEMS, {"updated_since": "0001-01-01T00:00:00+10:00"}, **bearer(key))
    assert response.status_code in (400, 422), response.content


def test_a_cursor_that_was_not_given_out_is_a_clear_400(client):
    _, key = subscriber()
    response = client.get(ITEMS, {"cursor": "not-a-cursor"}, **bearer(key))
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]
    import base64
    import json as json_module

    for made_up in (["2026-01-01T00:00:00-16:39", 5], ["2026-01-01T00:00:00+00:00", 2**70], ["0001-01-01T00:00:00+10:00", 5]):
        cursor = base64.urlsafe_b64encode(json_module.dumps(made_up).encode()).decode().rstrip("=")
        assert client.get(ITEMS, {"cursor": cursor}, **bearer(key)).status_code in (200, 400), made_up


def test_filters_by_language_kind_section_tag_person_organization_status_uri_and_time(client):
    english = full_story(kind=Article.Kind.INTERVIEW)
    arabic = PublishedArticleFactory(language="ar", kind=Article.Kind.NEWS)
    old = PublishedArticleFactory(kind=Article.Kind.FEATURE)
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=30))
    _, key = subscriber()

    def ids(**params):
        return {int(next(a["value"] for a in i["altids"] if a["role"] == "article-id")) for i in items(client, key, **params)["items"]}

    assert ids(language="ar") == {arabic.pk}
    assert ids(kind="interview") == {english.pk}
    assert ids(section="feature") == {old.pk}
    tag = english.tagged_items.get().tag
    assert ids(tag=tag.pk) == {english.pk}
    person = english.interviewee_links.get().person
    assert ids(person=person.pk) == {english.pk}
    mentioned = english.organizations.get()
    affiliated = english.interviewee_links.get().affiliation.organization
    assert ids(organization=mentioned.pk) == ids(organization=affiliated.pk) == {english.pk}
    assert old.pk not in ids(updated_since=(timezone.now() - timedelta(days=1)).isoformat())
    assert ids(uri=ninjs.item_uri(arabic)) == {arabic.pk}
    assert ids(uri="urn:newsroom:item:nonsense:en") == set()
    Article.objects.filter(pk=old.pk).update(status=Article.Status.WITHDRAWN)
    assert ids(status="withheld") == {old.pk}
    assert old.pk not in ids(status="usable")
    bad = client.get(ITEMS, {"language": "fr"}, **bearer(key))
    assert bad.status_code in (400, 422)


def test_one_item_by_id_and_an_earlier_version_with_its_correction_note(client):
    user = editor()
    article = draft()
    publish(article, user)
    _, key = subscriber()
    first = client.get(f"{ITEMS}{article.pk}/", **bearer(key)).json()
    assert first["pubstatus"] == "usable" and "ednote" not in first
    article.refresh_from_db()
    article.body = "<p>The corrected text.</p>"

    def correct(saved):
        Correction.objects.create(article=saved, text="The toll was 12, not 21.")

    article_save(article=article, user=user, version=article.version, relations=correct, correction_added=True)
    article.refresh_from_db()
    now = client.get(f"{ITEMS}{article.pk}/", **bearer(key)).json()
    assert int(now["version"]) > int(first["version"]) and now["uri"] == first["uri"]
    assert "12, not 21" in now["ednote"]
    kept = ItemVersion.objects.filter(article=article).order_by("version")
    assert [v.event for v in kept] == ["publish", "correction"]
    earlier = client.get(f"{ITEMS}{article.pk}/", {"version": first["version"]}, **bearer(key))
    assert earlier.status_code == 200 and earlier.json()["version"] == first["version"]
    assert client.get(f"{ITEMS}{article.pk}/", {"version": 999}, **bearer(key)).status_code == 404
    assert client.get(f"{ITEMS}999999/", **bearer(key)).status_code == 404


def test_etag_and_304(client):
    article = PublishedArticleFactory()
    _, key = subscriber()
    first = client.get(f"{ITEMS}{article.pk}/", **bearer(key))
    etag = first["ETag"]
    again = client.get(f"{ITEMS}{article.pk}/", HTTP_IF_NONE_MATCH=etag, **bearer(key))
    assert again.status_code == 304 and again.content == b""
    listed = client.get(ITEMS, **bearer(key))
    assert client.get(ITEMS, HTTP_IF_NONE_MATCH=listed["ETag"], **bearer(key)).status_code == 304
    Article.objects.filter(pk=article.pk).update(headline="Changed", version=article.version + 1)
    changed = client.get(f"{ITEMS}{article.pk}/", HTTP_IF_NONE_MATCH=etag, **bearer(key))
    assert changed.status_code == 200 and changed.json()["headlines"][0]["value"] == "Changed"
    assert "private" in changed["Cache-Control"] and "Authorization" in changed["Vary"]


def test_no_key_a_wrong_key_and_a_revoked_key_get_401_at_once(client):
    found, key = subscriber()
    assert client.get(ITEMS).status_code == 401
    assert client.get(ITEMS, **bearer("nrw_wrong")).status_code == 401
    assert client.get(ITEMS, **bearer(key)).status_code == 200
    services.key_revoke(api_key=found.keys.get())
    assert client.get(ITEMS, **bearer(key)).status_code == 401


def test_keys_are_stored_hashed_and_several_work_side_by_side_for_rotation(client):
    found, key = subscriber()
    stored = found.keys.get()
    assert key not in (stored.key_hash, stored.prefix) and stored.key_hash == services.key_hash(key)
    _, second = services.key_create(subscriber=found, label="rotation")
    assert client.get(ITEMS, **bearer(key)).status_code == 200
    assert client.get(ITEMS, **bearer(second)).status_code == 200
    assert all(k.last_used_at is not None for k in found.keys.all())


def test_the_61st_request_in_a_minute_of_a_60_a_minute_key_gets_429(client):
    _, key = subscriber()
    # All 61 in one minute of the clock: the limit is a fixed window per minute, and on a busy
    # machine the requests could otherwise straddle two windows (and the 61st pass).
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        for _ in range(60):
            assert client.get(ITEMS, **bearer(key)).status_code == 200
        refused = client.get(ITEMS, **bearer(key))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60


def test_requests_are_counted_per_day_per_subscriber_for_billing(client):
    paper, key = subscriber()
    radio, other = subscriber(name="Radio")
    for _ in range(3):
        client.get(ITEMS, **bearer(key))
    client.get(ITEMS, **bearer(other))
    client.get(ITEMS, **bearer("nrw_wrong"))
    today = timezone.localdate()
    assert RequestDay.objects.get(subscriber=paper, day=today).count == 3
    assert RequestDay.objects.get(subscriber=radio, day=today).count == 1


def test_a_subscriber_sees_only_its_languages_and_sections(client):
    english, arabic = PublishedArticleFactory(language="en"), PublishedArticleFactory(language="ar")
    opinion = PublishedArticleFactory(language="en", kind=Article.Kind.OPINION)
    _, key = subscriber(languages=["en"], sections=["news"])
    listed = {i["uri"] for i in items(client, key)["items"]}
    assert listed == {ninjs.item_uri(english)}
    assert client.get(f"{ITEMS}{arabic.pk}/", **bearer(key)).status_code == 404
    assert client.get(f"{ITEMS}{opinion.pk}/", **bearer(key)).status_code == 404


def test_embargoed_copy_is_invisible_without_embargo_rights_by_any_address_and_at_once_with_them(client):
    user = editor()
    story = full_story()
    tag = story.tagged_items.get().tag
    person = story.interviewee_links.get().person
    embargoed = draft(headline="Embargoed budget figures")
    TaggedArticle.objects.create(content_object=embargoed, tag=tag)
    IntervieweeFactory(article=embargoed, person=person)
    schedule(embargoed, user)
    embargoed.refresh_from_db()
    _, plain = subscriber(name="Plain")
    _, early = subscriber(name="Early", embargo=True)
    uri = ninjs.item_uri(embargoed)
    queries = [{}, {"status": "embargoed"}, {"status": "usable"}, {"tag": tag.pk}, {"person": person.pk},
               {"uri": uri}, {"language": "en"}, {"kind": "news"}, {"limit": 100},
               {"updated_since": (timezone.now() - timedelta(hours=1)).isoformat()}]
    for params in queries:
        response = client.get(ITEMS, params, **bearer(plain))
        assert "Embargoed budget" not in response.content.decode(), params
    for address in (f"{ITEMS}{embargoed.pk}/", f"{ITEMS}{embargoed.pk}/?version=1"):
        assert client.get(address, **bearer(plain)).status_code == 404
    seen = client.get(f"{ITEMS}{embargoed.pk}/", **bearer(early)).json()
    assert seen["embargoed"] == ninjs.iso(embargoed.published_at) and seen["pubstatus"] == "usable"
    assert ninjs_errors(seen) == []
    assert uri in {i["uri"] for i in items(client, early, status="embargoed")["items"]}
    # The public site does not show it either, nor does it link the API.
    assert "Embargoed budget" not in client.get("/en/").content.decode()
    assert client.get(f"/en/articles/{embargoed.pk}/").status_code == 404


def test_at_its_time_an_embargoed_story_reaches_everyone_without_the_embargo_mark(client):
    user = editor()
    embargoed = draft()
    schedule(embargoed, user)
    _, plain = subscriber(name="Plain")
    assert items(client, plain)["items"] == []
    later = timezone.now() + timedelta(hours=3)
    from desk.workflow import articles_publish_due

    articles_publish_due(now=later)
    Article.objects.filter(pk=embargoed.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    listed = items(client, plain)["items"]
    assert len(listed) == 1 and "embargoed" not in listed[0]


def test_list_queries_are_constant(client, django_assert_max_num_queries):
    """Documents built (the first request after a change) and documents stored (every other one):
    each a fixed number of queries, however many items the list holds."""
    _, key = subscriber()
    for _ in range(3):
        full_story()
    items(client, key, limit=1)  # the day's first request makes the day's count
    with django_assert_max_num_queries(18):
        assert len(items(client, key)["items"]) == 3  # built
    with django_assert_max_num_queries(6):
        assert len(items(client, key)["items"]) == 3  # stored
    for _ in range(12):
        full_story()
    with django_assert_max_num_queries(18):
        assert len(items(client, key, limit=100)["items"]) == 15
    with django_assert_max_num_queries(6):
        assert len(items(client, key, limit=100)["items"]) == 15


def test_stored_documents_follow_every_change_they_show(client, time_machine):
    """The list serves stored documents; each is built again when what it shows changes: a person's
    name, a tag's, the story's own text (even under embargo, where no public page moves), the
    embargo's end."""
    from people.models import Person
    from wire.models import StoredDocument

    user = editor()
    story = full_story()
    _, key = subscriber(embargo=True)

    def listed(article):
        return next(i for i in items(client, key)["items"] if i["uri"] == ninjs.item_uri(article))

    assert "interviewee" in {p["rel"] for p in listed(story)["people"]}
    assert StoredDocument.objects.filter(article=story).exists()
    person = story.interviewee_links.get().person
    person.name_en = "Raed Saleh"
    person.save()
    assert "Raed Saleh" in {p["name"] for p in listed(story)["people"]}
    tag = story.tagged_items.get().tag
    tag.name_en = "Water supply"
    tag.save()
    assert "Water supply" in {s["name"] for s in listed(story)["subjects"]}

    embargoed = draft(headline="Budget figures")
    schedule(embargoed, user, hours=2)
    embargoed.refresh_from_db()
    assert listed(embargoed)["embargoed"]
    embargoed.headline = "Budget figures, revised"
    article_save(article=embargoed, user=user, version=embargoed.version)
    assert listed(embargoed)["headlines"][0]["value"] == "Budget figures, revised"
    time_machine.move_to(embargoed.published_at + timedelta(seconds=1))
    assert "embargoed" not in listed(embargoed)


def test_a_restored_backup_drops_the_stored_documents(client):
    from backups.signals import database_restored
    from wire.models import StoredDocument

    PublishedArticleFactory()
    call_command("wire_documents")
    assert StoredDocument.objects.exists()
    database_restored.send(sender=None, backup="/backups/2026-12-06")
    assert not StoredDocument.objects.exists()


def test_wire_documents_builds_what_is_missing(client, django_assert_max_num_queries):
    from wire.models import StoredDocument

    stories = [PublishedArticleFactory() for _ in range(4)]
    draft(headline="Not on the wire")
    call_command("wire_documents")
    assert set(StoredDocument.objects.values_list("article_id", flat=True)) == {s.pk for s in stories}
    _, key = subscriber()
    items(client, key, limit=1)
    with django_assert_max_num_queries(6):  # nothing left to build
        assert len(items(client, key)["items"]) == 4


def test_the_openapi_document_is_served_and_names_the_api(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/items/", "/api/v1/items/{item_id}/"} <= set(document["paths"])
    from openapi_spec_validator import validate

    validate(document)


def test_subscriber_create_prints_the_key_alone_on_its_last_line(client, capsys):
    PublishedArticleFactory(language="ku")
    call_command("subscriber_create", "Rudaw Desk", "--languages", "en,ar,ku", "--embargo")
    key = capsys.readouterr().out.strip().splitlines()[-1]
    assert key.startswith("nrw_") and " " not in key
    assert len(items(client, key)["items"]) == 1
    from wire.models import Subscriber

    made = Subscriber.objects.get(name="Rudaw Desk")
    assert made.embargo and made.languages == ["en", "ar", "ku"]


def test_subscriber_create_refuses_an_unknown_language_clearly(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="fr"):
        call_command("subscriber_create", "Paper", "--languages", "en,fr")
    from wire.models import Subscriber

    assert not Subscriber.objects.exists()
