"""Quotes by person: found in a story's paragraphs, confirmed by the reporter, listed on the person's
page (newest first, searchable, paginated), each linking to its paragraph; kept pages follow them."""

import json
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from articles.html import paragraph_ids, paragraph_texts, sanitize_html
from articles.models import Article, Interviewee
from copydesk.models import ImportRecord
from desk import services as desk_services
from desk import workflow
from people.models import Affiliation, Organization, OrganizationAlias, Person
from public import keys
from quotes.models import Quote
from quotes.recognition import Speaker, quotes_find
from quotes.services import quotes_confirm, quotes_detect
from tests.accounts_support import staff_login
from tests.copy_fixtures import WHITE_HELMETS, fixture_bytes
from tests.factories import PersonFactory, PublishedArticleFactory

RAED = Speaker(id=1, names=("Raed Al-Saleh", "رائد الصالح"))
HEVIN = Speaker(id=2, names=("Hevin Mustafa",))


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


# --- finding quotes (no database) -------------------------------------------------------------------


def test_a_quote_goes_to_the_person_named_before_or_after_it():
    paragraphs = [
        "Al-Saleh said that “the roads are open again today” while Mustafa disagreed.",
        "“The wind decides where we go first,” Mustafa said. Then “we wait for the trucks to arrive” he added.",
    ]
    found = quotes_find(paragraphs, speakers=[RAED, HEVIN])
    assert [(f.paragraph, f.text, f.speaker, f.how) for f in found] == [
        (1, "the roads are open again today", 1, "named"),
        (2, "The wind decides where we go first", 2, "named"),
        (2, "we wait for the trucks to arrive", 2, "same speaker"),
    ]


def test_he_said_is_the_interviewee_and_short_or_unattributable_words_are_left_out():
    paragraphs = ["“We were mistaken about the mechanisms,” he said of the “very cautious” approach."]
    assert [f.speaker for f in quotes_find(paragraphs, speakers=[RAED, HEVIN], default=1)] == [1]
    assert quotes_find(paragraphs, speakers=[RAED, HEVIN]) == []  # no name, no interviewee: nothing


def test_arabic_and_kurdish_quotation_marks():
    paragraphs = [
        "قال رائد الصالح إن «الطرق مفتوحة مرة أخرى اليوم» في إدلب.",
        "وأضاف الصالح: “نحن بحاجة إلى تدريب متقدم دائماً”.",
        "Hevin Mustafa got: «Ba biryarê dide em pêşî biçin kû».",
    ]
    found = quotes_find(paragraphs, speakers=[RAED, HEVIN])
    assert [(f.paragraph, f.speaker) for f in found] == [(1, 1), (2, 1), (3, 2)]
    assert found[0].text == "الطرق مفتوحة مرة أخرى اليوم"


def test_a_surname_two_speakers_share_names_neither():
    brothers = [Speaker(id=1, names=("Ali Hassan",)), Speaker(id=2, names=("Omar Hassan",))]
    found = quotes_find(["Hassan said “the bakery opens at dawn now”."], speakers=brothers, default=2)
    assert [(f.speaker, f.how) for f in found] == [(2, "interviewee")]


words = st.text(alphabet=st.sampled_from(list("abc دهو ,.“”«»\"")), max_size=80)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=5), st.sampled_from([None, 1, 2]))
def test_every_quote_found_is_in_its_paragraph_said_by_someone_linked(paragraphs, default):
    for found in quotes_find(paragraphs, speakers=[RAED, HEVIN], default=default):
        assert found.text in paragraphs[found.paragraph - 1]
        assert found.speaker in {1, 2} and len(found.text.split()) >= 3
        assert found.text == found.text.strip(" ,;:")


plain_words = st.lists(st.sampled_from(["the", "roads", "are", "open", "الطرق", "مفتوحة", "rê", "vekirî"]), min_size=3, max_size=12)


@hypothesis_settings(max_examples=100, deadline=None)
@given(plain_words, st.sampled_from(["“{}”", "«{}»", '"{}"']), st.sampled_from(["Raed Al-Saleh", "Al-Saleh", "رائد الصالح", "Hevin Mustafa"]))
def test_words_in_any_marks_after_a_name_are_that_persons(said, marks, name):
    text = " ".join(said)
    found = quotes_find([f"Before that, {name} said {marks.format(text)} on Monday."], speakers=[RAED, HEVIN], default=2)
    assert [(f.text, f.speaker, f.how) for f in found] == [(text, 2 if name == "Hevin Mustafa" else 1, "named")]


