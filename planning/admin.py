"""Planning in the admin: the items (with their workflow, assignments and trail), the budget, the
calendar, the board, "My calendar" and the assignments queue. The pages only collect input and show
results; the rules are ``planning.services`` and ``planning.workflow``."""

from __future__ import annotations

from datetime import date

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from articles.models import Article
from desk.workflow import TransitionRefused
from planning import pdf, selectors, services, workflow
from planning.forms import AssignmentForm, CalendarFeedForm, PlanningItemForm
from planning.models import Assignment, Desk, PlanningItem, State

VIEWS = ("day", "week", "month")


def _next(request, default: str) -> str:
    """Where to go back to after a form: the page it came from, if it is one of ours."""
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _day(request) -> date:
    return parse_date(request.GET.get("date") or "") or timezone.localdate()


@admin.register(Desk)
class DeskAdmin(TranslationAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]


@admin.register(PlanningItem)
class PlanningItemAdmin(admin.ModelAdmin):
    form = PlanningItemForm
    list_display = ["slug_line", "desk", "state_badge", "planned_at", "priority", "language_list", "article_link"]
    list_filter = ["state", "desk", "priority", "kind"]
    search_fields = ["slug_line", "summary", "place"]
    list_select_related = ["desk", "article"]
    autocomplete_fields = ["people", "organizations", "tags"]
    date_hierarchy = "planned_at"
    fieldsets = [
        (None, {"fields": ["slug_line", "summary", "desk", "kind", "languages", "planned_at", "planned_until", "priority", "place"]}),
        (_("About"), {"fields": ["people", "organizations", "tags"]}),
        (_("Notes and attachments"), {"fields": ["notes", "attachment", "link"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["planning/planning.css"]}

    @admin.display(description=_("state"), ordering="state")
    def state_badge(self, item):
        return format_html('<span class="plan-state plan-{}">{}</span>', item.state, item.get_state_display())

    @admin.display(description=_("languages"))
    def language_list(self, item):
        return " ".join(item.languages)

    @admin.display(description=_("article"))
    def article_link(self, item):
        if not item.article_id:
            return "—"
        return format_html('<a href="{}"><bdi>{}</bdi></a>', reverse("admin:articles_article_change", args=[item.article_id]),
                           item.article.headline)

    # --- who sees and changes what: planning.workflow and planning.services decide ---

    def get_queryset(self, request):
        return services.visible_items(request.user).select_related("desk", "article")

    def has_view_permission(self, request, obj=None):
        return workflow.may_see(request.user)

    def has_add_permission(self, request):
        return workflow.may_propose(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return workflow.may_propose(request.user) or workflow.is_editor(request.user)
        return services.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # spike instead: the plan keeps its history

    def save_model(self, request, obj, form, change):
        self._saved_relations = form.cleaned_data
        services.item_save(
            item=obj, user=request.user, people=form.cleaned_data.get("people", []),
            organizations=form.cleaned_data.get("organizations", []), tags=form.cleaned_data.get("tags", []),
        )

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)  # relations: saved by item_save

    # --- the item's page: workflow, assignments, trail ---

    def change_view(self, request, object_id, form_url="", extra_context=None):
        item = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if item is not None:
            context.update(self.planning_context(request, item))
        return super().change_view(request, object_id, form_url, context)

    def planning_context(self, request, item):
        user = request.user
        assignments = list(item.assignments.select_related("assignee", "translation_request").order_by("role", "id"))
        now = timezone.now()
        return {
            "plan": {
                "item": item,
                "actions": workflow.available_transitions(user, item),
                "may_start": not item.article_id and item.state in {State.IDEA, State.PLANNED}
                and (workflow.is_editor(user) or workflow.is_reporter(user, item)),
                "may_assign": workflow.is_editor(user) and item.state not in services.CLOSED_STATES,
                "may_attach": workflow.is_editor(user) and not item.article_id
                and item.state in {State.IDEA, State.PLANNED, State.IN_PROGRESS},
                "assign_form": AssignmentForm(),
                "assignments": [
                    {"a": a, "overdue": a.is_overdue(now), "answers": [
                        (answer, services.ANSWER_WORDS[answer]) for answer in services.ANSWERS
                        if a.state in services.ANSWERS[answer][0] and services.may_answer(user, a, answer)
                    ]} for a in assignments
                ],
                "events": item.events.select_related("actor", "assignment").order_by("id"),
                "event_labels": services.EVENT_LABELS,
            }
        }

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/move/", view(self.move_view), name="planning_planningitem_move"),
            path("<int:pk>/start/", view(self.start_view), name="planning_planningitem_start"),
            path("<int:pk>/assign/", view(self.assign_view), name="planning_planningitem_assign"),
            path("<int:pk>/attach/", view(self.attach_view), name="planning_planningitem_attach"),
            path("assignment/<int:pk>/answer/", view(self.answer_view), name="planning_assignment_answer"),
            path("budget/", view(self.budget_view), name="planning_budget"),
            path("calendar/", view(self.calendar_view), name="planning_calendar"),
            path("calendar/move/", view(self.calendar_move_view), name="planning_calendar_move"),
            path("board/", view(self.board_view), name="planning_board"),
            path("my-calendar/", view(self.my_calendar_view), name="planning_my_calendar"),
            *super().get_urls(),
        ]

    def _item(self, request, pk) -> PlanningItem:
        if request.method != "POST":
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _back(self, item):
        return redirect("admin:planning_planningitem_change", item.pk)

    def move_view(self, request, pk):
        """A step on the item's page (plan, spike…) or a drag on the board (a target column)."""
        item = self._item(request, pk)
        try:
            if request.POST.get("target"):
                services.item_move(item=item, target=request.POST["target"], user=request.user, note=request.POST.get("note", ""))
            else:
                workflow.item_transition(item=item, action=request.POST.get("action", ""), user=request.user,
                                         note=request.POST.get("note", ""))
        except ValidationError as refusal:
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"ok": False, "message": " ".join(refusal.messages)}, status=409)
            messages.error(request, " ".join(refusal.messages))
            return redirect(_next(request, reverse("admin:planning_planningitem_change", args=[item.pk])))
        item.refresh_from_db()
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"ok": True, "state": item.state, "message": gettext("Moved to “%(state)s”.") % {
                "state": item.get_state_display()}})
        messages.success(request, gettext("The item is now “%(state)s”.") % {"state": item.get_state_display()})
        return redirect(_next(request, reverse("admin:planning_planningitem_change", args=[item.pk])))

    def start_view(self, request, pk):
        item = self._item(request, pk)
        try:
            article = services.story_start(item=item, user=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
            return self._back(item)
        messages.success(request, gettext("The story is started: its draft is prefilled from the plan."))
        return redirect("admin:articles_article_change", article.pk)

    def assign_view(self, request, pk):
        item = self._item(request, pk)
        form = AssignmentForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return self._back(item)
        try:
            services.assignment_create(item=item, user=request.user, **form.cleaned_data)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, gettext("Assigned; they have been told."))
        return self._back(item)

    def attach_view(self, request, pk):
        item = self._item(request, pk)
        article = Article.objects.filter(pk=request.POST.get("article") or 0).first() if (request.POST.get("article") or "").isdigit() else None
        if article is None:
            messages.error(request, gettext("There is no article with that number."))
            return self._back(item)
        try:
            services.item_attach_article(item=item, article=article, user=request.user)
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        return self._back(item)

    def answer_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        assignment = get_object_or_404(Assignment, pk=pk)
        try:
            services.assignment_answer(assignment=assignment, answer=request.POST.get("answer", ""), user=request.user,
                                       reason=request.POST.get("reason", ""))
        except (ValidationError, KeyError) as refusal:
            messages.error(request, " ".join(getattr(refusal, "messages", [gettext("That answer is not possible.")])))
        else:
            messages.success(request, gettext("Your answer is saved."))
        return redirect(_next(request, reverse("admin:planning_planningitem_change", args=[assignment.item_id])))

    # --- the budget, the calendar, the board ---

    def _page(self, request, template, title, **context):
        if not workflow.may_see(request.user):
            raise PermissionDenied
        return TemplateResponse(request, template, {
            **self.admin_site.each_context(request), "opts": self.model._meta, "title": title,
            "is_editor": workflow.is_editor(request.user), **context,
        })

    def budget_view(self, request):
        day = _day(request)
        filterset, by_desk = selectors.budget(request.user, day, request.GET)
        if request.GET.get("format") == "csv":
            if not workflow.may_see(request.user):
                raise PermissionDenied
            response = HttpResponse(selectors.budget_csv(by_desk), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="budget-{day.isoformat()}.csv"'
            return response
        if request.GET.get("format") == "pdf":
            if not workflow.may_see(request.user):
                raise PermissionDenied
            response = HttpResponse(pdf.budget_pdf(day=day, by_desk=by_desk), content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="budget-{day.isoformat()}.pdf"'
            return response
        query = request.GET.copy()
        query["format"] = "csv"
        csv_query = query.urlencode()
        query["format"] = "pdf"
        return self._page(request, "admin/planning/budget.html", gettext("Budget"), day=day, filter=filterset,
                          by_desk=by_desk, csv_query=csv_query, pdf_query=query.urlencode(),
                          count=sum(len(v) for v in by_desk.values()), now=timezone.now())

    def calendar_view(self, request):
        view = request.GET.get("view") if request.GET.get("view") in VIEWS else "week"
        day = _day(request)
        start, end = selectors.calendar_range(view, day)
        entries = selectors.calendar_entries(request.user, start, end)
        days = []
        current = start
        while current < end:
            days.append((current, [e for e in entries if timezone.localdate(e.when) == current]))
            current = date.fromordinal(current.toordinal() + 1)
        hours = []
        if view == "day":  # the day by hour: an entry dropped on an hour moves to that hour
            entries_of_day = days[0][1] if days else []
            hours = [(hour, [e for e in entries_of_day if timezone.localtime(e.when).hour == hour]) for hour in range(24)]
        previous = date.fromordinal(start.toordinal() - 1)
        return self._page(request, "admin/planning/calendar.html", gettext("Calendar"), view=view, day=day, days=days,
                          views=[(v, label) for v, label in zip(VIEWS, (_("Day"), _("Week"), _("Month")))], hours=hours,
                          previous=selectors.calendar_range(view, previous)[0], following=end)

    def calendar_move_view(self, request):
        """A drag on the calendar (or its keyboard form): an item or a scheduled story to a new time."""
        if request.method != "POST":
            raise PermissionDenied
        when = parse_datetime(request.POST.get("when") or "")
        if when is not None and timezone.is_naive(when):
            when = timezone.make_aware(when)
        try:
            if when is None:
                raise ValidationError(gettext("Give the new date and time."))
            if request.POST.get("kind") == "article":
                article = get_object_or_404(Article, pk=request.POST.get("pk"))
                services.story_reschedule(article=article, publish_at=when, user=request.user)
            else:
                item = get_object_or_404(services.visible_items(request.user), pk=request.POST.get("pk"))
                services.item_replan(item=item, planned_at=when, user=request.user)
        except (ValidationError, TransitionRefused) as refusal:
            message = " ".join(refusal.messages)
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"ok": False, "message": message}, status=409)
            messages.error(request, message)
        else:
            if request.headers.get("Accept") == "application/json":
                return JsonResponse({"ok": True, "message": gettext("Moved.")})
            messages.success(request, gettext("Moved."))
        return redirect(_next(request, reverse("admin:planning_calendar")))

    def board_view(self, request):
        desk = Desk.objects.filter(pk=request.GET.get("desk") or 0).first() if (request.GET.get("desk") or "").isdigit() else None
        return self._page(request, "admin/planning/board.html", gettext("Board"), desk=desk, desks=Desk.objects.all(),
                          columns=selectors.board_columns(request.user, desk))

    def my_calendar_view(self, request):
        feed = services.calendar_feed_for(request.user)
        form = CalendarFeedForm(initial={"time_zone": feed.time_zone})
        if request.method == "POST":
            if request.POST.get("reset"):
                feed = services.calendar_feed_reset(user=request.user, time_zone=feed.time_zone)
                messages.success(request, gettext("Your calendar has a new address; the old one no longer works."))
                return redirect("admin:planning_my_calendar")
            form = CalendarFeedForm(request.POST)
            if form.is_valid():
                services.calendar_feed_set_zone(user=request.user, time_zone=form.cleaned_data["time_zone"])
                messages.success(request, gettext("Saved."))
                return redirect("admin:planning_my_calendar")
        address = request.build_absolute_uri(reverse("planning-ical", args=[feed.key]))
        return self._page(request, "admin/planning/my_calendar.html", gettext("My calendar"), feed=feed, form=form,
                          address=address, assignments=services.open_assignments_for(request.user).select_related("item"))


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """The assignments queue: each person sees theirs, editors everyone's."""

    list_display = ["item_link", "role", "language", "assignee", "due_at", "state", "overdue"]
    list_filter = ["state", "role", "language"]
    list_select_related = ["item", "assignee"]
    search_fields = ["item__slug_line"]

    @admin.display(description=_("item"), ordering="item__slug_line")
    def item_link(self, assignment):
        return format_html('<a href="{}"><bdi>{}</bdi></a>', reverse("admin:planning_planningitem_change", args=[assignment.item_id]),
                           assignment.item.slug_line)

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, assignment):
        return assignment.is_overdue()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if workflow.is_editor(request.user):
            return queryset
        return queryset.filter(assignee=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return workflow.may_see(request.user)

    def has_module_permission(self, request):
        return workflow.may_see(request.user)


