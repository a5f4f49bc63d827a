from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST
from taggit.models import Tag

from articles import preview, revisions, roles, translation, workflow
from articles.admin_translation import TranslationAdminMixin, TranslationListFilter
from articles.forms import ArticleAdminForm, ShareLinkForm, TransitionForm
from articles.models import Article, Byline, Correction, Interviewee, Revision, ShareLink


method_decorator_post = method_decorator(require_POST)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    fields = ["position", "user", "name"]
    autocomplete_fields = ["user"]


class IntervieweeInline(admin.TabularInline):
    model = Interviewee
    extra = 1
    fields = ["position", "person", "role", "affiliation"]
    autocomplete_fields = ["person", "affiliation"]
    verbose_name = "interviewee"


class CorrectionInline(admin.StackedInline):
    """Public notes at the end of a published article. Shown once the article has been public."""

    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at"]
    verbose_name = "public correction or update"


class TagListFilter(admin.SimpleListFilter):
    """Articles carrying one tag, typed by name or slug. A big archive has thousands of tags: a link
    per tag made the article list a quarter of a megabyte and took ~120 ms to render."""

    title = "tag"
    parameter_name = "tag"
    template = "admin/articles/article/tag_filter.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def tag(self):
        """The tag asked for: by slug, else by name in any case (None when there is none)."""
        if not hasattr(self, "_tag"):
            value = (self.value() or "").strip()
            self._tag = (Tag.objects.filter(slug=value).first() or Tag.objects.filter(name__iexact=value).first()) if value else None
        return self._tag

    def queryset(self, request, queryset):
        if self.value():
            tag = self.tag()
            return queryset.tagged(tag) if tag else queryset.none()
        return queryset

    def choices(self, changelist):
        keep = [(name, value) for name, value in changelist.params.items() if name not in (self.parameter_name, PAGE_VAR)]
        yield {
            "parameter": self.parameter_name,
            "value": self.value() or "",
            "tag": self.tag(),
            "keep": keep,
            "clear_url": changelist.get_query_string(remove=[self.parameter_name]),
        }


class QueueFilter(admin.SimpleListFilter):
    """The views of the article list: My articles, My drafts, Awaiting review, Scheduled."""

    title = "view"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [(queue.key, queue.label) for queue, _ in model_admin.queues(request)]

    def queryset(self, request, queryset):
        queue = workflow.QUEUES.get(self.value() or "")
        return queryset.filter(queue.condition(request.user)) if queue else queryset


