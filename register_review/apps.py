from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterReviewConfig(AppConfig):
    name = "register_review"
    verbose_name = _("Reviewed changes to people and organizations")
