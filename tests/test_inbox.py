"""Each member of staff has an inbox: what waits for them (a story returned, a translation
assigned, a request…) with the unread count in every admin page's header; e-mail is optional."""

import pytest
from django.urls import reverse

from desk import workflow
from inbox import services
from inbox.models import Item
from tests.test_workflow_admin import client_for
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401
from translations import services as translation

pytestmark = pytest.mark.django_db
INBOX = "/admin/inbox/item/"


def returned(people):
    article = article_in(Status.IN_REVIEW, author=people["author"], headline="Schools reopen in Raqqa")
    workflow.article_transition(article=article, action="return", user=people["editor"], note="Add the date.")
    return article


def test_a_returned_story_lands_in_its_authors_inbox_not_the_editors(people, django_capture_on_commit_callbacks,
                                                                   mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        article = returned(people)
    item = Item.objects.get()
    assert (item.recipient, item.actor, item.kind) == (people["author"], people["editor"], services.RETURNED)
    assert "Schools reopen in Raqqa" in item.title and "Add the date." in item.body
    assert item.url == reverse("admin:articles_article_change", args=[article.pk])
    assert [m.to for m in mailoutbox] == [[people["author"].email]]  # and by e-mail, by default


def test_the_header_counts_unread_items_and_opening_one_reads_it(people):
    article = returned(people)
    author = client_for(people["author"])
    page = author.get(reverse("admin:index")).content.decode()
    assert 'class="inbox-link inbox-has-unread"' in page and '<span class="inbox-count">1</span>' in page
    listing = author.get(INBOX).content.decode()
    assert "Schools reopen in Raqqa" in listing and "inbox-unread" in listing
    item = Item.objects.get()
    opened = author.get(reverse("admin:inbox_item_open", args=[item.pk]))
    assert opened.status_code == 302 and opened["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    item.refresh_from_db()
    assert item.read_at is not None
    assert '<span class="inbox-count">' not in author.get(reverse("admin:index")).content.decode()


def test_nobody_sees_or_opens_anothers_inbox(people):
    returned(people)
    item = Item.objects.get()
    other = client_for(people["other_reporter"])
    assert "Schools reopen in Raqqa" not in other.get(INBOX).content.decode()
    assert other.get(reverse("admin:inbox_item_open", args=[item.pk])).status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_mark_all_read_and_turn_e_mail_off(people, django_capture_on_commit_callbacks, mailoutbox):
    returned(people)
    author = client_for(people["author"])
    assert author.post(reverse("admin:inbox_item_read_all")).status_code == 302
    assert services.inbox_unread_count(people["author"]) == 0
    author.post(reverse("admin:inbox_item_email"), {})  # the box unticked
    with django_capture_on_commit_callbacks(execute=True):
        returned(people)
    assert services.inbox_unread_count(people["author"]) == 1  # still in the inbox…
    assert mailoutbox == []  # …and no e-mail


def test_a_translation_assigned_lands_in_the_translators_inbox(people):
    source = article_in(Status.PUBLISHED, author=people["author"])
    arabic = translation.translation_create(source=source, language="ar", user=people["editor"],
                                            translator=people["translator"])
    item = Item.objects.get(recipient=people["translator"])
    assert item.kind == services.TRANSLATION_ASSIGNED
    assert item.url == reverse("admin:articles_article_change", args=[arabic.pk])


def test_the_inbox_speaks_the_staffs_language(people):
    returned(people)
    author = client_for(people["author"])
    page = author.get(INBOX, headers={"accept-language": "ar"}).content.decode()
    assert "البريد الوارد" in page and "تعليم الكل كمقروء" in page


def test_each_recipient_is_told_in_the_admin_language_they_chose(people):
    from accounts.preferences import admin_language_set

    admin_language_set(user=people["author"], language="ar")
    returned(people)
    item = Item.objects.get(recipient=people["author"])
    assert "Schools reopen in Raqqa" in item.title and "Returned" not in item.title  # written in Arabic
    assert any("\u0600" <= ch <= "\u06ff" for ch in item.title)
    submitted = article_in(Status.DRAFT, author=people["other_reporter"], headline="Bakeries in Deir ez-Zor")
    workflow.article_transition(article=submitted, action="submit", user=people["other_reporter"])
    to_editor = Item.objects.get(recipient=people["editor"], kind=services.SUBMITTED)
    assert to_editor.title.startswith("Submitted for review")  # the editor chose no language: the site's
