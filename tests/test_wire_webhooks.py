"""Webhooks against a local receiver (a threaded http.server in the test): signed pushes of each
version, retries with back-off after refusals and timeouts, failure after 24 hours, withdrawals,
order per story, replay, and nothing lost when no worker ran."""

import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from articles.models import Article
from desk import workflow
from tests.jobs_support import after_the_worker
from tests.wire_support import draft, editor, ninjs_errors, publish, schedule, subscriber
from wire import webhooks
from wire.models import Delivery, ItemVersion

pytestmark = pytest.mark.django_db


class Receiver:
    """A subscriber's endpoint on 127.0.0.1: records each request; answers with the scripted
    statuses in turn (200 once they run out); "sleep" waits past the sender's timeout."""

    def __init__(self):
        self.received: list[dict] = []
        self.script: list = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                answer = receiver.script.pop(0) if receiver.script else 200
                if answer == "sleep":
                    time.sleep(1.5)
                    answer = 200
                else:
                    receiver.received.append({"headers": dict(self.headers), "body": body, "status": answer})
                self.send_response(answer)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def documents(self):
        return [json.loads(r["body"]) for r in self.received if r["status"] < 300]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    found = Receiver()
    yield found
    found.close()


@pytest.fixture
def fast_timeout(settings):
    settings.WIRE_WEBHOOK_TIMEOUT = 0.5


def test_publication_is_pushed_signed_with_the_ninjs_document(receiver):
    paper, _ = subscriber(webhook_url=receiver.url)
    article = draft()
    with after_the_worker():
        publish(article, editor())
    assert len(receiver.received) == 1
    request = receiver.received[0]
    headers = request["headers"]
    assert headers["Newsroom-Event"] == "publish"
    assert webhooks.signature_verify(secret=paper.webhook_secret, header=headers["Newsroom-Signature"],
                                     body=request["body"], now=int(time.time()))
    assert not webhooks.signature_verify(secret="another secret", header=headers["Newsroom-Signature"],
                                         body=request["body"], now=int(time.time()))
    assert not webhooks.signature_verify(secret=paper.webhook_secret, header=headers["Newsroom-Signature"],
                                         body=request["body"] + b" ", now=int(time.time()))
    # An old signature is refused (a replayed request).
    assert not webhooks.signature_verify(secret=paper.webhook_secret, header=headers["Newsroom-Signature"],
                                         body=request["body"], now=int(time.time()) + 3600)
    document = json.loads(request["body"])
    assert ninjs_errors(document) == [] and document["pubstatus"] == "usable"
    assert Delivery.objects.get().state == Delivery.State.DELIVERED


def test_a_subscriber_of_other_languages_gets_nothing(receiver):
    subscriber(webhook_url=receiver.url, languages=["ar"])
    with after_the_worker():
        publish(draft(language="en"), editor())
    assert receiver.received == [] and not Delivery.objects.exists()


def test_refusals_and_timeouts_are_retried_with_back_off_then_delivered(receiver, fast_timeout):
    subscriber(webhook_url=receiver.url)
    receiver.script = [500, "sleep", 503]
    started = timezone.now()
    with after_the_worker():
        publish(draft(), editor())
    delivery = Delivery.objects.get()
    assert delivery.state == "pending" and delivery.attempts == 1 and delivery.last_status == 500
    assert delivery.next_attempt_at - started >= timedelta(seconds=29)
    assert webhooks.delivery_attempt(delivery.pk, now=started + timedelta(seconds=10)) == "not due"
    assert webhooks.delivery_attempt(delivery.pk, now=started + timedelta(seconds=31)) == "retry"
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.last_status is None and delivery.last_error
    second_wait = delivery.next_attempt_at - (started + timedelta(seconds=31))
    assert timedelta(seconds=59) <= second_wait <= timedelta(seconds=61)
    assert webhooks.delivery_attempt(delivery.pk, now=delivery.next_attempt_at) == "retry"
    delivery.refresh_from_db()
    assert delivery.attempts == 3 and delivery.last_status == 503
    assert webhooks.delivery_attempt(delivery.pk, now=delivery.next_attempt_at) == "delivered"
    assert len(receiver.received) == 3  # the timed-out one never answered


def test_back_off_doubles_up_to_an_hour():
    assert [webhooks.retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 8, 20)] == [30, 60, 120, 240, 3600, 3600]


