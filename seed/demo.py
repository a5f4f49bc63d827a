"""The demo newsroom behind `seed_demo`: staff accounts and the stories in demo_content.py."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify

from articles.models import Article, Byline, Interviewee, Tag, TranslationRequest
from desk.services import article_save
from newsroom import roles
from newsroom.translated import SOURCE, column, script_of
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from quotes.services import quotes_confirm, quotes_detect
from readership.models import Tally
from readership.services import hour_of, lists_refresh
from seed import demo_content, demo_fronts
from seed.demo_planning import seed_plans


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    first_name: str
    last_name: str
    superuser: bool = False


# Demo passwords are printed on the console by seed_demo: this is a demo, not production.
DEMO_ACCOUNTS = [
    DemoAccount("reporter", "reporter-demo-2026", roles.REPORTER, "Nour", "Khalil"),
    DemoAccount("editor", "editor-demo-2026", roles.EDITOR, "Hassan", "Darwish"),
    DemoAccount("translator", "translator-demo-2026", roles.TRANSLATOR, "Rojda", "Amed"),
    DemoAccount("admin", "admin-demo-2026", "Superuser", "Maya", "Saleh", superuser=True),
]


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, was_created: bool) -> None:
        self.created.setdefault(kind, 0)
        self.created[kind] += int(was_created)

    def summary(self) -> str:
        made = ", ".join(f"{n} {kind}" for kind, n in self.created.items() if n)
        return f"Demo newsroom ready ({'created ' + made if made else 'nothing new to create'})."


def seed_demo() -> SeedReport:
    report = SeedReport()
    roles.sync_roles()
    users = _seed_accounts(report)
    people = _seed_people(report)
    organizations = _seed_organizations(report)
    affiliations = _seed_affiliations(report, people, organizations)
    _seed_tags(report)
    _seed_stories(report, users, people, organizations, affiliations)
    _seed_quotes(report)
    _seed_translation_request(report, users)
    demo_fronts.seed_fronts(report)
    seed_plans(report, users)
    _seed_readings(report)
    return report


def _seed_readings(report):
    """Some readings of the published stories over the last days, so that "Most read" shows
    (docs/READERSHIP.md): the same counts every time, then the lists computed as the task would.
    Readings of the last day already there (a second run the same day) are left as they are."""
    now = timezone.now()
    if Tally.objects.filter(hour__gte=now - timedelta(hours=24)).exists():
        return
    tallies = []
    for rank, article in enumerate(Article.objects.published().order_by("pk")):
        for hours_ago in range(0, 24 * 6, 7):
            reads = (rank * 37 + hours_ago * 11) % 23 + 1
            tallies.append(Tally(article=article, hour=hour_of(now - timedelta(hours=hours_ago)), reads=reads))
    Tally.objects.bulk_create(tallies, update_conflicts=True, unique_fields=["article", "hour"], update_fields=["reads"])
    report.count("hourly readings", bool(tallies))  # reported once, as one thing
    lists_refresh(now=now)


def _translate(obj, fields: dict[str, dict[str, str]]) -> None:
    """Give ``obj`` its Arabic and Kurmanji names, bios, descriptions or roles (where still empty)."""
    changed = False
    for field, by_language in fields.items():
        for code, text in by_language.items():
            if not getattr(obj, column(field, code)):
                setattr(obj, column(field, code), text)
                changed = True
    if changed:
        obj.save()


def _seed_tags(report):
    """Every demo tag, named (and addressed) in each edition's language."""
    for name in demo_content.TAGS:
        with translation.override(SOURCE):
            tag, created = Tag.objects.get_or_create(name=name)
        for code, translated in demo_content.TAG_TRANSLATIONS.get(name, {}).items():
            if not getattr(tag, column("name", code)):
                setattr(tag, column("name", code), translated)
                setattr(tag, column("slug", code), slugify(translated, allow_unicode=True))
        tag.save()
        report.count("tags", created)


def _seed_accounts(report):
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@newsroom.example",
                "is_staff": True,
                "is_superuser": account.superuser,
            },
        )
        if created:
            user.set_password(account.password)
            user.save(update_fields=["password"])
            if not account.superuser:
                user.groups.add(Group.objects.get(name=account.role))
        report.count("staff accounts", created)
        users[account.username] = user
    return users


def _seed_people(report):
    people = {}
    for entry in demo_content.PEOPLE:
        person, created = Person.objects.get_or_create(
            slug=entry["slug"],
            defaults={k: entry[k] for k in ("name", "native_name", "bio")},
        )
        if created:
            for spelling in entry.get("alternate_names", []):
                PersonName.objects.create(person=person, name=spelling)
        _translate(person, demo_content.PERSON_TRANSLATIONS.get(entry["slug"], {}))
        report.count("people", created)
        people[entry["slug"]] = person
    return people


