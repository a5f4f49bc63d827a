"""Staff pages (the admin and /accounts/): the staff member's admin language, and the second factor.

After ``AuthenticationMiddleware`` and django-otp's ``OTPMiddleware`` (which gives
``request.user.is_verified()``). On every admin page and every "My account" page:

* the language the staff member chose is activated (``accounts.preferences``; none chosen: the
  browser's, as ``LocaleMiddleware`` found it). Public pages keep the language of their address;
* a signed-in staff member whose second factor is due (``second_factor.is_satisfied``) is sent to
  give it (``accounts:verify``) or, having none while it is required, to set one up
  (``accounts:setup``). Those two pages, the passkey endpoints and signing out stay open.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from accounts import preferences, second_factor

OPEN_VIEWS = frozenset({"admin:logout", "accounts:verify", "accounts:setup", "accounts:setup-qr"})


def _admin_prefix() -> str:
    return reverse("admin:index")


class StaffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = SimpleLazyObject(_admin_prefix)

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        staff_page = request.path_info.startswith(str(self.admin_prefix)) or "accounts" in match.namespaces
        if not staff_page or "otp_webauthn" in match.namespaces:
            return None
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return None
        language = preferences.session_language(request)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        if match.view_name in OPEN_VIEWS or second_factor.is_satisfied(request):
            return None
        step = "accounts:verify" if second_factor.has_second_factor(user) else "accounts:setup"
        target = request.get_full_path() if request.method == "GET" else reverse("admin:index")
        return HttpResponseRedirect(f"{reverse(step)}?{urlencode({'next': target})}")
