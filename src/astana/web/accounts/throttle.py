"""Login throttling with django-axes: who the client is, what a locked-out login answers, and
the audit entry a new lockout writes.

Axes counts failed logins by user name and by address (settings ``AXES_*``); at the limit,
both are refused until the cool-off has passed since the last failure, the right password
included. The refusal is the login page saying for how many minutes (429), not a bare 403.
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

__all__ = ["Lockout", "LockoutBackend", "client_address", "lockout_of", "lockout_response"]


def client_address(request: HttpRequest) -> str:
    """The client's address: the connection's, or, behind ``ASTANA_PROXY_COUNT`` proxies that
    each append the address they saw to X-Forwarded-For, the one the outermost proxy saw.
    Whatever a client writes into the header itself stays to the left and is never read."""
    remote = str(request.META.get("REMOTE_ADDR") or "")
    count = int(getattr(settings, "ASTANA_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    candidate = forwarded[-count] if len(forwarded) >= count else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class LockoutBackend(AxesStandaloneBackend):  # type: ignore[misc]
    """Axes' check before the password is: a locked-out user name or address is refused.

    ``authenticate`` without a request (the test client's ``login``, a script) has no address
    to count by and passes through to the next backend; every login over the web (the login
    page, the admin's) hands Django its request."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        super().authenticate(request, username, password, **kwargs)
        return None


@dataclass(frozen=True)
class Lockout:
    """What is locked (the account, the address, or both) and until when."""

    account: bool
    address: bool
    until: datetime

    @property
    def minutes(self) -> int:
        """Minutes left, rounded up (at least 1)."""
        left = (self.until - timezone.now()).total_seconds()
        return max(1, math.ceil(left / 60))


def lockout_of(request: HttpRequest, credentials: dict[str, Any] | None = None) -> Lockout | None:
    """The lockout the request's user name or address is under, if any."""
    cool_off = get_cool_off(request) or timedelta(0)
    limit = get_failure_limit(request, credentials)
    now = timezone.now()
    username = get_client_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    ends: dict[str, datetime] = {}
    for what, field, value in (
        ("account", "username", username),
        ("address", "ip_address", address),
    ):
        if not value:
            continue
        found = AccessAttempt.objects.filter(
            **{field: value}, attempt_time__gte=now - cool_off
        ).aggregate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        if (found["total"] or 0) >= limit and found["last"] is not None:
            ends[what] = found["last"] + cool_off
    if not ends:
        return None
    return Lockout(account="account" in ends, address="address" in ends, until=max(ends.values()))


def lockout_response(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, saying for how many minutes logins are refused (429)."""
    lockout = lockout_of(request, credentials)
    minutes = (
        lockout.minutes
        if lockout
        else math.ceil((get_cool_off(request) or timedelta(minutes=1)).total_seconds() / 60)
    )
    username = get_client_username(request, credentials) or ""
    form = AuthenticationForm(request, initial={"username": username[:150]})
    next_url = request.POST.get("next", "") if request.method == "POST" else ""
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url, "lockout_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def _on_locked_out(sender: Any, request: HttpRequest, username: str | None, **kwargs: Any) -> None:
    """A new lockout (the failure that reached the limit, not a refused try during one) is
    written to the audit log."""
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    from astana.web.accounts.actions import account_lockout

    lockout = lockout_of(request)
    account_lockout(
        username=username or "",
        account=lockout.account if lockout else True,
        address=lockout.address if lockout else False,
        minutes=lockout.minutes if lockout else 0,
    )


def connect() -> None:
    """Called once by the app's ``ready``."""
    from axes.signals import user_locked_out

    user_locked_out.connect(_on_locked_out, dispatch_uid="astana.account.lockout")
