from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget
from django.urls import reverse

from images.models import thumbnail_url


class ImageChooserWidget(ForeignKeyRawIdWidget):
    """A foreign key to a library image, chosen from the image list (thumbnails, search by caption
    and credit) through the admin's lookup popup, with a thumbnail of the chosen picture.

    ``widgets = {"lead_image": ImageChooserWidget(Article._meta.get_field("lead_image"))}``
    """

    template_name = "images/widgets/image_chooser.html"

    def __init__(self, field, admin_site=None, attrs=None, using=None):
        attrs = {**(attrs or {}), "class": "vForeignKeyRawIdAdminField image-chooser"}
        super().__init__(field.remote_field, admin_site or admin.site, attrs, using)

    class Media:
        js = ["admin/js/vendor/jquery/jquery.js", "admin/js/jquery.init.js", "images/admin/images.js"]
        css = {"all": ["images/admin/images.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        if str(value or "").isdigit():
            image = self.rel.model._default_manager.using(self.db).with_renditions().filter(pk=value).first()
        context["thumbnail"] = thumbnail_url(image) if image else ""
        context["thumbnail_url_template"] = reverse(
            "admin:images_image_thumbnail", args=[0], current_app=self.admin_site.name
        ).replace("/0/", "/__id__/")
        return context
