"""The per-language columns of people and organizations (django-modeltranslation).

``name`` gets ``name_en``, ``name_ar``, ``name_ku`` (one per edition of ``newsroom.languages``), and so
on; reading ``person.name`` gives the active language's, or the first language that has one
(``MODELTRANSLATION_FALLBACK_LANGUAGES``). docs/CONTENT-MODEL.md says why columns.
"""

from modeltranslation.translator import TranslationOptions, register

from people.models import Affiliation, Organization, Person


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "bio")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Affiliation)
class AffiliationTranslation(TranslationOptions):
    fields = ("role",)
