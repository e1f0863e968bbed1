"""An authenticator for the tests of the second factor: real TOTP codes computed from a
device's key, a user enrolled through the action, and a password login."""

from __future__ import annotations

import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from astana.web.accounts.models import User
from astana.web.accounts.second_factor import second_factor_confirm, second_factor_state
from astana.web.demo import DEMO_PASSWORD

PAGE = "/en/accounts/two-factor/"
VERIFY = "/en/accounts/two-factor/verify/"


def code_of(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the authenticator shows now (or ``steps_ahead`` periods of 30 s later: a code
    is accepted once, so a second login in the same period needs the next one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrolled(username: str) -> tuple[User, TOTPDevice, list[str]]:
    """``username`` with an active authenticator and its recovery codes."""
    user = User.objects.get(username=username)
    second_factor_state(user)
    pending = TOTPDevice.objects.get(user=user, confirmed=False)
    device, codes = second_factor_confirm(user=user, code=code_of(pending))
    return user, device, codes


def password_login(username: str) -> tuple[Client, str]:
    client = Client()
    response = client.post("/en/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client, response["Location"]
