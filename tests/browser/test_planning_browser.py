"""Planning in the browser: an editor drags an item in the week view and on the board (saved and
logged), a reporter's drag of a scheduled story is refused with a message; the budget, the calendar
and the board pass axe and the Nu HTML checker in English and Arabic (issue 17)."""

import json
import subprocess
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from desk import workflow as desk_workflow
from desk.services import article_save
from newsroom import roles
from planning import services
from planning.models import Assignment, Desk, PlanningEvent, PlanningItem, State
from tests.browser.conftest import admin_login
from tests.browser.test_admin_l10n_browser import in_language
from tests.browser.test_page_types import nu_checker
from tests.browser.test_reader import axe_script
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def monday_noon(weeks=1) -> datetime:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=weeks)
    return datetime(monday.year, monday.month, monday.day, 12, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def plan(db):
    roles.sync_roles()
    editor = UserFactory(username="editor", first_name="Hassan", last_name="Darwish", role=roles.EDITOR)
    reporter = UserFactory(username="reporter", first_name="Samer", last_name="Taha", role=roles.REPORTER)
    desk = Desk.objects.create(name_en="Syria", name_ar="سوريا", name_ku="Sûriye")
    item = services.item_save(item=PlanningItem(slug_line="Council vote in Qamishli", desk=desk, languages=["en", "ar"],
                                                planned_at=monday_noon()), user=editor)
    idea = services.item_save(item=PlanningItem(slug_line="Bakeries reopen", desk=desk, languages=["ar"],
                                                planned_at=monday_noon() + timedelta(days=1)), user=reporter)
    story_item = services.item_save(item=PlanningItem(slug_line="Dam levels fall", desk=desk, languages=["en"],
                                                      planned_at=monday_noon() + timedelta(days=2)), user=editor)
    services.assignment_create(item=story_item, role=Assignment.Role.REPORTER, assignee=reporter, user=editor,
                               due_at=monday_noon())
    article = services.story_start(item=story_item, user=reporter)
    article.body = "<p>The reservoir is at a third.</p>"
    article_save(article=article, user=reporter, version=article.version)
    desk_workflow.article_transition(article=article, action="schedule", user=editor,
                                     publish_at=monday_noon() + timedelta(days=2, hours=3))
    return {"editor": editor, "reporter": reporter, "item": item, "idea": idea, "article": article}


def week_url(live_server):
    return f"{live_server.url}/admin/planning/planningitem/calendar/?view=week&date={monday_noon().date().isoformat()}"


def test_an_editor_drags_an_item_in_the_week_and_on_the_board(page, live_server, plan, artifacts):
    admin_login(page, live_server, "editor")
    page.goto(week_url(live_server))
    card = page.locator(f'.plan-entry[data-kind="item"][data-pk="{plan["item"].pk}"]')
    thursday = (monday_noon() + timedelta(days=3)).date().isoformat()
    card.drag_to(page.locator(f'.plan-day-cell[data-date="{thursday}"]'))
    expect(page.locator("#plan-status")).to_have_text("Moved.")
    page.screenshot(path=str(artifacts / "planning-week.png"), full_page=True)
    item = PlanningItem.objects.get(pk=plan["item"].pk)
    assert item.planned_at == monday_noon() + timedelta(days=3)
    assert PlanningEvent.objects.filter(item=item, action="replanned", actor=plan["editor"]).exists()

    page.goto(f"{live_server.url}/admin/planning/planningitem/board/")
    page.locator(f'.plan-card[data-pk="{plan["idea"].pk}"]').drag_to(
        page.locator('.plan-column[data-state="planned"]'), source_position={"x": 4, "y": 4})
    expect(page.locator("#plan-status")).to_contain_text("Planned")
    assert page.locator(f'.plan-column[data-state="planned"] .plan-card[data-pk="{plan["idea"].pk}"]').count() == 1
    expect(page.locator('.plan-column[data-state="planned"] .plan-count')).to_have_text("1")
    assert PlanningItem.objects.get(pk=plan["idea"].pk).state == State.PLANNED
    assert PlanningEvent.objects.filter(item=plan["idea"], action="plan", actor=plan["editor"]).exists()
    # A move the table does not allow is refused, and the card stays where it was.
    page.locator(f'.plan-card[data-pk="{plan["item"].pk}"]').drag_to(
        page.locator('.plan-column[data-state="published"]'), source_position={"x": 4, "y": 4})
    expect(page.locator("#plan-status")).to_contain_text("cannot move from")
    assert PlanningItem.objects.get(pk=plan["item"].pk).state == State.IDEA
    page.screenshot(path=str(artifacts / "planning-board.png"), full_page=True)


def test_a_reporters_drag_of_a_scheduled_story_is_refused_with_a_message(page, live_server, plan):
    admin_login(page, live_server, "reporter")
    page.goto(week_url(live_server))
    story = page.locator(f'.plan-entry[data-kind="article"][data-pk="{plan["article"].pk}"]')
    story.drag_to(page.locator(f'.plan-day-cell[data-date="{(monday_noon() + timedelta(days=4)).date().isoformat()}"]'))
    expect(page.locator("#plan-status")).to_contain_text("only an editor may")
    article = Article.objects.get(pk=plan["article"].pk)
    assert article.status == "scheduled" and article.published_at == monday_noon() + timedelta(days=2, hours=3)


def test_the_calendar_is_usable_from_the_keyboard(page, live_server, plan):
    admin_login(page, live_server, "editor")
    page.goto(week_url(live_server))
    entry = page.locator(f'.plan-entry[data-kind="item"][data-pk="{plan["item"].pk}"]')
    entry.locator("summary").focus()
    page.keyboard.press("Enter")
    field = entry.locator('input[name="when"]')
    field.focus()
    new_time = monday_noon() + timedelta(days=1, hours=2)
    field.fill(timezone.localtime(new_time).strftime("%Y-%m-%dT%H:%M"))
    entry.locator("button").focus()  # (Tab walks through the date field's own parts first)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Moved.")
    assert PlanningItem.objects.get(pk=plan["item"].pk).planned_at == new_time


PAGES = ["budget/?date={day}", "calendar/?view=day&date={day}", "calendar/?view=week&date={day}", "calendar/?view=month&date={day}",
         "board/"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_budget_calendar_and_board_pass_axe_and_the_nu_checker(chromium, live_server, plan, language, tmp_path, artifacts):
    command = nu_checker()
    script = axe_script()
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale=language, bypass_csp=True,
                                   extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        admin_login(page, live_server, "editor")
        found, files = {}, []
        for number, address in enumerate(PAGES):
            url = f"{live_server.url}/admin/planning/planningitem/" + address.format(day=monday_noon().date().isoformat(), item=plan["item"].pk)
            page.goto(url)
            page.screenshot(path=str(artifacts / f"planning-{language}-{number}.png"), full_page=True)
            assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
            page.add_script_tag(path=str(script))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                       if v["impact"] in ("serious", "critical")]
            if serious:
                found[address] = serious
            files.append(tmp_path / f"page-{number}.html")
            files[-1].write_bytes(page.request.get(url).body())
        page.goto(week_url(live_server))
        page.screenshot(path=str(artifacts / f"planning-week-{language}.png"), full_page=True)
        page.goto(f"{live_server.url}/admin/planning/planningitem/{plan['item'].pk}/change/")
        page.screenshot(path=str(artifacts / f"planning-item-{language}.png"), full_page=True)
    finally:
        context.close()
    assert found == {}
    result = subprocess.run([*command, "--format", "json", "--stdout", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}: line {m.get('lastLine')}: {m['message']}"
              for m in json.loads(result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]
    assert errors == []


def test_an_editor_drags_an_item_to_another_hour_in_the_day_view(page, live_server, plan):
    admin_login(page, live_server, "editor")
    tuesday = (monday_noon() + timedelta(days=1)).date().isoformat()
    page.goto(f"{live_server.url}/admin/planning/planningitem/calendar/?view=day&date={tuesday}")
    entry = page.locator(f'.plan-hour[data-hour="12"] .plan-entry[data-pk="{plan["idea"].pk}"]')
    entry.drag_to(page.locator('.plan-hour[data-hour="15"]'), source_position={"x": 4, "y": 4})
    expect(page.locator("#plan-status")).to_have_text("Moved.")
    expect(page.locator(f'.plan-hour[data-hour="15"] .plan-entry[data-pk="{plan["idea"].pk}"]')).to_have_count(1)
    assert PlanningItem.objects.get(pk=plan["idea"].pk).planned_at == monday_noon() + timedelta(days=1, hours=3)
    assert PlanningEvent.objects.filter(item=plan["idea"], action="replanned").exists()
