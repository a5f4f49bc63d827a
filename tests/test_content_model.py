import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Article, Byline, Interviewee
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from people.names import normalize_name
from tests.factories import (
    AffiliationFactory,
    ArticleFactory,
    OrganizationAliasFactory,
    OrganizationFactory,
    PersonFactory,
    PublishedArticleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil_defense():
    org = Organization.objects.create(name="Syria Civil Defense", founded_year=2013)
    for alias in ["The White Helmets", "SCD", "The Syrian Civil Defense", "الدفاع المدني السوري"]:
        OrganizationAlias.objects.create(organization=org, name=alias)
    return org


class TestNames:
    @pytest.mark.parametrize(
        "a, b",
        [
            ("The White Helmets", "white helmets"),
            ("White-Helmets", "white helmets"),
            ("Raed Al-Saleh", "raed al saleh"),
            ("  Raed   AL-SALEH ", "Raed al‑Saleh"),  # non-breaking hyphen
            ("الدفاع المدني السوري", "الدفاع المدنى السورى"),
            ("أحمد", "احمد"),
            ("مُحَمَّد", "محمد"),
        ],
    )
    def test_spellings_share_a_key(self, a, b):
        assert normalize_name(a) == normalize_name(b)

    def test_different_names_differ(self):
        assert normalize_name("Syria Civil Defense") != normalize_name("Syrian Red Crescent")

    def test_only_a_leading_the_is_dropped(self):
        assert normalize_name("The Other Side") == "other side"
        assert normalize_name("Breathe") == "breathe"


class TestAliasLookup:
    def test_white_helmets_finds_syria_civil_defense(self, civil_defense):
        assert list(Organization.objects.matching("The White Helmets")) == [civil_defense]
        assert list(Organization.objects.matching("white helmets")) == [civil_defense]
        assert list(Organization.objects.matching("الدفاع المدني السوري")) == [civil_defense]
        assert list(Organization.objects.matching("Syria Civil Defense")) == [civil_defense]

    def test_unknown_or_blank_names_find_nothing(self, civil_defense):
        assert not Organization.objects.matching("Red Crescent").exists()
        assert not Organization.objects.matching("  ").exists()

    def test_organization_found_once_when_name_and_alias_both_match(self):
        org = Organization.objects.create(name="White Helmets")
        OrganizationAlias.objects.create(organization=org, name="The White-Helmets")
        assert list(Organization.objects.matching("white helmets")) == [org]

    def test_person_found_by_native_and_alternate_spellings(self):
        raed = Person.objects.create(name="Raed Al-Saleh", native_name="رائد الصالح")
        PersonName.objects.create(person=raed, name="Raed Saleh")
        assert list(Person.objects.matching("raed al saleh")) == [raed]
        assert list(Person.objects.matching("رائد الصالح")) == [raed]
        assert list(Person.objects.matching("Raed Saleh")) == [raed]
        assert raed.all_names == ["Raed Al-Saleh", "رائد الصالح", "Raed Saleh"]


class TestConstraints:
    def test_slug_is_unique_per_language(self):
        ArticleFactory(slug="same", language="en")
        ArticleFactory(slug="same", language="ar")  # another language: fine
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(slug="same", language="en")

    def test_a_story_has_one_version_per_language(self):
        english = ArticleFactory(language="en")
        ArticleFactory(language="ar", translation_key=english.translation_key)
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(language="ar", translation_key=english.translation_key)

    def test_published_article_needs_a_publication_time(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)

    def test_byline_needs_a_user_or_a_name(self):
        article = ArticleFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Byline.objects.create(article=article)

    def test_same_person_interviewed_once_per_article(self):
        link = Interviewee.objects.create(article=ArticleFactory(), person=PersonFactory())
        with pytest.raises(IntegrityError), transaction.atomic():
            Interviewee.objects.create(article=link.article, person=link.person)

    def test_affiliation_cannot_end_before_it_starts(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            AffiliationFactory(start_date="2020-01-01", end_date="2019-01-01")

    def test_alias_spelled_twice_is_refused_by_validation(self, civil_defense):
        duplicate = OrganizationAlias(organization=civil_defense, name="the white-helmets")
        with pytest.raises(ValidationError):
            duplicate.full_clean()

    def test_interviewee_affiliation_must_be_the_same_person(self):
        affiliation = AffiliationFactory()
        link = Interviewee(article=ArticleFactory(), person=PersonFactory(), affiliation=affiliation)
        with pytest.raises(ValidationError, match="someone else"):
            link.full_clean()

    def test_organization_cannot_be_its_own_ancestor(self):
        parent = OrganizationFactory()
        child = OrganizationFactory(parent=parent)
        parent.parent = child
        with pytest.raises(ValidationError, match="ancestor"):
            parent.full_clean()


class TestSlugsAndUrls:
    def test_arabic_headline_gets_an_arabic_slug_and_a_working_url(self, client):
        article = PublishedArticleFactory(headline="الخوذ البيضاء: حصلنا على وثائق", language="ar")
        assert article.slug == "الخوذ-البيضاء-حصلنا-على-وثائق"
        assert article.get_absolute_url().startswith(f"/ar/articles/{article.pk}/")
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert "الخوذ البيضاء" in response.content.decode()

    def test_slugs_made_unique_within_a_language(self):
        first = ArticleFactory(headline="Water returns to Aleppo")
        second = ArticleFactory(headline="Water returns to Aleppo")
        assert (first.slug, second.slug) == ("water-returns-to-aleppo", "water-returns-to-aleppo-2")

    def test_changing_the_slug_keeps_old_links_working(self, client):
        article = PublishedArticleFactory(headline="Old headline")
        old_url = article.get_absolute_url()
        article.slug = "new-headline"
        article.save()
        response = client.get(old_url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()
        assert client.get(article.get_absolute_url()).status_code == 200

    def test_wrong_language_prefix_redirects_to_the_article_language(self, client):
        article = PublishedArticleFactory(language="ar", headline="خبر")
        response = client.get(f"/en/articles/{article.pk}/{article.slug}/")
        assert response.status_code == 301
        assert response["Location"].startswith("/ar/")

    def test_unpublished_articles_are_not_found(self, client):
        draft = ArticleFactory()
        future = PublishedArticleFactory(published_at=timezone.now() + timezone.timedelta(hours=2))
        assert client.get(draft.get_absolute_url()).status_code == 404
        assert client.get(future.get_absolute_url()).status_code == 404

    def test_person_and_organization_slugs(self):
        person = PersonFactory(name="Raed Al-Saleh")
        org = OrganizationFactory(name="الدفاع المدني")
        assert person.slug == "raed-al-saleh"
        assert org.slug == "الدفاع-المدني"
        assert PersonFactory(name="Raed Al-Saleh").slug == "raed-al-saleh-2"


def test_affiliation_is_data(db):
    raed = PersonFactory(name="Raed Al-Saleh")
    scd = OrganizationFactory(name="Syria Civil Defense")
    Affiliation.objects.create(person=raed, organization=scd, role="Head", start_date="2014-10-01")
    assert [str(a) for a in raed.affiliations.all()] == ["Raed Al-Saleh — Head, Syria Civil Defense"]
    assert raed.affiliations.get().is_current
