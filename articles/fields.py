from django_prose_editor.fields import ProseEditorField

from articles.html import BODY_EXTENSIONS, sanitize_html


class SanitizedHTMLField(ProseEditorField):
    """Rich text edited with ProseMirror in the admin, sanitized on every save.

    ``ProseEditorField`` cleans in ``full_clean()`` only; sanitizing again in ``pre_save`` means that
    no path (admin, import, shell, seed) can store unsanitized HTML.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize_html)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("extensions", None)
        kwargs.pop("sanitize", None)
        return name, "django.db.models.TextField", args, kwargs
