from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from images.body import token_for
from images.models import Image, thumbnail_url
from images.safety import image_prepare, max_pixels, max_upload_bytes
from images.services import image_create, image_delete, image_update
from newsroom import languages
from newsroom.translated import SOURCE, column

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
# The alt text and caption in the editions' other languages (images/translation.py).
TRANSLATED_ALT = [column("alt_text", code) for code in languages.codes() if code != SOURCE]
TRANSLATED_CAPTION = [column("caption", code) for code in languages.codes() if code != SOURCE]


class ImageAdminForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("Picture"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    class Meta:
        model = Image
        fields = ["alt_text", *TRANSLATED_ALT, "caption", *TRANSLATED_CAPTION, "credit", "source", "focal_x", "focal_y"]
        widgets = {
            "alt_text": forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
            "caption": forms.Textarea(attrs={"rows": 3}),
            **{name: forms.Textarea(attrs={"rows": 2, "maxlength": 300}) for name in TRANSLATED_ALT},
            **{name: forms.Textarea(attrs={"rows": 3}) for name in TRANSLATED_CAPTION},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "alt text" and "caption" are the source language's, whatever language the admin speaks.
        for name in ("alt_text", "caption"):
            self.initial[name] = getattr(self.instance, column(name, SOURCE), None) or self.initial.get(name, "")
        for name in (*TRANSLATED_ALT, *TRANSLATED_CAPTION):
            field, code = name.rsplit("_", 1)
            label = _("alt text") if field == "alt_text" else _("caption")
            self.fields[name].label = f"{label} ({languages.name(code)})"  # in the staff's language
            self.fields[name].widget.attrs.update(lang=code, dir=languages.direction(code))
        if self.instance.pk:
            del self.fields["upload"]  # a stored picture is never replaced: upload a new one
        else:
            self.fields["upload"].help_text = gettext(
                "JPEG, PNG, WebP or GIF, up to %(megabytes)s MB and %(megapixels)s megapixels. Location, camera "
                "and all other hidden data are removed before the picture is stored."
            ) % {"megabytes": max_upload_bytes() // (1024 * 1024), "megapixels": f"{max_pixels() / 1_000_000:g}"}

    def clean_upload(self):
        # The safety rule (images.safety) judges the content; its message shows under the field.
        return image_prepare(upload=self.cleaned_data["upload"])


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = ["thumbnail", "alt_text", "caption", "credit", "source", "dimensions", "token", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = [column(f, code) for f in ("caption", "alt_text") for code in languages.codes()] + ["credit", "source"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "crops", "dimensions", "token", "uploaded_by", "created_at"]
    list_per_page = 50

    class Media:
        js = ["admin/js/vendor/jquery/jquery.js", "admin/js/jquery.init.js", "images/admin/images.js"]
        css = {"all": ["images/admin/images.css"]}

    def get_fieldsets(self, request, obj=None):
        text = ["alt_text", *TRANSLATED_ALT, "caption", *TRANSLATED_CAPTION, "credit", "source"]
        if obj is None:
            return [
                (None, {"fields": ["upload", *text]}),
                (_("Focal point"), {"fields": ["focal_x", "focal_y"], "classes": ["collapse"]}),
            ]
        return [
            (None, {"fields": ["preview", *text]}),
            (
                _("Focal point"),
                {
                    "fields": ["focal_x", "focal_y", "crops"],
                    "description": _("Click the picture above to set the point crops keep in view."),
                },
            ),
            (_("Details"), {"fields": ["dimensions", "token", "uploaded_by", "created_at"], "classes": ["collapse"]}),
        ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def get_urls(self):
        view = self.admin_site.admin_view(self.thumbnail_view)
        return [path("<int:object_id>/thumbnail/", view, name="images_image_thumbnail"), *super().get_urls()]

    def thumbnail_view(self, request, object_id):
        """Redirect to an image's thumbnail (the chooser widget shows it after a pick)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return redirect(thumbnail_url(get_object_or_404(self.get_queryset(request), pk=object_id)))

    @admin.display(description=_("Picture"))
    def thumbnail(self, obj):
        return format_html('<img class="image-thumb" src="{}" width="64" height="64" alt="">', thumbnail_url(obj))

    @admin.display(description=_("Size"))
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}"

    @admin.display(description=_("Body token"))
    def token(self, obj):
        return format_html("<code>{}</code>", token_for(obj))

    @admin.display(description=_("Picture"))
    def preview(self, obj):
        whole = obj.renditions_of("original", "webp")
        src = next((r.url for r in reversed(whole) if r.width <= 640), whole[0].url) if whole else obj.file.url
        x, y = obj.focus
        return format_html(
            '<div class="image-focal-preview"><img src="{}" alt="{}">'
            '<span class="image-focal-marker" style="left: {}%; top: {}%"></span></div>',
            src,
            obj.alt_text,
            x,
            y,
        )

    @admin.display(description=_("Crops"))
    def crops(self, obj):
        shown = [
            (found[0].url, label)
            for crop, label in [("wide", "16:9"), ("square", "1:1"), ("social", gettext("Social"))]
            if (found := obj.renditions_of(crop, "jpeg"))
        ]
        figures = format_html_join("", '<figure><img src="{}" alt=""><figcaption>{}</figcaption></figure>', shown)
        return format_html('<div class="image-crops">{}</div>', figures)

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data.get(name) or "" for name in ["alt_text", "caption", "credit", "source"]}
        fields["translations"] = {name: form.cleaned_data.get(name) or "" for name in (*TRANSLATED_ALT, *TRANSLATED_CAPTION)}
        focal = {"focal_x": form.cleaned_data.get("focal_x"), "focal_y": form.cleaned_data.get("focal_y")}
        if change:
            image_update(image=obj, **fields, **focal)
            return
        created = image_create(prepared=form.cleaned_data["upload"], uploaded_by=request.user, **fields, **focal)
        obj.pk = created.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        image_delete(image=obj)

    def delete_queryset(self, request, queryset):
        # The delete confirmation has already refused images still in use (protected keys).
        for image in queryset:
            image_delete(image=image)