class NewsroomUserAdmin(UserAdmin):
    """Django's user admin, plus: giving someone a role gives them staff access."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if roles.user_staff_sync(user=form.instance):
            self.message_user(request, f"{form.instance} now has staff access (a newsroom role).")


if admin.site.is_registered(get_user_model()):
    admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), NewsroomUserAdmin)

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Newsroom"


@admin.register(Article)
class ArticleAdmin(TranslationAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm

    class Media:
        css = {"all": ["admin_newsroom/admin.css", "admin_newsroom/translation.css"]}

    list_display = ["headline", "status_badge", "kind", "language", "translation_flag", "byline_names",
                    "published_at", "updated_at"]
    list_filter = [QueueFilter, "status", "kind", "language", TranslationListFilter, TagListFilter]
    show_full_result_count = False  # "5 results (100,000 total)" would count the whole archive again
    search_fields = ["headline", "dek", "slug", "dateline", "agency", "bylines__name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["organizations"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [BylineInline, IntervieweeInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["headline", "dek", "kind", "language", "dateline", "agency", "body"]}),
        ("Lead image", {"fields": ["lead_image"]}),
        ("People, organizations and tags", {"fields": ["organizations", "tags", "new_tags"]}),
        ("Publication", {"fields": ["status", "published_at", "revised_at"]}),
        ("Advanced", {"fields": ["slug"], "classes": ["collapse"]}),
    ]
    readonly_fields = ["status", "published_at", "revised_at"]

    def view_on_site(self, article):
        """The public page once it is public; the staff preview before (the public gets 404)."""
        if article.is_public:
            return article.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[article.pk])

    # --- the list --------------------------------------------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("bylines__user")
        return translation.with_translation_state(queryset)  # "outdated" in the list and its filter

    @admin.display(description="status", ordering="status")
    def status_badge(self, article):
        return format_html(
            '<span class="status-badge status-{}">{}</span>', article.status, article.get_status_display()
        )

    @admin.display(description="byline")
    def byline_names(self, article):
        return ", ".join(b.display_name for b in article.bylines.all())

    def queues(self, request):
        """The user's queues with their counts, counted once per request (the filter and the page
        header both show them)."""
        if not hasattr(request, "_article_queues"):
            request._article_queues = workflow.queues_for(request.user)
        return request._article_queues

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "queues": self.queues(request),
                         "coverage_url": self._url("coverage")}
        return super().changelist_view(request, extra_context)

    def get_search_results(self, request, queryset, search_term):
        # A match in a byline name joins the bylines, so Django would make the list DISTINCT, and
        # PostgreSQL would compare whole articles (bodies included) to remove duplicates. Ask for the
        # matching ids instead: the same articles, each once, without the DISTINCT.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if may_have_duplicates:
            queryset = self.get_queryset(request).filter(pk__in=queryset.values("pk"))
        return queryset, False

    # --- edit rights -----------------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        been_public = obj is not None and obj.status in {Article.Status.PUBLISHED, Article.Status.WITHDRAWN}
        if been_public or (obj is not None and obj.corrections.exists()):
            return instances
        return [inline for inline in instances if not isinstance(inline, CorrectionInline)]

    # --- saving: content only; the workflow fields belong to articles.workflow ----------------

    def save_model(self, request, obj, form, change):
        if change:
            content = [f.name for f in obj._meta.concrete_fields if f.editable and not f.primary_key]
            obj.save(update_fields=[f for f in content if f not in workflow.WORKFLOW_FIELDS] + ["updated_at"])
        else:
            obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            notes = formset.save(commit=False)
            for note in notes:
                if note.pk is None:
                    note.created_by = request.user
                    form.correction_added = True
                note.save()
            for note in formset.deleted_objects:
                note.delete()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change:
            workflow.byline_ensure_author(article=article, user=request.user)
        revisions.revision_record(
            article=article, user=request.user, correction_added=getattr(form, "correction_added", False)
        )

    # --- the change page -------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {**(extra_context or {}), "workflow": self._workflow_context(request, article),
                             "translation": self.translation_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _url(self, name, *args):
        return reverse(f"admin:articles_article_{name}", args=args)

    def _workflow_context(self, request, article):
        user = request.user
        last = article.status_changes.select_related("actor").first()
        actions = [
            {"transition": t, "url": self._url("transition", article.pk, t.action.value)}
            for t in workflow.available_transitions(user, article)
        ]
        can_share = workflow.is_editor(user) and article.status != Article.Status.PUBLISHED
        links = [
            {"link": link, "url": request.build_absolute_uri(preview.share_link_url(link)),
             "revoke_url": self._url("share_revoke", article.pk, link.pk)}
            for link in article.share_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        ] if can_share else []
        return {
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
        ] + self.translation_urls() + super().get_urls()

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("No such article.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

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

    @method_decorator_post
    def transition_view(self, request, object_id, action):
        article = self._article_or_404(request, object_id)
        form = TransitionForm(request.POST)
        if not self._valid(request, form):
            return self._back(article)
        try:
            workflow.article_transition(
                article=article, action=action, user=request.user,
                note=form.cleaned_data["note"], publish_at=form.cleaned_data["publish_at"],
            )
        except ValidationError as refusal:
            self._refused(request, refusal)
        else:
            self.message_user(request, f"{workflow.TRANSITIONS[action].label}: done. The article is now "
                                       f"{article.get_status_display().lower()}.", messages.SUCCESS)
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
            "title": f"Revisions of “{article.headline}”",
            "history": history,
            "a": a,
            "b": b,
            "changes": revisions.revision_diff(a.content, b.content) if a and b else None,
            "can_restore": workflow.can_edit(request.user, article),
            "change_url": self._url("change", article.pk),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    @method_decorator_post
    def restore_view(self, request, object_id, number):
        article = self._article_or_404(request, object_id)
        old = get_object_or_404(Revision, article=article, number=number)
        try:
            new = revisions.revision_restore(revision=old, user=request.user)
        except ValidationError as refusal:
            self._refused(request, refusal)
            return HttpResponseRedirect(self._url("revisions", article.pk))
        self.log_change(request, article, f"Restored revision {old.number} as revision {new.number}.")
        self.message_user(request, f"Revision {old.number} restored as revision {new.number}.", messages.SUCCESS)
        return self._back(article)

    def preview_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        return preview.preview_response(request, article, shared=False)

    @method_decorator_post
    def share_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        form = ShareLinkForm(request.POST)
        if not self._valid(request, form):
            return self._back(article)
        try:
            link = preview.share_link_create(article=article, user=request.user, days=form.cleaned_data["days"])
        except ValidationError as refusal:
            self._refused(request, refusal)
        else:
            url = request.build_absolute_uri(preview.share_link_url(link))
            self.log_change(request, article, f"Created share link #{link.pk}, valid until {link.expires_at:%Y-%m-%d %H:%M %Z}.")
            self.message_user(request, format_html(
                "Share link created, valid until {}: <a href=\"{}\">{}</a>", link.expires_at, url, url
            ), messages.SUCCESS)
        return self._back(article)

    @method_decorator_post
    def share_revoke_view(self, request, object_id, link_id):
        article = self._article_or_404(request, object_id)
        link = get_object_or_404(ShareLink, article=article, pk=link_id)
        try:
            preview.share_link_revoke(link=link, user=request.user)
        except ValidationError as refusal:
            self._refused(request, refusal)
        else:
            self.log_change(request, article, f"Revoked share link #{link.pk}.")
            self.message_user(request, "Share link revoked: it no longer opens the article.", messages.SUCCESS)
        return self._back(article)
