"""What the budget, the calendar, the board and the iCalendar feed show: each a fixed number of
queries, whatever the number of items (prefetched, never read row by row)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from newsroom import languages as site_languages
from planning.models import Assignment, Desk, PlanningItem, State
from planning.services import staff_choices, visible_items
from planning.workflow import board_targets


class BudgetFilter(django_filters.FilterSet):
    """The budget's filters: desk, person (any assignment), language, state."""

    desk = django_filters.ModelChoiceFilter(queryset=Desk.objects.all(), label=_("Desk"))
    person = django_filters.ModelChoiceFilter(
        queryset=staff_choices(), label=_("Person"), method="filter_person"
    )
    language = django_filters.ChoiceFilter(choices=[], label=_("Language"), method="filter_language")
    state = django_filters.ChoiceFilter(choices=State.choices, label=_("State"))

    class Meta:
        model = PlanningItem
        fields = ["desk", "person", "language", "state"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = [(c, site_languages.name(c)) for c in site_languages.codes()]
        self.filters["person"].queryset = staff_choices()

    def filter_person(self, queryset, name, value):
        return queryset.filter(assignments__assignee=value).distinct() if value else queryset

    def filter_language(self, queryset, name, value):
        # The JSON list's text holds the code in quotes (SQLite has no JSON "contains").
        return queryset.filter(languages__icontains=f'"{value}"') if value else queryset


def day_bounds(day: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(day, time.min, tzinfo=zone)
    return start, start + timedelta(days=1)


def items_between(user, start: datetime, end: datetime):
    """The items a user may see planned in [start, end) (a window overlapping it counts)."""
    overlapping = Q(planned_at__lt=end) & (Q(planned_at__gte=start) | Q(planned_until__gt=start))
    return visible_items(user).filter(overlapping)


def budget(user, day: date, data=None) -> tuple[BudgetFilter, dict]:
    """The day's items by desk (in desk order), filtered; three queries however many items."""
    start, end = day_bounds(day)
    filterset = BudgetFilter(data or None, queryset=items_between(user, start, end))
    items = list(filterset.qs.for_budget().order_by("desk__position", "desk_id", "planned_at", "priority", "id"))
    by_desk: dict = {}
    for item in items:
        by_desk.setdefault(item.desk, []).append(item)
    return filterset, by_desk


CSV_COLUMNS = [
    _("slug line"), _("desk"), _("state"), _("planned for"), _("priority"), _("languages"), _("assignments"),
    _("article"),
]


def budget_csv(by_desk: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c) for c in CSV_COLUMNS])
    for desk, items in by_desk.items():
        for item in items:
            assignments = "; ".join(
                f"{a.get_role_display()}{' (' + a.language + ')' if a.language else ''}: "
                f"{a.assignee.get_full_name() or a.assignee.get_username()} [{a.get_state_display()}]"
                for a in item.assignments.all()
            )
            writer.writerow([
                csv_safe(item.slug_line), csv_safe(str(desk)), item.get_state_display(),
                timezone.localtime(item.planned_at).strftime("%Y-%m-%d %H:%M") if item.planned_at else "",
                item.get_priority_display(), " ".join(item.languages), csv_safe(assignments),
                csv_safe(item.article.headline) if item.article_id else "",
            ])
    return out.getvalue()


def csv_safe(text: str) -> str:
    """No spreadsheet formula from a slug line: a cell starting with = + - @ is quoted as text."""
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


# --- the calendar ----------------------------------------------------------------------------------


@dataclass
class Entry:
    """One thing on the calendar: a planned item, or a scheduled or published story."""

    kind: str  # "item" or "article"
    pk: int
    title: str
    when: datetime
    state: str
    state_label: str
    language: str
    movable: bool


def calendar_range(view: str, day: date) -> tuple[date, date]:
    if view == "day":
        return day, day + timedelta(days=1)
    if view == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=7)
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following


def calendar_entries(user, start: date, end: date) -> list[Entry]:
    """Planned items, scheduled and published stories between two dates: two queries."""
    begin, _unused = day_bounds(start)
    finish, _unused = day_bounds(end)
    entries = [
        Entry("item", item.pk, item.slug_line, item.planned_at, item.state, item.get_state_display(),
              item.languages[0] if item.languages else "", item.state not in {State.PUBLISHED, State.SPIKED})
        for item in items_between(user, begin, finish).only("pk", "slug_line", "planned_at", "state", "languages")
        # once its story is scheduled or published, the story itself stands for it
        .exclude(article__status__in=[Article.Status.SCHEDULED, Article.Status.PUBLISHED])
    ]
    stories = Article.objects.filter(
        status__in=[Article.Status.SCHEDULED, Article.Status.PUBLISHED], published_at__gte=begin, published_at__lt=finish
    ).only("pk", "headline", "published_at", "status", "language")
    entries += [
        Entry("article", a.pk, a.headline, a.published_at, a.status, a.get_status_display(), a.language,
              a.status == Article.Status.SCHEDULED)
        for a in stories
    ]
    entries.sort(key=lambda e: (e.when, e.kind, e.pk))
    return entries


def board_columns(user, desk: Desk | None):
    items = visible_items(user).exclude(state=State.PUBLISHED, updated_at__lt=timezone.now() - timedelta(days=7))
    if desk is not None:
        items = items.filter(desk=desk)
    items = list(items.select_related("desk").order_by("planned_at", "priority", "id")[:500])
    return [(value, label, [i for i in items if i.state == value], board_targets(value)) for value, label in State.choices]


# --- the iCalendar feed --------------------------------------------------------------------------


def feed_assignments(user):
    return (
        Assignment.objects.filter(assignee=user)
        .exclude(state__in=[Assignment.State.DECLINED, Assignment.State.CANCELLED])
        .exclude(item__state=State.SPIKED)
        .select_related("item", "item__desk")
        .order_by("due_at", "id")
    )


def zone_of(name: str):
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")
