"""“Import copy” in the admin: the add page uploads or pastes copy, the change page confirms it.

The pages only collect input and show results; importing and confirming are ``copydesk.services``.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from copydesk import messages as copy_messages
from copydesk.forms import ConfirmImportForm, ImportCopyForm
from copydesk.messages import MAX_COPY_BYTES
from copydesk.models import ImportRecord
from copydesk.recognition import Recognition
from copydesk.services import PASTED, CopySource, copy_import_batch, copy_import_confirm
from desk.revisions import EditConflict
from newsroom.languages import isolate


def _message_html(result):
    """The result's message, with the headline isolated so an Arabic one cannot scramble the line."""
    if result.refusal:
        return result.message
    template = str(copy_messages.CREATED if result.created else copy_messages.ALREADY_IMPORTED)
    return format_html(
        template.replace("{headline}", "<bdi>{headline}</bdi>"), headline=result.article.headline, pk=result.article.pk
    )


def _upload_reader(upload):
    # Read one byte past the limit, never more: the importer refuses anything over it.
    def read() -> bytes:
        upload.seek(0)
        return upload.read(MAX_COPY_BYTES + 1)

    return read


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["headline", "source_name", "source_format", "imported_by", "imported_at", "confirmed"]
    list_filter = ["source_format", "imported_at"]
    search_fields = ["source_name", "article__headline"]
    list_select_related = ["article", "imported_by"]
    date_hierarchy = "imported_at"

    @admin.display(description=_("article"), ordering="article__headline")
    def headline(self, record):
        return record.article.headline

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, record):
        return record.confirmed_at is not None

    # Importing makes articles and confirming changes them: both need the article permission too.
    def has_add_permission(self, request):
        return super().has_add_permission(request) and request.user.has_perm("articles.add_article")

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and request.user.has_perm("articles.change_article")

    def _context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "app_label": self.model._meta.app_label,
            "has_view_permission": self.has_view_permission(request),
            **extra,
        }

    def add_view(self, request, form_url="", extra_context=None):
        """The “Import copy” page: files and/or pasted text in, drafts and a report per file out."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportCopyForm(request.POST or None, request.FILES or None)
        results = []
        if request.method == "POST" and form.is_valid():
            sources = [CopySource(name=upload.name, read=_upload_reader(upload)) for upload in form.cleaned_data["files"]]
            if form.cleaned_data["text"].strip():
                text = form.cleaned_data["text"]
                sources.append(CopySource(name=PASTED, read=lambda: text))
            results = copy_import_batch(
                sources=sources, user=request.user, language=form.cleaned_data["language"] or None
            )
            for result in results:
                if result.status == "created":
                    self.log_addition(request, result.record, gettext("Imported %(file)s as a draft.") % {"file": result.name})
            if len(results) == 1 and results[0].status == "created":
                messages.success(request, format_html(gettext("{created} Confirm who and what it is about."), created=_message_html(results[0])))
                return redirect(self._confirm_url(results[0].record))
        return TemplateResponse(
            request,
            "admin/copydesk/importrecord/import_copy.html",
            self._context(
                request,
                title=gettext("Import copy"),
                form=form,
                results=[
                    (result, _message_html(result), self._confirm_url(result.record) if result.record else "")
                    for result in results
                ],
                refused=sum(result.status == "refused" for result in results),
                max_megabytes=MAX_COPY_BYTES // (1024 * 1024),
            ),
        )

    def _confirm_url(self, record) -> str:
        return reverse("admin:copydesk_importrecord_change", args=[record.pk])

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The confirmation page: the reporter picks interviewees (with a role), organizations, tags."""
        record = get_object_or_404(ImportRecord.objects.select_related("article", "imported_by"), pk=object_id)
        if not self.has_view_permission(request, record):
            raise PermissionDenied
        can_confirm = self.has_change_permission(request, record)
        if request.method == "POST" and not can_confirm:
            raise PermissionDenied
        form = ConfirmImportForm(request.POST or None, record=record)
        conflict = None
        if request.method == "POST" and form.is_valid():
            try:
                article = copy_import_confirm(record=record, user=request.user, **form.choices())
            except EditConflict as refused:
                # Nothing was changed. The page shows their change; confirming again is deliberate.
                conflict = refused
                form.add_error(None, copy_messages.CONFIRM_CONFLICT)
                form.data = form.data.copy()
                form.data["version"] = refused.article.version
            else:
                return self._confirmed(request, record, article)
        return TemplateResponse(
            request,
            "admin/copydesk/importrecord/confirm.html",
            self._context(
                request,
                title=gettext("Confirm: %(headline)s") % {"headline": isolate(record.article.headline)},
                record=record,
                article=record.article,
                bylines=list(record.article.bylines.select_related("user")),
                form=form,
                conflict=conflict,
                recognition=Recognition.from_dict(record.proposals),
                can_confirm=can_confirm,
                can_add_person=request.user.has_perm("people.add_person"),
                can_add_organization=request.user.has_perm("people.add_organization"),
                edit_url=reverse("admin:articles_article_change", args=[record.article_id]),
                original=record,
            ),
        )

    def _confirmed(self, request, record, article):
        self.log_change(request, record, gettext("Confirmed the proposals on the draft."))
        edit_url = reverse("admin:articles_article_change", args=[article.pk])
        messages.success(
            request,
            format_html(
                gettext("The draft “{headline}” now carries what you confirmed. {link}."),
                headline=format_html("<bdi>{}</bdi>", article.headline),
                link=format_html('<a href="{}">{}</a>', edit_url, gettext("Edit the draft")),
            ),
        )
        proposed = article.quotes.filter(confirmed=False).count()
        if proposed:
            messages.info(request, ngettext(
                "%(count)d quote was found in the copy: check who said it under “Quotes” and confirm it.",
                "%(count)d quotes were found in the copy: check who said each under “Quotes” and confirm them.",
                proposed,
            ) % {"count": proposed})
        return redirect(edit_url)
