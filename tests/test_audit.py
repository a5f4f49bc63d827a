"""Every admin change and every workflow step is on the record (who, when, what), and superusers
read the record in a read-only, filterable audit trail at /admin/audit/."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Revision, ShareLink, StatusChange
from copydesk.models import ImportRecord
from newsroom import audit
from people.models import Organization, Person
from tests.factories import ArticleFactory, BylineFactory, PersonFactory, UserFactory
from tests.test_workflow_admin import change_form_data, client_for, step_url
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db
AUDIT = "/admin/audit/"


def rows(html: str) -> list[str]:
    """The audit table's rows as plain text, one string each."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("</tr>")[:-1]]


def test_every_admin_change_and_step_is_recorded_and_listed_for_superusers(people, client):
    editor, superuser = people["editor"], people["superuser"]
    as_editor, as_admin = client_for(editor), client_for(superuser)

    # Standard admin pages: add, change, delete.
    response = as_admin.get(reverse("admin:people_organization_add"))
    as_admin.post(reverse("admin:people_organization_add"), change_form_data(response, name_en="Syria Civil Defense"))  # a column per language
    organization = Organization.objects.get(name="Syria Civil Defense")
    article = article_in(Status.DRAFT, headline="Water returns to Aleppo")
    page = as_editor.get(reverse("admin:articles_article_change", args=[article.pk]))
    as_editor.post(page.wsgi_request.path, change_form_data(page, headline="Water returns to Aleppo at last"))
    doomed = PersonFactory(name="Entered by mistake")
    as_admin.post(reverse("admin:people_person_delete", args=[doomed.pk]), {"post": "yes"})

    # The newsroom's own admin pages: a workflow step, share links, a restore, an import.
    as_editor.post(reverse("admin:articles_article_share", args=[article.pk]), {"days": "3"})
    link = ShareLink.objects.get(article=article)
    as_editor.post(reverse("admin:articles_article_share_revoke", args=[article.pk, link.pk]))
    as_editor.post(step_url(article, "publish"))
    first = Revision.objects.get(article=article, number=1)
    as_editor.post(reverse("admin:articles_article_restore", args=[article.pk, first.number]))
    as_editor.post(
        reverse("admin:copydesk_importrecord_add"),
        {"text": "Bakeries reopen in Idlib\nBy Samer Taha\nThree bakeries are back at work after repairs."},
    )
    record = ImportRecord.objects.get()

    logged = {(e.user, e.action_flag, e.object_repr, e.get_change_message()) for e in LogEntry.objects.all()}
    assert (superuser, ADDITION, "Syria Civil Defense", "Added.") in logged
    assert (superuser, DELETION, "Entered by mistake", "") in logged
    assert (editor, CHANGE, "Water returns to Aleppo at last", "Changed Headline.") in logged
    assert (editor, CHANGE, "Water returns to Aleppo at last", f"Created share link #{link.pk}, valid until "
            f"{ShareLink.objects.get().expires_at:%Y-%m-%d %H:%M %Z}.") in logged
    assert (editor, CHANGE, "Water returns to Aleppo at last", f"Revoked share link #{link.pk}.") in logged
    assert any(u == editor and m.startswith("Restored revision 1 as revision") for u, _f, _r, m in logged)
    assert (editor, ADDITION, str(record), "Imported pasted text as a draft.") in logged
    step = StatusChange.objects.get(article=article)
    assert (step.actor, step.from_status, step.to_status) == (editor, Status.DRAFT, Status.PUBLISHED)
    assert all(e.action_time <= timezone.now() for e in LogEntry.objects.all())
    assert LogEntry.objects.filter(content_type__model="organization", object_id=str(organization.pk)).exists()

    trail = as_admin.get(AUDIT)
    assert trail.status_code == 200
    listed = rows(trail.content.decode())
    assert len(listed) == LogEntry.objects.count() + StatusChange.objects.count()
    assert any("editor" in row and "Publish now" in row and "Draft → Published" in row for row in listed)
    assert any("admin" in row and "deleted" in row and "Entered by mistake" in row for row in listed)
    assert any("editor" in row and "Revoked share link" in row for row in listed)


def test_the_audit_trail_is_for_superusers_only(people, client):
    assert client.get(AUDIT).status_code == 302  # to the login page
    for role in ["editor", "author", "translator"]:
        assert client_for(people[role]).get(AUDIT).status_code == 403
    assert client_for(people["superuser"]).get(AUDIT).status_code == 200


