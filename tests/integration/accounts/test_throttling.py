"""Login throttling (issue 13): 30 wrong passwords lock the account and the address with a
clear message, the right password is then refused until the cool-off has passed; another
account from another address is unaffected; a success resets the counts; a lockout is in the
audit of the rounds the account takes part in; ``astana unlock`` lifts it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings
from typer.testing import CliRunner

from astana.cli import app as astana_cli
from astana.web.accounts.demo import DEMO_PASSWORD
from astana.web.accounts.throttle import client_address
from astana.web.common.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1") -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)
    return response.status_code


def _locked_page(client: Client, lang: str, username: str, address: str) -> str:
    response = client.post(
        f"/{lang}/accounts/login/",
        {"username": username, "password": DEMO_PASSWORD},
        REMOTE_ADDR=address,
    )
    assert response.status_code == 429
    return response.content.decode()


def test_thirty_wrong_passwords_lock_the_account_with_a_message() -> None:
    client = Client()
    statuses = [_login(client, "party2", f"wrong-{i}") for i in range(30)]
    assert statuses[:4] == [200] * 4  # the form again, "did not match"
    assert set(statuses[4:]) == {429}
    page = _locked_page(client, "en", "party2", "10.0.0.1")
    assert "locked for 15 minutes" in page
    assert "did not match" not in page
    assert "_auth_user_id" not in client.session  # the right password was refused
    assert "قفل" in _locked_page(Client(), "ar", "party2", "10.0.0.9")  # the account, anywhere
    assert "заблокирован" in _locked_page(Client(), "ru", "party2", "10.0.0.9")


def test_the_right_password_works_after_the_cool_off() -> None:
    client = Client()
    for i in range(5):
        _login(client, "party2", f"wrong-{i}")
    assert _login(client, "party2", DEMO_PASSWORD) == 429
    with override_settings(AXES_COOLOFF_TIME=timedelta(microseconds=1)):
        assert _login(client, "party2", DEMO_PASSWORD) == 302


def test_another_account_from_another_address_is_unaffected() -> None:
    attacker = Client()
    for i in range(30):
        _login(attacker, "party2", f"wrong-{i}", address="10.0.0.1")
    # The attacker's address is locked for every account ...
    assert _login(attacker, "party1", DEMO_PASSWORD, address="10.0.0.1") == 429
    # ... but party1 from its own address logs in.
    assert _login(Client(), "party1", DEMO_PASSWORD, address="10.0.0.2") == 302


def test_a_success_resets_the_counts() -> None:
    client = Client()
    for i in range(4):
        _login(client, "party2", f"wrong-{i}")
    assert _login(client, "party2", DEMO_PASSWORD) == 302
    assert not AccessAttempt.objects.filter(username="party2").exists()
    client.post("/en/accounts/logout/")
    for i in range(4):  # four more are not five in a row
        assert _login(client, "party2", f"again-{i}") == 200
    assert _login(client, "party2", DEMO_PASSWORD) == 302


def test_a_lockout_is_audited_once_and_the_convener_sees_it(room_round: int) -> None:
    client = Client()
    for i in range(12):
        _login(client, "party2", f"wrong-{i}")
    entries = AuditEntry.objects.filter(action="account.lockout", object_id="party2")
    assert entries.count() == 1  # the lockout, not each refused try
    assert entries.get().detail["locked"] == ["account", "address"]
    convener = Client()
    convener.force_login(_user("convener"))
    page = convener.get(f"/en/rounds/{room_round}/audit/").content.decode()
    assert "account.lockout" in page
    observer = Client()
    observer.force_login(_user("observer"))
    assert "account.lockout" not in observer.get(f"/en/rounds/{room_round}/audit/").content.decode()


def test_astana_unlock_lifts_a_lockout() -> None:
    client = Client()
    for i in range(5):
        _login(client, "party2", f"wrong-{i}", address="10.0.0.1")
    assert _login(Client(), "party2", DEMO_PASSWORD, address="10.0.0.5") == 429
    result = CliRunner().invoke(astana_cli, ["unlock", "party2"])
    assert result.exit_code == 0, result.output
    assert _login(Client(), "party2", DEMO_PASSWORD, address="10.0.0.5") == 302
    # An address that tried five names is locked for every name until it is unlocked.
    for i in range(5):
        _login(client, f"nobody{i}", "wrong", address="10.0.0.3")
    assert _login(Client(), "party3", DEMO_PASSWORD, address="10.0.0.3") == 429
    result = CliRunner().invoke(astana_cli, ["unlock", "--address", "10.0.0.3"])
    assert result.exit_code == 0, result.output
    assert _login(Client(), "party3", DEMO_PASSWORD, address="10.0.0.3") == 302
    assert AuditEntry.objects.filter(action="account.unlock", object_id="party2").exists()
    bad = CliRunner().invoke(astana_cli, ["unlock", "--address", "not-an-address"])
    assert bad.exit_code == 2 and "not an IP address" in bad.output


def test_the_address_behind_a_proxy_comes_from_the_proxy_count() -> None:
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    assert client_address(request) == "192.0.2.1"  # by default the header is not believed
    with override_settings(ASTANA_PROXY_COUNT=1):
        assert client_address(request) == "198.51.100.7"  # what our proxy saw
    with override_settings(ASTANA_PROXY_COUNT=2):
        assert client_address(request) == "203.0.113.9"


def _user(name: str):  # type: ignore[no-untyped-def]
    from astana.web.accounts.models import User

    return User.objects.get(username=name)


@pytest.fixture
def room_round() -> int:
    from astana.web.accounts.demo import DEMO_PROCESS
    from astana.web.processes.models import Round

    return (
        Round.objects.filter(process__slug=DEMO_PROCESS)
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )


def test_a_failed_login_keeps_no_password_or_csrf_token() -> None:
    client = Client()
    client.get(LOGIN)
    client.post(
        LOGIN,
        {"username": "party2", "password": "hunter2-secret", "csrfmiddlewaretoken": "tok-123"},
        REMOTE_ADDR="10.0.0.7",
    )
    row = AccessAttempt.objects.get(username="party2", ip_address="10.0.0.7")
    assert "hunter2-secret" not in row.post_data and "tok-123" not in row.post_data