def _seed_organizations(report):
    organizations = {}
    for entry in demo_content.ORGANIZATIONS:
        organization, created = Organization.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "description": entry.get("description", ""),
                "founded_year": entry.get("founded_year"),
                "website": entry.get("website", ""),
                "parent": organizations.get(entry.get("parent")),
            },
        )
        if created:
            for alias in entry.get("aliases", []):
                language = "ar" if script_of(alias) == "Arab" else ""
                OrganizationAlias.objects.create(organization=organization, name=alias, language=language)
        _translate(organization, demo_content.ORGANIZATION_TRANSLATIONS.get(entry["slug"], {}))
        report.count("organizations", created)
        organizations[entry["slug"]] = organization
    return organizations


def _seed_affiliations(report, people, organizations):
    affiliations = {}
    for entry in demo_content.AFFILIATIONS:
        start = date.fromisoformat(entry["start_date"]) if entry.get("start_date") else None
        affiliation, created = Affiliation.objects.get_or_create(
            person=people[entry["person"]],
            organization=organizations[entry["organization"]],
            role=entry["role"],
            start_date=start,
        )
        _translate(affiliation, {"role": demo_content.ROLE_TRANSLATIONS.get(entry["role"], {})})
        report.count("affiliations", created)
        affiliations[(entry["person"], entry["organization"])] = affiliation
    return affiliations


# Statuses that carry a publication (or embargo) time; drafts and submitted stories have none.
PUBLICATION_TIMED = {Article.Status.PUBLISHED, Article.Status.SCHEDULED, Article.Status.WITHDRAWN}


def _seed_stories(report, users, people, organizations, affiliations):
    now = timezone.now()
    for story in demo_content.STORIES:
        source_language = story.get("source", "en")
        languages = [source_language] + [code for code in story["versions"] if code != source_language]
        translation_key = source = None
        for language in languages:
            text = story["versions"][language]
            existing = Article.objects.filter(language=language, slug=text["slug"]).first()
            if existing:
                translation_key = existing.translation_key
                source = source or existing
                report.count("articles", False)
                continue
            published_at = now - timedelta(days=story["days_ago"], hours=story.get("hour_offset", 0))
            status = story.get("status", Article.Status.PUBLISHED)
            article = Article(
                headline=text["headline"],
                slug=text["slug"],
                dek=text.get("dek", ""),
                kind=story["kind"],
                language=language,
                body=text["body"],
                dateline=text.get("dateline", ""),
                agency=text.get("agency", ""),
                status=status,
                published_at=published_at if status in PUBLICATION_TIMED else None,
            )
            if translation_key:
                article.translation_key = translation_key
            if source is not None:  # a translation of the story's source, made from its latest text
                article.translation_source = source
                article.translation_source_revision = source.revisions.order_by("-number").first()
                article.translator = users["translator"]
            byline_user = users[story.get("byline", "reporter")]
            article_save(
                article=article,
                user=byline_user,
                relations=partial(_story_relations, story=story, language=language, byline_user=byline_user,
                                  people=people, organizations=organizations, affiliations=affiliations),
            )
            source = source or article
            translation_key = article.translation_key
            report.count("articles", True)


def _story_relations(article, *, story, language, byline_user, people, organizations, affiliations):
    Byline.objects.create(article=article, position=0, user=byline_user)
    for position, name in enumerate(story.get("contributors", []), start=1):
        Byline.objects.create(article=article, position=position, name=name)
    for position, (person_slug, roles_by_language) in enumerate(story.get("interviewees", [])):
        organization_slug = roles_by_language.get("organization")
        Interviewee.objects.create(
            article=article,
            person=people[person_slug],
            role=roles_by_language.get(language, ""),
            affiliation=affiliations.get((person_slug, organization_slug)),
            position=position,
        )
    article.organizations.set([organizations[slug] for slug in story.get("organizations", [])])
    with translation.override(SOURCE):  # the stories name their tags by their English names
        article.tags.set(story.get("tags", []))


def _seed_quotes(report):
    """The interviewees' quotes in each story, found as the copy desk finds them and confirmed as a
    reporter would (originals first, so each translation's quotes name the ones they translate)."""
    stories = (
        Article.objects.filter(interviewee_links__isnull=False, quotes__isnull=True)
        .distinct()
        .order_by(F("translation_source_id").asc(nulls_first=True), "pk")  # the originals first
    )
    for article in stories:
        for _quote in range(quotes_confirm(quotes=quotes_detect(article=article))):
            report.count("quotes", True)


def _seed_translation_request(report, users):
    """One open request, so the translator's “My translation requests” has something in it."""
    if TranslationRequest.objects.exists():
        report.count("translation requests", False)
        return
    story = (
        Article.objects.published()
        .filter(language="en", translation_source__isnull=True)
        .exclude(translation_key__in=Article.objects.filter(language="ku").values("translation_key"))
        .order_by("-published_at")
        .first()
    )
    if story is None:
        return
    TranslationRequest.objects.create(
        source=story,
        language="ku",
        translator=users["translator"],
        requested_by=users["editor"],
        due_at=timezone.now() + timedelta(days=2),
        note="For the Kurmanji edition's evening update.",
    )
    report.count("translation requests", True)
