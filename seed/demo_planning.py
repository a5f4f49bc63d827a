"""The demo newsroom's plans: desks, and a week of planning items around the demo stories — the
published ones attached to their plans, the coming days' ideas and planned stories with their
assignments, some of them overdue. Everything is made through ``planning.services`` and
``planning.workflow``, as the desk would."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from articles.models import Article
from planning import services, workflow
from planning.models import Assignment, Desk, PlanningItem

Role = Assignment.Role

DESKS = [
    {"en": "Syria", "ar": "سوريا", "ku": "Sûriye"},
    {"en": "Region", "ar": "المنطقة", "ku": "Herêm"},
    {"en": "Features", "ar": "تقارير", "ku": "Raport"},
]

# (desk, day from today, hour, slug line, summary, languages, state, assignments)
# assignments: (role, user key, language, hours after the planned time: negative = already late)
PLANS = [
    (0, 0, 9, "Bakeries reopen in Raqqa", "Prices, queues and the flour supply after the winter.",
     ["en", "ar", "ku"], "planned", [("reporter", "reporter", "", -3), ("translator", "translator", "ku", 6),
                                     ("editor", "editor", "", 8)]),
    (0, 0, 15, "Water station repairs in Hasakah", "Who pays, and when the pumps run again.",
     ["en", "ar"], "planned", [("reporter", "reporter", "", -1), ("editor", "editor", "", 4)]),
    (1, 1, 11, "Border crossing hours change", "New opening hours and what they mean for traders.",
     ["ar", "en"], "planned", [("reporter", "reporter", "", 5), ("translator", "translator", "en", 8)]),
    (2, 2, 10, "Women's football league in Qamishli", "Profile of the league's first season.",
     ["ku", "en"], "idea", []),
    (0, 3, 13, "Harvest outlook after the rains", "Farmers and agronomists on the wheat harvest.",
     ["en", "ar", "ku"], "planned", [("reporter", "reporter", "", 6), ("photographer", "reporter", "", 6)]),
    (1, 4, 9, "Fuel prices: one month on", "Follow-up of the price rise, with figures from three cities.",
     ["en", "ar"], "idea", []),
    (2, 5, 16, "Archive project: voices from 2011", "Oral histories, first episode.",
     ["en", "ar", "ku"], "planned", [("reporter", "reporter", "", 24), ("editor", "editor", "", 30)]),
]


def seed_plans(report, users) -> None:
    if PlanningItem.objects.exists():
        report.count("planning items", False)
        return
    desks = []
    for position, names in enumerate(DESKS):
        desk, created = Desk.objects.get_or_create(
            name_en=names["en"], defaults={"name_ar": names["ar"], "name_ku": names["ku"], "position": position}
        )
        desks.append(desk)
        report.count("desks", created)
    editor, reporter = users["editor"], users["reporter"]
    today = timezone.localdate()
    zone = timezone.get_current_timezone()

    # The published demo stories of the past week, each with the plan it came from.
    for article in Article.objects.published().filter(translation_source__isnull=True).order_by("-published_at")[:5]:
        item = services.item_save(
            item=PlanningItem(slug_line=article.headline[:200], summary=article.dek, desk=desks[0], kind=article.kind,
                              languages=[article.language], planned_at=article.published_at),
            user=reporter,
        )
        workflow.item_transition(item=item, action="plan", user=editor)
        services.assignment_create(item=item, role=Role.REPORTER, assignee=reporter, user=editor,
                                   due_at=article.published_at - timedelta(hours=2))
        services.item_attach_article(item=item, article=article, user=editor)
        report.count("planning items", True)

    for desk_index, day, hour, slug, summary, languages, state, assignments in PLANS:
        planned_at = datetime.combine(today + timedelta(days=day), time(hour), tzinfo=zone)
        item = services.item_save(
            item=PlanningItem(slug_line=slug, summary=summary, desk=desks[desk_index], languages=languages,
                              planned_at=planned_at),
            user=reporter,
        )
        if state == "planned":
            workflow.item_transition(item=item, action="plan", user=editor)
        for role, who, language, hours in assignments:
            assignment = services.assignment_create(
                item=item, role=role, assignee=users[who], language=language, user=editor,
                due_at=planned_at + timedelta(hours=hours) if hours > 0 else timezone.now() + timedelta(hours=hours),
            )
            if role in (Role.REPORTER, Role.TRANSLATOR):
                services.assignment_answer(assignment=assignment, answer="accept", user=users[who])
        report.count("planning items", True)
    services.assignments_overdue_mark()
