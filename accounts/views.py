"""Staff sign-in's second step, setting up a second factor, and "My account".

The password step is the admin's own login page (django-axes counts its failures); once it has
passed, ``accounts.middleware.StaffMiddleware`` sends anyone whose second factor is still due here.
Views only show and delegate: the rules are in ``accounts.second_factor`` and
``accounts.preferences``.
"""

import base64
import io

import segno
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from accounts import preferences, second_factor
from accounts.forms import AdminLanguageForm, AppCodeForm, CodeForm


def _next_url(request) -> str:
    """Where to go once the second factor is done: the page asked for, if it is ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _context(request, **extra):
    """The admin's frame; its menus only for a session that may use the admin."""
    context = admin.site.each_context(request)
    if not second_factor.is_satisfied(request):
        context.update(has_permission=False, available_apps=[], is_nav_sidebar_enabled=False)
    return {**context, "next": _next_url(request), **extra}


@never_cache
@staff_member_required
def verify(request):
    """The second step of signing in: a code from the app, a recovery code, or a passkey."""
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    if not second_factor.has_second_factor(user):
        return redirect(f"{reverse('accounts:setup')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            second_factor.code_verify(request=request, code=form.cleaned_data["code"])
        except second_factor.Throttled as refusal:
            form.add_error("code", refusal)
            wait = refusal.seconds
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            return HttpResponseRedirect(_next_url(request))
    passkeys = WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    context = _context(request, form=form, passkeys=passkeys, title=_("Second step of signing in"))
    return _throttled(render(request, "accounts/verify.html", context), wait)


@never_cache
@staff_member_required
def setup(request):
    """Set up an authenticator app (or a passkey): offered to all staff, required for editors."""
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:verify')}?next={_next_url(request)}")
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        messages.info(request, _("Your authenticator app is already set up."))
        return redirect("accounts:account")
    device = second_factor.totp_pending(user)
    form = AppCodeForm(request.POST or None)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.totp_confirm(request=request, code=form.cleaned_data["code"])
        except second_factor.Throttled as refusal:
            form.add_error("code", refusal)
            wait = refusal.seconds
        except ValidationError as refusal:
            form.add_error("code", refusal)
        else:
            if codes:
                return _show_recovery_codes(request, codes)
            messages.success(request, _("Your authenticator app is set up."))
            return HttpResponseRedirect(_next_url(request))
    context = _context(
        request,
        form=form,
        secret=" ".join(_base32(device.bin_key)[i : i + 4] for i in range(0, 32, 4)),
        required=second_factor.requires_second_factor(user),
        may_add_passkey=True,
        title=_("Set up your second factor"),
    )
    return _throttled(render(request, "accounts/setup.html", context), wait)


def _throttled(response, wait: int | None):
    """A page refusing a code because the device is resting: 429 with Retry-After."""
    if wait is not None:
        response.status_code = 429
        response["Retry-After"] = str(wait)
    return response


def _base32(key: bytes) -> str:
    return base64.b32encode(key).decode()


@never_cache
@staff_member_required
def setup_qr(request):
    """The QR code of the app being set up (an SVG, never cached, for its own user only)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).order_by("pk").first()
    if device is None:
        return HttpResponse(status=404)
    svg = io.BytesIO()
    # A standalone SVG document (with its namespace): browsers show nothing in an <img> without it.
    segno.make(device.config_url, error="m").save(svg, kind="svg", scale=5, border=2, dark="#000", light="#fff", xmldecl=False)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


def _show_recovery_codes(request, codes):
    context = _context(request, codes=codes, title=_("Your recovery codes"))
    return render(request, "accounts/recovery_codes.html", context)


@never_cache
@staff_member_required
def account(request):
    """My account: the admin language, the second factors, recovery codes."""
    user = request.user
    form = AdminLanguageForm(
        request.POST or None, initial={"admin_language": preferences.admin_language(user)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            preferences.admin_language_set(
                user=user, language=form.cleaned_data["admin_language"], session=request.session
            )
        except ValidationError as refusal:
            form.add_error("admin_language", refusal)
        else:
            messages.success(request, _("Your admin language is saved."))
            return redirect("accounts:account")
    context = _context(
        request,
        form=form,
        apps=TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"),
        passkeys=WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("pk"),
        recovery_codes_left=second_factor.recovery_codes_left(user),
        required=second_factor.requires_second_factor(user),
        may_add_passkey=True,
        title=_("My account"),
    )
    return render(request, "accounts/account.html", context)


@require_POST
@staff_member_required
def recovery_codes(request):
    """A new sheet of recovery codes, shown once (the old sheet stops working)."""
    return _show_recovery_codes(request, second_factor.recovery_codes_make(user=request.user))


@require_POST
@staff_member_required
def device_remove(request, kind, pk):
    try:
        second_factor.device_remove(request=request, device_id=pk, kind=kind)
    except (ValidationError, TOTPDevice.DoesNotExist, WebAuthnCredential.DoesNotExist) as refusal:
        messages.error(request, " ".join(getattr(refusal, "messages", [_("No such device.")])))
    else:
        messages.success(request, _("Removed."))
    return redirect("accounts:account")

