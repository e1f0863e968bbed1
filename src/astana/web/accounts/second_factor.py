"""The second factor (issue 13): a TOTP authenticator and single-use recovery codes
(django-otp), and the one check every action that signs, approves or revokes keys, publishes
or convenes makes before it changes anything.

A process lists the roles whose holders must be verified by a second factor
(``Process.second_factor_roles``). A web session is verified once its user has typed a code
(``OTPMiddleware`` then sets ``user.is_verified()``); an API token is verified when it was made
by a verified session (``ApiToken.verified``). Wrong codes are throttled by django-otp itself:
after each failure the device refuses every code for 1, 2, 4, 8, ... seconds.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from astana.core.actions import Action, guarded_rights
from astana.core.roles import Role
from astana.web.accounts.models import User
from astana.web.common.audit import audit
from astana.web.common.errors import ActionError, Forbidden
from astana.web.processes.models import Process

__all__ = [
    "GUARDED_RIGHTS",
    "RECOVERY_CODES",
    "TwoFactorState",
    "has_second_factor",
    "is_verified",
    "recovery_codes_regenerate",
    "require_second_factor",
    "second_factor_confirm",
    "second_factor_disable",
    "second_factor_roles_set",
    "second_factor_state",
    "verify_code",
]

# The rights used by the actions that sign, approve or revoke keys, publish or convene: the
# action table (astana.core.actions, ``second_factor``) says which; the check goes by action.
GUARDED_RIGHTS = guarded_rights()
RECOVERY_CODES = 10
DEVICE_NAME = "authenticator"


def is_verified(user: User | AnonymousUser) -> bool:
    """True when this request's user typed a second factor (a session through
    ``OTPMiddleware``, or a token made by such a session)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def require_second_factor(
    user: User | AnonymousUser, process: Process, roles: frozenset[Role], action: Action
) -> None:
    """Refuse ``action`` when the process asks a second factor of one of ``roles`` (the user's
    roles there) and the user has not given one. Does nothing for actions the table does not
    guard."""
    if not action.spec.second_factor:
        return
    required = {role for role in roles if role.value in (process.second_factor_roles or [])}
    if not required or is_verified(user):
        return
    page = reverse("accounts:two_factor")
    names = ", ".join(sorted(role.value for role in required))
    if isinstance(user, User) and has_second_factor(user):
        raise Forbidden(
            _(
                "This process asks a second factor of its %(roles)s for %(right)s: enter a code "
                "from your authenticator at %(page)s first."
            )
            % {"roles": names, "right": action.value, "page": reverse("accounts:two_factor_verify")}
        )
    raise Forbidden(
        _(
            "This process asks a second factor of its %(roles)s for %(right)s: set up an "
            "authenticator at %(page)s first."
        )
        % {"roles": names, "right": action.value, "page": page}
    )


def has_second_factor(user: User) -> bool:
    """True when ``user`` has a confirmed authenticator."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


@dataclass(frozen=True)
class TwoFactorState:
    """What the enrolment page shows: an active authenticator, or one waiting for its first
    code (with its secret, in base32 and as the ``otpauth://`` address of the QR code)."""

    active: bool
    recovery_left: int
    secret: str = ""
    address: str = ""


def _pending(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def second_factor_state(user: User) -> TwoFactorState:
    """The user's second factor; prepares a new secret while none is active."""
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    left = static.token_set.count() if static else 0
    if has_second_factor(user):
        return TwoFactorState(active=True, recovery_left=left)
    device = _pending(user)
    secret = b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return TwoFactorState(
        active=False, recovery_left=left, secret=secret, address=str(device.config_url)
    )


def _throttled(device: Device) -> str:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return ""
    until = (data or {}).get("locked_until")
    seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
    return _("Too many wrong codes: this device accepts no code for %(seconds)s more seconds.") % {
        "seconds": seconds
    }


def verify_code(user: User, code: str, *, recovery: bool = True) -> Device:
    """The confirmed device that accepts ``code`` (six digits from the authenticator, or, if
    ``recovery``, one of the recovery codes, used up by this); ``ActionError`` otherwise.
    django-otp throttles each device after a wrong code."""
    code = "".join(code.split()).lower()
    devices: list[Any] = []
    if code.isdigit():
        devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    elif recovery:
        devices = list(StaticDevice.objects.filter(user=user, confirmed=True))
    if not code or len(code) > 16 or not devices:
        raise ActionError(_("This code is not valid."))
    for device in devices:
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            refusal = _throttled(locked)
            if refusal:
                raise ActionError(refusal)
            if locked.verify_token(code):
                return locked
    raise ActionError(_("This code is not valid."))


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def second_factor_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """``second_factor.enable``: the first code from the authenticator activates it; returns
    the device and the recovery codes, shown this once. (Codes are checked outside the
    transaction that writes, so a wrong code's throttling is kept.)"""
    if has_second_factor(user):
        raise ActionError(_("Your authenticator is already active."))
    device = _pending(user)
    refusal = _throttled(device)
    if refusal:
        raise ActionError(refusal)
    code = "".join(code.split())
    if not code.isdigit() or len(code) > 16 or not device.verify_token(code):
        raise ActionError(_("This code is not valid."))
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit(user, Action.SECOND_FACTOR_ENABLE, user, user.pk, recovery_codes=len(codes))
    return device, codes


def recovery_codes_regenerate(*, user: User, code: str) -> list[str]:
    """``recovery_codes.regenerate``: new recovery codes for the old ones, given a current
    code from the authenticator."""
    if not has_second_factor(user):
        raise ActionError(_("Set up an authenticator first."))
    verify_code(user, code, recovery=False)
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit(user, Action.RECOVERY_CODES_REGENERATE, user, user.pk, recovery_codes=len(codes))
    return codes


def second_factor_disable(*, user: User, code: str) -> None:
    """``second_factor.disable``: removes the authenticator and the recovery codes, given a
    current code (from the authenticator or a recovery code)."""
    if not has_second_factor(user):
        raise ActionError(_("Your authenticator is not active."))
    verify_code(user, code)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit(user, Action.SECOND_FACTOR_DISABLE, user, user.pk)


@transaction.atomic
def second_factor_roles_set(*, process_slug: str, roles: list[str]) -> Process:
    """``process.second_factor``: the operator sets which roles of a process must be verified
    by a second factor (an empty list: none). Unknown roles are refused; nothing changes."""
    process = Process.objects.select_for_update().filter(slug=process_slug).first()
    if process is None:
        raise ActionError(f"There is no process {process_slug!r}.")
    known = [role.value for role in Role]
    unknown = [role for role in roles if role not in known]
    if unknown:
        raise ActionError(
            f"Unknown role(s) {', '.join(unknown)}; the roles are {', '.join(known)}."
        )
    previous = list(process.second_factor_roles or [])
    process.second_factor_roles = [role for role in known if role in roles]
    process.save(update_fields=["second_factor_roles"])
    audit(
        None,
        Action.PROCESS_SECOND_FACTOR,
        process,
        process.slug,
        **{"from": previous, "to": process.second_factor_roles},
    )
    return process
