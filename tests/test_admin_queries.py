"""Every admin list (every registered model) costs the same number of SQL queries with 10 rows of
everything and with 200: articles, tags, people, organizations, affiliations, images, imported copy,
users and groups."""

import hashlib
import uuid

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import (
    Article,
    Byline,
    Tag,  # the articles' own tag model (per-language names)
)
from copydesk.models import ImportRecord
from fronts.models import BreakingNews, FrontChange, FrontLayout, MenuItem, Section, SectionBlock, Slot
from images.models import Image, Rendition
from inbox.models import Item
from newsroom import roles
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from people.names import normalize_name
from tests.accounts_support import staff_login
from tests.factories import UserFactory
from tests.public_data import white_helmets_newsroom
from tests.test_public_queries import add_articles

pytestmark = pytest.mark.django_db


def add_people(n: int, offset: int) -> None:
    people = Person.objects.bulk_create(
        Person(name=f"Person {offset + i}", name_key=f"person {offset + i}", slug=f"person-{offset + i}")
        for i in range(n)
    )
    PersonName.objects.bulk_create(
        PersonName(person=person, name=f"P. {offset + i}", name_key=f"p {offset + i}") for i, person in enumerate(people)
    )
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Organization {offset + i}", name_key=f"organization {offset + i}", slug=f"org-{offset + i}")
        for i in range(n)
    )
    for i, organization in enumerate(organizations):
        organization.parent = organizations[i - 1] if i % 2 else None
    Organization.objects.bulk_update(organizations, ["parent"])
    OrganizationAlias.objects.bulk_create(
        OrganizationAlias(organization=o, name=f"O{offset + i}", name_key=normalize_name(f"O{offset + i}"))
        for i, o in enumerate(organizations)
    )
    Affiliation.objects.bulk_create(
        Affiliation(person=person, organization=organizations[i], role="Head") for i, person in enumerate(people)
    )


def add_tags(n: int, offset: int) -> None:
    Tag.objects.bulk_create(Tag(name=f"Tag {offset + i}", slug=f"tag-{offset + i}") for i in range(n))


def add_images(n: int, offset: int) -> None:
    images = Image.objects.bulk_create(
        Image(file=f"images/{offset + i}.jpg", alt_text=f"Picture {offset + i}", width=800, height=500)
        for i in range(n)
    )
    Rendition.objects.bulk_create(
        Rendition(image=image, crop=crop, format="webp", width=width, height=width, file=f"r/{image.pk}-{crop}-{width}.webp")
        for image in images
        for crop, width in (("square", 160), ("square", 320), ("wide", 640))
    )


def add_imports(n: int, offset: int, user) -> None:
    articles = Article.objects.bulk_create(
        Article(headline=f"Imported {offset + i}", slug=f"imported-{offset + i}", translation_key=uuid.uuid4())
        for i in range(n)
    )
    Byline.objects.bulk_create(Byline(article=article, user=user) for article in articles)  # as an import makes
    ImportRecord.objects.bulk_create(
        ImportRecord(
            fingerprint=hashlib.sha256(f"{offset + i}".encode()).hexdigest(), article=article,
            source_name=f"copy-{offset + i}.txt", source_format="text", imported_by=user,
        )
        for i, article in enumerate(articles)
    )


def add_users(n: int, offset: int) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"staff{offset + i}", email=f"s{offset + i}@newsroom.example", is_staff=True)
        for i in range(n)
    )
    groups = Group.objects.bulk_create(Group(name=f"Desk {offset + i}") for i in range(n))
    through = get_user_model().groups.through
    through.objects.bulk_create(through(user=user, group=groups[i]) for i, user in enumerate(users))


def add_translation_requests(n: int, offset: int, user) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import TranslationRequest

    # Requests for articles the other growers made (with their bylines), none asked for yet.
    sources = list(Article.objects.filter(translation_requests__isnull=True).order_by("-pk")[:n])
    TranslationRequest.objects.bulk_create(
        TranslationRequest(source=source, language="ar", translator=user, requested_by=user,
                           due_at=timezone.now() + timedelta(days=i % 5 - 2))
        for i, source in enumerate(sources)
    )


