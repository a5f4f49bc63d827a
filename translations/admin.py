"""The admin's translation screens: the translations panel of an article, “Translate into…”,
release across languages, the coverage matrix and the translation requests.

``TranslationAdminMixin`` is put together with the desk and the content base into the article admin
in ``newsroom.admin``. They show and delegate; the rules live in translations.services,
translations.coverage and desk.workflow.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.admin import article_admin_url as _url
from articles.models import Article, Correction, TranslationRequest
from desk import workflow
from images.body import body_with_images
from newsroom import languages
from newsroom.languages import isolate
from translations import coverage, names
from translations import services as translation
from translations.forms import (
    CorrectionOfferForm,
    CoverageFilterForm,
    NameCoverageFilterForm,
    NameTranslationForm,
    ReleaseForm,
    TranslateForm,
)

_post_only = method_decorator(require_POST)


class TranslationListFilter(admin.SimpleListFilter):
    """Needs the article list annotated with ``translation.with_translation_state``."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("outdated", _("Outdated translations")),
            ("mine", _("Translations assigned to me")),
            ("translations", _("Translations")),
            ("sources", _("Sources and single-language stories")),
        ]

    def queryset(self, request, queryset):
        return {
            "outdated": lambda: queryset.filter(translation_outdated=True),
            "mine": lambda: queryset.filter(translator=request.user),
            "translations": lambda: queryset.filter(translation_source__isnull=False),
            "sources": lambda: queryset.filter(translation_source__isnull=True),
        }.get(self.value() or "", lambda: queryset)()


def _source_block(part, source) -> str:
    """The source's text of one field, as a block under the field (its language and direction)."""
    code = source.language
    title = gettext("Source (%(language)s):") % {"language": languages.name(code)}
    if part.changes is not None:
        changed = gettext("Changed in the source since this translation was made:")
        return format_html(
            '<div class="source-beside source-changed"><strong>{}</strong> <span class="translation-badge translation-outdated">'
            '{}</span><div class="source-beside-text" lang="{}" dir="{}">{}</div></div>',
            title, changed, code, languages.direction(code), part.changes.html,
        )
    if part.field == "body":
        text = body_with_images(part.text)
    else:
        text = format_html("{}", part.text or "—")
    return format_html(
        '<div class="source-beside"><strong>{}</strong><div class="source-beside-text" lang="{}" dir="{}">{}</div></div>',
        title, code, languages.direction(code), text,
    )


