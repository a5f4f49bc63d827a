"""The review of reporters' changes to people and organizations, in the admin.

``ReviewedChangeAdminMixin`` goes over the person's and the organization's admin (composed in
``newsroom/admin.py``): a change saved by someone who is not an editor is kept as a proposal
(``register_review.services.change_propose``) and the record is left as it was. The proposals' own
page shows each one with its diff and the editor's Approve and Reject buttons.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from desk.workflow import is_editor
from register_review import services
from register_review.models import ProposedChange
from register_review.snapshots import snapshot_from_forms

SENT_FOR_REVIEW = _("Your change was sent to the editors. It is not public until an editor approves it.")
NOTHING_TO_SEND = _("Nothing was changed, so nothing was sent for review.")


class ReviewedChangeAdminMixin:
    """Mixed in over ``people.admin.PersonAdmin`` and ``OrganizationAdmin``."""

    def _reviewed(self, request, change) -> bool:
        return bool(change) and services.needs_review(request.user)

    def save_model(self, request, obj, form, change):
        if self._reviewed(request, change):
            return  # kept as a proposal by save_related, with the inlines
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if not self._reviewed(request, change):
            super().save_related(request, form, formsets, change)
            return
        try:
            request._proposed_change = services.change_propose(
                obj=form.instance, user=request.user, after=snapshot_from_forms(form, formsets)
            )
        except ValidationError:
            request._proposed_change = None

    def construct_change_message(self, request, form, formsets, add=False):
        if hasattr(request, "_proposed_change"):
            return ""  # the formsets were not saved
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if hasattr(request, "_proposed_change"):
            return None  # the proposal logged itself; nothing changed
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not hasattr(request, "_proposed_change"):
            return super().response_change(request, obj)
        if request._proposed_change is None:
            self.message_user(request, NOTHING_TO_SEND, messages.INFO)
        else:
            self.message_user(request, SENT_FOR_REVIEW, messages.SUCCESS)
        return HttpResponseRedirect(request.path)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and object_id.isdigit():
            field = self.model._meta.model_name
            waiting = ProposedChange.objects.pending().filter(**{f"{field}_id": object_id}).count()
            if waiting:
                extra_context["subtitle"] = ngettext(
                    "%(count)d proposed change to this record waits for an editor; what you see is what is public.",
                    "%(count)d proposed changes to this record wait for an editor; what you see is what is public.",
                    waiting,
                ) % {"count": waiting}
        return super().change_view(request, object_id, form_url, extra_context)


class EditorsOnlyAdminMixin:
    """For a register's row that has no review of its own (an affiliation on its own page): only
    those whose changes need no review add or change it there. Reporters propose roles through the
    person's page (its inline), where ``ReviewedChangeAdminMixin`` keeps them for an editor."""

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and not services.needs_review(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not services.needs_review(request.user)


_post_only = method_decorator(require_POST)


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "state", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["person", "organization", "proposed_by", "decided_by"]
    readonly_fields = ["record", "state", "proposed_by", "proposed_at", "decided_by", "decided_at", "decision_note"]
    fields = readonly_fields
    change_form_template = "admin/register_review/proposedchange/change_form.html"

    @admin.display(description=_("kind"))
    def kind(self, change):
        return change.target._meta.verbose_name

    @admin.display(description=_("record"))
    def record(self, change):
        target = change.target
        url = reverse(f"admin:people_{target._meta.model_name}_change", args=[target.pk])
        return format_html('<a href="{}"><bdi>{}</bdi></a>', url, target)

    def get_queryset(self, request):
        rows = super().get_queryset(request).select_related("person", "organization", "proposed_by", "decided_by")
        return rows if is_editor(request.user) else rows.filter(proposed_by=request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # read-only: an editor decides with the buttons below the diff

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, object_id)
        context = {**(extra_context or {})}
        if change is not None:
            context.update({
                "diff": services.change_diff(change),
                "can_decide": is_editor(request.user) and change.state == ProposedChange.State.PENDING,
                "approve_url": reverse("admin:register_review_proposedchange_approve", args=[change.pk]),
                "reject_url": reverse("admin:register_review_proposedchange_reject", args=[change.pk]),
            })
        return super().change_view(request, object_id, form_url, context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/approve/", wrap(self.approve_view), name="register_review_proposedchange_approve"),
            path("<int:pk>/reject/", wrap(self.reject_view), name="register_review_proposedchange_reject"),
        ] + super().get_urls()

    def _decide(self, request, pk, decide, done: str):
        change = get_object_or_404(self.get_queryset(request), pk=pk)
        try:
            decide(change=change, user=request.user, note=request.POST.get("note", ""))
        except PermissionDenied:
            raise
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:register_review_proposedchange_change", args=[pk]))

    @_post_only
    def approve_view(self, request, pk):
        return self._decide(request, pk, services.change_approve, gettext("Approved: the change is applied."))

    @_post_only
    def reject_view(self, request, pk):
        return self._decide(request, pk, services.change_reject, gettext("Rejected: nothing was changed."))
