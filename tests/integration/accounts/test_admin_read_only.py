"""The admin is no way around the actions: for the secretariat's staff and for superusers alike
it shows the records read-only. Memberships, participations, sessions and their minutes'
publication, logins and passwords change only through the actions (checked, audited,
versioned) or the checked data files; every write tried through ``/admin/`` is refused and
changes nothing. The admin shows no confidential content (unpublished minutes) either."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client, RequestFactory

from astana.core.roles import Role
from astana.web.accounts.access import roles_in_process
from astana.web.accounts.actions import user_create
from astana.web.accounts.demo import DEMO_PASSWORD
from astana.web.accounts.models import User
from astana.web.negotiation import actions as room
from astana.web.processes.models import (
    Organisation,
    Participation,
    Person,
    Process,
    Round,
    Session,
)

pytestmark = pytest.mark.django_db

STAFF = ["secretariat", "root"]
# The apps whose records the admin may show at all; nothing of the room (caucus notes, drafts,
# proposals, positions), the decisions, the signing record, consultations or API tokens.
SHOWN_APPS = {"processes", "accounts"}


@pytest.fixture
def root(db: None) -> User:
    return User.objects.create_superuser("root", "root@example.org", DEMO_PASSWORD)


def _client(name: str) -> Client:
    client = Client()
    assert client.login(username=name, password=DEMO_PASSWORD)
    return client


def _rows(model: type[models.Model]) -> list[dict[str, Any]]:
    return list(model._default_manager.order_by("pk").values())


def _database() -> dict[str, list[dict[str, Any]]]:
    """Every row of the records and logins, many-to-many links included."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for model in [*apps.get_app_config("processes").get_models(), User]:
        tables[model._meta.label] = _rows(model)
        for field in model._meta.many_to_many:
            through = field.remote_field.through  # type: ignore[union-attr]
            tables[through._meta.label] = _rows(through)
    for label in ("common.AuditEntry", "signing.DelegateKey", "signing.DocumentSignature"):
        tables[label] = _rows(apps.get_model(label))
    tables["negotiation.TextRevision"] = list(
        apps.get_model("negotiation.TextRevision").objects.order_by("pk").values("pk", "document")
    )
    return tables


