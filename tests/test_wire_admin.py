"""The wire in the admin, as an editor uses it: a subscriber made with its key shown once, keys
revoked, requests per day, the delivery log with replay, the incoming queue with its diff."""

import json
import re

import pytest
from django.utils import timezone

from newsroom import roles
from tests.accounts_support import staff_login
from tests.factories import UserFactory
from tests.wire_support import bearer, subscriber
from wire import ingest
from wire.models import ApiKey, Delivery, Incoming, ItemVersion, Partner, RequestDay, Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    staff_login(client, UserFactory(role=roles.EDITOR))
    return client


def test_an_editor_makes_a_subscriber_and_sees_its_key_once(editor_client, client):
    answer = editor_client.post(
        "/admin/wire/subscriber/add/",
        {"name": "Hawar Daily", "languages": ["en", "ku"], "sections": ["news"], "embargo": "on", "active": "on",
         "webhook_url": "", "keys-TOTAL_FORMS": "0", "keys-INITIAL_FORMS": "0", "keys-MIN_NUM_FORMS": "0",
         "keys-MAX_NUM_FORMS": "1000"},
        follow=True,
    )
    assert answer.status_code == 200
    made = Subscriber.objects.get(name="Hawar Daily")
    assert made.languages == ["en", "ku"] and made.sections == ["news"] and made.embargo
    page = answer.content.decode()
    key = re.search(r"nrw_[A-Za-z0-9_-]+", page).group(0)
    assert ApiKey.objects.get(subscriber=made).key_hash != key
    assert editor_client.get(f"/admin/wire/subscriber/{made.pk}/change/").content.decode().count(key) == 0
    client.logout()
    assert client.get("/api/v1/items/", **bearer(key)).status_code == 200


def test_an_editor_revokes_a_key_and_it_stops_at_once(editor_client):
    made, key = subscriber()
    api_key = made.keys.get()
    editor_client.post("/admin/wire/apikey/", {"action": "revoke", "_selected_action": [api_key.pk]})
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None


def test_requests_per_day_are_listed_for_billing(editor_client):
    made, _ = subscriber()
    RequestDay.objects.create(subscriber=made, day=timezone.localdate(), count=1234)
    page = editor_client.get("/admin/wire/requestday/").content.decode()
    assert "1234" in page and "Daily Paper" in page


def test_the_delivery_log_replays_a_delivery(editor_client, monkeypatch):
    made, _ = subscriber(webhook_url="http://127.0.0.1:9/hook")
    from tests.factories import PublishedArticleFactory

    article = PublishedArticleFactory()
    version = ItemVersion.objects.create(article=article, version=1, event="publish", document={"uri": "urn:x:1"})
    delivery = Delivery.objects.create(subscriber=made, item=version, article=article, state="failed")
    page = editor_client.get(f"/admin/wire/delivery/?subscriber__id__exact={made.pk}").content.decode()
    assert "Daily Paper" in page
    editor_client.post("/admin/wire/delivery/", {"action": "replay", "_selected_action": [delivery.pk]})
    assert Delivery.objects.filter(subscriber=made, state="pending").count() == 1


def test_the_incoming_queue_shows_an_update_as_a_diff_and_makes_drafts(editor_client):
    partner = Partner.objects.create(name="North Agency", slug="north")
    document = {"uri": "urn:p:1", "version": "1", "headlines": [{"value": "Dam repaired"}],
                "bodies": [{"value": "<p>The dam was repaired on Sunday.</p>"}]}
    first = ingest.ninjs_take(partner=partner, data=json.dumps(document)).incoming
    editor_client.post("/admin/wire/incoming/", {"action": "draft_make", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert first.draft is not None
    document.update(version="2", bodies=[{"value": "<p>The dam was repaired on Monday.</p>"}])
    update = ingest.ninjs_take(partner=partner, data=json.dumps(document)).incoming
    page = editor_client.get(f"/admin/wire/incoming/{update.pk}/change/").content.decode()
    assert "-The dam was repaired on Sunday." in page and "+The dam was repaired on Monday." in page
    malformed = ingest.ninjs_take(partner=partner, data="{broken").incoming
    page = editor_client.get(f"/admin/wire/incoming/{malformed.pk}/change/").content.decode()
    assert "Not a JSON document" in page and "{broken" in page
    assert Incoming.objects.count() == 3
