"""The desk's part of the article admin: queues, status, edit rights, saving, the workflow panel and
its pages (steps, revisions, restore, previews, share links).

``DeskAdminMixin`` is put together with the content base in ``newsroom.admin``. It shows and
delegates: the rules live in ``desk.workflow``, ``desk.services``, ``desk.revisions`` and
``desk.previews``.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Article, Byline, Correction, Revision, ShareLink
from desk import (
    previews,
    queues,
    revisions,
    tag_admin,  # noqa: F401  (registers the tag register and its merge action)
    workflow,
)
from desk.forms import ArticleDeskForm, ShareLinkForm, TransitionForm
from desk.services import article_save, revision_restore
from newsroom.languages import isolate

_post_only = method_decorator(require_POST)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class QueueFilter(admin.SimpleListFilter):
    """The views of the article list: My articles, My drafts, Awaiting review, Scheduled."""

    title = _("view")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(queue.key, queue.label) for queue, _ in model_admin.queues(request)]

    def queryset(self, request, queryset):
        queue = queues.QUEUES.get(self.value() or "")
        return queryset.filter(queue.condition(request.user)) if queue else queryset


def _adds_a_correction(formsets) -> bool:
    """Whether saving these formsets adds a public correction (a new, filled, undeleted form)."""
    return any(
        form.has_changed() and not (formset.can_delete and formset._should_delete_form(form))
        for formset in formsets
        if formset.model is Correction
        for form in formset.extra_forms
    )


class DeskAdminMixin:
    """Mixed into the article admin above ``articles.admin.ArticleContentAdmin``."""

    form = ArticleDeskForm

    # --- the list --------------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_badge(self, article):
        return format_html(
            '<span class="status-badge status-{}">{}</span>', article.status, article.get_status_display()
        )

    def queues(self, request):
        """The user's queues with their counts, counted once per request (the filter and the page
        header both show them)."""
        if not hasattr(request, "_article_queues"):
            request._article_queues = queues.queues_for(request.user)
        return request._article_queues

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "queues": self.queues(request)}
        return super().changelist_view(request, extra_context)

    # --- edit rights -----------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def view_on_site(self, article):
        """The public page once it is public; the staff preview before (the public gets 404)."""
        if article.is_public:
            return article.get_absolute_url()
        return self._url("preview", article.pk)

    # --- saving: one call to article_save, after the form and its inlines validated ----------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except revisions.EditConflict:
            # Someone saved between this form's validation and its save (which rolled back): show
            # the form again; its validation now finds their change and keeps the typing.
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """A new story's byline box starts with its author (``article_save`` adds them anyway)."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None and inline.model is Byline and request.method == "GET" and not workflow.is_editor(request.user):
            kwargs["initial"] = [{"user": request.user.pk, "position": 0}]
        return kwargs

    def save_model(self, request, obj, form, change):
        """Nothing here: ``save_related`` saves the article with its relations in one call."""

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for note in formset.save(commit=False):
                if note.pk is None:
                    note.created_by = request.user
                note.save()
            for note in formset.deleted_objects:
                note.delete()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        def relations(article):
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        article_save(
            article=form.instance,
            user=request.user,
            version=form.cleaned_data.get("version"),
            relations=relations,
            author=None if change else request.user,
            correction_added=_adds_a_correction(formsets),
        )

    # --- the change page -------------------------------------------------------------------

    def article_context(self, request, article) -> dict:
        user = request.user
        last = article.status_changes.select_related("actor").first()
        findings = {}  # by stage: what the registered checks (the checklist) find, once per stage
        actions = []
        for t in workflow.available_transitions(user, article):
            if t.checked_as and t.checked_as not in findings:
                findings[t.checked_as] = workflow.transition_findings(article, t.checked_as)
            found = findings.get(t.checked_as, [])
            actions.append({
                "transition": t, "url": self._url("transition", article.pk, t.action.value),
                "versions": workflow.versions_offered(article, t.action.value),
                "blocking": [f for f in found if f.blocking],
                "warnings": [f for f in found if not f.blocking],
                "warnings_need_note": t.checked_as == workflow.PUBLICATION,
            })
        can_share = workflow.is_editor(user) and article.status != Article.Status.PUBLISHED
        links = [
            {"link": link, "url": request.build_absolute_uri(previews.share_link_url(link)),
             "revoke_url": self._url("share_revoke", article.pk, link.pk)}
            for link in article.share_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        ] if can_share else []
        workflow_panel = {
            "status": article.status,
            "status_label": article.get_status_display(),
            "actions": actions,
            "read_only_reason": workflow.read_only_reason(user, article),
            "returned": last if last and last.action == workflow.Action.RETURN else None,
            "preview_url": self._url("preview", article.pk),
            "revisions_url": self._url("revisions", article.pk),
            "revision_count": article.revisions.count(),
            "can_share": can_share,
            "share_form": ShareLinkForm(),
            "share_url": self._url("share", article.pk),
            "share_links": links,
            "timeline": self._timeline(article),
            "time_zone": timezone.get_current_timezone_name(),
        }
        return {**super().article_context(request, article), "workflow": workflow_panel}

    def _timeline(self, article):
        """Workflow steps, revisions and public notes, newest first."""
        entries = []
        for step in article.status_changes.select_related("actor"):
            transition = workflow.TRANSITIONS.get(step.action)
            entries.append({"when": step.created_at, "kind": "step", "step": step, "who": step.actor,
                            "label": transition.label if transition else step.action})
        for revision in article.revisions.select_related("created_by"):
            entries.append({"when": revision.created_at, "kind": "revision", "revision": revision,
                            "who": revision.created_by,
                            "diff_url": f"{self._url('revisions', article.pk)}?a={revision.number - 1}&b={revision.number}"
                            if revision.number > 1 else ""})
        for note in article.corrections.select_related("created_by"):
            entries.append({"when": note.created_at, "kind": "note", "note": note, "who": note.created_by})
        return sorted(entries, key=lambda e: e["when"], reverse=True)

    # --- workflow, revisions, previews and share links -------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/workflow/<str:action>/", wrap(self.transition_view), name="articles_article_transition"),
            path("<path:object_id>/revisions/", wrap(self.revisions_view), name="articles_article_revisions"),
            path("<path:object_id>/revisions/<int:number>/restore/", wrap(self.restore_view),
                 name="articles_article_restore"),
            path("<path:object_id>/preview/", wrap(self.preview_view), name="articles_article_preview"),
            path("<path:object_id>/share/", wrap(self.share_view), name="articles_article_share"),
            path("<path:object_id>/share/<int:link_id>/revoke/", wrap(self.share_revoke_view),
                 name="articles_article_share_revoke"),
        ] + super().get_urls()

    def _back(self, article):
        return HttpResponseRedirect(self._url("change", article.pk))

    def _refused(self, request, error: ValidationError):
        self.message_user(request, " ".join(error.messages), messages.ERROR)

    def _valid(self, request, form) -> bool:
        """Whether a small POSTed form is valid; if not, say why in a message."""
        if form.is_valid():
            return True
        errors = [f"{form.fields[name].label or name}: {error}" for name, errs in form.errors.items() for error in errs]
        self.message_user(request, " ".join(errors), messages.ERROR)
        return False

    @_post_only
    def transition_view(self, request, object_id, action):
        article = self._article_or_404(request, object_id)
        form = TransitionForm(request.POST)
        if not self._valid(request, form):
            return self._back(article)
        # The translations ticked with it (withdrawing or republishing a source: docs/WORKFLOW.md).
        chosen = {pk for pk in request.POST.getlist("versions") if pk.isdigit()}
        versions = [v for v in workflow.versions_offered(article, action) if str(v.pk) in chosen]
        try:
            workflow.article_transition_with_versions(
                article=article, action=action, user=request.user, versions=versions,
                note=form.cleaned_data["note"], public_note=form.cleaned_data["public_note"],
                publish_at=form.cleaned_data["publish_at"], over_warnings=form.cleaned_data["over_warnings"],
            )
        except ValidationError as refusal:
            self._refused(request, refusal)
        else:
            self.message_user(request, gettext("%(step)s: done. The article is now %(status)s.") % {
                "step": workflow.TRANSITIONS[action].label, "status": article.get_status_display().lower(),
            }, messages.SUCCESS)
            if versions:
                self.message_user(
                    request,
                    ngettext("The same step was taken on %(count)d translation: %(languages)s.",
                             "The same step was taken on %(count)d translations: %(languages)s.", len(versions))
                    % {"count": len(versions), "languages": ", ".join(v.get_language_display() for v in versions)},
                    messages.SUCCESS,
                )
        return self._back(article)

    def revisions_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        history = list(article.revisions.select_related("created_by"))
        by_number = {r.number: r for r in history}
        latest = history[0].number if history else 0
        b = by_number.get(_int(request.GET.get("b"), latest))
        a = by_number.get(_int(request.GET.get("a"), (b.number - 1) if b else 0))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": gettext("Revisions of “%(headline)s”") % {"headline": isolate(article.headline)},
            "history": history,
            "a": a,
            "b": b,
            "changes": revisions.revision_diff(a.content, b.content) if a and b else None,
            "can_restore": workflow.can_edit(request.user, article),
            "change_url": self._url("change", article.pk),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    @_post_only
    def restore_view(self, request, object_id, number):
        article = self._article_or_404(request, object_id)
        old = get_object_or_404(Revision, article=article, number=number)
        try:
            new = revision_restore(revision=old, user=request.user)
        except ValidationError as refusal:
            self._refused(request, refusal)
            return HttpResponseRedirect(self._url("revisions", article.pk))
        numbers = {"old": old.number, "new": new.number}
        self.log_change(request, article, gettext("Restored revision %(old)s as revision %(new)s.") % numbers)
        self.message_user(request, gettext("Revision %(old)s restored as revision %(new)s.") % numbers, messages.SUCCESS)
        return self._back(article)

    def preview_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        return previews.preview_response(request, article, shared=False)

    @_post_only
    def share_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        form = ShareLinkForm(request.POST)
        if not self._valid(request, form):
            return self._back(article)
        try:
            link = previews.share_link_create(article=article, user=request.user, days=form.cleaned_data["days"])
        except ValidationError as refusal:
            self._refused(request, refusal)
        else:
            url = request.build_absolute_uri(previews.share_link_url(link))
            self.log_change(request, article, gettext("Created share link #%(number)s, valid until %(time)s.") % {
                "number": link.pk, "time": f"{link.expires_at:%Y-%m-%d %H:%M %Z}"})
            self.message_user(request, format_html(
                gettext("Share link created, valid until {time}: {link}"), time=formats.localize(timezone.localtime(link.expires_at)),
                link=format_html('<a href="{}" dir="ltr">{}</a>', url, url),
            ), messages.SUCCESS)
        return self._back(article)

    @_post_only
    def share_revoke_view(self, request, object_id, link_id):
        article = self._article_or_404(request, object_id)
        link = get_object_or_404(ShareLink, article=article, pk=link_id)
        try:
            previews.share_link_revoke(link=link, user=request.user)
        except ValidationError as refusal:
            self._refused(request, refusal)
        else:
            self.log_change(request, article, gettext("Revoked share link #%(number)s.") % {"number": link.pk})
            self.message_user(request, gettext("Share link revoked: it no longer opens the article."), messages.SUCCESS)
        return self._back(article)
