"""The planning pages: the item's page, the budget (CSV, print, filters, constant queries), the
calendar and the board (moves, refusals), roles, the iCalendar feed, and no public leak (issue 17)."""

import re
import zlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from desk import workflow as desk_workflow
from desk.services import article_save
from planning import services, workflow
from planning.models import Assignment, CalendarFeed, PlanningEvent, PlanningItem, State
from tests.planning_support import desk, propose, staff  # noqa: F401 -- fixtures
from tests.test_public_leaks import SEEDS, crawl
from tests.test_workflow_admin import client_for, messages_of

pytestmark = pytest.mark.django_db
Role = Assignment.Role


def noon(day_offset=1) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.get_current_timezone())


def pdf_fonts(data: bytes) -> set[str]:
    """The fonts a PDF embeds (its object streams are compressed)."""
    text = b""
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            text += zlib.decompressobj().decompress(data[match.end():])
        except zlib.error:
            continue
    return {name.decode() for name in re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", text)}


def many_items(desk, editor, count, *, day_offset=1, spread_days=1):
    """``count`` items with two assignments each, written in bulk (the rules are tested elsewhere)."""
    items = PlanningItem.objects.bulk_create(
        PlanningItem(slug_line=f"Item {n}", desk=desk, languages=["en", "ar"], state=State.PLANNED,
                     planned_at=noon(day_offset) + timedelta(days=n % spread_days, minutes=n % 600))
        for n in range(count)
    )
    Assignment.objects.bulk_create(
        Assignment(item=item, role=role, assignee=editor, due_at=noon(day_offset) + timedelta(hours=3), assigned_by=editor)
        for item in items for role in (Role.REPORTER, Role.EDITOR)
    )
    return items


class TestItemPage:
    def test_a_reporter_proposes_an_idea_in_the_admin_and_sees_it(self, staff, desk):
        client = client_for(staff["reporter"])
        response = client.post(reverse("admin:planning_planningitem_add"), {
            "slug_line": "Bakeries reopen in Raqqa", "desk": desk.pk, "kind": "news", "languages": ["en", "ar"],
            "priority": 2, "summary": "", "place": "", "notes": "", "link": "",
        })
        assert response.status_code == 302, response.content.decode()[:3000]
        item = PlanningItem.objects.get()
        assert (item.state, item.created_by, item.languages) == (State.IDEA, staff["reporter"], ["en", "ar"])
        page = client.get(reverse("admin:planning_planningitem_change", args=[item.pk])).content.decode()
        assert "Bakeries reopen in Raqqa" in page and 'value="plan"' not in page  # reporters do not plan

    def test_a_bad_plan_is_shown_on_the_form_and_nothing_is_saved(self, staff, desk):
        client = client_for(staff["editor"])
        response = client.post(reverse("admin:planning_planningitem_add"), {
            "slug_line": "Window backwards", "desk": desk.pk, "kind": "news", "languages": ["en"], "priority": 2,
            "planned_at_0": "2030-01-02", "planned_at_1": "12:00", "planned_until_0": "2030-01-02", "planned_until_1": "10:00",
        })
        assert response.status_code == 200
        assert "The window must end after it starts." in response.content.decode()
        assert not PlanningItem.objects.exists()

    def test_an_editor_plans_assigns_and_the_assignee_declines_with_a_reason(self, staff, desk):
        item = propose(staff["reporter"], desk)
        editor = client_for(staff["editor"])
        change = reverse("admin:planning_planningitem_change", args=[item.pk])
        assert 'value="plan"' in editor.get(change).content.decode()
        editor.post(reverse("admin:planning_planningitem_move", args=[item.pk]), {"action": "plan"})
        editor.post(reverse("admin:planning_planningitem_assign", args=[item.pk]), {
            "role": "photographer", "assignee": staff["photographer"].pk, "language": "",
            "due_at": (timezone.localtime() + timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M"),
        })
        assignment = Assignment.objects.get()
        photographer = client_for(staff["photographer"])
        page = photographer.get(change).content.decode()
        assert 'name="reason"' in page
        response = photographer.post(reverse("admin:planning_assignment_answer", args=[assignment.pk]),
                                     {"answer": "decline", "reason": ""})
        assert messages_of(response) == ["Say why you decline."]
        photographer.post(reverse("admin:planning_assignment_answer", args=[assignment.pk]),
                          {"answer": "decline", "reason": "No press card for that area"})
        assignment.refresh_from_db()
        assert assignment.state == "declined" and assignment.decline_reason == "No press card for that area"
        assert "No press card for that area" in editor.get(change).content.decode()

    def test_start_the_story_opens_the_prefilled_draft(self, staff, desk):
        item = propose(staff["editor"], desk, slug_line="Dam levels fall")
        response = client_for(staff["editor"]).post(reverse("admin:planning_planningitem_start", args=[item.pk]))
        article = Article.objects.get()
        assert response.url == reverse("admin:articles_article_change", args=[article.pk])
        assert article.headline == "Dam levels fall" and PlanningItem.objects.get().article == article


class TestBudget:
    def test_the_budget_lists_the_day_by_desk_with_filters_and_csv(self, staff, desk):
        item = propose(staff["editor"], desk, slug_line="=HYPERLINK(\"x\") budget talks", planned_at=noon())
        propose(staff["editor"], desk, slug_line="Tomorrow's other story", planned_at=noon(2))
        propose(staff["editor"], desk, slug_line="Kurdish only", planned_at=noon(), languages=["ku"])
        services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"], due_at=noon(), user=staff["editor"])
        client = client_for(staff["reporter"])
        url = reverse("admin:planning_budget")
        day = (timezone.localdate() + timedelta(days=1)).isoformat()
        page = client.get(url, {"date": day}).content.decode()
        assert "budget talks" in page and "Kurdish only" in page and "Tomorrow's other story" not in page
        assert "Syria" in page and "Samer Taha" in page and "planning.css" in page
        filtered = client.get(url, {"date": day, "language": "ar"}).content.decode()
        assert "budget talks" in filtered and "Kurdish only" not in filtered
        by_person = client.get(url, {"date": day, "person": staff["reporter"].pk}).content.decode()
        assert "budget talks" in by_person and "Kurdish only" not in by_person
        csv = client.get(url, {"date": day, "format": "csv"})
        assert csv["Content-Type"].startswith("text/csv")
        rows = csv.content.decode().splitlines()
        assert rows[0].startswith("slug line,desk,state") and len(rows) == 3
        assert "'=HYPERLINK" in rows[1] and "Reporter: Samer Taha [Offered]" in csv.content.decode()

    def test_the_budget_is_made_into_a_pdf_on_the_server_in_arabic_too(self, staff, desk):
        propose(staff["editor"], desk, slug_line="تصويت مجلس قامشلو", planned_at=noon())
        client = client_for(staff["editor"])
        day = (timezone.localdate() + timedelta(days=1)).isoformat()
        page = client.get(reverse("admin:planning_budget"), {"date": day}).content.decode()
        assert "format=pdf" in page
        response = client.get(reverse("admin:planning_budget"), {"date": day, "format": "pdf"}, HTTP_ACCEPT_LANGUAGE="ar")
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")
        fonts = pdf_fonts(response.content)
        assert any("Arabic" in font for font in fonts), fonts  # the Arabic slug line and words are drawn
        assert client_for(staff["translator_ar"]).get(reverse("admin:planning_budget"), {"format": "pdf"}).status_code == 200

    def test_the_print_stylesheet_hides_the_controls(self):
        from django.contrib.staticfiles import finders

        css = open(finders.find("planning/planning.css"), encoding="utf-8").read()
        assert "@media print" in css and ".plan-filters" in css.split("@media print")[1]

    def test_500_items_render_in_the_same_queries_as_5(self, staff, desk, django_assert_max_num_queries):
        client = client_for(staff["editor"])
        url = reverse("admin:planning_budget")
        day = (timezone.localdate() + timedelta(days=1)).isoformat()
        many_items(desk, staff["editor"], 5)
        client.get(url, {"date": day})  # warm the session and the permission caches
        with django_assert_max_num_queries(20) as few:
            client.get(url, {"date": day})
        many_items(desk, staff["editor"], 495)
        with django_assert_max_num_queries(len(few.captured_queries)) as many:
            page = client.get(url, {"date": day}).content.decode()
        assert page.count("<tr>") >= 500

    def test_the_budget_in_arabic_is_right_to_left(self, staff, desk):
        propose(staff["editor"], desk, planned_at=noon())
        client = client_for(staff["editor"])
        client.cookies["django_language"] = "ar"
        page = client.get(reverse("admin:planning_budget"), {"date": (timezone.localdate() + timedelta(days=1)).isoformat()},
                          HTTP_ACCEPT_LANGUAGE="ar").content.decode()
        assert 'dir="rtl"' in page and "سوريا" in page and "ميزانية الأخبار" in page

    def test_the_budget_in_kurmanji(self, staff, desk):
        propose(staff["editor"], desk, planned_at=noon())
        client = client_for(staff["editor"])
        page = client.get(reverse("admin:planning_budget"), {"date": (timezone.localdate() + timedelta(days=1)).isoformat()},
                          HTTP_ACCEPT_LANGUAGE="ku").content.decode()
        assert 'dir="ltr"' in page and "Sûriye" in page and "Bûdceya nûçeyan" in page and "Raman" in page


class TestCalendarAndBoard:
    def test_the_month_with_2000_items_stays_under_a_fixed_number_of_queries(self, staff, desk, django_assert_max_num_queries):
        client = client_for(staff["editor"])
        day = timezone.localdate().replace(day=1) + timedelta(days=40)
        day = day.replace(day=1)
        many_items(desk, staff["editor"], 2000, day_offset=(day - timezone.localdate()).days, spread_days=28)
        client.get(reverse("admin:planning_calendar"), {"view": "month", "date": day.isoformat()})
        with django_assert_max_num_queries(15):
            page = client.get(reverse("admin:planning_calendar"), {"view": "month", "date": day.isoformat()}).content.decode()
        assert page.count('class="plan-entry') == 2000

    def test_an_editor_moves_an_item_in_the_week_and_it_is_logged(self, staff, desk):
        item = propose(staff["editor"], desk, planned_at=noon())
        response = client_for(staff["editor"]).post(
            reverse("admin:planning_calendar_move"), {"kind": "item", "pk": item.pk, "when": (noon(3)).strftime("%Y-%m-%dT%H:%M")},
            HTTP_ACCEPT="application/json")
        assert response.json()["ok"] is True
        item.refresh_from_db()
        assert item.planned_at == noon(3)
        assert PlanningEvent.objects.filter(item=item, action="replanned").exists()

    def test_a_reporter_dragging_a_scheduled_story_is_refused_with_a_message(self, staff, desk):
        item = propose(staff["editor"], desk)
        services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"], due_at=noon(), user=staff["editor"])
        article = services.story_start(item=item, user=staff["reporter"])
        article.body = "<p>Text</p>"
        article_save(article=article, user=staff["reporter"], version=article.version)
        desk_workflow.article_transition(article=article, action="schedule", user=staff["editor"], publish_at=noon(2))
        response = client_for(staff["reporter"]).post(
            reverse("admin:planning_calendar_move"), {"kind": "article", "pk": article.pk, "when": noon(4).strftime("%Y-%m-%dT%H:%M")},
            HTTP_ACCEPT="application/json")
        assert response.status_code == 409
        assert "only an editor may" in response.json()["message"]
        article.refresh_from_db()
        assert article.published_at == noon(2)

    def test_the_board_moves_only_along_the_table(self, staff, desk):
        item = propose(staff["editor"], desk)
        client = client_for(staff["editor"])
        url = reverse("admin:planning_planningitem_move", args=[item.pk])
        assert client.post(url, {"target": "planned"}, HTTP_ACCEPT="application/json").json()["ok"] is True
        refused = client.post(url, {"target": "published"}, HTTP_ACCEPT="application/json")
        assert refused.status_code == 409 and "cannot move" in refused.json()["message"]
        assert client.post(url, {"target": "spiked"}, HTTP_ACCEPT="application/json").status_code == 409  # needs a reason
        page = client.get(reverse("admin:planning_board")).content.decode()
        assert 'data-state="planned"' in page and "Rescue teams after the floods" in page
        item.refresh_from_db()
        assert item.state == State.PLANNED


class TestRoles:
    def test_translators_see_only_their_items_and_the_public_sees_none(self, staff, desk, client):
        mine = propose(staff["editor"], desk, slug_line="Zzqplan translated one")
        propose(staff["editor"], desk, slug_line="Zzqplan secret other")
        services.assignment_create(item=mine, role=Role.TRANSLATOR, language="ar", assignee=staff["translator_ar"],
                                   due_at=noon(), user=staff["editor"])
        page = client_for(staff["translator_ar"]).get(reverse("admin:planning_planningitem_changelist")).content.decode()
        assert "Zzqplan translated one" in page and "Zzqplan secret other" not in page
        assert client.get(reverse("admin:planning_budget")).status_code == 302  # to the sign-in page
        pages = crawl(client, list(SEEDS) + ["/en/search/?q=Zzqplan", "/ar/search/?q=Zzqplan"], limit=60)
        assert len(pages) > 20  # the crawl really walked the site
        for path, body in pages.items():  # searches echo their words: the markers are whole slug lines
            for marker in ("Zzqplan translated one", "Zzqplan secret other", "/planning/", "planning_planningitem"):
                assert marker not in body, (marker, path)

    def test_reporters_cannot_spike(self, staff, desk):
        item = propose(staff["reporter"], desk)
        response = client_for(staff["reporter"]).post(reverse("admin:planning_planningitem_move", args=[item.pk]),
                                                      {"action": "spike", "note": "no"})
        assert "only an editor may" in messages_of(response)[0]
        assert PlanningItem.objects.get().state == State.IDEA


class TestCalendarFeed:
    def test_the_feed_parses_with_icalendar_in_the_users_time_zone(self, staff, desk):
        item = propose(staff["editor"], desk, slug_line="Council vote", planned_at=noon())
        services.assignment_create(item=item, role=Role.REPORTER, assignee=staff["reporter"],
                                   due_at=noon() + timedelta(hours=2), user=staff["editor"])
        services.calendar_feed_set_zone(user=staff["reporter"], time_zone="Asia/Baghdad")
        feed = CalendarFeed.objects.get(user=staff["reporter"])
        response = Client().get(reverse("planning-ical", args=[feed.key]))
        assert response["Content-Type"].startswith("text/calendar") and "no-store" in response["Cache-Control"]
        calendar = icalendar.Calendar.from_ical(response.content)
        [event] = calendar.walk("VEVENT")
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert str(event["summary"]) == "Reporter: Council vote"
        assert start.tzinfo.key == "Asia/Baghdad" and end.tzinfo.key == "Asia/Baghdad"
        assert start == noon() and end == noon() + timedelta(hours=2)
        assert start.hour == noon().astimezone(ZoneInfo("Asia/Baghdad")).hour
        assert event["dtstart"].params["TZID"] == "Asia/Baghdad"
        assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Baghdad"]

    def test_resetting_the_address_cuts_off_the_old_one(self, staff):
        client = client_for(staff["reporter"])
        page = client.get(reverse("admin:planning_my_calendar")).content.decode()
        old = CalendarFeed.objects.get(user=staff["reporter"]).key
        assert old in page
        client.post(reverse("admin:planning_my_calendar"), {"reset": "1"})
        new = CalendarFeed.objects.get(user=staff["reporter"]).key
        assert new != old
        assert Client().get(reverse("planning-ical", args=[old])).status_code == 404
        assert Client().get(reverse("planning-ical", args=[new])).status_code == 200

    def test_a_wrong_time_zone_is_refused(self, staff):
        response = client_for(staff["reporter"]).post(reverse("admin:planning_my_calendar"), {"time_zone": "Mars/Olympus"})
        assert "is not a time zone name" in response.content.decode()


def test_a_form_goes_back_only_to_our_own_pages(staff, desk):
    item = propose(staff["editor"], desk)
    client = client_for(staff["editor"])
    url = reverse("admin:planning_planningitem_move", args=[item.pk])
    away = client.post(url, {"action": "plan", "next": "https://evil.example/"})
    assert away.url == reverse("admin:planning_planningitem_change", args=[item.pk])
    board = client.post(url, {"action": "unplan", "next": "/admin/planning/planningitem/board/"})
    assert board.url == "/admin/planning/planningitem/board/"
