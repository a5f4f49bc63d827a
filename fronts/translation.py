"""The per-language columns of sections (django-modeltranslation): ``name_en``, ``name_ar``, ``name_ku``."""

from modeltranslation.translator import TranslationOptions, register

from fronts.models import Section


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("name", "description")