class TranslationAdminMixin:
    """Mixed into the article admin: the translation views, the translations panel, the list's
    "outdated" column and filter."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("translations/", wrap(self.coverage_view), name="articles_article_coverage"),
            path("translations/names/", wrap(self.name_coverage_view), name="articles_article_name_coverage"),
            path("translations/names/<str:kind>/<int:pk>/<str:language>/", wrap(self.name_translate_view),
                 name="articles_article_name_translate"),
            path("<path:object_id>/translate/<str:language>/", wrap(self.translate_view),
                 name="articles_article_translate"),
            path("<path:object_id>/release/", wrap(self.release_view), name="articles_article_release"),
            path("<path:object_id>/translation/up-to-date/", wrap(self.up_to_date_view),
                 name="articles_article_translation_up_to_date"),
            path("<path:object_id>/translation/corrections/<int:correction_id>/", wrap(self.offered_correction_view),
                 name="articles_article_translation_correction"),
        ] + super().get_urls()

    def get_queryset(self, request):
        return translation.with_translation_state(super().get_queryset(request))  # "outdated" in the list and its filter

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "coverage_url": _url("coverage")})

    def get_readonly_fields(self, request, obj=None):
        """A version of a story in several languages keeps its language (one version per language)."""
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and (obj.translation_source_id or obj.translations.exists()):
            fields.append("language")
        return fields

    @admin.display(description=_("translation"))
    def translation_flag(self, article):
        if getattr(article, "translation_outdated", False):
            return format_html('<span class="translation-badge translation-outdated">{}</span>', gettext("Outdated"))
        if article.translation_source_id:
            return format_html('<span class="translation-badge">{}</span>', gettext("Translation"))
        return ""

    # --- the translations panel of the change page ------------------------------------------

    def article_context(self, request, article) -> dict:
        return {**super().article_context(request, article), "translation": self._translations_panel(request, article)}

    # --- the source beside each field of a translation -----------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        """A translation's form shows, under each translated field, the source's text it is made from,
        and, when the source changed since, what changed (side by side on a wide screen: translation.css)."""
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None or not obj.translation_source_id or not self.has_change_permission(request, obj):
            return form
        source = obj.translation_source
        for name, part in translation.source_beside(obj).items():
            field = form.base_fields.get(name)
            if field is None:
                continue
            field.help_text = format_html(
                "{}{}", field.help_text or "", _source_block(part, source)
            )
        return form

    def _translations_panel(self, request, article) -> dict:
        user = request.user
        source = translation.story_source(article)
        versions = translation.story_versions(article)
        open_requests = {
            r.language: r for r in TranslationRequest.objects.open().filter(source=source).select_related("translator")
        }
        may_translate = workflow.may_translate(user)
        rows = []
        for code in languages.codes():
            version = versions.get(code)
            rows.append({
                "code": code,
                "name": languages.name(code),
                "version": version,
                "is_current": version is not None and version.pk == article.pk,
                "is_source": version is not None and version.pk == source.pk,
                "request": open_requests.get(code),
                "translate_url": _url("translate", source.pk, code) if version is None and may_translate else "",
            })
        context = {
            "source": source,
            "is_translation": bool(article.translation_source_id),
            "languages": rows,
            "coverage_url": _url("coverage"),
            "release_url": _url("release", source.pk)
            if workflow.is_editor(user) and any(c.ready for c in translation.release_candidates(source)) else "",
        }
        if article.translation_source_id:
            changes = translation.source_changes(article)
            can_correct = workflow.can_edit(user, article) and article.status in {
                Article.Status.PUBLISHED, Article.Status.WITHDRAWN
            }
            context.update({
                "changes": changes,
                "may_confirm": changes.outdated and workflow.may_confirm_translation(user, article),
                "can_edit": workflow.can_edit(user, article),
                "up_to_date_url": _url("translation_up_to_date", article.pk),
                "offers": [
                    {"correction": c, "form": CorrectionOfferForm(initial={"text": c.text}),
                     "url": _url("translation_correction", article.pk, c.pk) if can_correct else ""}
                    for c in changes.corrections
                ],
            })
        return context

    # --- views ------------------------------------------------------------------------------

    def _page(self, request, template, title, **context):
        return TemplateResponse(request, template, {
            **self.admin_site.each_context(request), "opts": self.opts, "title": title, **context,
        })

    def _next(self, request, default):
        target = request.POST.get("next") or request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            return target
        return default

    def coverage_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = CoverageFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        matrix = coverage.coverage(
            language=filters.get("language", ""), state=filters.get("state", ""),
            since=filters.get("since"), until=filters.get("until"), page=request.GET.get("p", 1),
        )
        user = request.user
        return self._page(
            request, "admin/articles/article/coverage.html", gettext("Translation coverage"),
            matrix=matrix, form=form, states=coverage.STATES,
            may_translate=workflow.may_translate(user),
            query=_without_page(request.GET),
        )

    # --- names, bios and descriptions ---------------------------------------------------------

    def _may_translate_names(self, request, kind=None) -> bool:
        """Translators, and whoever may change that kind of thing (editors)."""
        user = request.user
        if workflow.may_translate(user):
            return True
        models = [kind.model] if kind else [k.model for k in names.KINDS.values()]
        return any(user.has_perm(f"{m._meta.app_label}.change_{m._meta.model_name}") for m in models)

    def name_coverage_view(self, request):
        if not (self.has_view_permission(request) and self._may_translate_names(request)):
            raise PermissionDenied
        form = NameCoverageFilterForm(request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        table = names.name_coverage(
            kind=filters.get("kind", ""), language=filters.get("language", ""), state=filters.get("state", ""),
            page=request.GET.get("p", 1),
        )
        return self._page(
            request, "admin/articles/article/name_coverage.html", gettext("Names, bios and descriptions to translate"),
            table=table, form=form, states=names.STATES, query=_without_page(request.GET),
        )

    def name_translate_view(self, request, kind, pk, language):
        if kind not in names.KINDS or language not in names.target_languages():
            raise Http404
        kind = names.KINDS[kind]
        if not self._may_translate_names(request, kind):
            raise PermissionDenied
        try:
            obj = names.name_object(kind=kind.key, pk=pk)
        except kind.model.DoesNotExist:
            raise Http404 from None
        back = self._next(request, _url("name_coverage"))
        form = NameTranslationForm(request.POST or None, obj=obj, kind=kind, language=language)
        if request.method == "POST" and form.is_valid():
            try:
                changed = names.name_translation_save(obj=obj, language=language, texts=form.cleaned_data)
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                self.log_change(request, obj, gettext("Translated into %(language)s: %(fields)s.") % {
                    "language": gettext(languages.get(language).name),
                    "fields": ", ".join(str(form.fields[f].label) for f in changed),
                })
                self.message_user(request, format_html(
                    gettext("Saved the {language} texts of {name}."),
                    language=gettext(languages.get(language).name), name=format_html("<bdi>{}</bdi>", obj),
                ), messages.SUCCESS)
                return HttpResponseRedirect(back)
        return self._page(
            request, "admin/articles/article/name_translate.html",
            gettext("Translate into %(language)s") % {"language": gettext(languages.get(language).name)},
            form=form, obj=obj, kind=kind, language=language, language_direction=languages.direction(language),
            source_language=names.SOURCE, back=back,
            other_languages=[code for code in names.target_languages() if code != language],
        )

    def translate_view(self, request, object_id, language):
        article = self._article_or_404(request, object_id)
        source = translation.story_source(article)
        user = request.user
        if language not in languages.codes():
            raise Http404(gettext("Not one of the site's languages."))
        if not workflow.may_translate(user):
            raise PermissionDenied
        here = self._next(request, _url("change", source.pk))
        existing = translation.story_versions(source).get(language)
        if existing is not None:
            return HttpResponseRedirect(_url("change", existing.pk))
        open_request = translation.open_request(source=source, language=language)
        is_editor = workflow.is_editor(user)
        form = TranslateForm(request.POST or None, translator_fixed=None if is_editor else user)
        if request.method == "POST":
            try:
                if "start" in request.POST and open_request:
                    made = translation.translation_request_start(request=open_request, user=user)
                    self.message_user(request, gettext("%(language)s draft ready: translate it, save, then submit it "
                                                       "for review.") % {"language": languages.name(language)},
                                      messages.SUCCESS)
                    return HttpResponseRedirect(_url("change", made.pk))
                if "cancel" in request.POST and open_request:
                    translation.translation_request_cancel(request=open_request, user=user)
                    self.message_user(request, gettext("Translation request cancelled."), messages.SUCCESS)
                    return HttpResponseRedirect(here)
                if form.is_valid() and "request" in request.POST:
                    made = translation.translation_request_create(
                        source=source, language=language, translator=form.cleaned_data["translator"],
                        due_at=form.cleaned_data["due_at"], note=form.cleaned_data["note"], user=user,
                    )
                    self.message_user(request, format_html(
                        gettext("{language} translation requested from {translator}."), language=languages.name(language),
                        translator=format_html("<bdi>{}</bdi>", made.translator.get_full_name() or made.translator),
                    ), messages.SUCCESS)
                    return HttpResponseRedirect(here)
                if form.is_valid() and "create" in request.POST:
                    made = translation.translation_create(
                        source=source, language=language, user=user, translator=form.cleaned_data["translator"],
                    )
                    self.message_user(request, gettext("%(language)s draft made from the source: translate it, save, "
                                                       "then submit it for review.") % {"language": languages.name(language)},
                                      messages.SUCCESS)
                    return HttpResponseRedirect(_url("change", made.pk))
            except ValidationError as refusal:
                form.add_error(None, refusal)
        return self._page(
            request, "admin/articles/article/translate.html",
            gettext("Translate “%(headline)s” into %(language)s") % {
                "headline": isolate(source.headline), "language": languages.name(language)},
            original=source, source=source, language=language, language_name=languages.name(language),
            form=form, open_request=open_request, is_editor=is_editor, next=request.GET.get("next", ""),
            may_start=open_request is not None and translation.may_start_request(user, open_request),
            time_zone=timezone.get_current_timezone_name(),
        )

    def release_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        source = translation.story_source(article)
        if not workflow.is_editor(request.user):
            raise PermissionDenied
        candidates = translation.release_candidates(source)
        form = ReleaseForm(request.POST or None, candidates=candidates)
        schedule = "schedule" in request.POST
        if request.method == "POST" and form.is_valid():
            publish_at = form.cleaned_data["publish_at"] if schedule else None
            try:
                if schedule and publish_at is None:
                    raise ValidationError(workflow.TIME_REQUIRED)
                translation.story_release(source=source, languages=form.cleaned_data["languages"],
                                          user=request.user, publish_at=publish_at)
            except ValidationError as refusal:
                form.add_error(None, refusal)
            else:
                names = gettext(", ").join(languages.name(c) for c in form.cleaned_data["languages"])
                if schedule:
                    done = gettext("%(languages)s: scheduled for %(time)s together.") % {
                        "languages": names, "time": isolate(f"{timezone.localtime(publish_at):%Y-%m-%d %H:%M}")}
                else:
                    done = gettext("%(languages)s: published together.") % {"languages": names}
                self.message_user(request, done, messages.SUCCESS)
                return HttpResponseRedirect(_url("change", source.pk))
        return self._page(
            request, "admin/articles/article/release.html",
            gettext("Release “%(headline)s” in several languages") % {"headline": isolate(source.headline)},
            original=source, candidates=candidates, form=form, time_zone=timezone.get_current_timezone_name(),
        )

    @_post_only
    def up_to_date_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        try:
            translation.translation_mark_up_to_date(translation=article, user=request.user)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        else:
            self.message_user(request, gettext("Marked up to date with its source."), messages.SUCCESS)
        return HttpResponseRedirect(_url("change", article.pk))

    @_post_only
    def offered_correction_view(self, request, object_id, correction_id):
        article = self._article_or_404(request, object_id)
        source_correction = get_object_or_404(Correction, pk=correction_id)
        form = CorrectionOfferForm(request.POST)
        try:
            translation.translation_correction_add(
                translation=article, source_correction=source_correction,
                text=form.data.get("text", ""), user=request.user,
            )
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        else:
            self.message_user(request, gettext("The correction was added to this translation."), messages.SUCCESS)
        return HttpResponseRedirect(_url("change", article.pk))


def _without_page(params) -> str:
    query = params.copy()
    query.pop("p", None)
    return query.urlencode()


# --- translation requests ----------------------------------------------------------------------


class RequestViewFilter(admin.SimpleListFilter):
    title = _("view")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("My translation requests")), ("open", _("Open requests")), ("overdue", _("Overdue"))]

    def queryset(self, request, queryset):
        open_ = queryset.open()
        return {
            "1": lambda: open_.filter(translator=request.user),
            "open": lambda: open_,
            "overdue": lambda: open_.filter(due_at__lt=timezone.now()),
        }.get(self.value() or "", lambda: queryset)()


@admin.register(TranslationRequest)
class TranslationRequestAdmin(admin.ModelAdmin):
    """Requests are made from a story's page or the coverage matrix, and move by themselves (done
    when the translation is published); here they are listed, started and cancelled."""

    class Media:
        css = {"all": ["admin_newsroom/admin.css", "admin_newsroom/translation.css"]}

    list_display = ["story", "language", "translator_name", "due", "state_badge", "next_step"]
    list_filter = [RequestViewFilter, "state", "language"]
    list_select_related = ["source", "translator", "translation"]
    search_fields = ["source__headline", "note"]
    readonly_fields = ["source", "language", "translator", "due_at", "note", "state", "translation",
                       "requested_by", "created_at", "closed_at"]
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("story"), ordering="source__headline")
    def story(self, req):
        return format_html('<a href="{}">{}</a>', _url("change", req.source_id), req.source.headline)

    @admin.display(description=_("translator"), ordering="translator__username")
    def translator_name(self, req):
        return req.translator.get_full_name() or req.translator.get_username()

    @admin.display(description=_("due"), ordering="due_at")
    def due(self, req):
        when = f"{timezone.localtime(req.due_at):%Y-%m-%d %H:%M}"
        if req.is_overdue:
            return format_html('<span class="request-overdue">{}</span>', gettext("Overdue · %(time)s") % {"time": when})
        return when

    @admin.display(description=_("state"), ordering="state")
    def state_badge(self, req):
        return format_html('<span class="request-badge request-{}">{}</span>', req.state, req.get_state_display())

    @admin.display(description="")
    def next_step(self, req):
        if req.translation_id:
            return format_html('<a class="button" href="{}">{}</a>', _url("change", req.translation_id),
                               gettext("Open the translation"))
        if req.is_open:
            return format_html('<a class="button" href="{}?next={}">{}</a>',
                               _url("translate", req.source_id, req.language),
                               reverse("admin:articles_translationrequest_changelist") + "?mine=1",
                               gettext("Start translation"))
        return ""

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}), "coverage_url": _url("coverage")})