def _form(obj: models.Model, **changes: Any) -> dict[str, Any]:
    """What the admin's change form of ``obj`` would post, with ``changes``."""
    data: dict[str, Any] = {"_save": "Save"}
    for field in obj._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, models.DateTimeField):
            data[f"{field.name}_0"] = value.date().isoformat() if value else ""
            data[f"{field.name}_1"] = value.time().strftime("%H:%M:%S") if value else ""
        elif isinstance(field, models.BooleanField):
            if value:
                data[field.name] = "on"
        else:
            data[field.name] = "" if value is None else value
    for field in obj._meta.many_to_many:
        data[field.name] = [o.pk for o in getattr(obj, field.name).all()]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _inline(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def _refused(client: Client, url: str, data: dict[str, Any]) -> None:
    before = _database()
    response = client.post(url, data)
    assert response.status_code in (403, 404), (url, response.status_code)
    assert _database() == before, url


def _live_session(sandbox: Round) -> Session:
    session = Session.objects.get(round=sandbox, number=1)
    assert session.is_open and session.minutes_published_at is None
    return session


@pytest.mark.parametrize("name", STAFF)
def test_nobody_joins_a_delegation_through_the_admin(root: User, name: str) -> None:
    client = _client(name)
    person = Person.objects.get(slug="demo-secretariat")
    delegation = Organisation.objects.get(slug="syrian-national-coalition")
    membership = {"organisation": delegation.pk, "person": person.pk, "id": "", "start": "2026"}
    inline = _form(person) | _inline("memberships", [membership])
    _refused(client, f"/admin/processes/person/{person.pk}/change/", inline)
    direct = {"person": person.pk, "organisation": delegation.pk, "start": "2026"}
    _refused(client, "/admin/processes/membership/add/", direct)
    # Nor by taking over a delegate's person: the login a person belongs to is not editable.
    delegate = Person.objects.get(slug="demo-party1")
    me = User.objects.get(username=name)
    _refused(
        client,
        f"/admin/processes/person/{delegate.pk}/change/",
        _form(delegate, user=me.pk) | _inline("memberships", []),
    )
    process = Process.objects.get(slug="astana-platform")
    assert Role.PARTY not in roles_in_process(User.objects.get(username="secretariat"), process)


@pytest.mark.parametrize("name", STAFF)
def test_nobody_publishes_minutes_or_closes_a_session_through_the_admin(
    sandbox: Round, root: User, name: str
) -> None:
    session = _live_session(sandbox)
    url = f"/admin/processes/session/{session.pk}/change/"
    now = dt.datetime(2026, 5, 25, 12, 0, 0)
    agenda = _inline("agenda", [])
    published = _form(
        session,
        minutes_published_at_0=now.date().isoformat(),
        minutes_published_at_1="12:00:00",
    )
    _refused(_client(name), url, published | agenda)
    _refused(_client(name), url, _form(session, is_open=None, version=99) | agenda)
    _refused(_client(name), f"/admin/processes/session/{session.pk}/delete/", {"post": "yes"})
    assert Session.objects.get(pk=session.pk).minutes_published_at is None


@pytest.mark.parametrize("name", STAFF)
def test_nobody_changes_a_role_or_a_round_through_the_admin(
    sandbox: Round, root: User, name: str
) -> None:
    client = _client(name)
    process = Process.objects.get(slug="astana-platform")
    secretariat = Participation.objects.get(
        process=process, organisation__slug="astana-platform-secretariat"
    )
    row = {
        "id": secretariat.pk,
        "process": process.pk,
        "organisation": secretariat.organisation_id,
        "role": Role.PARTY.value,
        "start": secretariat.start,
        "end": secretariat.end,
        "is_sandbox": "on",
    }
    url = f"/admin/processes/process/{process.pk}/change/"
    _refused(client, url, _form(process) | _inline("participations", [row], initial=1))
    added = row | {"id": "", "role": Role.MEDIATOR.value}
    _refused(client, url, _form(process) | _inline("participations", [added]))
    round_url = f"/admin/processes/round/{sandbox.pk}/change/"
    concluded = _form(sandbox, state=Round.State.CONCLUDED) | _inline("sessions", [])
    _refused(client, round_url, concluded)
    another = _form(process, slug="another") | _inline("participations", [])
    _refused(client, "/admin/processes/process/add/", another)


def test_a_superuser_cannot_manage_logins_through_the_admin(root: User) -> None:
    client = _client("root")
    party = User.objects.get(username="party1")
    _refused(
        client,
        f"/admin/accounts/user/{party.pk}/password/",
        {"password1": "a-new-password-42", "password2": "a-new-password-42"},
    )
    staff = {"is_staff": "on", "is_superuser": "on", "password": None}
    _refused(client, f"/admin/accounts/user/{party.pk}/change/", _form(party, **staff))
    _refused(
        client,
        "/admin/accounts/user/add/",
        {"username": "intruder", "password1": "a-long-pass-42", "password2": "a-long-pass-42"},
    )
    _refused(client, f"/admin/accounts/user/{party.pk}/delete/", {"post": "yes"})
    assert _client("party1")  # the password is unchanged


@pytest.mark.parametrize(
    "model",
    [
        "common/auditentry",
        "negotiation/textrevision",
        "negotiation/caucusnote",
        "negotiation/textproposal",
        "signing/delegatekey",
        "signing/documentsignature",
        "auth/group",
    ],
)
@pytest.mark.parametrize("name", STAFF)
def test_the_records_of_the_actions_are_not_in_the_admin(
    sandbox: Round, root: User, name: str, model: str
) -> None:
    client = _client(name)
    assert client.get(f"/admin/{model}/").status_code == 404
    _refused(client, f"/admin/{model}/add/", {"round": sandbox.pk, "action": "x", "name": "x"})
    _refused(client, f"/admin/{model}/1/change/", {"document": "{}", "state": "approved"})


def test_every_registered_model_is_read_only_even_for_a_superuser(root: User) -> None:
    request = RequestFactory().get("/admin/")
    request.user = root
    assert admin.site._registry, "the admin shows the records"
    for model, model_admin in admin.site._registry.items():
        assert model._meta.app_label in SHOWN_APPS, model
        inlines = model_admin.get_inline_instances(request)
        for each in [model_admin, *inlines]:
            label = f"{model._meta.label} ({type(each).__name__})"
            assert not each.has_add_permission(request, None), label  # type: ignore[arg-type]
            assert not each.has_change_permission(request), label
            assert not each.has_delete_permission(request), label
            assert each.has_view_permission(request), label
        assert not model_admin.get_actions(request), model


def test_staff_hold_only_the_right_to_read_the_records() -> None:
    clerk = user_create(username="clerk", password="a-long-password-1", name="Clerk", staff=True)
    for user in [User.objects.get(username="secretariat"), clerk]:
        user = User.objects.get(pk=user.pk)  # no cached permissions
        held = user.get_all_permissions()
        assert held and all(p.startswith("processes.view_") for p in held), held


@pytest.mark.parametrize("name", STAFF)
def test_the_admin_pages_render_read_only(sandbox: Round, root: User, name: str) -> None:
    client = _client(name)
    for model in admin.site._registry:
        if name != "root" and model._meta.app_label != "processes":
            continue
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(base)
        assert response.status_code == 200, base
        obj = model._default_manager.order_by("-pk").first()
        if obj is None:
            continue
        page = client.get(f"{base}{obj.pk}/change/")
        assert page.status_code == 200, base
        html = page.content.decode()
        for field in ('name="_save"', "<textarea", "<select", 'type="text"', 'type="checkbox"'):
            assert field not in html, (base, field)
        assert client.get(f"{base}add/").status_code == 403, base


@pytest.mark.parametrize("name", STAFF)
def test_the_admin_shows_minutes_only_once_published(sandbox: Round, root: User, name: str) -> None:
    session = _live_session(sandbox)

    def _act(action: Any, username: str, **kwargs: Any) -> None:
        version = Session.objects.get(pk=session.pk).version
        action(
            user=User.objects.get(username=username),
            round_id=sandbox.pk,
            number=1,
            based_on=version,
            **kwargs,
        )

    _act(
        room.session_record,
        "secretariat",
        agenda=[],
        agenda_language="en",
        attendance=[],
        minutes={"en": "The delegations quarrelled."},
    )
    client = _client(name)
    url = f"/admin/processes/session/{session.pk}/change/"
    html = client.get(url).content.decode()
    assert "quarrelled" not in html
    assert "Not published" in html
    _act(room.session_close, "host")
    _act(room.session_publish_minutes, "convener")
    html = client.get(url).content.decode()
    assert "The delegations quarrelled." in html
    assert "Not published" not in html
