"""What the public sees of each status, staff previews, and share links for outside reviewers."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from desk import previews as preview
from desk import workflow
from articles.models import ShareLink
from tests.workflow_support import Status, article_in, fast_passwords, people  # noqa: F401
from tests.accounts_support import staff_login

pytestmark = pytest.mark.django_db


def public_url(article):
    return f"/{article.language}/articles/{article.pk}/{article.slug}/"


class TestPublicResponses:
    @pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED])
    def test_unpublished_articles_are_404_not_403(self, client, status):
        article = article_in(status)
        assert client.get(public_url(article)).status_code == 404
        assert client.get(f"/en/articles/{article.pk}/").status_code == 404

    def test_a_scheduled_article_is_404_before_its_embargo(self, client, people):
        article = article_in(Status.IN_REVIEW)
        workflow.article_transition(article=article, action="schedule", user=people["editor"],
                                    publish_at=timezone.now() + timedelta(minutes=5))
        assert client.get(public_url(article)).status_code == 404

    def test_a_published_status_with_a_future_time_is_still_404(self, client):
        assert client.get(public_url(article_in(Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)))).status_code == 404

    def test_withdrawn_is_410_gone_with_a_short_notice(self, client, people):
        article = article_in(Status.PUBLISHED, headline="A story taken down")
        workflow.article_transition(article=article, action="withdraw", user=people["editor"], note="Source retracted")
        response = client.get(public_url(article))
        assert response.status_code == 410
        html = response.content.decode()
        assert "This story has been withdrawn" in html
        assert "A story taken down" not in html and "Source retracted" not in html

    def test_published_is_200_and_republished_again(self, client, people):
        article = article_in(Status.IN_REVIEW, headline="Schools reopen in Raqqa")
        workflow.article_transition(article=article, action="publish", user=people["editor"])
        assert client.get(public_url(article)).status_code == 200
        workflow.article_transition(article=article, action="withdraw", user=people["editor"], note="Check")
        assert client.get(public_url(article)).status_code == 410
        workflow.article_transition(article=article, action="republish", user=people["editor"])
        response = client.get(public_url(article))
        assert response.status_code == 200 and "Schools reopen in Raqqa" in response.content.decode()


class TestStaffPreview:
    def test_staff_preview_any_article_as_readers_will_see_it(self, client, people):
        article = article_in(Status.DRAFT, author=people["author"], headline="Draft about Deir ez-Zor")
        url = reverse("admin:articles_article_preview", args=[article.pk])
        for role in ["author", "other_reporter", "editor"]:
            staff_login(client, people[role])
            response = client.get(url)
            assert response.status_code == 200
            assert "<h1>Draft about Deir ez-Zor</h1>" in response.content.decode()
            assert response["X-Robots-Tag"] == "noindex, nofollow"
            assert "articles/article_detail.html" in [t.name for t in response.templates]

    def test_an_arabic_preview_is_right_to_left_in_arabic(self, client, people):
        article = article_in(Status.IN_REVIEW, language="ar", headline="عودة المياه إلى حلب", slug="")
        staff_login(client, people["editor"])
        html = client.get(reverse("admin:articles_article_preview", args=[article.pk])).content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert 'lang="ar" dir="rtl"' in html.split("<article")[1][:80]

    def test_the_public_is_sent_to_the_login_page(self, client):
        article = article_in(Status.DRAFT, headline="Secret draft")
        response = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
        assert response.status_code == 302 and "/admin/login/" in response.url
        assert "Secret draft" not in response.content.decode()


class TestShareLinks:
    def create(self, client, article, **data):
        response = client.post(reverse("admin:articles_article_share", args=[article.pk]), {"days": 7, **data})
        return [str(m) for m in get_messages(response.wsgi_request)][-1]

    def test_an_editor_shares_an_unpublished_article_for_seven_days(self, client, people, time_machine):
        time_machine.move_to("2026-04-01 12:00Z", tick=False)
        article = article_in(Status.IN_REVIEW, headline="Embargoed interview")
        staff_login(client, people["editor"])
        message = self.create(client, article)
        url = re.search(r'href="(http://testserver/preview/[^"]+)"', message).group(1)
        link = ShareLink.objects.get()
        assert link.expires_at == timezone.now() + timedelta(days=preview.DEFAULT_DAYS)
        assert f'value="{url}"' in client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()

        client.logout()
        response = client.get(url)
        assert response.status_code == 200 and "Embargoed interview" in response.content.decode()
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert client.get(public_url(article)).status_code == 404  # the public address stays 404

        time_machine.move_to("2026-04-08 11:59Z", tick=False)
        assert client.get(url).status_code == 200
        time_machine.move_to("2026-04-08 12:00Z", tick=False)
        assert client.get(url).status_code == 404

    def test_a_revoked_link_stops_working(self, client, people):
        article = article_in(Status.DRAFT)
        link = preview.share_link_create(article=article, user=people["editor"])
        url = preview.share_link_url(link)
        assert client.get(url).status_code == 200
        staff_login(client, people["editor"])
        client.post(reverse("admin:articles_article_share_revoke", args=[article.pk, link.pk]))
        client.logout()
        assert client.get(url).status_code == 404
        link.refresh_from_db()
        assert link.revoked_by == people["editor"]

    def test_a_forged_or_altered_link_is_404(self, client, people):
        link = preview.share_link_create(article=article_in(Status.DRAFT), user=people["editor"])
        token = preview.share_link_url(link).split("/")[-2]
        key, signature = token.split(":")
        assert client.get(f"/preview/{key}:{signature[:-2]}xx/").status_code == 404
        assert client.get(f"/preview/{key}/").status_code == 404
        other = ShareLink.objects.create(article=link.article, key="guessable", created_by=people["editor"],
                                         expires_at=timezone.now() + timedelta(days=1))
        assert client.get(f"/preview/{other.key}:{signature}/").status_code == 404

    def test_only_editors_share_and_only_unpublished_articles(self, client, people):
        draft, published = article_in(Status.DRAFT, author=people["author"]), article_in(Status.PUBLISHED)
        staff_login(client, people["author"])
        assert self.create(client, draft) == preview.SHARE_EDITORS_ONLY
        staff_login(client, people["editor"])
        assert self.create(client, published) == preview.SHARE_PUBLISHED
        assert self.create(client, draft, days=365).startswith("Valid for (days): ")
        assert not ShareLink.objects.exists()

    def test_once_published_a_share_link_leads_to_the_public_address(self, client, people):
        article = article_in(Status.IN_REVIEW)
        url = preview.share_link_url(preview.share_link_create(article=article, user=people["editor"]))
        workflow.article_transition(article=article, action="publish", user=people["editor"])
        response = client.get(url)
        assert response.status_code == 302 and response.url == article.get_absolute_url()
