"""The wire's admin in Chromium, in Arabic: the incoming queue's update shown as a diff against our
draft, laid out right to left with the diff's lines readable; a subscriber's delivery log.
Screenshots (artifacts/wire-ar-*.png) are for a person to look at."""

import json

import pytest

from newsroom import roles
from tests.browser.conftest import admin_login
from tests.browser.test_admin_l10n_browser import in_language
from tests.factories import UserFactory
from wire import ingest, services
from wire.models import Partner

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_incoming_diff_and_the_subscribers_in_the_arabic_admin(chromium, live_server, artifacts):
    editor = UserFactory(username="editor", role=roles.EDITOR)
    partner = Partner.objects.create(name="North Agency", slug="north", language="ar")
    document = {"uri": "urn:p:1", "version": "1", "language": "ar",
                "headlines": [{"value": "إصلاح سد تشرين"}],
                "bodies": [{"value": "<p>أعلنت الإدارة إصلاح السد يوم الأحد.</p><p>وقال المهندس إن العمل استمر شهراً.</p>"}]}
    first = ingest.ninjs_take(partner=partner, data=json.dumps(document, ensure_ascii=False)).incoming
    ingest.incoming_draft(incoming=first, user=editor)
    document.update(version="2", bodies=[{"value": "<p>أعلنت الإدارة إصلاح السد يوم الاثنين.</p><p>وقال المهندس إن العمل استمر شهراً.</p>"}])
    update = ingest.ninjs_take(partner=partner, data=json.dumps(document, ensure_ascii=False)).incoming
    services.subscriber_create(name="Hawar Daily", language_codes=["ar", "ku"], embargo=True)

    context, page = in_language(chromium, "ar")
    try:
        admin_login(page, live_server, "editor")
        page.goto(f"{live_server.url}/admin/accounts/")
        page.goto(f"{live_server.url}/admin/wire/incoming/{update.pk}/change/")
        assert page.eval_on_selector("html", "e => getComputedStyle(e).direction") == "rtl"
        diff = page.inner_text("pre.wire-diff")
        assert "-أعلنت الإدارة إصلاح السد يوم الأحد." in diff and "+أعلنت الإدارة إصلاح السد يوم الاثنين." in diff
        page.screenshot(path=str(artifacts / "wire-ar-incoming-diff.png"), full_page=True)
        page.goto(f"{live_server.url}/admin/wire/subscriber/")
        assert "Hawar Daily" in page.inner_text("#result_list")
        page.screenshot(path=str(artifacts / "wire-ar-subscribers.png"), full_page=True)
    finally:
        context.close()
