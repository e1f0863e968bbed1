"""Positions and agreements are bound to the wording they were given on (issue 12, item 7).

Each existing position and agreement gets the revision and wording fingerprint of the
revision that was the latest when it was recorded: the time of its latest audit entry
(``position.set`` by that party; ``provision.agree_ad_referendum`` or ``provision.confirm``)
against the revisions' issue times. Without such an entry it is bound only if every
revision that holds the provision gives it the same wording (then it can only have been
given on that wording); otherwise it stays unknown, which counts as stale: the party must
confirm it on the current wording. The reverse drops the bindings.
"""

from typing import Any

from django.db import migrations

from astana.core.text import Document, wording_fingerprint


def _revisions(text: Any) -> list[tuple[int, Any, dict[str, str]]]:
    """(number, issued_at, provision -> fingerprint) of every revision, oldest first."""
    out = []
    for row in text.revisions.order_by("number"):
        document = Document.from_dict(row.document)
        out.append(
            (row.number, row.issued_at, {p.id: wording_fingerprint(p) for p in document.walk()})
        )
    return out


def _binding(
    revisions: list[tuple[int, Any, dict[str, str]]], provision: str, at: Any
) -> dict[str, Any]:
    unknown: dict[str, Any] = {"revision": None, "wording": ""}
    if at is not None:
        then = [r for r in revisions if r[1] <= at]
        if not then or provision not in then[-1][2]:
            return unknown
        number, _, fingerprints = then[-1]
        return {"revision": number, "wording": fingerprints[provision]}
    holding = [(number, fps[provision]) for number, _, fps in revisions if provision in fps]
    if holding and len({fp for _, fp in holding}) == 1:
        return {"revision": holding[0][0], "wording": holding[0][1]}
    return unknown


def _last(
    audit_entries: Any,
    text: Any,
    actions: tuple[str, ...],
    provision: str,
    party: str | None = None,
) -> Any:
    """When the latest of ``actions`` on ``provision`` of ``text`` was recorded (by ``party``)."""
    entries = audit_entries.objects.filter(
        round_id=text.round_id, action__in=actions, object_id=f"{text.pk}/{provision}"
    )
    if party is not None:
        entries = entries.filter(organisation__slug=party)
    return entries.order_by("-at").values_list("at", flat=True).first()


def bind_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    NegotiationText = apps.get_model("negotiation", "NegotiationText")
    AuditEntry = apps.get_model("negotiation", "AuditEntry")
    for text in NegotiationText.objects.all():
        data = text.positions
        if not data or "agreements" in data:
            continue
        revisions = _revisions(text)
        positions = []
        for position in data.get("positions", []):
            provision, party = position["provision"], position["party"]
            at = _last(AuditEntry, text, ("position.set",), provision, party)
            positions.append({**position, **_binding(revisions, provision, at)})
        agreements = {}
        for provision, state in data.get("states", {}).items():
            actions = ("provision.agree_ad_referendum", "provision.confirm")
            at = _last(AuditEntry, text, actions, provision)
            agreements[provision] = {"state": state, **_binding(revisions, provision, at)}
        text.positions = {
            "parties": data["parties"],
            "positions": positions,
            "agreements": agreements,
        }
        text.save(update_fields=["positions"])


def unbind(apps, schema_editor):  # type: ignore[no-untyped-def]
    NegotiationText = apps.get_model("negotiation", "NegotiationText")
    for text in NegotiationText.objects.all():
        data = text.positions
        if not data or "agreements" not in data:
            continue
        text.positions = {
            "parties": data["parties"],
            "positions": [
                {k: v for k, v in p.items() if k not in ("revision", "wording")}
                for p in data.get("positions", [])
            ],
            "states": {k: v["state"] for k, v in data["agreements"].items()},
        }
        text.save(update_fields=["positions"])


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0007_proposal_kept_in_brackets")]

    operations = [migrations.RunPython(bind_existing, unbind)]
