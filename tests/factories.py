"""factory_boy factories for the whole suite."""

from io import BytesIO

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article, Byline, Interviewee
from newsroom import roles
from people.models import Affiliation, Organization, OrganizationAlias, Person, PersonName
from tests.jobs_support import after_the_worker
from tests.pictures import picture_bytes


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.example")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        """UserFactory(role="Reporter") puts the user in that group."""
        if create and extracted:
            if not Group.objects.filter(name=extracted).exists():
                # A transactional test (live_server) flushes the database, and with it the role
                # groups the migrations made; bring them back the way seed_demo does.
                roles.sync_roles()
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Faker("name")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")


class OrganizationAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationAlias

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = "Head"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Story number {n} from the north")
    dek = "A short standfirst."
    kind = Article.Kind.NEWS
    language = "en"
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    dateline = "Aleppo, Syria"


class PublishedArticleFactory(ArticleFactory):
    """A published article; the status is set as stored data, as a fixture would."""

    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(hours=1))


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    name = factory.Faker("name")


class IntervieweeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interviewee

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    role = "spokesperson"


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image made the only way there is: judged, stripped, stored with its renditions."""

    class Meta:
        model = "images.Image"

    alt_text = factory.Sequence(lambda n: f"Rescue workers at a collapsed building, picture {n}")
    caption = "Rescue workers search the rubble."
    credit = "Samer Taha"
    picture = factory.LazyFunction(lambda: picture_bytes("JPEG", (800, 500)))

    @classmethod
    def _create(cls, model_class, *args, picture: bytes, **kwargs):
        from images.safety import image_prepare
        from images.services import image_create

        with after_the_worker():  # its renditions, made by the background task
            return image_create(prepared=image_prepare(upload=BytesIO(picture)), **kwargs)
