"""The per-language columns of tags (django-modeltranslation): ``name_en``, ``name_ar``, ``slug_ku``…"""

from modeltranslation.translator import TranslationOptions, register

from articles.models import Tag


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name", "slug")
    # Names and slugs are unique in each language: an empty one is NULL, never a second "".
    empty_values = None