def test_the_audit_trail_cannot_be_changed(people):
    as_admin = client_for(people["superuser"])
    assert as_admin.post(AUDIT, {"source": "admin"}).status_code == 405
    # Neither record has an admin page where it could be edited or deleted.
    for name in ["admin_logentry_changelist", "articles_statuschange_changelist"]:
        with pytest.raises(Exception):
            reverse(f"admin:{name}")
    index = as_admin.get("/admin/").content.decode()
    assert f'href="{AUDIT}"' in index
    assert f'href="{AUDIT}"' not in client_for(people["editor"]).get("/admin/").content.decode()


@pytest.fixture
def history(people):
    """Admin changes and workflow steps by two people over three days."""
    editor, superuser = people["editor"], people["superuser"]
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)  # days apart, whatever the hour
    article = article_in(Status.DRAFT, headline="Bakeries reopen in Idlib")
    other = article_in(Status.DRAFT, headline="Water returns to Aleppo")
    person = PersonFactory(name="Raed Al-Saleh")
    LogEntry.objects.log_actions(user_id=superuser.pk, queryset=[person], action_flag=ADDITION, change_message="Added.")
    LogEntry.objects.log_actions(user_id=editor.pk, queryset=[article], action_flag=CHANGE, change_message="Changed body.")
    LogEntry.objects.filter(object_repr="Raed Al-Saleh").update(action_time=now - timedelta(days=2))
    LogEntry.objects.filter(object_repr="Bakeries reopen in Idlib").update(action_time=now - timedelta(hours=1))
    StatusChange.objects.create(article=article, action="submit", from_status="draft", to_status="in_review",
                                version=2, actor=people["author"], created_at=now - timedelta(days=1))
    StatusChange.objects.create(article=other, action="publish", from_status="draft", to_status="published",
                                version=2, actor=editor, note="Checked with the desk", created_at=now)
    return {"now": now}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Water returns to Aleppo", "Bakeries reopen in Idlib", "Bakeries reopen in Idlib", "Raed Al-Saleh"]),
        ("source=admin", ["Bakeries reopen in Idlib", "Raed Al-Saleh"]),
        ("source=workflow", ["Water returns to Aleppo", "Bakeries reopen in Idlib"]),
        ("user=editor", ["Water returns to Aleppo", "Bakeries reopen in Idlib"]),
        ("user=author", ["Bakeries reopen in Idlib"]),
        ("action=publish", ["Water returns to Aleppo"]),
        ("action=added", ["Raed Al-Saleh"]),
        ("text=desk", ["Water returns to Aleppo"]),
        ("text=aleppo", ["Water returns to Aleppo"]),
    ],
)
def test_the_audit_trail_filters_by_who_what_and_kind(people, history, query, expected):
    html = client_for(people["superuser"]).get(f"{AUDIT}?{query}").content.decode()
    listed = rows(html)
    titles = [next(t for t in ["Water returns to Aleppo", "Bakeries reopen in Idlib", "Raed Al-Saleh"] if t in row)
              for row in listed if "Nothing matches" not in row]
    assert titles == expected


def test_the_audit_trail_filters_by_object_type_and_date(people, history):
    as_admin = client_for(people["superuser"])
    person_type = LogEntry.objects.get(object_repr="Raed Al-Saleh").content_type_id
    listed = rows(as_admin.get(f"{AUDIT}?object_type={person_type}").content.decode())
    assert len(listed) == 1 and "Raed Al-Saleh" in listed[0]
    yesterday = (history["now"] - timedelta(days=1)).date()
    listed = rows(as_admin.get(f"{AUDIT}?since={yesterday}&until={yesterday}").content.decode())
    assert len(listed) == 1 and "Submit for review" in listed[0] and "author" in listed[0]
    backwards = as_admin.get(f"{AUDIT}?since={history['now'].date()}&until={yesterday}").content.decode()
    assert "“From” must not be after “Until”." in backwards
    assert rows(backwards) == ["Nothing matches these filters."]


def test_the_audit_trail_pages_with_a_fixed_number_of_queries(people, django_assert_max_num_queries):
    superuser = people["superuser"]
    articles = ArticleFactory.create_batch(3)
    for n in range(130):
        LogEntry.objects.log_actions(user_id=superuser.pk, queryset=[articles[n % 3]], action_flag=CHANGE,
                                     change_message=f"Edit {n}")
    as_admin = client_for(superuser)
    with django_assert_max_num_queries(12):
        first = as_admin.get(AUDIT)
    assert len(rows(first.content.decode())) == audit.PAGE_SIZE
    last = as_admin.get(f"{AUDIT}?page=3").content.decode()
    assert len(rows(last)) == 30
    assert "Page 3 of 3" in last
