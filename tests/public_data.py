"""Stories for the public-site tests: a White Helmets interview in English and Arabic, plus helpers to
add stories that the public must never see."""

from dataclasses import dataclass

from django.utils import timezone
from articles.models import Tag  # the articles own tag model (per-language names)

from articles.models import Article, Byline, Correction, Interviewee
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from tests.factories import PublishedArticleFactory, UserFactory

HOUR = timezone.timedelta(hours=1)


@dataclass
class Newsroom:
    raed: Person
    civil_defense: Organization
    reporter: object
    interview: Article  # English, links Syria Civil Defense only (never says "White Helmets")
    interview_ar: Article  # its Arabic version
    news: Article  # English, shares the tag "Idlib" with the interview


def white_helmets_newsroom() -> Newsroom:
    reporter = UserFactory(username="samer", first_name="Samer", last_name="Taha")
    civil_defense = Organization.objects.create(
        name="Syria Civil Defense", description="Volunteer rescue service.", founded_year=2013
    )
    for alias in ["The White Helmets", "SCD", "الدفاع المدني السوري"]:
        OrganizationAlias.objects.create(organization=civil_defense, name=alias)
    raed = Person.objects.create(
        name="Raed Al-Saleh", native_name="رائد الصالح", bio="Head of Syria Civil Defense since 2014."
    )
    PersonName.objects.create(person=raed, name="Raed Saleh")
    head = Affiliation.objects.create(person=raed, organization=civil_defense, role="Head")
    interview = story(
        headline="Raed Al-Saleh: “We dig with our hands when the machines cannot reach”",
        dek="The head of the rescue service on ten years of pulling people from rubble.",
        body="<p>Rescuers in Idlib train new volunteers every month.</p><p>Rebuilding takes years.</p>",
        kind=Article.Kind.INTERVIEW,
        tags=["Idlib", "Rescue"],
        reporter=reporter,
        hours_ago=5,
    )
    interview.organizations.add(civil_defense)
    Interviewee.objects.create(article=interview, person=raed, role="head of the rescue service", affiliation=head)
    interview_ar = story(
        headline="رائد الصالح: «نحفر بأيدينا حين لا تصل الآليات»",
        dek="رئيس الدفاع المدني عن عشر سنوات من انتشال الناس من تحت الأنقاض.",
        body="<p>يدرّب المتطوعون والدفاع المدني عناصر جديدة كل شهر في إدلب.</p>",
        kind=Article.Kind.INTERVIEW,
        language="ar",
        tags=["Idlib"],
        reporter=reporter,
        hours_ago=4,
        translation_key=interview.translation_key,
    )
    interview_ar.organizations.add(civil_defense)
    Interviewee.objects.create(article=interview_ar, person=raed, role="رئيس الدفاع المدني", affiliation=head)
    news = story(
        headline="Bakeries in Idlib reopen after repairs",
        dek="Three bakeries are back at work.",
        body="<p>Raed Al-Saleh said crews had cleared the roads to the bakeries.</p>",
        tags=["Idlib"],
        reporter=reporter,
        hours_ago=8,
    )
    return Newsroom(raed, civil_defense, reporter, interview, interview_ar, news)


def story(*, tags=(), reporter=None, hours_ago=1, **fields) -> Article:
    """A published article with a byline (and its tags)."""
    fields.setdefault("published_at", timezone.now() - hours_ago * HOUR)
    article = PublishedArticleFactory(**fields)
    if reporter is not None:
        Byline.objects.create(article=article, user=reporter)
    else:
        Byline.objects.create(article=article, name="Outside Contributor")
    if tags:
        article.tags.set(list(tags))
    return article


def hidden_stories(newsroom: Newsroom) -> dict[str, Article]:
    """A draft, a scheduled story, a withdrawn one, an embargoed "published" one and an unpublished
    Arabic translation, each with its own person, organization and tag, and sharing the public tag
    "Idlib" and Raed Al-Saleh so that they would show up anywhere a filter were missing."""
    now = timezone.now()
    states = {
        "draft": {"status": Article.Status.DRAFT, "published_at": None},
        "in_review": {"status": Article.Status.IN_REVIEW, "published_at": None},
        "scheduled": {"status": Article.Status.SCHEDULED, "published_at": now + 24 * HOUR},
        "withdrawn": {"status": Article.Status.WITHDRAWN, "published_at": now - 30 * HOUR},
        "embargoed": {"status": Article.Status.PUBLISHED, "published_at": now + 2 * HOUR},
    }
    hidden = {}
    for name, state in states.items():
        article = PublishedArticleFactory(
            headline=f"Secret {name} story about White Helmets zzq{name}",
            dek=f"Hidden standfirst zzq{name}",
            body=f"<p>Hidden body zzq{name} Raed Al-Saleh</p>",
            **state,
        )
        Byline.objects.create(article=article, user=newsroom.reporter)
        article.tags.set(["Idlib", f"zzqtag{name}"])
        person = Person.objects.create(name=f"Zzq{name} Person")
        Interviewee.objects.create(article=article, person=person)
        Interviewee.objects.create(article=article, person=newsroom.raed)
        article.organizations.add(Organization.objects.create(name=f"Zzq{name} Organization"), newsroom.civil_defense)
        Correction.objects.create(article=article, text=f"Correction zzq{name}")
        hidden[name] = article
    hidden["draft_translation"] = PublishedArticleFactory(
        headline="Secret Arabic translation zzqdraftar",
        language="ar",
        status=Article.Status.DRAFT,
        published_at=None,
        translation_key=newsroom.news.translation_key,
    )
    return hidden


def tag(name: str) -> Tag:
    return Tag.objects.get(name=name)
