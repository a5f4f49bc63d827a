"""The editor's endpoints (JSON, for ``embeds/static/embeds/editor.js``) and the list of embeds.

They live under the embeds' admin page, so the admin's sign-in, second factor and staff check guard
them (``admin_site.admin_view``); each one checks the right it needs: editing stories for all of
them, adding library images for an upload. The rules are in ``embeds.services`` and the image
library's services; these views only translate requests and answers.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.urls import path
from django.utils.translation import gettext, gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from embeds import services
from embeds.models import EditorNote, Embed
from images.models import Image, thumbnail_url
from images.safety import image_prepare
from images.services import image_create
from newsroom import languages
from newsroom.translated import column

IMAGE_RESULTS = 24
ALT_REQUIRED = _("Describe the picture in the alt text: readers who cannot see it depend on it.")
UPLOAD_REQUIRED = _("Choose a picture to upload.")


def _editor_strings() -> dict[str, str]:
    """Every word the editor's buttons and dialogs show, in the staff member's language."""
    return {
        "picture": gettext("Picture from the library"),
        "embed": gettext("Embed a video or post"),
        "pullQuote": gettext("Pull quote"),
        "note": gettext("Editor's note on the selected passage"),
        "search": gettext("Search the library"),
        "searchPlaceholder": gettext("Caption, alt text or credit"),
        "noResults": gettext("No picture matches."),
        "upload": gettext("Upload a new picture"),
        "file": gettext("Picture"),
        "altText": gettext("Alt text (required)"),
        "caption": gettext("Caption"),
        "credit": gettext("Credit / photographer"),
        "insert": gettext("Insert"),
        "uploadInsert": gettext("Upload and insert"),
        "cancel": gettext("Cancel"),
        "close": gettext("Close"),
        "embedUrl": gettext("Address of the video or post (YouTube, Vimeo, X, Facebook, Instagram, SoundCloud …)"),
        "embedding": gettext("Looking up the address…"),
        "working": gettext("Working…"),
        "noteText": gettext("Note for the desk (never published)"),
        "noteSave": gettext("Save note"),
        "noteRemove": gettext("Remove note"),
        "noteNeedsSelection": gettext("Select the passage the note is about first."),
        "count": gettext("%(words)s words · %(characters)s characters"),
        "embedLabel": gettext("Embed"),
        "pictureLabel": gettext("Picture"),
        "failed": gettext("That did not work. Try again."),
    }


def _image_json(image) -> dict:
    return {
        "id": image.pk,
        "thumbnail": thumbnail_url(image),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
    }


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@admin.register(Embed)
class EmbedAdmin(admin.ModelAdmin):
    list_display = ["title_or_url", "provider", "author_name", "has_thumbnail", "fetched_at"]
    list_filter = ["provider"]
    search_fields = ["url", "title", "author_name"]
    readonly_fields = ["url", "provider", "kind", "title", "author_name", "player_url", "fetched_at"]

    def has_add_permission(self, request):
        return False  # an embed is made by the editor's button (embed_resolve)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("title"))
    def title_or_url(self, obj):
        return obj.title or obj.url

    @admin.display(description=_("thumbnail"), boolean=True)
    def has_thumbnail(self, obj):
        return bool(obj.thumbnail)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("editor/strings/", wrap(self.strings_view), name="embeds_editor_strings"),
            path("editor/images/", wrap(self.images_view), name="embeds_editor_images"),
            path("editor/images/upload/", wrap(self.upload_view), name="embeds_editor_upload"),
            path("editor/embed/", wrap(self.embed_view), name="embeds_editor_embed"),
            path("editor/notes/", wrap(self.notes_view), name="embeds_editor_notes"),
            *super().get_urls(),
        ]

    @staticmethod
    def _may_edit(request) -> None:
        if not request.user.has_perm("articles.change_article") and not request.user.has_perm("articles.add_article"):
            raise PermissionDenied

    def strings_view(self, request):
        self._may_edit(request)
        return JsonResponse(_editor_strings())

    @staticmethod
    @require_GET
    def _images(request):
        query = (request.GET.get("q") or "").strip()[:100]
        images = Image.objects.with_renditions()
        if query:
            match = Q(credit__icontains=query) | Q(source__icontains=query)
            for code in languages.codes():
                match |= Q(**{f"{column('alt_text', code)}__icontains": query})
                match |= Q(**{f"{column('caption', code)}__icontains": query})
            images = images.filter(match)
        return JsonResponse({"results": [_image_json(image) for image in images[:IMAGE_RESULTS]]})

    def images_view(self, request):
        self._may_edit(request)
        if not request.user.has_perm("images.view_image"):
            raise PermissionDenied
        return self._images(request)

    def upload_view(self, request):
        self._may_edit(request)
        if not request.user.has_perm("images.add_image"):
            raise PermissionDenied
        return self._upload(request)

    @staticmethod
    @require_POST
    def _upload(request):
        errors: dict[str, list[str]] = {}
        alt_text = (request.POST.get("alt_text") or "").strip()
        if not alt_text:
            errors["alt_text"] = [str(ALT_REQUIRED)]
        upload = request.FILES.get("file")
        prepared = None
        if upload is None:
            errors["file"] = [str(UPLOAD_REQUIRED)]
        else:
            try:
                prepared = image_prepare(upload=upload)
            except ValidationError as error:
                errors["file"] = _errors(error)
        if errors:
            return JsonResponse({"errors": errors}, status=400)
        try:
            image = image_create(
                prepared=prepared,
                alt_text=alt_text,
                caption=request.POST.get("caption") or "",
                credit=request.POST.get("credit") or "",
                uploaded_by=request.user,
            )
        except ValidationError as error:
            return JsonResponse({"errors": {"__all__": _errors(error)}}, status=400)
        return JsonResponse(_image_json(Image.objects.with_renditions().get(pk=image.pk)), status=201)

    def embed_view(self, request):
        self._may_edit(request)
        return self._embed(request)

    @staticmethod
    @require_POST
    def _embed(request):
        try:
            embed = services.embed_resolve(url=request.POST.get("url") or "", user=request.user)
        except ValidationError as error:
            return JsonResponse({"errors": _errors(error)}, status=400)
        return JsonResponse(
            {
                "url": embed.url,
                "provider": embed.provider,
                "title": embed.title,
                "thumbnail": embed.thumbnail.url if embed.thumbnail else "",
            }
        )

    def notes_view(self, request):
        self._may_edit(request)
        if request.method == "POST":
            try:
                note = services.note_save(
                    text=request.POST.get("text") or "", key=request.POST.get("key") or "", user=request.user
                )
            except ValidationError as error:
                return JsonResponse({"errors": _errors(error)}, status=400)
            return JsonResponse({"key": note.key, "text": note.text, "author": _name(note.author)})
        keys = [key for key in (request.GET.get("keys") or "").split(",") if key][:200]
        notes = EditorNote.objects.filter(key__in=keys).select_related("author")
        return JsonResponse({note.key: {"text": note.text, "author": _name(note.author)} for note in notes})
