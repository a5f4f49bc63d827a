"""Partner copy taken in: a signed ninjs push, its update shown as a diff against our draft,
duplicates ignored, malformed documents kept with a clear error and never half-imported, RSS/Atom
feeds, and polling."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articles.models import Article
from copydesk.models import ImportRecord
from tests.factories import PersonFactory, UserFactory
from newsroom import roles
from wire import ingest, webhooks
from wire.models import Incoming, Partner

pytestmark = pytest.mark.django_db
SECRET = "partner-secret"


def item(version="1", body="<p>Firefighters from Qamishli reached the town on Monday.</p><p>Hevin Mustafa spoke to reporters.</p>", **extra):
    return {
        "uri": "urn:partner:item:42", "version": version, "language": "en", "type": "text",
        "headlines": [{"role": "main", "value": "Fire crews reach Amuda"}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": body}],
        "located": "Amuda, Syria", "by": "Samer Taha", **extra,
    }


@pytest.fixture
def partner():
    return Partner.objects.create(name="North Agency", slug="north", language="en", push_secret=SECRET)


def push(client, slug, document, *, secret=SECRET, when=None):
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    header = webhooks.signature_header(secret, int(when or time.time()), body)
    return client.post(f"/api/v1/ingest/{slug}/", body, content_type="application/json", HTTP_NEWSROOM_SIGNATURE=header)


def test_a_signed_push_becomes_a_proposal_and_a_duplicate_is_ignored(client, partner):
    answer = push(client, "north", item())
    assert answer.status_code == 202 and answer.json()["status"] == "proposed"
    incoming = Incoming.objects.get()
    assert incoming.headline == "Fire crews reach Amuda" and incoming.dateline == "Amuda, Syria"
    again = push(client, "north", item())
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert Incoming.objects.count() == 1


def test_a_bad_signature_or_an_old_one_is_refused_and_nothing_is_kept(client, partner):
    assert push(client, "north", item(), secret="wrong").status_code == 401
    assert push(client, "north", item(), when=time.time() - 3600).status_code == 401
    assert push(client, "nobody", item()).status_code == 401
    assert not Incoming.objects.exists()


@pytest.mark.parametrize(
    ("document", "error"),
    [
        (b'{"uri": "urn:x:1", "headlines": [', "Not a JSON document"),
        (json.dumps({"uri": "urn:x:1", "pubstatus": "gone"}).encode(), "Not a valid ninjs 2.1 document: pubstatus"),
        (json.dumps({"headlines": [{"value": "No uri"}]}).encode(), "'uri' is a required property"),
        (json.dumps({"uri": "urn:x:1", "bodies": [{"value": "<p>text</p>"}]}).encode(), "no headline"),
        (json.dumps({"uri": "urn:x:1", "headlines": [{"value": "Only a headline"}]}).encode(), "no body"),
    ],
)
def test_a_malformed_document_is_kept_with_a_clear_error_and_never_imported(client, partner, document, error):
    answer = push(client, "north", document)
    assert answer.status_code == 422
    assert error in answer.json()["error"]
    kept = Incoming.objects.get()
    assert kept.state == "malformed" and kept.raw == document.decode() and error in kept.error
    assert not Article.objects.exists()
    with pytest.raises(Exception, match="malformed"):
        ingest.incoming_draft(incoming=kept, user=UserFactory(role=roles.EDITOR))


def test_an_editor_turns_a_proposal_into_a_draft_with_the_copy_desks_recognition_and_an_update_arrives_as_a_diff(client, partner):
    PersonFactory(name="Hevin Mustafa")
    push(client, "north", item())
    first = Incoming.objects.get()
    draft = ingest.incoming_draft(incoming=first, user=UserFactory(role=roles.EDITOR))
    assert draft.status == Article.Status.DRAFT and draft.headline == "Fire crews reach Amuda"
    assert draft.dateline == "Amuda, Syria" and draft.agency == "North Agency"
    assert "Firefighters from Qamishli" in draft.body
    record = ImportRecord.objects.get(article=draft)
    assert "Hevin Mustafa" in json.dumps(record.proposals, ensure_ascii=False)
    first.refresh_from_db()
    assert first.state == "drafted"

    push(client, "north", item(version="2", body="<p>Firefighters from Qamishli reached the town on Monday night.</p><p>Hevin Mustafa spoke to reporters.</p>"))
    update = Incoming.objects.exclude(pk=first.pk).get()
    assert update.previous == first and update.state == "proposed"
    diff = ingest.incoming_diff(update)
    assert "-Firefighters from Qamishli reached the town on Monday." in diff
    assert "+Firefighters from Qamishli reached the town on Monday night." in diff
    assert ingest.incoming_diff(first) == []


def test_rss_and_atom_entries_become_proposals_once(partner):
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>North</title><language>ar</language>
      <item><title>Story one</title><guid>https://north.example/1</guid><description>&lt;p&gt;Body one.&lt;/p&gt;</description></item>
      <item><title>Story two</title><link>https://north.example/2</link><description>Body two.</description></item>
      <item><title></title><guid>https://north.example/3</guid><description>No title.</description></item>
    </channel></rss>"""
    taken = ingest.feed_take(partner=partner, data=rss)
    assert [t.status for t in taken] == ["proposed", "proposed", "malformed"]
    assert Incoming.objects.get(uri="https://north.example/1").language == "ar"
    assert [t.status for t in ingest.feed_take(partner=partner, data=rss)][:2] == ["duplicate", "duplicate"]
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>
      <entry><title>Atom story</title><id>urn:north:9</id><updated>2026-12-01T10:00:00Z</updated>
      <content type="html">&lt;p&gt;Atom body.&lt;/p&gt;</content></entry></feed>"""
    assert [t.status for t in ingest.feed_take(partner=partner, data=atom)] == ["proposed"]
    assert ingest.feed_take(partner=partner, data=b"not a feed at all <<<")[0].status == "malformed"


def test_a_partners_ninjs_feed_is_polled(partner):
    served = json.dumps({"items": [item(), item(version="2"), {"uri": "bad", "pubstatus": "x"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(served)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        Partner.objects.filter(pk=partner.pk).update(feed_url=f"http://127.0.0.1:{server.server_port}/feed")
        assert ingest.feeds_poll.call() == 3
        assert ingest.feeds_poll.call() == 0  # duplicates ignored
    finally:
        server.shutdown()
        server.server_close()
    assert Incoming.objects.filter(state="malformed").count() == 1
