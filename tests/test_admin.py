import re

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article, Tag
from people.models import Organization, OrganizationAlias
from tests.accounts_support import staff_login
from tests.copy_fixtures import (
    INTERVIEW,
    INTERVIEW_SLUG,
    INTERVIEW_SUBHEADINGS,
    interview_paragraphs,
    register_interview,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from seed.demo import seed_demo

    seed_demo()


def admin_urls(model):
    opts = model._meta
    return (
        f"admin:{opts.app_label}_{opts.model_name}_changelist",
        f"admin:{opts.app_label}_{opts.model_name}_add",
        f"admin:{opts.app_label}_{opts.model_name}_change",
    )


def test_every_admin_changelist_add_and_change_page_loads(client, superuser, demo):
    staff_login(client, superuser)
    for name in ["articles.Article", "people.Person", "people.Organization", "people.Affiliation", "articles.Tag"]:
        assert any(m._meta.label == name for m in admin.site._registry), name
    for model, model_admin in admin.site._registry.items():
        changelist, add, change = admin_urls(model)
        assert client.get(reverse(changelist)).status_code == 200, changelist
        assert client.get(reverse(changelist), {"q": "aleppo"}).status_code == 200, changelist
        if model_admin.has_add_permission(type("R", (), {"user": superuser})()):
            assert client.get(reverse(add)).status_code == 200, add
        # The first row this user's admin lists (an inbox shows only its owner's items).
        request = type("R", (), {"user": superuser, "GET": {}, "META": {}})()
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is not None:
            assert client.get(reverse(change, args=[obj.pk])).status_code == 200, change


def test_article_changelist_filters(client, editor, demo):
    staff_login(client, editor)
    url = reverse("admin:articles_article_changelist")
    tag = Tag.objects.filter(articles__isnull=False).first()
    for params in [{"status": "published"}, {"kind": "interview"}, {"language": "ar"}, {"tag": tag.slug}]:
        response = client.get(url, params)
        assert response.status_code == 200
        assert "errornote" not in response.content.decode()
    arabic = client.get(url, {"language": "ar"}).context["cl"].result_list
    assert arabic and all(a.language == "ar" for a in arabic)


def test_article_list_filters_by_a_typed_tag_name_and_keeps_the_other_filters(client, editor, demo):
    staff_login(client, editor)
    url = reverse("admin:articles_article_changelist")
    tag = Tag.objects.filter(articles__isnull=False, articles__language="en").first()
    tagged = set(Article.objects.filter(tags=tag, language="en").values_list("pk", flat=True))
    for typed in [tag.slug, tag.name.upper(), f"  {tag.name}  "]:
        response = client.get(url, {"tag": typed, "language__exact": "en"})
        assert {a.pk for a in response.context["cl"].result_list} == tagged, typed
    page = response.content.decode()
    form = re.search(r'<form method="get" class="tag-filter">.*?</form>', page, re.S).group(0)
    assert '<input type="hidden" name="language__exact" value="en">' in form  # the language filter stays
    assert f'<li class="selected"><bdi>{tag.name}</bdi></li>' in page
    assert "All tags" in page


def test_an_unknown_tag_lists_nothing_and_says_so(client, editor, demo):
    staff_login(client, editor)
    response = client.get(reverse("admin:articles_article_changelist"), {"tag": "no such tag"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
    assert "No tag called “<bdi>no such tag</bdi>”" in response.content.decode()


def test_the_tag_filter_does_not_list_every_tag(client, editor, demo):
    for n in range(60):
        Tag.objects.create(name=f"Unused tag {n}")
    staff_login(client, editor)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Unused tag 7" not in page and 'name="tag"' in page


def test_the_date_drill_down_offers_every_year_and_month_between_the_first_and_last_story(client, editor):
    import datetime

    from django.utils import timezone

    from tests.factories import ArticleFactory

    def made(year, month, day):
        article = ArticleFactory()
        when = timezone.make_aware(datetime.datetime(year, month, day, 12))
        Article.objects.filter(pk=article.pk).update(created_at=when)
        return article

    made(2021, 11, 5), made(2023, 2, 1), made(2023, 4, 30)
    staff_login(client, editor)
    url = reverse("admin:articles_article_changelist")
    page = client.get(url).content.decode()
    drill = re.search(r'<nav class="toplinks">.*?</nav>', page, re.S).group(0)
    assert [int(y) for y in re.findall(r"created_at__year=(\d+)", drill)] == [2021, 2022, 2023]  # 2022: none, offered
    months = client.get(url, {"created_at__year": 2023})
    drill = re.search(r'<nav class="toplinks">.*?</nav>', months.content.decode(), re.S).group(0)
    assert re.findall(r"created_at__month=(\d+)", drill) == ["2", "3", "4"]
    assert len(months.context["cl"].result_list) == 2
    days = client.get(url, {"created_at__year": 2023, "created_at__month": 4})
    assert len(days.context["cl"].result_list) == 1
    assert "created_at__day=30" in days.content.decode()


def test_autocomplete_finds_an_organization_by_alias_and_tags_by_name(client, reporter):
    scd = Organization.objects.create(name="Syria Civil Defense")
    OrganizationAlias.objects.create(organization=scd, name="The White Helmets")
    Tag.objects.create(name="Idlib")
    staff_login(client, reporter)
    found = client.get(
        "/admin/autocomplete/",
        {"term": "white helm", "app_label": "articles", "model_name": "article", "field_name": "organizations"},
    ).json()
    assert [r["text"] for r in found["results"]] == ["Syria Civil Defense"]
    tags = client.get(
        "/admin/autocomplete/",
        {"term": "idl", "app_label": "articles", "model_name": "article", "field_name": "tags"},
    ).json()
    assert [r["text"] for r in tags["results"]] == ["Idlib"]


def add_form_data(client, inline_rows: dict[str, list[dict]], **fields) -> dict:
    """POST data for the article add form: the fields plus every inline's management form.

    Inline prefixes are read from the form the admin renders, so a new inline does not break tests.
    """
    response = client.get(reverse("admin:articles_article_add"))
    data = dict(fields)
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        rows = inline_rows.get(prefix, [])
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def test_reporter_enters_the_seed_interview_through_the_admin(client, reporter, own_fixture):
    """Our agency interview (tests/fixtures/) typed into the add form, the way a reporter would."""
    copy = own_fixture(INTERVIEW)
    lines = [" ".join(line.split()) for line in copy.splitlines() if line.strip()]  # NBSP typed as spaces
    headline = lines[0]
    subheadings = ["Fires in the wheat belt", "Trucks need water too", "Who the volunteers are"]
    assert subheadings == INTERVIEW_SUBHEADINGS
    body = "".join(
        f"<h2>{line}</h2>" if line in subheadings else f"<p>{line}</p>" for line in lines[3:]
    )

    hevin, corps, head = register_interview()
    qamishli = Tag.objects.create(name="Qamishli")

    staff_login(client, reporter)
    data = add_form_data(
        client,
        {
            "bylines": [{"position": "0", "name": "Samer Taha"}],
            "interviewee_links": [
                {
                    "position": "0",
                    "person": str(hevin.pk),
                    "role": "head of the Syrian Fire and Rescue Corps",
                    "affiliation": str(head.pk),
                }
            ],
        },
        headline=headline,
        dek="The head of the volunteer fire crews on a dry summer, water for the trucks and who answers the calls.",
        kind="interview",
        language="en",
        dateline="Hasakah, Syria",
        agency="Newsroom Demo Agency",
        body=body,
        organizations=[corps.pk],
        tags=[qamishli.pk],
        new_tags="Civil defense, Syria",
        slug="",
    )
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response

    article = Article.objects.get()
    assert article.headline == "Hevin Mustafa: The Wind Decides Where We Go First"
    assert (article.dateline, article.agency, article.kind) == ("Hasakah, Syria", "Newsroom Demo Agency", "interview")
    assert article.status == Article.Status.DRAFT
    assert [(b.display_name, b.user) for b in article.bylines.all()] == [("Samer Taha", reporter)]
    link = article.interviewee_links.get()
    assert (link.person, link.role, link.affiliation) == (hevin, "head of the Syrian Fire and Rescue Corps", head)
    assert list(article.organizations.all()) == [corps]
    assert sorted(article.tags.names()) == ["Civil defense", "Qamishli", "Syria"]
    assert re.findall(r"<h2>(.*?)</h2>", article.body) == subheadings
    assert article.body.count("<p>") == len(lines) - 3 - len(subheadings) == 15
    assert re.findall(r"<p>(.*?)</p>", article.body) == interview_paragraphs(copy)
    assert article.slug == INTERVIEW_SLUG


def test_article_form_shows_rich_text_editor_and_autocomplete(client, reporter):
    staff_login(client, reporter)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "django_prose_editor" in html  # the editor's assets
    assert 'data-field-name="tags"' in html and 'data-field-name="organizations"' in html


def test_body_pasted_with_script_is_stored_clean(client, editor):
    staff_login(client, editor)
    data = add_form_data(
        client,
        {"bylines": [{"position": "0", "name": "Desk"}]},
        headline="Hostile paste",
        kind="news",
        language="en",
        body='<p>Fine</p><script>alert(1)</script><p><img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a></p>',
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    body = Article.objects.get().body
    assert "<p>Fine</p>" in body
    assert "script" not in body and "onerror" not in body and "javascript" not in body