# --- paragraphs -------------------------------------------------------------------------------------


def test_paragraphs_are_numbered_once_for_links_and_for_their_text():
    body = sanitize_html('<p dir="rtl">One &amp; <strong>two</strong></p><h2>Head</h2><blockquote><p>Three</p></blockquote><p>[image:9]</p>')
    assert paragraph_texts(body) == ["One & two", "Three", "[image:9]"]
    assert re.findall(r'<p id="(p-\d)"', paragraph_ids(body)) == ["p-1", "p-2", "p-3"]


def test_the_readers_page_gives_each_paragraph_its_id(client, db):
    article = PublishedArticleFactory(body="<p>First.</p><h2>Sub</h2><p>Second.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<p id="p-1">First.</p>' in html and '<p id="p-2">Second.</p>' in html


# --- the shared interview, through the copy desk --------------------------------------------------


@pytest.fixture
def raed(db):
    """Raed Al-Saleh and Syria Civil Defense (alias The White Helmets), as the newsroom has them."""
    raed = Person.objects.create(name="Raed Al-Saleh", native_name="رائد الصالح")
    scd = Organization.objects.create(name="Syria Civil Defense")
    OrganizationAlias.objects.create(organization=scd, name="The White Helmets")
    Affiliation.objects.create(person=raed, organization=scd, role="Head")
    return raed


def import_and_confirm(client, reporter, raed) -> Article:
    """The reporter imports the agency's interview and confirms Raed Al-Saleh on the confirmation page."""
    staff_login(client, reporter)
    upload = SimpleUploadedFile(WHITE_HELMETS, fixture_bytes(WHITE_HELMETS), content_type="text/plain")
    client.post(reverse("admin:copydesk_importrecord_add"), {"files": [upload]})
    record = ImportRecord.objects.get()
    confirm_url = reverse("admin:copydesk_importrecord_change", args=[record.pk])
    form = client.get(confirm_url).context["form"]
    data = {"version": str(record.article.version), "kind": "interview", f"person_{raed.pk}": "on",
            f"role_{raed.pk}": form[f"role_{raed.pk}"].initial or "",
            f"affiliation_{raed.pk}": str(form[f"affiliation_{raed.pk}"].initial or "")}
    response = client.post(confirm_url, data, follow=True)
    assert "quotes were found in the copy" in response.content.decode()
    return Article.objects.get(pk=record.article_id)


def publish(article, editor):
    article = Article.objects.get(pk=article.pk)
    workflow.article_transition(article=article, action="publish", user=editor, over_warnings=True)
    return Article.objects.get(pk=article.pk)


def test_the_agency_interview_gives_raed_al_saleh_his_quotes_linked_to_their_paragraphs(
    client, reporter, editor, raed, page_cache
):
    article = import_and_confirm(client, reporter, raed)
    proposed = list(Quote.objects.filter(article=article))
    assert len(proposed) >= 8 and {q.person for q in proposed} == {raed}
    assert not any(q.confirmed for q in proposed)  # proposals: readers see nothing yet
    texts = [q.text for q in proposed]
    assert "The reality reflects regional and international conflicts, and the changes are the political positions and interests" in texts
    assert "We were mistaken when we expected the progress of the mechanisms of the international community’s action as challenges increased" in texts

    # The reporter confirms them on the quotes' list (the admin action).
    response = client.post(reverse("admin:quotes_quote_changelist"),
                           {"action": "confirm_selected", "_selected_action": [q.pk for q in proposed]})
    assert response.status_code == 302
    assert Quote.objects.filter(article=article, confirmed=True).count() == len(proposed)
    assert client.get(raed.get_absolute_url()).status_code == 404  # a draft: no public page, no quote

    article = publish(article, editor)
    client.logout()
    page = client.get(raed.get_absolute_url())
    html = page.content.decode()
    assert "What they said" in html
    links = re.findall(r'<a href="([^"#]+)#(p-\d+)"', html)
    assert len(links) >= 8 and {url for url, _ in links} == {article.get_absolute_url()}

    # Each link lands on the paragraph that holds the quote.
    story = client.get(article.get_absolute_url()).content.decode()
    paragraphs = dict(re.findall(r'<p id="(p-\d+)"[^>]*>(.*?)</p>', story, re.DOTALL))
    for quote in Quote.objects.filter(article=article):
        assert quote.text.replace("’", "&#x27;") in paragraphs[quote.anchor].replace("’", "&#x27;")


def test_the_person_page_describes_each_quote_as_a_quotation(client, db):
    person, article = PersonFactory(name="Raed Al-Saleh"), PublishedArticleFactory(
        body="<p>He said “we dig with our hands when machines fail”.</p>", language="en")
    Interviewee.objects.create(article=article, person=person)
    quote = Quote.objects.create(article=article, person=person, text="we dig with our hands when machines fail",
                                 paragraph=1, confirmed=True)
    html = client.get(person.get_absolute_url()).content.decode()
    data = [json.loads(found) for found in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)]
    quotation = next(item for d in data for item in d.get("@graph", []) if item["@type"] == "Quotation")
    url = quotation["isPartOf"]["url"]
    assert url.startswith("http") and url.endswith(article.get_absolute_url())
    assert quotation["text"] == quote.text and quotation["inLanguage"] == "en"
    assert quotation["spokenByCharacter"]["name"] == "Raed Al-Saleh" == quotation["creator"]["name"]
    assert quotation["dateCreated"] == article.published_at.isoformat()
    assert quotation["url"] == f"{url}#p-1"


