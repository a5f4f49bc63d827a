"""The per-language columns of a desk's name (django-modeltranslation), as in ``people/translation.py``."""

from modeltranslation.translator import TranslationOptions, register

from planning.models import Desk


@register(Desk)
class DeskTranslation(TranslationOptions):
    fields = ("name",)
