"""The per-language columns of a picture's words (django-modeltranslation): ``alt_text_ar``, ``caption_ku``…"""

from modeltranslation.translator import TranslationOptions, register

from images.models import Image


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")