def add_sign_in_records(n: int, offset: int) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    common = {"user_agent": "bench", "http_accept": "text/html", "path_info": "/admin/login/"}
    AccessAttempt.objects.bulk_create(
        AccessAttempt(username=f"guess{offset + i}", ip_address="127.0.0.1", get_data="", post_data="",
                      failures_since_start=1, **common)
        for i in range(n)
    )
    AccessFailureLog.objects.bulk_create(
        AccessFailureLog(username=f"guess{offset + i}", ip_address="127.0.0.1", **common) for i in range(n)
    )
    AccessLog.objects.bulk_create(
        AccessLog(username=f"staff{offset + i}", ip_address="127.0.0.1", **common) for i in range(n)
    )


def add_tasks(n: int, offset: int) -> None:
    """Background tasks as the database backend keeps them: run, failed and waiting."""
    statuses = ["SUCCESSFUL", "FAILED", "READY"]
    DBTaskResult.objects.bulk_create(
        DBTaskResult(task_path="jobs.tasks.mail_send", args_kwargs={"args": [], "kwargs": {}}, backend_name="default",
                     status=statuses[i % 3], run_after=timezone.now(), exception_class_path="", traceback="")
        for i in range(offset, offset + n)
    )


def add_inbox_items(n: int, offset: int, user) -> None:
    """Items in the signed-in user's inbox (everyone's inbox lists only their own)."""
    Item.objects.bulk_create(
        Item(recipient=user, kind="returned", title=f"Returned to you: story {i}", url="/admin/", actor=user)
        for i in range(offset, offset + n)
    )


def add_second_factors(n: int, offset: int, user) -> None:
    """Authenticator apps, recovery code sheets, passkeys and admin languages of staff members."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    from accounts.models import StaffPreference

    staff = list(get_user_model().objects.filter(username__startswith="staff").order_by("-pk")[:n])
    TOTPDevice.objects.bulk_create(TOTPDevice(user=member, name="Authenticator app") for member in staff)
    sheets = StaticDevice.objects.bulk_create(StaticDevice(user=member, name="Recovery codes") for member in staff)
    StaticToken.objects.bulk_create(StaticToken(device=sheet, token=f"code{offset + i}") for i, sheet in enumerate(sheets))
    WebAuthnCredential.objects.bulk_create(
        WebAuthnCredential(
            user=member, name=f"Passkey {offset + i}", credential_id=f"id{offset + i}".encode(), public_key=b"key",
            credential_id_sha256=hashlib.sha256(f"id{offset + i}".encode()).hexdigest(), transports=[], sign_count=0,
        )
        for i, member in enumerate(staff)
    )
    StaffPreference.objects.bulk_create(StaffPreference(user=member, admin_language="ar") for member in staff)


def add_csp_reports(n: int, offset: int) -> None:
    from security.models import CspReport

    CspReport.objects.bulk_create(
        CspReport(document_uri=f"/en/{offset + i}/", violated_directive="img-src", blocked_uri="https://x.example/")
        for i in range(n)
    )


def add_link_checks(n: int, offset: int) -> None:
    from checklist.models import LinkCheck

    articles = list(Article.objects.order_by("-pk")[:n])
    LinkCheck.objects.bulk_create(
        LinkCheck(article=article, url=f"https://example.org/{offset + i}", ok=i % 2 == 0, checked_at=timezone.now())
        for i, article in enumerate(articles)
    )


def add_proposed_changes(n: int, offset: int, user) -> None:
    from register_review.models import ProposedChange

    people = list(Person.objects.order_by("-pk")[:n])
    snapshot = {"fields": {"bio_en": ""}, "lists": {}}
    ProposedChange.objects.bulk_create(
        ProposedChange(person=person, before=snapshot, after={"fields": {"bio_en": f"Bio {offset + i}"}, "lists": {}},
                       proposed_by=user)
        for i, person in enumerate(people)
    )


def add_fronts(n: int, offset: int, user) -> None:
    """Sections (with menu entries), front layouts with a slot and a block, their log, banners."""
    sections = Section.objects.bulk_create(
        Section(slug=f"section-{offset + i}", name=f"Section {offset + i}", name_en=f"Section {offset + i}")
        for i in range(n)
    )
    MenuItem.objects.bulk_create(MenuItem(language="en", section=s, position=i) for i, s in enumerate(sections))
    layouts = FrontLayout.objects.bulk_create(
        FrontLayout(language="en", section=s, created_by=user) for s in sections
    )
    story = Article.objects.first()
    Slot.objects.bulk_create(Slot(layout=layout, area=Slot.Area.LEAD, article=story) for layout in layouts)
    SectionBlock.objects.bulk_create(SectionBlock(layout=layout, section=layout.section) for layout in layouts)
    FrontChange.objects.bulk_create(
        FrontChange(layout=layout, language="en", front=str(layout.section), user=user, action="added")
        for layout in layouts
    )
    BreakingNews.objects.bulk_create(
        BreakingNews(language="en", headline=f"Banner {offset + i}", created_by=user,
                     ends_at=timezone.now() + timezone.timedelta(hours=1)) for i in range(n)
    )


def add_live_stories(n: int, offset: int, user) -> None:
    """Live stories (open), each with an entry waiting for approval (the live stories' list counts them)."""
    from live.models import LiveCoverage, LiveEntry

    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(headline=f"Live story {offset + i}", slug=f"live-story-{offset + i}", kind=Article.Kind.LIVE,
                coverage_started_at=now)
        for i in range(n)
    )
    LiveCoverage.objects.bulk_create(LiveCoverage(article=story) for story in stories)
    # Bylined like every story (the article list reads its bylines' staff in one query, whichever
    # stories its first page holds).
    Byline.objects.bulk_create(Byline(article=story, user=user) for story in stories)
    LiveEntry.objects.bulk_create(LiveEntry(article=story, author=user, body="<p>Waiting.</p>") for story in stories)