# --- the person page: what readers see, its queries and its keys ------------------------------------


@pytest.fixture
def speaker(db):
    return PersonFactory(name="Hevin Mustafa")


def quoted_story(person, *, quotes=1, hours_ago=1, confirmed=True, **fields):
    body = "".join(f"<p>She said “words number {n} of the fire season”.</p>" for n in range(quotes))
    article = PublishedArticleFactory(body=body, published_at=timezone.now() - timezone.timedelta(hours=hours_ago), **fields)
    Interviewee.objects.create(article=article, person=person)
    Quote.objects.bulk_create([
        Quote(article=article, person=person, text=f"words number {n} of the fire season", paragraph=n + 1,
              language=article.language, confirmed=confirmed)
        for n in range(quotes)
    ])
    return article


def quote_texts(html: str) -> list[str]:
    return re.findall(r"<blockquote[^>]*><p>(.*?)</p></blockquote>", html)


def test_only_confirmed_quotes_of_public_stories_newest_first(client, speaker):
    older = quoted_story(speaker, hours_ago=5)
    newer = PublishedArticleFactory(body="<p>“the trucks need water too, every day”</p>")
    Interviewee.objects.create(article=newer, person=speaker)
    Quote.objects.create(article=newer, person=speaker, text="the trucks need water too, every day", paragraph=1, confirmed=True)
    quoted_story(speaker, confirmed=False, hours_ago=2)  # a proposal nobody checked
    draft = quoted_story(speaker, hours_ago=3)
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.DRAFT)
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert quote_texts(html) == ["the trucks need water too, every day", "words number 0 of the fire season"]
    assert f'href="{older.get_absolute_url()}#p-1"' in html


def test_readers_search_a_persons_quotes_by_their_words(client, speaker):
    quoted_story(speaker, quotes=3)
    url = speaker.get_absolute_url()
    assert quote_texts(client.get(url, {"said": "NUMBER 1"}).content.decode()) == ["words number 1 of the fire season"]
    assert "No quote has these words." in client.get(url, {"said": "helicopter"}).content.decode()


def test_the_quote_list_is_paginated(client, speaker):
    quoted_story(speaker, quotes=23)
    url = speaker.get_absolute_url()
    first, third = client.get(url).content.decode(), client.get(url, {"said_page": 3}).content.decode()
    assert len(quote_texts(first)) == 10 and len(quote_texts(third)) == 3
    assert "said_page=2#said" in first and "Page 3 of 3" in third