def test_after_24_hours_of_refusals_a_delivery_is_marked_failed(receiver):
    subscriber(webhook_url=receiver.url)
    receiver.script = [500] * 5
    with after_the_worker():
        publish(draft(), editor())
    delivery = Delivery.objects.get()
    later = delivery.created_at + timedelta(hours=24, minutes=1)
    assert webhooks.delivery_attempt(delivery.pk, now=later) == "failed"
    delivery.refresh_from_db()
    assert delivery.state == "failed" and delivery.attempts == 2


def test_withdrawal_is_pushed_as_withheld_and_a_cancelled_embargo_as_canceled_to_embargo_subscribers(receiver):
    user = editor()
    subscriber(name="Early", webhook_url=receiver.url, embargo=True)
    article = draft()
    with after_the_worker():
        publish(article, user)
    with after_the_worker():
        workflow.article_transition(article=article, action="withdraw", user=user, note="Legal",
                                    public_note="Withdrawn for legal reasons.")
    embargoed = draft()
    with after_the_worker():
        schedule(embargoed, user)
    with after_the_worker():
        workflow.article_transition(article=embargoed, action="unschedule", user=user)
    events = [r["headers"]["Newsroom-Event"] for r in receiver.received]
    assert events == ["publish", "withdrawal", "embargo", "cancel"]
    statuses = [d["pubstatus"] for d in receiver.documents()]
    assert statuses == ["usable", "withheld", "usable", "canceled"]
    docs = receiver.documents()
    assert "bodies" not in docs[1] and "legal reasons" in docs[1]["ednote"]
    assert "embargoed" in docs[2]
    for document in docs:
        assert ninjs_errors(document) == []


def test_embargoed_copy_is_pushed_only_to_subscribers_with_embargo_rights(receiver):
    other = Receiver()
    try:
        subscriber(name="Early", webhook_url=receiver.url, embargo=True)
        subscriber(name="Plain", webhook_url=other.url)
        with after_the_worker():
            schedule(draft(), editor())
        assert len(receiver.received) == 1 and other.received == []
    finally:
        other.close()


def test_a_version_never_overtakes_an_older_one_of_the_same_story(receiver):
    user = editor()
    subscriber(webhook_url=receiver.url)
    receiver.script = [500]
    article = draft()
    with after_the_worker():
        publish(article, user)  # refused: v1 waits for its retry
    from desk.services import article_save

    for n in (1, 2):
        article.refresh_from_db()
        article.body = f"<p>Update number {n}.</p>"
        with after_the_worker():
            article_save(article=article, user=user, version=article.version)
    deliveries = list(Delivery.objects.order_by("id"))
    assert [d.state for d in deliveries] == ["pending", "pending", "pending"]
    assert [r["status"] for r in receiver.received] == [500]  # the updates waited behind the first version
    # Workers pick the newest first: each waits for the older one.
    assert webhooks.delivery_attempt(deliveries[2].pk, now=timezone.now() + timedelta(minutes=5)) == "waiting"
    assert webhooks.delivery_attempt(deliveries[1].pk, now=timezone.now() + timedelta(minutes=5)) == "waiting"
    with after_the_worker():
        assert webhooks.deliveries_due(now=timezone.now() + timedelta(minutes=5)) >= 1
    versions = [int(d["version"]) for d in receiver.documents()]
    assert len(versions) == 3 and versions == sorted(versions)
    assert [r["headers"]["Newsroom-Event"] for r in receiver.received] == ["publish", "publish", "update", "update"]


def test_a_version_waits_for_an_older_one_being_sent_by_another_worker(receiver):
    """Two workers at once: while one sends v1 (its row locked, not yet delivered), the other finds
    v1 still waiting and leaves v2 for later."""
    subscriber(webhook_url=receiver.url)
    user = editor()
    article = draft()
    publish(article, user)  # no worker: the tasks are not run
    article.refresh_from_db()
    article.body = "<p>Changed.</p>"
    from desk.services import article_save

    article_save(article=article, user=user, version=article.version)
    first, second = Delivery.objects.order_by("id")
    seen_while_sending = []
    original = webhooks._post

    def post_and_let_the_other_worker_try(delivery, now):
        seen_while_sending.append(webhooks.delivery_attempt(second.pk, now=now))
        return original(delivery, now)

    webhooks._post = post_and_let_the_other_worker_try
    try:
        assert webhooks.delivery_attempt(first.pk) == "delivered"
    finally:
        webhooks._post = original
    assert seen_while_sending == ["waiting"]
    assert webhooks.delivery_attempt(second.pk) == "delivered"
    assert [r["headers"]["Newsroom-Event"] for r in receiver.received] == ["publish", "update"]


