"""The built-in committee example the decisions app offers: the Syrian Constitutional
Committee, its definition being the core's built-in ``SYRIAN_CONSTITUTIONAL_COMMITTEE`` with the
blocs' nominating bodies and the approvers mapped to organisations of the data. The page that
creates a committee offers it as a starting point; ``make demo`` creates it in the sandbox
(``astana.web.demo.committee``).
"""

from __future__ import annotations

from typing import Any

from astana.core.rules import SYRIAN_CONSTITUTIONAL_COMMITTEE

__all__ = ["SCC_APPROVERS", "SCC_NAMES", "SCC_NOMINATING_BODIES", "SCC_SLUG", "scc_definition"]

SCC_SLUG = "syrian-constitutional-committee"
SCC_NOMINATING_BODIES = {
    "government": "government-of-syria",
    "opposition": "syrian-negotiation-commission",
    "civil society": "united-nations",
}
SCC_APPROVERS = [
    "government-of-russia",
    "government-of-turkey",
    "government-of-iran",
    "united-nations",
]
SCC_NAMES = {
    "en": "Syrian Constitutional Committee (sandbox)",
    "ar": "اللجنة الدستورية السورية (تجريبية)",
    "ru": "Сирийский конституционный комитет (песочница)",
}


def scc_definition() -> dict[str, Any]:
    """The built-in Syrian Constitutional Committee as a definition's plain data."""
    scc = SYRIAN_CONSTITUTIONAL_COMMITTEE
    return {
        "blocs": [
            {
                "name": bloc.name,
                "seats": bloc.seats,
                "small_body_seats": bloc.small_body_seats,
                "nominated_by": SCC_NOMINATING_BODIES[bloc.name],
            }
            for bloc in scc.blocs
        ],
        "co_chairs": scc.co_chairs,
        "co_chair_blocs": list(scc.co_chair_blocs),
        "quotas": [str(quota) for quota in scc.quotas],
        "approvers": SCC_APPROVERS,
        "rule": str(scc.decision_rule),
    }