def test_a_person_page_with_500_quotes_costs_the_queries_of_one_with_5(client, db):
    few, many = PersonFactory(name="Few Words"), PersonFactory(name="Many Words")
    quoted_story(few, quotes=5)
    for n in range(10):
        quoted_story(many, quotes=50, hours_ago=n + 1)
    counts = []
    for person in (few, many):
        client.get(person.get_absolute_url())  # warm the process caches (menus, fragments)
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(person.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert len(quote_texts(response.content.decode())) == 10 and "Page 1 of more than 20" in response.content.decode()


def test_the_page_names_its_quotes_and_a_withdrawn_story_takes_its_quotes_away(client, speaker, editor, page_cache):
    kept = quoted_story(speaker, hours_ago=3)
    withdrawn = PublishedArticleFactory(body="<p>“the wind decides where we go first”</p>")
    Interviewee.objects.create(article=withdrawn, person=speaker)
    Quote.objects.create(article=withdrawn, person=speaker, text="the wind decides where we go first", paragraph=1, confirmed=True)
    response = client.get(speaker.get_absolute_url())
    shown = set(response["Surrogate-Key"].split())
    assert {keys.quotes(speaker.pk), keys.article(kept.pk), keys.article(withdrawn.pk)} <= shown
    assert "the wind decides where we go first" in response.content.decode()

    workflow.article_transition(article=withdrawn, action="withdraw", user=editor, note="Wrong person.")
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert quote_texts(html) == ["words number 0 of the fire season"]


def test_a_confirmed_or_reattributed_quote_retires_both_peoples_pages(client, speaker, page_cache):
    other = PersonFactory(name="Rojda Amed")
    article = quoted_story(speaker, confirmed=False)
    Interviewee.objects.create(article=article, person=other)
    assert quote_texts(client.get(speaker.get_absolute_url()).content.decode()) == []  # kept now
    quote = Quote.objects.get()
    quote.confirmed = True
    quote.save()
    assert len(quote_texts(client.get(speaker.get_absolute_url()).content.decode())) == 1
    assert quote_texts(client.get(other.get_absolute_url()).content.decode()) == []
    quote = Quote.objects.get()
    quote.person = other
    quote.save()
    assert quote_texts(client.get(speaker.get_absolute_url()).content.decode()) == []
    assert len(quote_texts(client.get(other.get_absolute_url()).content.decode())) == 1


def test_the_kept_quotes_follow_every_change_whatever_the_query_string(client, speaker, editor):
    """The page of quotes is kept as a fragment (public.views.person_quotes_html): a reader's own
    query string builds the page again but not its quotes, which change only with the quotes."""
    url = speaker.get_absolute_url()
    quoted_story(speaker, hours_ago=5)
    assert quote_texts(client.get(url, {"utm_source": "a"}).content.decode()) == ["words number 0 of the fire season"]
    later = PublishedArticleFactory(body="<p>“the wells are dry by August”</p>")
    Interviewee.objects.create(article=later, person=speaker)
    quote = Quote.objects.create(article=later, person=speaker, text="the wells are dry by August", paragraph=1, confirmed=True)
    assert quote_texts(client.get(url, {"utm_source": "b"}).content.decode())[0] == "the wells are dry by August"
    later.refresh_from_db()
    later.headline = "Dry wells in the east"
    later.save()  # the story's key: the quote's link text follows
    assert "Dry wells in the east" in client.get(url, {"utm_source": "c"}).content.decode()
    workflow.article_transition(article=later, action="withdraw", user=editor, note="Wrong person.")
    assert quote_texts(client.get(url, {"utm_source": "d"}).content.decode()) == ["words number 0 of the fire season"]
    assert quote.pk  # the quote itself is kept, only no longer shown


def test_a_quote_in_an_embargoed_story_appears_when_its_time_comes(client, speaker):
    url = speaker.get_absolute_url()
    quoted_story(speaker, hours_ago=5)
    at = timezone.now() + timezone.timedelta(hours=2)
    embargoed = PublishedArticleFactory(body="<p>“we open the new centre on Monday”</p>", published_at=at)
    Interviewee.objects.create(article=embargoed, person=speaker)
    Quote.objects.create(article=embargoed, person=speaker, text="we open the new centre on Monday", paragraph=1, confirmed=True)
    assert len(quote_texts(client.get(url, {"utm_source": "a"}).content.decode())) == 1
    with time_machine.travel(at + timezone.timedelta(seconds=1), tick=False):
        assert quote_texts(client.get(url, {"utm_source": "b"}).content.decode())[0] == "we open the new centre on Monday"


def test_each_edition_shows_a_quote_once_in_its_own_language_when_translated(client, speaker, page_cache):
    english = quoted_story(speaker)
    arabic = PublishedArticleFactory(body="<p>قالت «كلمات رقم صفر من موسم الحرائق».</p>", language="ar", kind="interview",
                                     translation_key=english.translation_key, translation_source=english)
    Interviewee.objects.create(article=arabic, person=speaker)
    found = quotes_detect(article=arabic)
    assert [(q.text, q.original) for q in found] == [("كلمات رقم صفر من موسم الحرائق", Quote.objects.get(article=english))]
    en_url = speaker.get_absolute_url()
    ar_url = en_url.replace("/en/", "/ar/", 1)
    # Before the Arabic one is confirmed, the Arabic edition shows the English words.
    assert quote_texts(client.get(ar_url).content.decode()) == ["words number 0 of the fire season"]
    quotes_confirm(quotes=found)
    assert quote_texts(client.get(ar_url).content.decode()) == ["كلمات رقم صفر من موسم الحرائق"]
    assert quote_texts(client.get(en_url).content.decode()) == ["words number 0 of the fire season"]


# --- the desk --------------------------------------------------------------------------------------


def test_saving_the_story_moves_quotes_with_their_paragraph_and_drops_words_no_longer_there(db, reporter, speaker):
    article = quoted_story(speaker, quotes=2)
    article = Article.objects.get(pk=article.pk)
    article.body = "<p>A new first paragraph.</p><p>She said “words number 1 of the fire season”.</p>"
    desk_services.article_save(article=article, user=reporter, version=article.version)
    assert list(Quote.objects.values_list("text", "paragraph")) == [("words number 1 of the fire season", 2)]


def test_in_a_news_story_only_a_named_speaker_is_given_a_quote(db, speaker):
    article = PublishedArticleFactory(body="<p>“The wind decides where we go first,” Mustafa said.</p>"
                                           "<p>Reem, a student, says: “I want to be ready next time.”</p>")
    Interviewee.objects.create(article=article, person=speaker)
    assert [(q.person, q.paragraph) for q in quotes_detect(article=article)] == [(speaker, 1)]


def test_find_quotes_on_the_story_list_proposes_them(client, reporter, speaker):
    article = Article.objects.create(headline="Fires", kind=Article.Kind.INTERVIEW,
                                     body="<p>Mustafa said “the wind decides where we go first”.</p>")
    Interviewee.objects.create(article=article, person=speaker)
    from articles.models import Byline

    Byline.objects.create(article=article, user=reporter, name="Samer Taha")
    staff_login(client, reporter)
    response = client.post(reverse("admin:articles_article_changelist"),
                           {"action": "find_quotes", "_selected_action": [article.pk]}, follow=True)
    assert "1 quote found" in response.content.decode()
    quote = Quote.objects.get()
    assert (quote.person, quote.text, quote.paragraph, quote.confirmed) == (speaker, "the wind decides where we go first", 1, False)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert 'name="quotes-0-confirmed"' in page  # the reporter confirms it on the story's page


def test_the_storys_admin_page_costs_the_same_queries_with_2_and_20_quotes(client, reporter, speaker):
    from articles.models import Byline

    article = Article.objects.create(headline="Fires", kind=Article.Kind.INTERVIEW, body="<p>Words.</p>")
    Interviewee.objects.create(article=article, person=speaker)
    Byline.objects.create(article=article, user=reporter, name="Samer Taha")
    staff_login(client, reporter)
    url = reverse("admin:articles_article_change", args=[article.pk])
    counts = []
    for n in (2, 18):
        Quote.objects.bulk_create(Quote(article=article, person=speaker, text=f"words {n} {i}", paragraph=1) for i in range(n))
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        counts.append(len(queries))
    assert page.content.decode().count('name="quotes-19-person"') == 1  # twenty rows, each editable
    assert counts[0] == counts[1]


def test_a_reporter_may_not_change_the_quotes_of_a_story_they_may_not_edit(client, other_reporter, speaker):
    article = quoted_story(speaker, confirmed=False)  # published: reporters no longer edit it
    staff_login(client, other_reporter)
    quote = Quote.objects.get()
    url = reverse("admin:quotes_quote_change", args=[quote.pk])
    client.post(url, {"article": article.pk, "person": speaker.pk, "text": "changed words here", "paragraph": 1, "confirmed": "on"})
    client.post(reverse("admin:quotes_quote_changelist"), {"action": "confirm_selected", "_selected_action": [quote.pk]})
    quote.refresh_from_db()
    assert (quote.text, quote.confirmed) == ("words number 0 of the fire season", False)
