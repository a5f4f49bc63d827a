"""The audit trail: who changed what in the admin, and who moved which article along the workflow.

Two records already exist and are never edited: Django's ``LogEntry`` (every add, change and delete
made through the admin, with the user, the time, the object and what changed; the newsroom's own
admin pages — restores, share links, imports — write one too) and ``StatusChange`` (every workflow
step: who, when, from which status to which, the note). ``audit_entries`` reads both as one list,
newest first, filtered in the database; ``audit_view`` shows it to superusers only, read-only, at
``/admin/audit/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django import forms
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, CharField, F, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from articles.models import Article, StatusChange
from desk.workflow import Action

PAGE_SIZE = 50

ADMIN = "admin"
WORKFLOW = "workflow"
SOURCES = {ADMIN: _("Admin change"), WORKFLOW: _("Workflow step")}
ADMIN_ACTIONS = {ADDITION: "added", CHANGE: "changed", DELETION: "deleted"}  # values the query compares
ADMIN_ACTION_LABELS = {
    "added": pgettext_lazy("audit trail: an object was", "added"),
    "changed": pgettext_lazy("audit trail: an object was", "changed"),
    "deleted": pgettext_lazy("audit trail: an object was", "deleted"),
}

# Every part of the union selects these, all annotations, in this order.
COLUMNS = ("source", "row_id", "when", "actor_ref", "content_type_ref", "object_ref", "title", "what", "detail")

NOT_SUPERUSER = _("Only superusers may read the audit trail.")


class AuditFilterForm(forms.Form):
    source = forms.ChoiceField(
        required=False, label=_("Source"), choices=[("", _("Everything")), *SOURCES.items()]
    )
    user = forms.CharField(required=False, label=_("User"), help_text=_("Username, exactly."))
    action = forms.ChoiceField(
        required=False,
        label=_("Action"),
        choices=[("", _("Any")), *ADMIN_ACTION_LABELS.items(), *Action.choices],
    )
    object_type = forms.ModelChoiceField(
        required=False,
        label=_("Kind of object"),
        queryset=ContentType.objects.filter(
            pk__in=LogEntry.objects.values("content_type").distinct()
        ).order_by("app_label", "model"),
    )
    text = forms.CharField(required=False, label=_("Object or message contains"))
    since = forms.DateField(required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError("“From” must not be after “Until”.")
        return data


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day_end(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _narrowed(rows, *, user_field, time_field, text_fields, user, text, since, until):
    """The filters both records share: who, words in the object or message, a date range."""
    if user:
        rows = rows.filter(**{f"{user_field}__username": user})
    if text:
        matches = Q()
        for name in text_fields:
            matches |= Q(**{f"{name}__icontains": text})
        rows = rows.filter(matches)
    if since:
        rows = rows.filter(**{f"{time_field}__gte": _day_start(since)})
    if until:
        rows = rows.filter(**{f"{time_field}__lte": _day_end(until)})
    return rows


def _admin_rows(*, action, object_type, **shared) -> QuerySet | None:
    rows = LogEntry.objects.order_by()  # no ordering inside a UNION
    if action:
        flags = [flag for flag, label in ADMIN_ACTIONS.items() if label == action]
        if not flags:
            return None
        rows = rows.filter(action_flag__in=flags)
    if object_type:
        rows = rows.filter(content_type=object_type)
    rows = _narrowed(rows, user_field="user", time_field="action_time", text_fields=["object_repr", "change_message"], **shared)
    return rows.annotate(
        source=Value(ADMIN, output_field=CharField()),
        row_id=F("id"),
        when=F("action_time"),
        actor_ref=F("user_id"),
        content_type_ref=F("content_type_id"),
        object_ref=Cast("object_id", TextField()),
        title=Cast("object_repr", TextField()),
        what=Case(
            *(When(action_flag=flag, then=Value(label)) for flag, label in ADMIN_ACTIONS.items()),
            default=Value(""),
            output_field=CharField(),
        ),
        detail=Cast("change_message", TextField()),
    ).values_list(*COLUMNS)


def _workflow_rows(*, action, object_type, **shared) -> QuerySet | None:
    rows = StatusChange.objects.order_by()
    if action:
        if action not in Action.values:
            return None
        rows = rows.filter(action=action)
    if object_type and object_type != ContentType.objects.get_for_model(Article):
        return None
    rows = _narrowed(rows, user_field="actor", time_field="created_at", text_fields=["article__headline", "note"], **shared)
    article_type = ContentType.objects.get_for_model(Article).pk
    return rows.annotate(
        source=Value(WORKFLOW, output_field=CharField()),
        row_id=F("id"),
        when=F("created_at"),
        actor_ref=F("actor_id"),
        content_type_ref=Value(article_type),
        object_ref=Cast("article_id", TextField()),
        title=Cast("article__headline", TextField()),
        what=Cast("action", CharField()),
        detail=Concat(
            Cast("from_status", TextField()), Value(" → "), Cast("to_status", TextField()),
            Case(When(note="", then=Value("")), default=Concat(Value(": "), "note"), output_field=TextField()),
            output_field=TextField(),
        ),
    ).values_list(*COLUMNS)


def audit_entries(
    *, source: str = "", user: str = "", action: str = "", object_type=None, text: str = "", since=None, until=None
):
    """Admin changes and workflow steps matching the filters, newest first, as one queryset of
    tuples (source, id, when, actor id, content type id, object id, title, what, detail)."""
    filters = {"user": user, "action": action, "object_type": object_type, "text": text, "since": since, "until": until}
    parts = []
    if source in ("", ADMIN):
        parts.append(_admin_rows(**filters))
    if source in ("", WORKFLOW):
        parts.append(_workflow_rows(**filters))
    parts = [part for part in parts if part is not None]
    if not parts:
        return LogEntry.objects.none().values_list("id")
    combined = parts[0] if len(parts) == 1 else parts[0].union(parts[1], all=True)
    return combined.order_by("-when", "-row_id")


@dataclass
class AuditEntry:
    source: str
    id: int
    when: datetime
    user: object
    object_type: ContentType | None
    object_id: str
    title: str
    what: str
    detail: str

    @property
    def source_label(self) -> str:
        return SOURCES[self.source]

    @property
    def action_label(self) -> str:
        if self.source == WORKFLOW and self.what in Action.values:
            return Action(self.what).label
        return str(ADMIN_ACTION_LABELS.get(self.what, self.what))

    @property
    def message(self) -> str:
        if self.source == ADMIN:
            entry = LogEntry(change_message=self.detail, action_flag=CHANGE)
            return entry.get_change_message()
        # "from → to" or "from → to: note", as the query wrote it with the statuses' stored values.
        steps, colon, note = self.detail.partition(": ")
        old, arrow, new = steps.partition(" → ")
        if not arrow:
            return self.detail
        labels = dict(Article.Status.choices)
        step = gettext("%(old)s → %(new)s") % {"old": labels.get(old, old), "new": labels.get(new, new)}
        return f"{step}{colon}{note}"

    @property
    def object_url(self) -> str:
        if self.object_type is None or self.what == ADMIN_ACTIONS[DELETION]:
            return ""
        try:
            return reverse(
                f"admin:{self.object_type.app_label}_{self.object_type.model}_change", args=[self.object_id]
            )
        except NoReverseMatch:
            return ""


def _entries(rows) -> list[AuditEntry]:
    rows = list(rows)
    users = get_user_model().objects.in_bulk({row[3] for row in rows if row[3]})
    return [
        AuditEntry(
            source=source, id=pk, when=when, user=users.get(actor), object_id=object_id or "",
            object_type=ContentType.objects.get_for_id(type_id) if type_id else None,
            title=title or "", what=what or "", detail=detail or "",
        )
        for source, pk, when, actor, type_id, object_id, title, what, detail in rows
    ]


@require_safe
def audit_view(request):
    """/admin/audit/: the audit trail, for superusers only. Nothing on it can be changed."""
    if not request.user.is_superuser:
        raise PermissionDenied(NOT_SUPERUSER)
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        rows = LogEntry.objects.none().values_list("id")
    else:
        filters = {**form.cleaned_data} if form.is_bound else {}
        filters.pop("page", None)
        rows = audit_entries(**filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **admin.site.each_context(request),
        "title": gettext("Audit trail"),
        "form": form,
        "page": page,
        "entries": _entries(page.object_list),
        "query_string": query.urlencode(),
    }
    return TemplateResponse(request, "admin/audit.html", context)
