"""The draft copy on the article's page: the endpoints the page's script calls, the copy offered
back, and the workflow buttons that save the form first (docs/DRAFTS.md).

``DraftAdminMixin`` is mixed into ``newsroom.admin.ArticleAdmin`` above the desk's layer. It shows
and delegates: the rules are in ``drafts.services`` and, for a step, in the desk's own step page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse, QueryDict
from django.urls import path
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from drafts import services

STEP_FIELD = "_workflow_step"  # which step the page asked for together with the save
STEP_PREFIX = "_step-"
NEW_STORY_SAVED = "drafts_new_story_saved"  # the session's word to the next page: forget the new story's copy  # the step's own fields (its note, its time), carried in the article's form

_post_only = method_decorator(require_POST)


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


class DraftAdminMixin:
    # --- the change page -------------------------------------------------------------------

    def article_context(self, request, article) -> dict:
        context = super().article_context(request, article)
        if not self.has_change_permission(request, article):
            return context
        draft = services.draft_for(article=article, user=request.user)
        kept = None
        if draft is not None:
            kept = {"fields": draft.fields, "version": draft.version, "saved_at": draft.saved_at.isoformat(),
                    "saved_at_display": formats.localize(timezone.localtime(draft.saved_at))}
        return {**context, "drafts": {
            "keep_url": self._url("draft_keep", article.pk),
            "discard_url": self._url("draft_discard", article.pk),
            "storage_key": f"newsroom-draft:{article.pk}:{request.user.pk}",
            "version": article.version,
            "kept": kept,
            "max_bytes": services.MAX_BYTES,
            **self._new_story_copy(request),
        }}

    def _new_story_copy(self, request) -> dict:
        """A story not saved once has no address on the server yet: its copy is kept in the browser
        only, under this key, and forgotten once the story has been saved (said by the session)."""
        return {"new_key": f"newsroom-draft:new:{request.user.pk}",
                "forget_new": bool(request.session.pop(NEW_STORY_SAVED, False))}

    def add_view(self, request, form_url="", extra_context=None):
        copy = self._new_story_copy(request)
        extra_context = {**(extra_context or {}), "drafts": {
            "keep_url": "", "discard_url": "", "storage_key": copy["new_key"], "version": 0, "kept": None,
            "max_bytes": services.MAX_BYTES, **copy,
        }}
        return super().add_view(request, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/draft/", wrap(self.draft_keep_view), name="articles_article_draft_keep"),
            path("<path:object_id>/draft/discard/", wrap(self.draft_discard_view),
                 name="articles_article_draft_discard"),
        ] + super().get_urls()

    def _editable_or_error(self, request, object_id):
        """The article, or the JSON answer refusing it."""
        try:
            article = self._article_or_404(request, object_id)
        except Http404:
            return None, _error(gettext("No such article."), 404)
        except PermissionDenied:
            return None, _error(str(services.NOT_EDITABLE), 403)
        if not self.has_change_permission(request, article):
            return None, _error(str(services.NOT_EDITABLE), 403)
        return article, None

    @_post_only
    def draft_keep_view(self, request, object_id):
        """Keep the form's copy. JSON in the body, or (a page being closed: ``sendBeacon``) a form
        whose ``draft`` field holds the JSON."""
        # The declared length: a beacon's form was already read by the CSRF check, so its raw body
        # can no longer be read (and need not be: its "draft" field is what counts).
        if _int(request.META.get("CONTENT_LENGTH")) > services.MAX_BYTES:
            return _error(str(services.TOO_LARGE % {"limit": services.MAX_BYTES // 1024}), 413)
        article, refusal = self._editable_or_error(request, object_id)
        if refusal:
            return refusal
        if request.content_type == "application/json":
            body = request.body
        else:
            body = request.POST.get("draft", "").encode("utf-8")
        try:
            fields, version = services.draft_parse(body=body)
            draft = services.draft_keep(article=article, user=request.user, fields=fields, version=version)
        except ValidationError as error:
            status = 413 if error.code == "too_large" else 403 if error.code == "not_editable" else 400
            return _error(" ".join(error.messages), status)
        return JsonResponse({"saved_at": draft.saved_at.isoformat()})

    @_post_only
    def draft_discard_view(self, request, object_id):
        article, refusal = self._editable_or_error(request, object_id)
        if refusal:
            return refusal
        services.draft_discard(article=article, user=request.user)
        return JsonResponse({"discarded": True})

    # --- saving: a saved story needs no draft; a step asked with the save follows it ---------

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.draft_discard(article=form.instance, user=request.user)
        if not change:
            request.session[NEW_STORY_SAVED] = True

    def response_change(self, request, obj):
        action = request.POST.get(STEP_FIELD)
        if not action:
            return super().response_change(request, obj)
        self.message_user(request, gettext("Your changes were saved."), messages.SUCCESS)
        # The step, with its own note and time, is taken by the desk's step page exactly as if its
        # button had been pressed after the save: one rule for who may take it and what it needs.
        step = QueryDict(mutable=True)
        for name in request.POST:
            if name.startswith(STEP_PREFIX):
                step.setlist(name[len(STEP_PREFIX):], request.POST.getlist(name))
        request.POST = step
        return self.transition_view(request, str(obj.pk), action)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and request.POST.get(STEP_FIELD):
            self.message_user(request, gettext(
                "The step was not taken: the form could not be saved. Your typing is still here; correct "
                "what is marked and try again."), messages.ERROR)
        return super().render_change_form(request, context, add, change, form_url, obj)
