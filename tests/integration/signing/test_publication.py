"""``revision.publish``: the convener, and nobody else, publishes a signed revision, based on the
text's current version, through the page, the API or the action; the publication is audited
and appended to the log; a refused one (nothing signed, already published, stale, another
role) changes nothing. Once published, the public gets the text, the bundle and the PDF."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from astana.core.bundle import verify_bundle
from astana.core.ledger import LogEntry, audit_log
from astana.web.accounts.models import User
from astana.web.api.tokens import token_create
from astana.web.common.errors import ActionError, Forbidden, NotFound, Stale
from astana.web.common.models import AuditEntry
from astana.web.negotiation import actions as room
from astana.web.negotiation.models import NegotiationText
from astana.web.signing import actions, log
from astana.web.signing.models import Checkpoint, LogLeaf, RevisionPublication

from .conftest import OUTSIDERS, READERS, RESERVATION, TITLE, client_of, sign

pytestmark = pytest.mark.django_db


def _state(text: NegotiationText) -> tuple[int, ...]:
    text.refresh_from_db()
    return (
        RevisionPublication.objects.count(),
        LogLeaf.objects.count(),
        AuditEntry.objects.filter(round=text.round).count(),  # not the tokens made here
        text.version,
    )


def publish(role: str, text: NegotiationText, based_on: int | None = None) -> object:
    text.refresh_from_db()
    return actions.revision_publish(
        user=User.objects.get(username=role),
        text_id=text.pk,
        revision=1,
        based_on=text.version if based_on is None else based_on,
    )


def api_post(role: str, url: str, body: object) -> object:
    headers = {}
    if role != "anonymous":
        _, token = token_create(user=User.objects.get(username=role), name="test")
        headers["Authorization"] = f"Bearer {token}"
    return Client().post(url, json.dumps(body), content_type="application/json", headers=headers)


def test_nothing_signed_is_nothing_to_publish(agreed: NegotiationText) -> None:
    before = _state(agreed)
    with pytest.raises(ActionError, match=r"Nobody has signed Rev\.1: there is nothing to publish"):
        publish("convener", agreed)
    with pytest.raises(NotFound, match=r"no Rev\.4"):
        actions.revision_publish(
            user=User.objects.get(username="convener"),
            text_id=agreed.pk,
            revision=4,
            based_on=agreed.version,
        )
    assert _state(agreed) == before


def test_only_the_convener_publishes_and_refusals_change_nothing(agreed: NegotiationText) -> None:
    sign(agreed, "party1")
    User.objects.create_user(username="outsider2", password="x")
    before = _state(agreed)
    for role in [r for r in READERS if r != "convener"]:
        with pytest.raises(Forbidden):
            publish(role, agreed)
    with pytest.raises(NotFound):
        publish("outsider2", agreed)
    assert _state(agreed) == before


def test_a_stale_publication_is_refused_with_what_changed(agreed: NegotiationText) -> None:
    sign(agreed, "party1")
    agreed.refresh_from_db()
    seen = agreed.version
    room.position_set(
        user=User.objects.get(username="party2"),
        text_id=agreed.pk,
        based_on=agreed.version,
        provision="art_1__para_1",
        stance="support_with_reservation",
        reservation="Subject to our leadership.",
    )
    before = _state(agreed)
    with pytest.raises(Stale) as refused:
        publish("convener", agreed, based_on=seen)
    assert refused.value.changes, "the refusal says what changed"
    assert _state(agreed) == before


def test_the_publication_is_audited_logged_and_opens_the_record(agreed: NegotiationText) -> None:
    sign(agreed, "party1", reservation=RESERVATION)
    anonymous = client_of("anonymous")
    assert anonymous.get(f"/en/record/bundles/{agreed.pk}/1.json").status_code == 404
    before = _state(agreed)
    publication = publish("convener", agreed)
    assert isinstance(publication, RevisionPublication)
    after = _state(agreed)
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    entry = LogEntry.parse(publication.entry.data)
    assert entry.event == "document.published"
    assert entry.attribute("document") == agreed.document_id
    assert entry.attribute("revision-sha256") == agreed.revisions.get(number=1).sha256
    assert (entry.attribute("parties-signed"), entry.attribute("parties")) == ("1", "3")
    assert entry.attribute("published-by") == "convener"
    audited = AuditEntry.objects.get(action="revision.publish")
    assert audited.actor.username == "convener" and audited.detail["revision"] == 1
    leaves = [leaf.data.encode() for leaf in LogLeaf.objects.order_by("index")]
    notes = [c.note for c in Checkpoint.objects.order_by("size")]
    assert audit_log(leaves, notes, log.log_verifier()).ok

    bundle = anonymous.get(f"/en/record/bundles/{agreed.pk}/1.json")
    assert bundle.status_code == 200
    assert verify_bundle(json.loads(bundle.content), log_key=log.log_verifier()).ok
    assert anonymous.get(f"/en/record/signed/{agreed.pk}/1.pdf").status_code == 200
    page = anonymous.get("/en/record/").content.decode()
    assert TITLE in page and RESERVATION in page and "1 of 3 parties signed Rev.1" in page
    entries = anonymous.get(f"/api/log/entries?start={publication.entry.index - 3}").json()
    assert all(e["data"] for e in entries)
    for role in [*READERS, *OUTSIDERS]:
        client = client_of(role)
        assert client.get(f"/en/record/bundles/{agreed.pk}/1.json").status_code == 200, role
        assert client.get(f"/api/log/bundles/{agreed.pk}/1").status_code == 200, role
        assert RESERVATION in client.get("/en/record/").content.decode(), role

    with pytest.raises(ActionError, match="already published"):
        publish("convener", agreed)
    assert _state(agreed) == after
    # a signature after publication is public at once, and counted
    sign(agreed, "party2")
    assert "2 of 3 parties signed Rev.1" in anonymous.get("/en/record/").content.decode()


def test_publish_through_the_api(agreed: NegotiationText) -> None:
    url = f"/api/texts/{agreed.pk}/revisions/1/publish"
    agreed.refresh_from_db()
    nothing = api_post("convener", url, {"based_on": agreed.version})
    assert nothing.status_code == 400 and "nothing to publish" in nothing.json()["error"]  # type: ignore[attr-defined]
    sign(agreed, "party1")
    agreed.refresh_from_db()
    before = _state(agreed)
    User.objects.create_user(username="outsider3", password="x")
    for role, status in [
        ("anonymous", 401),
        ("outsider3", 404),
        *((r, 403) for r in READERS if r != "convener"),
    ]:
        response = api_post(role, url, {"based_on": agreed.version})
        assert response.status_code == status, (role, response.status_code)  # type: ignore[attr-defined]
    stale = api_post("convener", url, {"based_on": agreed.version - 1})
    assert stale.status_code == 409 and stale.json()["changes"]  # type: ignore[attr-defined]
    bad = api_post("convener", url, {"based_on": "x", "extra": 1})
    assert bad.status_code == 422  # type: ignore[attr-defined]
    assert _state(agreed) == before
    done = api_post("convener", url, {"based_on": agreed.version})
    assert done.status_code == 201, done.content  # type: ignore[attr-defined]
    body = done.json()  # type: ignore[attr-defined]
    assert (body["revision"], body["parties_signed"], body["parties"]) == (1, 1, 3)
    assert body["published_by"] == "convener"
    again = api_post("convener", url, {"based_on": agreed.version + 1})
    assert again.status_code == 400 and "already published" in again.json()["error"]  # type: ignore[attr-defined]
    assert Client().get(f"/api/log/bundles/{agreed.pk}/1").status_code == 200


def test_the_signatures_page_by_role_and_its_publish_button(agreed: NegotiationText) -> None:
    url = f"/en/texts/{agreed.pk}/signatures/"
    assert client_of("anonymous").get(url).status_code == 302  # to the login page
    User.objects.create_user(username="outsider4", password="x")
    assert client_of("outsider4").get(url).status_code == 404
    assert "Nothing has been signed yet." in client_of("convener").get(url).content.decode()
    sign(agreed, "party1", reservation=RESERVATION)
    for role in READERS:
        page = client_of(role).get(url)
        assert page.status_code == 200, role
        html = page.content.decode()
        assert "1 of 3 parties signed Rev.1" in html and RESERVATION in html, role
        assert ('class="publish"' in html) == (role == "convener"), role
    signing = client_of("party2").get(f"/en/texts/{agreed.pk}/sign/").content.decode()
    assert "1 of 3 parties signed Rev.1" in signing
    text_page = client_of("observer").get(f"/en/texts/{agreed.pk}/").content.decode()
    assert url in text_page
    agreed.refresh_from_db()
    before = _state(agreed)
    refused = client_of("host").post(url, {"revision": "1", "based_on": str(agreed.version)})
    assert refused.status_code == 403
    stale = client_of("convener").post(url, {"revision": "1", "based_on": str(agreed.version - 1)})
    assert stale.status_code == 409 and 'id="refusal"' in stale.content.decode()
    bad = client_of("convener").post(url, {"revision": "one", "based_on": ""})
    assert bad.status_code == 400
    assert _state(agreed) == before
    done = client_of("convener").post(url, {"revision": "1", "based_on": str(agreed.version)})
    assert done.status_code == 302
    html = client_of("convener").get(url).content.decode()
    assert 'class="publish"' not in html and "Published by the convener on" in html
    assert RevisionPublication.objects.filter(text=agreed, revision=1).count() == 1


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_the_count_and_the_publication_state_are_translated(
    agreed: NegotiationText, language: str
) -> None:
    sign(agreed, "party1")
    page = client_of("anonymous").get(f"/{language}/record/").content.decode()
    expected = {
        "ar": "عدد الأطراف التي وقّعت على Rev.1: 1 من 3",
        "ru": "Rev.1 подписали сторон: 1 из 3",
    }[language]
    assert expected in page
    assert "parties signed" not in page and "Not published" not in page
