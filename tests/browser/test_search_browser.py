"""The search form's name boxes in Chromium: suggestions while typing, choosing one, filtered results;
and the same form without JavaScript."""

import pytest

from tests.public_data import white_helmets_newsroom


@pytest.fixture
def newsroom(transactional_db):
    return white_helmets_newsroom()


def console_problems(page) -> list[str]:
    """Errors and warnings the page writes to the console (the site has no favicon: not counted)."""
    problems: list[str] = []

    def seen(message):
        if message.type in ("error", "warning") and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(message.text)

    page.on("console", seen)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_typing_part_of_a_name_suggests_the_person_and_choosing_it_filters(page, live_server, newsroom):
    problems = console_problems(page)
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/suggest/" in request.url else None)
    page.goto(f"{live_server.url}/en/search/?q=rubble")
    page.get_by_text("Filters and sorting").click()
    person = page.get_by_label("Person")
    person.press_sequentially("rae", delay=60)  # typed, a key at a time
    option = page.locator("#id_person-suggestions option")
    option.first.wait_for(state="attached")
    assert option.evaluate_all("options => options.map(o => [o.value, o.label])") == [["Raed Al-Saleh", "رائد الصالح"]]
    assert len(asked) == 1, asked  # one request after the reader paused, not one per key

    # Choosing it. Headless Chromium draws no suggestion list (it is browser UI, like a select's
    # popup), so do what picking an option does: the box takes the option's value.
    person.fill(option.first.get_attribute("value"))
    page.wait_for_timeout(400)
    assert len(asked) == 1  # a chosen suggestion is not asked about again
    assert person.input_value() == "Raed Al-Saleh"
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/en/search/?**person=Raed+Al-Saleh**")
    assert page.locator(".results .card h3").all_inner_texts() == [newsroom.interview.headline]
    assert page.get_by_label("Person").input_value() == "Raed Al-Saleh"
    assert page.get_by_label("Search for").input_value() == "rubble"
    assert problems == []


def test_an_arabic_reader_gets_arabic_spellings(page, live_server, newsroom):
    page.goto(f"{live_server.url}/ar/search/?person={newsroom.raed.slug}")
    box = page.locator("#id_person")
    assert box.input_value() == "Raed Al-Saleh"  # the slug of an old link, shown as the name
    box.fill("")
    box.press_sequentially("الصا", delay=60)
    option = page.locator("#id_person-suggestions option")
    option.first.wait_for(state="attached")
    assert option.first.get_attribute("value") == "رائد الصالح"


def test_without_javascript_a_typed_name_still_filters_and_an_unknown_one_says_so(chromium, live_server, newsroom):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/en/search/")
        page.get_by_text("Filters and sorting").click()
        page.get_by_label("Organization").fill("White Helmets")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url("**organization=White+Helmets**")
        assert page.locator(".results .card h3").all_inner_texts() == [newsroom.interview.headline]

        page.get_by_label("Search for").fill("rescue")
        page.get_by_label("Organization").fill("Blue Helmets")
        page.get_by_role("button", name="Apply").click()
        page.wait_for_url("**organization=Blue+Helmets**")
        assert page.get_by_role("alert").first.inner_text() == "No organization called “Blue Helmets” appears in our stories."
        assert page.get_by_label("Search for").input_value() == "rescue"
        assert page.get_by_label("Organization").input_value() == "Blue Helmets"
    finally:
        context.close()
