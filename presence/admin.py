"""Presence on the article's page: the small endpoint the page polls, leaving, and taking a story
over (docs/DRAFTS.md, "Presence").

``PresenceAdminMixin`` is mixed into ``newsroom.admin.ArticleAdmin``; the rules are in
``presence.services``.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from desk import workflow
from presence import services

_post_only = method_decorator(require_POST)
MAX_BODY = 8 * 1024


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _json(request) -> dict:
    """The small JSON object a page sent (or, from ``sendBeacon``, its form fields)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        raise ValidationError(gettext("The request is too large."), code="too_large")
    if request.content_type != "application/json":
        return request.POST.dict()  # a beacon's form (already read by the CSRF check)
    if len(request.body) > MAX_BODY:
        raise ValidationError(gettext("The request is too large."), code="too_large")
    try:
        data = json.loads(request.body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        raise ValidationError(gettext("The request could not be read."), code="not_json")
    return data


class PresenceAdminMixin:
    def get_form(self, request, obj=None, change=False, **kwargs):
        """A save by someone a story was taken over from is refused while the editor has it open:
        the form comes back with the typing kept and the reason above it."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or request.method != "POST":
            return form
        editor = services.presence_taken_over_by(article=obj, user=request.user)
        if editor is None:
            return form

        class TakenOverForm(form):
            def clean(self):
                cleaned_data = super().clean()
                raise ValidationError(services.SAVE_REFUSED, code="taken_over",
                                      params={"editor": services.staff_name(editor)})

        return TakenOverForm

    def article_context(self, request, article) -> dict:
        context = super().article_context(request, article)
        return {**context, "presence": {
            "beat_url": self._url("presence_beat", article.pk),
            "leave_url": self._url("presence_leave", article.pk),
            "take_over_url": self._url("presence_take_over", article.pk),
            "beat_seconds": services.BEAT_SECONDS,
            "can_take_over": workflow.is_editor(request.user),
        }}

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/presence/", wrap(self.presence_beat_view), name="articles_article_presence_beat"),
            path("<path:object_id>/presence/leave/", wrap(self.presence_leave_view),
                 name="articles_article_presence_leave"),
            path("<path:object_id>/presence/take-over/", wrap(self.presence_take_over_view),
                 name="articles_article_presence_take_over"),
        ] + super().get_urls()

    def _open_or_error(self, request, object_id):
        try:
            return self._article_or_404(request, object_id), None
        except Http404:
            return None, _error(gettext("No such article."), 404)
        except PermissionDenied:
            return None, _error(gettext("You may not open this article."), 403)

    @_post_only
    def presence_beat_view(self, request, object_id):
        article, refusal = self._open_or_error(request, object_id)
        if refusal:
            return refusal
        try:
            data = _json(request)
        except ValidationError as error:
            return _error(" ".join(error.messages), 400)
        editing = self.has_change_permission(request, article)
        beat = services.presence_beat(article=article, user=request.user, editing=editing,
                                      unsaved=editing and data.get("unsaved") is True)
        return JsonResponse({
            "others": [{"id": o.user_id, "name": o.name, "editing": o.editing, "unsaved": o.unsaved,
                        "taken_over": o.taken_over} for o in beat.others],
            "taken_over": {
                "by": beat.taken_over_by, "note": beat.takeover_note,
                "at": formats.localize(timezone.localtime(beat.taken_over_at)),
            } if beat.taken_over_by else None,
        })

    @_post_only
    def presence_leave_view(self, request, object_id):
        article, refusal = self._open_or_error(request, object_id)
        if refusal:
            return refusal
        services.presence_leave(article=article, user=request.user)
        return JsonResponse({"left": True})

    @_post_only
    def presence_take_over_view(self, request, object_id):
        article, refusal = self._open_or_error(request, object_id)
        if refusal:
            return refusal
        try:
            data = _json(request)
            user_id = data.get("user")
            if not isinstance(user_id, int) or isinstance(user_id, bool):
                raise ValidationError(services.NOT_THERE, code="not_there")
            services.presence_take_over(article=article, editor=request.user, user_id=user_id,
                                        note=str(data.get("note") or ""))
        except ValidationError as error:
            return _error(" ".join(error.messages), 403 if error.code == "only_editors" else 400)
        self.log_change(request, article, gettext("Took the story over from user #%(user)s.") % {"user": user_id})
        return JsonResponse({"taken_over": True})
