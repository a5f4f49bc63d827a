from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CopydeskConfig(AppConfig):
    name = "copydesk"
    verbose_name = _("Copy desk")
