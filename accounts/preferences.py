"""The staff member's admin language: kept in their session from sign-in on, activated for every
admin page they open (``accounts.middleware.StaffMiddleware``). The public site keeps the language of
its address (/ar/, /en/, /ku/) whatever this says."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import StaffPreference
from newsroom import languages

SESSION_KEY = "admin_language"
UNKNOWN_LANGUAGE = _("Choose one of the languages offered.")


def admin_language(user) -> str:
    """The user's chosen admin language, or "" for the browser's."""
    preference = StaffPreference.objects.filter(user=user).values_list("admin_language", flat=True).first()
    return preference or ""


def admin_languages(users) -> dict[int, str]:
    """The chosen admin language of each of ``users`` who chose one, by user id: one query."""
    chosen = StaffPreference.objects.filter(user__in=[user.pk for user in users]).exclude(admin_language="")
    return dict(chosen.values_list("user_id", "admin_language"))


def remember_language_on_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in``: keep the preference in the new session (no query per admin page)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = admin_language(user)


@transaction.atomic
def admin_language_set(*, user, language: str, session=None) -> StaffPreference:
    """Choose ``user``'s admin language ("" for the browser's); the current session follows at once."""
    if language and language not in languages.codes():
        raise ValidationError(UNKNOWN_LANGUAGE)
    preference, _created = StaffPreference.objects.get_or_create(user=user)
    preference.admin_language = language
    preference.full_clean()
    preference.save()
    if session is not None:
        session[SESSION_KEY] = language
    return preference


def session_language(request) -> str:
    """The admin language kept in this session ("" when none is chosen)."""
    session = getattr(request, "session", None)
    language = session.get(SESSION_KEY, "") if session is not None else ""
    return language if language in languages.codes() else ""
