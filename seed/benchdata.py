"""A large synthetic newsroom for load tests and query budgets: the ``seed_bench`` command.

Built for speed with bulk inserts, batch by batch (memory stays bounded): articles with
``bulk_create`` and then their bylines, interviewees, organizations mentioned and tags (the articles'
through rows) with one ``bulk_create`` per table and batch, never a query per article. Everything
happens in one transaction: an interrupted run leaves the database as it was.

The newsroom looks like a working agency's: three languages (the source language of a story drawn
from an Arabic/English-heavy mix, Kurdish less often), a third of stories translated into one or two
other languages (one version per language, sharing a ``translation_key``), ~800-word bodies, tags,
people and organizations whose popularity follows a long tail (a few are everywhere, most are rare),
dates spread over ten years, and mostly published articles with some drafts, articles in review,
scheduled and withdrawn ones. Proportions are drawn from shuffled "decks" so that they hold exactly
even for small runs; the same ``seed`` (and day) gives the same newsroom.

Model rules that ``save()`` would apply are applied here by hand, because ``bulk_create`` does not
call ``save()``: the name keys of people, spellings, organizations and aliases
(``people.names.normalize_name``), unique slugs, and the constraints (published, scheduled and
withdrawn articles have a time; a byline names someone; an interviewee's affiliation is their own).
"""

import math
import random
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils.text import slugify

from articles.models import Article, Byline, Interviewee, Tag, TaggedArticle
from newsroom import roles
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from people.names import normalize_name
from public.invalidation import everything_changed
from seed import benchtext as text

NOT_EMPTY = (
    "The database already holds a newsroom ({counts}). seed_bench builds a benchmark newsroom into "
    "an empty database; use --append to add to this one anyway, or point DATABASE_URL at an empty "
    "database."
)
BAD_COUNT = "{option} must be a whole number between {low:,} and {high:,}, not {value!r}."
MAX_ARTICLES = 10_000_000
MAX_ENTITIES = 1_000_000
STAFF_USERNAME = "bench.reporter.{:02d}"
STAFF_COUNT = 40
YEARS = 10

# Proportions, as decks of cards (see Deck).
SOURCE_LANGUAGES = {"ar": 9, "en": 8, "ku": 3}
TRANSLATED = {True: 1, False: 2}  # a third of stories are translated
EXTRA_VERSIONS = {1: 2, 2: 1}  # a translated story has one or two more language versions
KINDS = {"news": 8, "interview": 6, "feature": 3, "analysis": 2, "opinion": 1}
STATUSES = {"published": 35, "draft": 2, "in_review": 1, "withdrawn": 1, "scheduled": 1}
INTERVIEWEES_BY_KIND = {
    "interview": (1, 3), "feature": (1, 2), "news": (0, 2), "analysis": (0, 1), "opinion": (0, 0),
}


class BenchSeedError(Exception):
    """The benchmark newsroom cannot be built as asked; the message says why and what to do."""


@dataclass
class BenchReport:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def summary(self) -> str:
        made = ", ".join(f"{n:,} {kind}" for kind, n in self.counts.items())
        minutes, seconds = divmod(round(self.seconds), 60)
        return f"Benchmark newsroom ready in {minutes}m {seconds:02d}s: {made}."


class Deck:
    """Draws values in exact proportions: every len(cards) draws deal one shuffled full deck."""

    def __init__(self, rng: random.Random, weights: dict):
        self.rng = rng
        self.cards = [value for value, n in weights.items() for _ in range(n)]
        self.hand: list = []

    def draw(self):
        if not self.hand:
            self.hand = self.cards[:]
            self.rng.shuffle(self.hand)
        return self.hand.pop()


class LongTail:
    """Picks items with Zipf-like popularity: the first items of ``items`` are the most used."""

    def __init__(self, rng: random.Random, items: list, exponent: float = 1.0):
        self.rng = rng
        self.items = items
        self.cum_weights = list(accumulate(1 / (rank + 1) ** exponent for rank in range(len(items))))

    def pick(self, k: int) -> list:
        """``k`` distinct items (fewer if there are not that many)."""
        k = min(k, len(self.items))
        chosen: dict = {}
        while len(chosen) < k:
            picks = self.rng.choices(self.items, cum_weights=self.cum_weights, k=k - len(chosen))
            chosen.update(dict.fromkeys(picks))
        return list(chosen)


