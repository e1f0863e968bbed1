"""The second factor's pages: the enrolment page (``/<lang>/accounts/two-factor/``: set up an
authenticator from a QR code or its secret, confirm it with a first code, get recovery codes,
regenerate them, turn it off) and the code asked after a password login. The writes are in
:mod:`astana.web.accounts.second_factor`."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from astana.web.accounts.models import User
from astana.web.accounts.second_factor import (
    has_second_factor,
    is_verified,
    recovery_codes_regenerate,
    second_factor_confirm,
    second_factor_disable,
    second_factor_state,
    verify_code,
)
from astana.web.common.errors import ActionError

__all__ = ["SecondFactorLoginView", "two_factor", "two_factor_verify"]


def _safe_next(request: HttpRequest, target: str) -> str:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return str(resolve_url(settings.LOGIN_REDIRECT_URL))


class SecondFactorLoginView(LoginView):
    """The password login; a user with an authenticator is then asked for a code."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if isinstance(user, User) and has_second_factor(user):
            verify = reverse("accounts:two_factor_verify")
            return HttpResponseRedirect(f"{verify}?{urlencode({'next': self.get_success_url()})}")
        return response


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator, or a recovery code (used up by this)."""
    user: User = request.user  # type: ignore[assignment]
    target = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    error = ""
    if request.method == "POST":
        try:
            device = verify_code(user, request.POST.get("code", ""))
        except ActionError as refusal:
            error = str(refusal)
        else:
            otp_login(request, device)
            return HttpResponseRedirect(target)
    context = {
        "next": target,
        "error": error,
        "active": has_second_factor(user),
        "verified": is_verified(user),
    }
    return render(request, "accounts/two_factor_verify.html", context, status=400 if error else 200)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up, confirm, regenerate recovery codes for, or turn off the authenticator."""
    user: User = request.user  # type: ignore[assignment]
    error = ""
    codes: list[str] = []
    status = 200
    if request.method == "POST":
        step = request.POST.get("step", "")
        code = request.POST.get("code", "")
        try:
            if step == "confirm":
                device, codes = second_factor_confirm(user=user, code=code)
                otp_login(request, device)
            elif step == "recovery":
                codes = recovery_codes_regenerate(user=user, code=code)
            elif step == "disable":
                second_factor_disable(user=user, code=code)
                return HttpResponseRedirect(reverse("accounts:two_factor"))
            else:
                raise ActionError(_("Choose what to do with your authenticator."))
        except ActionError as refusal:
            error, status = str(refusal), 400
    state = second_factor_state(user)
    qr = ""
    if state.address:
        qr = mark_safe(segno.make(state.address, error="m").svg_inline(scale=4, dark="#000"))
    context = {
        "state": state,
        "qr": qr,
        "codes": codes,
        "error": error,
        "verified": is_verified(user),
    }
    return render(request, "accounts/two_factor.html", context, status=status)
