"""People and organizations edited under review (issue 16, item 8): a reporter's change is kept as a
proposal, shown to an editor with a diff, and applied only when approved; editors' own changes apply
at once; every step is in the audit trail with its author; both sides are told in their inbox."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from inbox.models import Item
from people.models import Person
from register_review import services
from register_review.models import ProposedChange
from tests.accounts_support import staff_login
from tests.factories import IntervieweeFactory, OrganizationFactory, PersonFactory, PublishedArticleFactory
from tests.workflow_support import fast_passwords, people  # noqa: F401

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    staff_login(client, user)
    return client


def person_url(person):
    return reverse("admin:people_person_change", args=[person.pk])


def form_data(response, **overrides) -> dict:
    """What the browser sends for the change form untouched (with its inlines), plus ``overrides``."""
    data = {}

    def add(form, prefix=""):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if isinstance(field.widget, MultiWidget):
                for i, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{i}"] = "" if part is None else str(part)
            elif value is True:
                data[key] = "on"
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.initial_forms:
            add(form)
    data.update(overrides)
    return data


@pytest.fixture
def public_person(db):
    person = PersonFactory(name="Hevin Mustafa", bio="Head of the fire brigade.")
    IntervieweeFactory(person=person, article=PublishedArticleFactory())
    return person


def public_page(client, person) -> str:
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_reporters_bio_change_is_not_public_until_approved(people, public_person, client):
    reporter, editor = client_for(people["author"]), client_for(people["editor"])
    page = reporter.get(person_url(public_person))
    response = reporter.post(person_url(public_person), form_data(page, bio_en="Defaced by a stolen account."), follow=True)
    assert "It is not public until an editor approves it." in response.content.decode()

    public_person.refresh_from_db()
    assert public_person.bio_en == "Head of the fire brigade."
    assert "Defaced" not in public_page(client, public_person)
    change = ProposedChange.objects.get()
    assert change.state == "pending" and change.person == public_person and change.proposed_by == people["author"]
    assert Item.objects.filter(recipient=people["editor"], kind="register_review").exists()
    # The reporter's page says a change waits; the record shown is the public one.
    assert "waits for an editor" in reporter.get(person_url(public_person)).content.decode()

    review = editor.get(reverse("admin:register_review_proposedchange_change", args=[change.pk])).content.decode()
    assert "<del>Head of the fire brigade.</del>" in review or "<del>Head of the fire brigade" in review
    assert "<ins>Defaced by a stolen account.</ins>" in review or "<ins>Defaced" in review
    assert "Approve and apply" in review

    editor.post(reverse("admin:register_review_proposedchange_approve", args=[change.pk]), {"note": "Checked."})
    public_person.refresh_from_db()
    assert public_person.bio_en == "Defaced by a stolen account."
    assert "Defaced by a stolen account." in public_page(client, public_person)
    change.refresh_from_db()
    assert change.state == "approved" and change.decided_by == people["editor"]
    told = Item.objects.get(recipient=people["author"], kind="register_review")
    assert "approved" in told.title and told.body == "Checked."

    trail = [(e.user.username, e.get_change_message()) for e in LogEntry.objects.filter(object_id=str(public_person.pk))]
    assert any(who == "author" and "Proposed a change" in what for who, what in trail)
    assert any(who == "editor" and "Approved the change proposed by author" in what for who, what in trail)


def test_a_reporters_spellings_and_roles_wait_too(people, public_person):
    organization = OrganizationFactory(name="Syria Fire and Rescue Corps")
    reporter = client_for(people["author"])
    page = reporter.get(person_url(public_person))
    prefixes = {inline.formset.model._meta.model_name: inline.formset.prefix for inline in page.context["inline_admin_formsets"]}
    names, roles = prefixes["personname"], prefixes["affiliation"]
    data = form_data(page, **{
        f"{names}-TOTAL_FORMS": "1", f"{names}-0-name": "Hevin Mistefa", f"{names}-0-language": "ku",
        f"{roles}-TOTAL_FORMS": "1", f"{roles}-0-organization": str(organization.pk), f"{roles}-0-role_en": "Head",
    })
    reporter.post(person_url(public_person), data)
    assert not public_person.alternate_names.exists() and not public_person.affiliations.exists()
    change = ProposedChange.objects.get()
    services.change_approve(change=change, user=people["editor"])
    assert [(n.name, n.language) for n in public_person.alternate_names.all()] == [("Hevin Mistefa", "ku")]
    assert [(a.organization, a.role_en) for a in public_person.affiliations.all()] == [(organization, "Head")]


def test_a_rejected_change_changes_nothing_and_the_reporter_is_told(people, public_person):
    reporter = client_for(people["author"])
    page = reporter.get(person_url(public_person))
    reporter.post(person_url(public_person), form_data(page, name_en="Someone Else"))
    change = ProposedChange.objects.get()
    client_for(people["editor"]).post(reverse("admin:register_review_proposedchange_reject", args=[change.pk]),
                                      {"note": "Wrong person."})
    public_person.refresh_from_db()
    assert public_person.name_en == "Hevin Mustafa"
    change.refresh_from_db()
    assert change.state == "rejected" and change.decision_note == "Wrong person."
    assert "not accepted" in Item.objects.get(recipient=people["author"], kind="register_review").title
    with pytest.raises(Exception, match="already been decided"):
        services.change_approve(change=change, user=people["editor"])


def test_an_approval_keeps_what_an_editor_changed_meanwhile(people, public_person):
    reporter = client_for(people["author"])
    page = reporter.get(person_url(public_person))
    reporter.post(person_url(public_person), form_data(page, bio_en="A longer bio."))
    public_person.native_name = "هيفين مصطفى"
    public_person.save()
    services.change_approve(change=ProposedChange.objects.get(), user=people["editor"])
    public_person.refresh_from_db()
    assert (public_person.bio_en, public_person.native_name) == ("A longer bio.", "هيفين مصطفى")


def test_an_editors_change_applies_at_once_and_is_in_the_audit_trail(people, public_person, client):
    editor = client_for(people["editor"])
    page = editor.get(person_url(public_person))
    editor.post(person_url(public_person), form_data(page, bio_en="Edited by the desk."))
    public_person.refresh_from_db()
    assert public_person.bio_en == "Edited by the desk."
    assert not ProposedChange.objects.exists()
    trail = client_for(people["superuser"]).get("/admin/audit/", {"user": "editor"}).content.decode()
    assert "Hevin Mustafa" in trail and "bio" in trail.lower()


def test_only_editors_decide_and_reporters_see_only_their_own_proposals(people, public_person):
    reporter = client_for(people["author"])
    page = reporter.get(person_url(public_person))
    reporter.post(person_url(public_person), form_data(page, bio_en="Mine."))
    change = ProposedChange.objects.get()
    other = client_for(people["other_reporter"])
    assert other.get(reverse("admin:register_review_proposedchange_change", args=[change.pk])).status_code in (302, 404)
    own = reporter.get(reverse("admin:register_review_proposedchange_change", args=[change.pk]))
    assert own.status_code == 200 and "Approve and apply" not in own.content.decode()
    assert reporter.post(reverse("admin:register_review_proposedchange_approve", args=[change.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        services.change_approve(change=change, user=people["author"])
    assert Person.objects.get(pk=public_person.pk).bio_en == "Head of the fire brigade."


def test_saving_nothing_sends_nothing(people, public_person):
    reporter = client_for(people["author"])
    page = reporter.get(person_url(public_person))
    response = reporter.post(person_url(public_person), form_data(page), follow=True)
    assert "nothing was sent for review" in response.content.decode()
    assert not ProposedChange.objects.exists()


def test_the_review_pages_keep_a_fixed_number_of_queries(people, django_assert_max_num_queries):
    editor = client_for(people["editor"])
    counts = []
    for _ in range(2):
        for n in range(6):
            person = PersonFactory()
            services.change_propose(obj=person, user=people["author"], after={
                **services.snapshot_of(person),
                "fields": {**services.snapshot_of(person)["fields"], "bio_en": f"Bio {n}"},
                "lists": {"spellings": [[f"Name {n}", ""]], "roles": [[OrganizationFactory().pk, "Head", "", "", None, None]]},
            })
        change = ProposedChange.objects.first()
        editor.get(reverse("admin:register_review_proposedchange_change", args=[change.pk]))  # process caches
        with django_assert_max_num_queries(40) as listing:
            assert editor.get(reverse("admin:register_review_proposedchange_changelist")).status_code == 200
        with django_assert_max_num_queries(40) as one:
            assert editor.get(reverse("admin:register_review_proposedchange_change", args=[change.pk])).status_code == 200
        counts.append((len(listing), len(one)))
    assert counts[0] == counts[1]


def test_a_role_cannot_be_added_on_its_own_page_without_review(people, public_person):
    reporter = client_for(people["author"])
    assert reporter.get(reverse("admin:people_affiliation_add")).status_code == 403
    # On the person's page the roles' rows are still there, to propose.
    page = reporter.get(person_url(public_person))
    assert any(inline.formset.model._meta.model_name == "affiliation" and inline.has_add_permission
               for inline in page.context["inline_admin_formsets"])
    assert client_for(people["editor"]).get(reverse("admin:people_affiliation_add")).status_code == 200