def add_plans(n: int, offset: int, user) -> None:
    from planning.models import Assignment, Desk, PlanningItem

    desks = Desk.objects.bulk_create(Desk(name=f"Desk {offset + i}", position=offset + i) for i in range(n))
    items = PlanningItem.objects.bulk_create(
        PlanningItem(slug_line=f"Plan {offset + i}", desk=desks[i], languages=["en", "ar"], planned_at=timezone.now(),
                     created_by=user)
        for i in range(n)
    )
    Assignment.objects.bulk_create(
        Assignment(item=item, role="reporter", assignee=user, assigned_by=user, due_at=timezone.now()) for item in items
    )


def add_embeds(n: int, offset: int, user) -> None:
    """Addresses embedded in bodies, as the editor's embed button keeps them."""
    from embeds.models import Embed

    Embed.objects.bulk_create(
        Embed(url=f"https://www.youtube.com/watch?v=v{offset + i}", provider="YouTube", kind="video",
              title=f"Video {offset + i}", created_by=user)
        for i in range(n)
    )


def add_most_read(n: int, offset: int) -> None:
    """"Most read" lists of sections (readership/): the tally's rows, shown read-only."""
    from readership.models import MostRead

    stories = list(Article.objects.values_list("pk", flat=True)[:5])
    sections = Section.objects.filter(slug__in=[f"section-{offset + i}" for i in range(n)])
    MostRead.objects.bulk_create(MostRead(language="en", section=section, window="day", article_ids=stories,
                                          computed_at=timezone.now()) for section in sections)


def grow(n: int, offset: int, *, newsroom, user) -> None:
    """``n`` more rows of every model with an admin list (articles with their links)."""
    add_articles(n, newsroom=newsroom, offset=offset)
    add_people(n, offset)
    add_tags(n, offset)
    add_images(n, offset)
    add_imports(n, offset, user)
    add_users(n, offset)
    add_translation_requests(n, offset, user)
    add_sign_in_records(n, offset)
    add_tasks(n, offset)
    add_inbox_items(n, offset, user)
    add_second_factors(n, offset, user)
    add_csp_reports(n, offset)
    add_link_checks(n, offset)
    add_proposed_changes(n, offset, user)
    add_fronts(n, offset, user)
    add_most_read(n, offset)
    add_live_stories(n, offset, user)
    add_wire(n, offset)
    add_plans(n, offset, user)
    add_embeds(n, offset, user)
    add_quotes(n)


def add_quotes(n: int) -> None:
    """Quotes of the newest stories, said by the newest people (the quotes' own list)."""
    from people.models import Person
    from quotes.models import Quote

    articles = list(Article.objects.order_by("-id")[:n])
    people = list(Person.objects.order_by("-id")[:n])
    Quote.objects.bulk_create(
        Quote(article=a, person=people[i % len(people)], text=f"Words number {i} said", paragraph=1, language=a.language)
        for i, a in enumerate(articles)
    )


