"""The live desk in the admin: the live stories, each story's desk (open, close, reopen, post,
approve, edit, correct, withdraw, translate, break out), the approval queue and the translators'
live queue. The views show and delegate: every rule is in ``live.services`` and ``live.translation``.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from desk import workflow
from live import services, translation
from live.forms import EntryForm, NoteForm, TranslationForm
from live.models import LiveCoverage, LiveEntry, LiveEvent
from newsroom import languages

DONE = {
    "open": _("The live story is open: entries can be posted."),
    "close": _("The live story is closed."),
    "reopen": _("The live story is open again."),
    "allow": _("Reporters' posting changed."),
    "post": _("Your entry is published."),
    "submit": _("Your entry waits for an editor's approval."),
    "approve": _("The entry is published."),
    "withdraw": _("The entry was withdrawn."),
    "correct": _("The correction is published under the entry."),
    "break_out": _("The entry is now a story of its own (a draft)."),
    "edit": _("The entry was saved."),
    "translate": _("The translation was saved."),
}


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


class LiveArticleAdminMixin:
    """Mixed into the article admin (``newsroom.admin``): a live story's page links to its desk."""

    def article_context(self, request, article) -> dict:
        context = super().article_context(request, article)
        if article.kind == Article.Kind.LIVE:
            context["live"] = {"desk_url": reverse("admin:live_desk", args=[article.pk]), "article": article}
        return context


