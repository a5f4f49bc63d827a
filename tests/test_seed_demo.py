import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from articles.models import Tag  # the articles own tag model (per-language names)

from articles.models import Article
from people.models import Affiliation, Organization, Person

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "users": get_user_model().objects.count(),
        "articles": Article.objects.count(),
        "people": Person.objects.count(),
        "organizations": Organization.objects.count(),
        "affiliations": Affiliation.objects.count(),
        "tags": Tag.objects.count(),
    }


def test_seed_demo_creates_the_demo_newsroom_and_prints_logins(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ["reporter", "editor", "translator", "admin"]:
        assert f"username {username}" in out
    User = get_user_model()
    assert User.objects.get(username="reporter").groups.get().name == "Reporter"
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="editor").check_password("editor-demo-2026")

    assert Article.objects.filter(language="en").count() >= 6
    assert Article.objects.filter(language="ar").count() >= 6
    assert Article.objects.count() >= 12
    assert Person.objects.count() >= 6
    assert Organization.objects.count() >= 4
    assert Tag.objects.count() >= 15
    assert all(org.aliases.exists() for org in Organization.objects.all())
    # Some stories exist in English and Arabic as translations of each other.
    keys = Article.objects.values_list("translation_key", "language")
    english = {k for k, lang in keys if lang == "en"}
    arabic = {k for k, lang in keys if lang == "ar"}
    assert len(english & arabic) >= 4


def test_seed_demo_twice_duplicates_nothing(capsys):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    assert "nothing new to create" in capsys.readouterr().out


def test_demo_articles_render(client):
    call_command("seed_demo")
    for article in Article.objects.published()[:20]:
        assert client.get(article.get_absolute_url()).status_code == 200