def test_nothing_is_lost_when_the_worker_never_ran_the_task(receiver, settings):
    """The delivery row is written with the change; a worker killed before sending it leaves it
    waiting, and the periodic sweep (or the task given back to a live worker) sends it once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    from django_tasks_db.models import DBTaskResult

    subscriber(webhook_url=receiver.url)
    publish(draft(), editor())
    delivery = Delivery.objects.get()
    assert DBTaskResult.objects.filter(task_path="wire.webhooks.delivery_send").count() == 1
    assert receiver.received == []
    assert webhooks.deliveries_due() == 1
    assert webhooks.delivery_attempt(delivery.pk) == "done"  # the task run late changes nothing
    assert len(receiver.received) == 1


def test_replay_sends_a_delivered_version_again_with_a_new_delivery_id(receiver):
    subscriber(webhook_url=receiver.url)
    with after_the_worker():
        publish(draft(), editor())
    delivery = Delivery.objects.get()
    with after_the_worker():
        again = webhooks.delivery_replay(delivery=delivery)
    assert len(receiver.received) == 2
    assert receiver.received[1]["body"] == receiver.received[0]["body"]
    assert receiver.received[1]["headers"]["Newsroom-Delivery"] == str(again.pk) != str(delivery.pk)
    assert ItemVersion.objects.count() == 1


def test_a_correction_is_pushed_as_a_new_version_with_its_note(receiver):
    from articles.models import Correction
    from desk.services import article_save

    user = editor()
    subscriber(webhook_url=receiver.url)
    article = draft()
    with after_the_worker():
        publish(article, user)
    article.refresh_from_db()
    with after_the_worker():
        article_save(article=article, user=user, version=article.version, correction_added=True,
                     relations=lambda a: Correction.objects.create(article=a, text="A date was wrong."))
    first, second = receiver.documents()
    assert second["uri"] == first["uri"] and int(second["version"]) > int(first["version"])
    assert "A date was wrong." in second["ednote"]
    assert receiver.received[1]["headers"]["Newsroom-Event"] == "correction"
    assert Article.objects.get(pk=article.pk).status == "published"


SETUP = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from articles.models import Article, Byline
from desk.workflow import article_transition
from newsroom import roles
from wire import services
roles.sync_roles()
services.subscriber_create(name="Paper", language_codes=["en"], webhook_url={url!r})
editor = get_user_model().objects.create(username="editor", is_staff=True)
editor.groups.add(Group.objects.get(name=roles.EDITOR))
article = Article.objects.create(headline="Dam repaired", body="<p>Text.</p>", status="in_review")
Byline.objects.create(article=article, name="Desk")
article_transition(article=article, action="publish", user=editor)
print(article.pk)
"""

DELIVERED = """
from wire.models import Delivery
states = list(Delivery.objects.order_by("id").values_list("state", flat=True))
print(states, "yes" if states and all(s == "delivered" for s in states) else "no")
"""


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_loses_nothing_and_a_second_worker_delivers_in_order(tmp_path):
    """A real worker process is killed (SIGKILL) while the receiver holds its request open; the
    delivery stays waiting, a second worker takes it up (the dead worker's task given back, or the
    sweep), and the receiver ends with the publication, then the update, each as one delivery id."""
    from tests.test_jobs import Site

    hanging = Receiver()
    hanging.script = ["hang"]
    held = threading.Event()
    original = hanging.server.RequestHandlerClass.do_POST

    def do_post(handler):
        if hanging.script and hanging.script[0] == "hang":
            hanging.script.pop(0)
            handler.rfile.read(int(handler.headers["Content-Length"]))
            held.set()
            time.sleep(8)  # the worker is killed meanwhile
            return
        original(handler)

    hanging.server.RequestHandlerClass.do_POST = do_post
    site = Site(tmp_path)
    try:
        site.env["WIRE_WEBHOOK_TIMEOUT"] = "30"
        pk = site.shell(SETUP.format(url=hanging.url)).strip().splitlines()[-1]
        first = site.start_worker("first")
        assert held.wait(30), "the first worker never sent the delivery"
        first.kill()
        first.wait()
        site.shell(
            "from articles.models import Article\nfrom desk.services import article_save\n"
            f"a = Article.objects.get(pk={pk})\na.body = '<p>Text, updated.</p>'\n"
            "article_save(article=a, user=None, version=a.version)"
        )
        site.start_worker("second")
        site.wait_for(DELIVERED, timeout=90)
    finally:
        site.close()
        hanging.close()
    events = [r["headers"]["Newsroom-Event"] for r in hanging.received]
    assert events == ["publish", "update"]
    versions = [int(d["version"]) for d in hanging.documents()]
    assert versions == [1, 2]
