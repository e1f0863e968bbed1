"""Everything ``make demo`` (``astana demo``) loads beyond the built-in history, in one place:
the demo logins for every role (``users``), the signature counts the history supports
(``signature_counts``), the Syrian Constitutional Committee of the sandbox (``committee``),
the live sandbox round 3 with its roadmap (``sandbox_round``) and its signed, witnessed joint
statement (``signed_statement``), and a consultation with the real votes of a Pol.is
conversation, analysed (``consultation``). The integration tests build their worlds from the same
functions.

Each is built through the actions, by the role that would act (the convener creates the round
and the committee, the host opens the session, the secretariat records attendance and
signature counts, the mediator tables the texts, the parties negotiate and sign), so what the
demo shows is what the platform produces. Only what no action does is written directly: the
demo logins and the organisations and participations they act for (which the history files
or ``astana createuser`` make), and the flag that marks the demo's records as sandbox.

This package sits above the web apps: it imports accounts, processes, negotiation, signing
and decisions, and no web app imports it (only the command line and the tests do).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from astana.web.consultation.models import Consultation
from astana.web.demo.committee import load_committee_example
from astana.web.demo.consultation import load_consultation_example
from astana.web.demo.sandbox_round import SANDBOX_ROUND, load_sandbox
from astana.web.demo.signature_counts import load_signature_counts
from astana.web.demo.signed_statement import load_signed_statement
from astana.web.demo.users import DEMO_PASSWORD, DEMO_PROCESS, DEMO_USERS, create_demo_users
from astana.web.processes.models import Round

__all__ = [
    "DEMO_PASSWORD",
    "DEMO_PROCESS",
    "DEMO_USERS",
    "SANDBOX_ROUND",
    "Demo",
    "create_demo_users",
    "load_committee_example",
    "load_consultation_example",
    "load_demo",
    "load_sandbox",
    "load_signature_counts",
    "load_signed_statement",
]


@dataclass(frozen=True)
class Demo:
    """What ``load_demo`` made: the logins (username, role, organisation) and the sandbox."""

    users: list[tuple[str, str, str]]
    sandbox: Round
    consultation: Consultation | None = None


def load_demo(roadmap: Path, polis: Path | None = None) -> Demo:
    """Load the demo on top of the history: logins, signature counts, the committee, the
    sandbox round (its roadmap read from ``roadmap``), its signed joint statement and, from
    the Pol.is export in ``polis``, an analysed consultation."""
    users = create_demo_users()
    load_signature_counts()
    load_committee_example()
    sandbox = load_sandbox(roadmap)
    load_signed_statement(sandbox)
    consultation = load_consultation_example(polis) if polis is not None else None
    return Demo(users=users, sandbox=sandbox, consultation=consultation)