def newsroom_counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "people": Person.objects.count(),
        "organizations": Organization.objects.count(),
        "tags": Tag.objects.count(),
    }


def bench_seed(
    *,
    articles: int,
    tags: int = 2000,
    people: int = 5000,
    organizations: int = 500,
    seed: int = 1,
    append: bool = False,
    batch_size: int = 1000,
    until: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BenchReport:
    """Build a benchmark newsroom of ``articles`` articles (plus ``tags``, ``people`` and
    ``organizations`` new ones) in one transaction.

    Refuses (``BenchSeedError``) to write into a database that already has a newsroom unless
    ``append``. Dates run over the ten years up to ``until`` (default: today, 00:00 UTC), so a run is
    deterministic for a given seed and day.
    """
    _check_count("--articles", articles, 1, MAX_ARTICLES)
    for option, value in (("--tags", tags), ("--people", people), ("--organizations", organizations)):
        _check_count(option, value, 0, MAX_ENTITIES)
    _check_count("--batch-size", batch_size, 1, 100_000)
    if not append:
        counts = newsroom_counts()
        if any(counts.values()):
            described = ", ".join(f"{kind}: {n:,}" for kind, n in counts.items() if n)
            raise BenchSeedError(NOT_EMPTY.format(counts=described))
    if until is None:
        today = datetime.now(dt_timezone.utc).date()
        until = datetime.combine(today, datetime.min.time(), tzinfo=dt_timezone.utc)

    started = time.monotonic()
    builder = _Builder(random.Random(seed), until=until, batch_size=batch_size)
    with transaction.atomic():
        builder.staff()
        builder.tags(tags)
        builder.organizations(organizations)
        builder.people(people)
        builder.load_pools()
        builder.articles(articles, progress=progress)
    # bulk_create sends no signal: retire every kept public page (public.invalidation).
    everything_changed()
    # Fresh planner statistics, as a production database would have after autovacuum/ANALYZE; on
    # PostgreSQL also the visibility map that lets index-only scans skip the table (VACUUM).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" and connection.get_autocommit() else "ANALYZE")
    builder.report.seconds = time.monotonic() - started
    return builder.report


def _check_count(option: str, value, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BenchSeedError(BAD_COUNT.format(option=option, low=low, high=high, value=value))


@contextmanager
def _historical_timestamps(model) -> Iterator[None]:
    """Let ``bulk_create`` store the given ``created_at``/``updated_at`` of old articles.

    ``auto_now_add``/``auto_now`` would stamp every row with the time of the seed run (the insert
    compiler calls each field's ``pre_save``); a ten-year archive needs its own dates. Restored on exit.
    """
    fields = [model._meta.get_field("created_at"), model._meta.get_field("updated_at")]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    try:
        for f in fields:
            f.auto_now = f.auto_now_add = False
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class _Builder:
    def __init__(self, rng: random.Random, *, until: datetime, batch_size: int):
        self.rng = rng
        self.until = until
        self.since = until - timedelta(days=round(365.25 * YEARS))
        self.batch_size = batch_size
        self.report = BenchReport()
        self.writers = {language: text.CopyWriter(rng, language) for language in text.LANGUAGES}
        self.org_names: dict[int, tuple[str, str, str]] = {}  # id -> (en, ar, ku) for this run's orgs

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    # Staff ----------------------------------------------------------------------------------------

    def staff(self) -> None:
        """Reporters for bylines (unusable passwords: nobody logs in as them)."""
        User = get_user_model()
        usernames = [STAFF_USERNAME.format(n) for n in range(1, STAFF_COUNT + 1)]
        existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
        new = []
        for username in usernames:
            given = self.rng.choice(text.ARAB_GIVEN + text.KURD_GIVEN)[0]
            family = self.rng.choice(text.ARAB_FAMILY + text.KURD_FAMILY)[0]
            if username not in existing:
                new.append(User(username=username, first_name=given, last_name=family, is_staff=True,
                                email=f"{username}@newsroom.example", password=make_password(None)))
        User.objects.bulk_create(new)
        reporters = Group.objects.filter(name=roles.REPORTER).first()
        if reporters and new:
            Membership = User.groups.through
            Membership.objects.bulk_create([Membership(user_id=u.pk, group_id=reporters.pk) for u in new])
        staff = User.objects.filter(username__in=usernames).order_by("pk")
        self.staff_ids = list(staff.values_list("pk", flat=True))
        self.report.add("staff accounts", len(new))

    # Tags -----------------------------------------------------------------------------------------

    def _tag_names(self) -> Iterator[str]:
        """Topics and places first (they become the most used), then "Aleppo water"-style pairs."""
        singles = text.TOPICS + [p.en for p in text.PLACES]
        self.rng.shuffle(singles)
        yield from singles
        pairs = [f"{p.en} {t.lower()}" for p in text.PLACES for t in text.TOPICS]
        self.rng.shuffle(pairs)
        yield from pairs
        for year in range(2015, 2100):
            for pair in pairs:
                yield f"{pair} {year}"

    def tags(self, count: int) -> None:
        taken_names = {n.lower() for n in Tag.objects.values_list("name", flat=True)}
        taken_slugs = set(Tag.objects.values_list("slug", flat=True))
        new = []
        for name in self._tag_names():
            if len(new) == count:
                break
            slug = slugify(name, allow_unicode=True)
            if name.lower() in taken_names or slug in taken_slugs:
                continue
            taken_names.add(name.lower())
            taken_slugs.add(slug)
            new.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(new, batch_size=self.batch_size)
        self.report.add("tags", len(new))

    # Organizations --------------------------------------------------------------------------------

    def _organization_names(self) -> Iterator[tuple[tuple[str, str, str], int | None]]:
        """((en, ar, ku), index of the umbrella body it belongs to or None): umbrellas come first."""
        for names, _kinds in text.UMBRELLAS:
            yield names, None
        local = [(kind, place) for kind in range(len(text.ORGANIZATION_KINDS)) for place in text.PLACES]
        self.rng.shuffle(local)
        umbrella_of = {kind: u for u, (_names, kinds) in enumerate(text.UMBRELLAS) for kind in kinds}
        for branch in ("", " North", " South", " East", " West"):
            for kind_index, place in local:
                en, ar, ku = text.ORGANIZATION_KINDS[kind_index]
                names = (en.format(place.en + branch), ar.format(place.ar), ku.format(place.ku_oblique))
                yield names, umbrella_of.get(kind_index)

    def organizations(self, count: int) -> None:
        taken_keys = set(Organization.objects.values_list("name_key", flat=True))
        taken_slugs = set(Organization.objects.values_list("slug", flat=True))
        new, names, umbrellas = [], [], []
        for (en, ar, ku), umbrella in self._organization_names():
            if len(new) == count:
                break
            key, slug = normalize_name(en), slugify(en, allow_unicode=True)[:80]
            if key in taken_keys or slug in taken_slugs:
                continue
            taken_keys.add(key)
            taken_slugs.add(slug)
            year = self.rng.choice([None, self.rng.randint(1950, self.until.year - 1)])
            new.append(Organization(
                name=en, slug=slug, name_key=key, founded_year=year,
                description=f"{en} ({ar}).",
                website=f"https://{slug}.example.org" if self.rng.random() < 0.4 else "",
            ))
            names.append((en, ar, ku))
            umbrellas.append(umbrella)
        Organization.objects.bulk_create(new, batch_size=self.batch_size)
        # Members point to their umbrella body (created earlier in the list, so never a cycle).
        umbrella_index = {names[0]: i for i, (names, _kinds) in enumerate(text.UMBRELLAS)}
        umbrella_ids = {umbrella_index[org.name]: org.pk for org in new if org.name in umbrella_index}
        members = []
        for org, umbrella in zip(new, umbrellas):
            if umbrella is not None and umbrella in umbrella_ids and self.rng.random() < 0.7:
                org.parent_id = umbrella_ids[umbrella]
                members.append(org)
        Organization.objects.bulk_update(members, ["parent"], batch_size=self.batch_size)
        aliases = []
        for org, (en, ar, ku) in zip(new, names):
            self.org_names[org.pk] = (en, ar, ku)
            spellings = [text.acronym(en), ar] + ([ku] if self.rng.random() < 0.5 else [])
            keys = {org.name_key}
            for spelling in spellings:
                key = normalize_name(spelling)
                if key and key not in keys:
                    keys.add(key)
                    aliases.append(OrganizationAlias(organization_id=org.pk, name=spelling, name_key=key))
        OrganizationAlias.objects.bulk_create(aliases, batch_size=self.batch_size)
        self.report.add("organizations", len(new))
        self.report.add("organization aliases", len(aliases))

    # People ---------------------------------------------------------------------------------------

    def _person(self) -> tuple[str, str, list[str]]:
        """(English name, native name, other spellings) for one invented person."""
        rng = self.rng
        if rng.random() < 0.8:
            given, family = rng.choice(text.ARAB_GIVEN), rng.choice(text.ARAB_FAMILY)
            father = rng.choice(text.ARAB_FATHERS) if rng.random() < 0.4 else None
            if father == given:
                father = None
        else:
            given, family = rng.choice(text.KURD_GIVEN), rng.choice(text.KURD_FAMILY)
            father = None
        middle = [father[0]] if father else []
        native_middle = [father[1]] if father else []
        name = " ".join([given[0], *middle, family[0]])
        native = " ".join([given[1], *native_middle, family[1]])
        spellings = [
            " ".join([g, *middle, f])
            for g in [given[0], *given[2]]
            for f in [family[0], *family[2]]
        ][1:]
        if father:
            spellings.append(f"{given[0]} {family[0]}")
        if not spellings:  # no other transliteration known: copy often shortens the given name
            spellings.append(f"{given[0][0]}. {family[0]}")
        rng.shuffle(spellings)
        return name, native, spellings[: rng.randint(1, 3)]

    def people(self, count: int) -> None:
        taken_slugs = set(Person.objects.values_list("slug", flat=True))
        names_seen: set[str] = set()
        new, spellings_of = [], []
        attempts = 0
        while len(new) < count:
            name, native, spellings = self._person()
            attempts += 1
            if name in names_seen and attempts < count * 20:
                continue  # prefer new names; namesakes are allowed once names run short
            names_seen.add(name)
            base = slugify(name, allow_unicode=True)[:80] or "person"
            slug, n = base, 2
            while slug in taken_slugs:
                slug, n = f"{base}-{n}", n + 1
            taken_slugs.add(slug)
            place = self.rng.choice(text.PLACES)
            since = self.rng.randint(2012, self.until.year)
            bio = self.rng.choice(
                ["", f"Lives in {place.en}.", f"From {place.en}; interviewed by the agency since {since}."]
            )
            new.append(Person(name=name, native_name=native, slug=slug, bio=bio,
                              name_key=normalize_name(name), native_name_key=normalize_name(native)))
            spellings_of.append(spellings)
        Person.objects.bulk_create(new, batch_size=self.batch_size)
        alternate = []
        for person, spellings in zip(new, spellings_of):
            keys = {person.name_key, person.native_name_key}
            for spelling in spellings:
                key = normalize_name(spelling)
                if key not in keys:
                    keys.add(key)
                    alternate.append(PersonName(person_id=person.pk, name=spelling, name_key=key))
        PersonName.objects.bulk_create(alternate, batch_size=self.batch_size)
        self.report.add("people", len(new))
        self.report.add("alternate spellings", len(alternate))
        self._affiliations(new)

    def _affiliations(self, people: list[Person]) -> None:
        org_ids = list(self.org_names)
        if not org_ids:
            return
        popular = LongTail(self.rng, org_ids, exponent=0.7)
        rows = []
        for person in people:
            for org_id in popular.pick(self.rng.choice([0, 1, 1, 1, 2])):
                start = self.since.date() + timedelta(days=self.rng.randrange(0, 365 * YEARS))
                end = None
                if self.rng.random() < 0.3:
                    end = min(start + timedelta(days=self.rng.randrange(180, 365 * 5)), self.until.date())
                rows.append(Affiliation(person_id=person.pk, organization_id=org_id,
                                        role=self.rng.choice(text.ROLES)[0], start_date=start, end_date=end))
        Affiliation.objects.bulk_create(rows, batch_size=self.batch_size)
        self.report.add("affiliations", len(rows))

    # Articles -------------------------------------------------------------------------------------

    def load_pools(self) -> None:
        """Everything articles may refer to, this run's and (with --append) what was there before."""
        rng = self.rng
        def ids(model):
            return list(model.objects.order_by("pk").values_list("pk", flat=True))

        self.tag_pool = LongTail(rng, ids(Tag), 1.0)
        self.org_pool = LongTail(rng, ids(Organization), 0.9)
        person_ids = ids(Person)
        rng.shuffle(person_ids)  # the most interviewed people are anyone, not the first created
        self.person_pool = LongTail(rng, person_ids, 0.8)
        self.affiliations_of: dict[int, list[tuple[int, int, str]]] = {}
        for pk, person_id, org_id, role in Affiliation.objects.order_by("pk").values_list(
            "pk", "person_id", "organization_id", "role"
        ):
            self.affiliations_of.setdefault(person_id, []).append((pk, org_id, role))
        existing_orgs = Organization.objects.exclude(pk__in=self.org_names).values_list("pk", "name")
        for pk, name in existing_orgs:
            self.org_names[pk] = (name, name, name)
        self.slugs = {language: set() for language in text.LANGUAGES}
        for language, slug in Article.objects.values_list("language", "slug"):
            self.slugs.setdefault(language, set()).add(slug)
        self.decks = {
            "language": Deck(rng, SOURCE_LANGUAGES),
            "translated": Deck(rng, TRANSLATED),
            "extra": Deck(rng, EXTRA_VERSIONS),
            "kind": Deck(rng, KINDS),
            "status": Deck(rng, STATUSES),
        }

    def articles(self, total: int, *, progress: Callable[[int, int], None] | None) -> None:
        made = 0
        if progress:
            progress(0, total)
        while made < total:
            batch: list[tuple[Article, dict]] = []
            while len(batch) < self.batch_size and made + len(batch) < total:
                position = (made + len(batch) + self.rng.random()) / total
                story = self._story(position)
                batch.extend(story[: total - made - len(batch)])
            self._insert(batch)
            made += len(batch)
            if progress:
                progress(made, total)
        self.report.add("articles", made)

    def _moment(self, position: float) -> datetime:
        """A time during the working day, ``position`` (0..1) of the way through the ten years."""
        day = self.since + timedelta(days=math.floor(position * (self.until - self.since).days))
        return day + timedelta(hours=6 + self.rng.random() * 16)

    def _story(self, position: float) -> list[tuple[Article, dict]]:
        """One story: its language versions (Article, links) sharing a translation key."""
        rng, decks = self.rng, self.decks
        source = decks["language"].draw()
        languages = [source]
        if decks["translated"].draw():
            others = [code for code in text.LANGUAGES if code != source]
            rng.shuffle(others)
            languages += others[: decks["extra"].draw()]
        kind = decks["kind"].draw()
        key = self._uuid()
        place = rng.choice(text.PLACES)
        first_published = min(self._moment(position), self.until - timedelta(minutes=1))
        low, high = INTERVIEWEES_BY_KIND[kind]
        people = self.person_pool.pick(rng.randint(low, high)) if self.person_pool.items else []
        interviewees = []
        for person_id in people:
            options = self.affiliations_of.get(person_id, [])
            affiliation = rng.choice(options) if options and rng.random() < 0.7 else None
            lay, lay_place = rng.choice(text.LAY_ROLES), rng.choice(text.PLACES)
            interviewees.append((person_id, affiliation, lay, lay_place))
        links = {
            "tags": self.tag_pool.pick(rng.randint(2, 6)) if self.tag_pool.items else [],
            "organizations": self.org_pool.pick(rng.choice([0, 1, 1, 2, 3])) if self.org_pool.items else [],
            "staff": rng.choice(self.staff_ids),
            "contributor": self._contributor() if rng.random() < 0.15 else "",
        }
        versions = []
        for n, language in enumerate(languages):
            when = first_published
            if n > 0:  # translations follow the original by a few hours to two days
                when = min(when + timedelta(hours=rng.uniform(1, 48)), self.until - timedelta(minutes=1))
            article = self._article(language, kind, key, place, when)
            roles_here = [self._interview_role(language, *i) for i in interviewees]
            versions.append((article, {**links, "interviewees": roles_here}))
        return versions

    def _contributor(self) -> str:
        given, family = self.rng.choice(text.ARAB_GIVEN + text.KURD_GIVEN), self.rng.choice(text.ARAB_FAMILY)
        return f"{given[0]} {family[0]}"

    def _interview_role(self, language, person_id, affiliation, lay, lay_place):
        index = text.LANGUAGES.index(language)
        if affiliation:
            affiliation_id, org_id, role = affiliation
            role_here = text.ROLE_NAMES.get(role, (role,) * 3)[index]
            org = self.org_names.get(org_id, ("",) * 3)[index]
            shown = f"{role_here} في {org}" if language == "ar" else f"{role_here}, {org}"
            return person_id, shown[:300], affiliation_id
        place_name = lay_place.ku_oblique if language == "ku" else getattr(lay_place, language)
        return person_id, lay[index].format(place_name), None

    def _article(self, language, kind, key, place, when) -> Article:
        rng, writer = self.rng, self.writers[language]
        headline = writer.headline(place)
        base = slugify(headline, allow_unicode=True)[:180].strip("-") or "article"
        taken = self.slugs[language]
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        status = self.decks["status"].draw()
        created = when - timedelta(hours=rng.uniform(1, 72))
        published_at = revised_at = None
        updated = when
        if status in ("published", "withdrawn"):
            published_at = when
            if status == "withdrawn" or rng.random() < 0.08:
                updated = min(when + timedelta(hours=rng.uniform(1, 200)), self.until)
                revised_at = updated if status == "published" else None
        elif status == "scheduled":
            # An embargo from the day after the seeding day, drafted in the days before it.
            published_at = self.until + timedelta(hours=rng.uniform(24, 24 * 14))
            created = updated = self.until - timedelta(hours=rng.uniform(1, 72))
        else:  # draft, in review: never published, last touched some hours after it was started
            updated = min(when + timedelta(hours=rng.uniform(0, 48)), self.until)
        return Article(
            headline=headline[:300],
            slug=slug,
            dek=writer.dek(place),
            kind=kind,
            language=language,
            # Generated markup is <p>/<h2> around plain text, already what sanitize_html keeps
            # (tests/test_seed_bench.py checks it); SanitizedHTMLField.pre_save still runs on insert.
            body=writer.body(rng.randint(650, 950)),
            dateline=writer.dateline(place),
            agency="",
            status=status,
            published_at=published_at,
            revised_at=revised_at,
            translation_key=key,
            created_at=created,
            updated_at=updated,
        )

    def _insert(self, batch: list[tuple[Article, dict]]) -> None:
        with _historical_timestamps(Article):
            Article.objects.bulk_create([article for article, _links in batch])
        bylines, interviewees, mentions, tagged = [], [], [], []
        Mention = Article.organizations.through
        for article, links in batch:
            bylines.append(Byline(article_id=article.pk, position=0, user_id=links["staff"]))
            if links["contributor"]:
                bylines.append(Byline(article_id=article.pk, position=1, name=links["contributor"]))
            for position, (person_id, role, affiliation_id) in enumerate(links["interviewees"]):
                interviewees.append(Interviewee(article_id=article.pk, person_id=person_id, role=role,
                                                affiliation_id=affiliation_id, position=position))
            mentions += [Mention(article_id=article.pk, organization_id=o) for o in links["organizations"]]
            tagged += [TaggedArticle(tag_id=t, content_object_id=article.pk) for t in links["tags"]]
        Byline.objects.bulk_create(bylines)
        Interviewee.objects.bulk_create(interviewees)
        Mention.objects.bulk_create(mentions)
        TaggedArticle.objects.bulk_create(tagged)
        for kind, rows in (("bylines", bylines), ("interviewees", interviewees),
                           ("organization mentions", mentions), ("tagged items", tagged)):
            self.report.add(kind, len(rows))