@admin.register(LiveCoverage)
class LiveCoverageAdmin(admin.ModelAdmin):
    """"Live stories": every article of kind "live", and each one's desk."""

    def has_module_permission(self, request):
        return services.may_post(request.user) or workflow.may_translate(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("queue/", wrap(self.queue_view), name="live_queue"),
            path("translations/", wrap(self.translation_queue_view), name="live_translation_queue"),
            path("<int:article_id>/desk/", wrap(self.desk_view), name="live_desk"),
            path("entry/<int:entry_id>/edit/", wrap(self.edit_view), name="live_entry_edit"),
            path("entry/<int:entry_id>/translate/<str:language>/", wrap(self.translate_view), name="live_entry_translate"),
            *super().get_urls(),
        ]

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def changelist_view(self, request, extra_context=None):
        if not self.has_module_permission(request):
            raise PermissionDenied
        stories = Article.objects.filter(kind=Article.Kind.LIVE).order_by("-coverage_started_at", "-created_at")
        pending = dict(
            LiveEntry.objects.filter(state=LiveEntry.State.PENDING, article__kind=Article.Kind.LIVE)
            .values_list("article_id")
            .annotate(n=Count("pk"))
        )
        rows = [{"article": a, "pending": pending.get(a.pk, 0)} for a in stories[:200]]
        context = self._context(request, title=_("Live stories"), rows=rows, is_editor=workflow.is_editor(request.user))
        return TemplateResponse(request, "admin/live/stories.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:live_desk", args=[object_id]))

    # --- one story's desk ---------------------------------------------------------------------

    def desk_view(self, request, article_id):
        article = get_object_or_404(Article, pk=article_id, kind=Article.Kind.LIVE)
        if not self.has_module_permission(request):
            raise PermissionDenied
        form = EntryForm(prefix="entry")
        if request.method == "POST":
            done, form = self._desk_action(request, article)
            if done:
                return HttpResponseRedirect(request.path)
            article.refresh_from_db()
        versions = translation.story_versions(article)
        entries = list(
            LiveEntry.objects.filter(article=article)
            .exclude(state=LiveEntry.State.DRAFT)
            .select_related("author", "broken_out_to")
            .prefetch_related("translations", "corrections")
            .order_by("-created_at", "-pk")[:200]
        )
        rows = [
            {"entry": e, "states": translation.entry_states(e, versions) if not e.translation_of_id else {}}
            for e in entries
        ]
        context = self._context(
            request,
            title=gettext("Live desk: %(headline)s") % {"headline": article.headline},
            article=article,
            coverage=LiveCoverage.objects.filter(article=article).first(),
            form=form,
            rows=rows,
            events=LiveEvent.objects.filter(article=article).select_related("actor", "entry")[:50],
            is_editor=workflow.is_editor(request.user),
            may_post=services.may_post(request.user),
            may_translate=workflow.may_translate(request.user),
            language_names={code: languages.name(code) for code in versions},
            public_url=article.get_absolute_url() if article.is_public else "",
            media=form.media,
        )
        return TemplateResponse(request, "admin/live/desk.html", context)

    def _desk_action(self, request, article) -> tuple[bool, EntryForm]:
        """Take the step the desk's form asked for; (done, the entry form to show again)."""
        action = request.POST.get("action", "")
        form = EntryForm(prefix="entry")
        user = request.user
        entry = None
        if request.POST.get("entry"):
            entry = get_object_or_404(LiveEntry, pk=request.POST["entry"], article=article)
        try:
            if action == "open":
                services.live_open(article=article, user=user)
            elif action == "close":
                services.live_close(article=article, user=user)
            elif action == "reopen":
                services.live_reopen(article=article, user=user)
            elif action == "allow":
                services.live_allow_reporters(article=article, user=user, allowed=request.POST.get("allowed") == "1")
            elif action == "post":
                form = EntryForm(request.POST, prefix="entry")
                if not form.is_valid():
                    return False, form
                posted = services.entry_post(article=article, user=user, **form.cleaned_data)
                action = "post" if posted.state == LiveEntry.State.PUBLISHED else "submit"
            elif action == "approve" and entry:
                services.entry_approve(entry=entry, user=user)
            elif action == "withdraw" and entry:
                services.entry_withdraw(entry=entry, user=user, note=request.POST.get("note", ""))
            elif action == "correct" and entry:
                note = NoteForm(request.POST)
                note.is_valid()
                services.entry_correct(entry=entry, user=user, text=note.cleaned_data.get("text", ""))
            elif action == "break_out" and entry:
                services.entry_break_out(entry=entry, user=user)
            else:
                messages.error(request, gettext("Unknown step."))
                return False, form
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return False, form
        messages.success(request, DONE[action])
        return True, form

    def edit_view(self, request, entry_id):
        entry = get_object_or_404(LiveEntry.objects.select_related("article"), pk=entry_id)
        if not services.may_edit(request.user, entry):
            raise PermissionDenied
        form = EntryForm(instance=entry, prefix="entry")
        if request.method == "POST":
            form = EntryForm(request.POST, instance=LiveEntry(article=entry.article), prefix="entry")
            if form.is_valid():
                try:
                    services.entry_edit(entry=entry, user=request.user, **form.cleaned_data)
                except ValidationError as error:
                    messages.error(request, _error_text(error))
                else:
                    messages.success(request, DONE["edit"])
                    return HttpResponseRedirect(reverse("admin:live_desk", args=[entry.article_id]))
        context = self._context(
            request, title=gettext("Edit entry"), article=entry.article, entry=entry, form=form, media=form.media
        )
        return TemplateResponse(request, "admin/live/entry_form.html", context)

    def translate_view(self, request, entry_id, language):
        source = get_object_or_404(LiveEntry.objects.select_related("article"), pk=entry_id, translation_of=None)
        if not workflow.may_translate(request.user):
            raise PermissionDenied
        existing = LiveEntry.objects.filter(
            entry_key=source.entry_key, article__language=language, article__translation_key=source.article.translation_key
        ).first()
        form = TranslationForm(instance=existing, prefix="entry")
        if request.method == "POST":
            form = TranslationForm(request.POST, instance=LiveEntry(article=source.article), prefix="entry")
            if form.is_valid():
                try:
                    translated = services.entry_translate(
                        entry=source, language=language, user=request.user, headline=form.cleaned_data["headline"],
                        body=form.cleaned_data["body"], publish=form.cleaned_data["publish"],
                    )
                except ValidationError as error:
                    messages.error(request, _error_text(error))
                else:
                    messages.success(request, DONE["translate"])
                    return HttpResponseRedirect(reverse("admin:live_desk", args=[translated.article_id]))
        context = self._context(
            request, title=gettext("Translate entry into %(language)s") % {"language": languages.name(language)},
            article=source.article, entry=source, form=form, media=form.media, language=language,
            target_direction=languages.direction(language),
        )
        return TemplateResponse(request, "admin/live/entry_form.html", context)

    # --- queues -------------------------------------------------------------------------------

    def queue_view(self, request):
        """Reporters' entries waiting for approval, newest first; one click publishes one."""
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        if request.method == "POST":
            entry = get_object_or_404(LiveEntry, pk=request.POST.get("entry"))
            try:
                services.entry_approve(entry=entry, user=request.user)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, DONE["approve"])
            return HttpResponseRedirect(request.path)
        pending = (
            LiveEntry.objects.filter(state=LiveEntry.State.PENDING)
            .select_related("article", "author")
            .order_by("-created_at", "-pk")[:200]
        )
        context = self._context(request, title=_("Live entries waiting for approval"), pending=pending)
        return TemplateResponse(request, "admin/live/queue.html", context)

    def translation_queue_view(self, request):
        """New entries to translate, newest first (missing, outdated or draft translations)."""
        if not workflow.may_translate(request.user):
            raise PermissionDenied
        language = request.GET.get("language") if request.GET.get("language") in languages.codes() else None
        context = self._context(
            request,
            title=_("Live entries to translate"),
            rows=translation.translation_queue(language=language),
            language=language,
            language_names={code: languages.name(code) for code in languages.codes()},
        )
        return TemplateResponse(request, "admin/live/translation_queue.html", context)