def add_wire(n: int, offset: int) -> None:
    """Subscribers with keys and requests, versions sent and their deliveries, partner copy."""
    from wire.models import ApiKey, Delivery, Incoming, ItemVersion, Partner, RequestDay, Subscriber

    subscribers = Subscriber.objects.bulk_create(
        Subscriber(name=f"Subscriber {offset + i}", languages=["en"]) for i in range(n))
    ApiKey.objects.bulk_create(ApiKey(subscriber=s, prefix=f"nrw_{offset + i}", key_hash=f"{offset + i:064d}")
                               for i, s in enumerate(subscribers))
    RequestDay.objects.bulk_create(RequestDay(subscriber=s, day=timezone.localdate(), count=i)
                                   for i, s in enumerate(subscribers))
    articles = list(Article.objects.order_by("-id")[:n])
    versions = ItemVersion.objects.bulk_create(
        ItemVersion(article=a, version=offset + i + 1, event="publish", document={"uri": f"urn:x:{a.pk}"})
        for i, a in enumerate(articles))
    Delivery.objects.bulk_create(Delivery(subscriber=subscribers[i % len(subscribers)], item=v, article=v.article)
                                 for i, v in enumerate(versions))
    partner = Partner.objects.create(name=f"Partner {offset}", slug=f"partner-{offset}")
    incoming = Incoming.objects.bulk_create(
        Incoming(partner=partner, uri=f"urn:p:{offset + i}", version="1", headline=f"Item {i}", raw="{}")
        for i in range(n))
    Incoming.objects.bulk_create(
        Incoming(partner=partner, uri=item.uri, version="2", headline=item.headline, raw="{}", previous=item)
        for item in incoming)


# The lists of every registered model, and the article list as an editor works it.
ARTICLE_VIEWS = ["", "?status__exact=published", "?language__exact=ar&kind__exact=news", "?tag=idlib",
                 "?queue=review", "?q=bulk", "?o=1", "?created_at__year=2026", "?p=2"]


def changelist_urls(user) -> list[str]:
    """Every list the user may see (a superuser: all of them)."""
    request = type("Request", (), {"user": user})()
    urls = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_or_change_permission(request):
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        urls += [url + view for view in ARTICLE_VIEWS] if model is Article else [url]
    return urls


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[url] = len(queries)
    return counts


def test_every_registered_model_is_grown_by_this_test():
    grown = {"articles.Article", "people.Person", "people.Organization", "people.Affiliation", "articles.Tag",
             "images.Image", "copydesk.ImportRecord", "auth.User", "auth.Group", "articles.TranslationRequest",
             "axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog", "jobs.BackgroundTask",
             "inbox.Item", "accounts.AuthenticatorApp", "accounts.RecoveryCodeSheet",
             "accounts.Passkey", "accounts.StaffPreference", "security.CspReport",
             "checklist.LinkCheck", "register_review.ProposedChange",
             "checklist.ChecklistRule",  # one row per rule of the code: a fixed number, never grown
             "fronts.Section", "fronts.MenuItem", "fronts.FrontLayout", "fronts.FrontChange", "fronts.BreakingNews", "live.LiveCoverage",
             "wire.Subscriber", "wire.ApiKey", "wire.RequestDay", "wire.ItemVersion", "wire.Delivery",
             "wire.Partner", "wire.Incoming",
             "planning.PlanningItem", "planning.Assignment", "planning.Desk", "embeds.Embed", "quotes.Quote",
             "readership.MostRead"}
    registered = {model._meta.label for model in admin.site._registry}
    assert registered <= grown, f"add rows of {sorted(registered - grown)} to grow() and to this set"


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_every_admin_list_costs_the_same_queries_with_10_and_200_rows(client, who, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the task list is its
    newsroom = white_helmets_newsroom()
    user = UserFactory(username="admin", is_superuser=True) if who == "superuser" else UserFactory(
        username="editor", role=roles.EDITOR
    )
    grow(10, 0, newsroom=newsroom, user=user)
    staff_login(client, user)
    urls = changelist_urls(user)
    if who == "superuser":
        assert len(urls) == len(admin.site._registry) + len(ARTICLE_VIEWS) - 1
    query_counts(client, urls)  # warm per-process caches (content types, permissions of the session)
    with_10 = query_counts(client, urls)
    grow(190, 1000, newsroom=newsroom, user=user)
    assert Article.objects.count() > 400 and Tag.objects.count() > 200 and Person.objects.count() > 200
    with_200 = query_counts(client, urls)
    assert with_200 == with_10
    assert max(with_200.values()) <= 20, with_200
