from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontsConfig(AppConfig):
    name = "fronts"
    verbose_name = _("Sections and front pages")
