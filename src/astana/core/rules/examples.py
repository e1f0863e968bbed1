"""Built-in committee definitions: the Syrian Constitutional Committee (2019).

Formed in 2019 under UN facilitation: 150 members in three blocs of 50 (government,
opposition, civil society), a 45-member small (drafting) body of 15 per bloc, two
co-chairs (one nominated by the government, one by the opposition), decisions by
consensus or, failing that, by 75% of members: 113 of 150, and 34 of the 45 in the small
body. The government and the opposition nominated their own thirds; the UN compiled the
civil-society third; the list was agreed with the guarantors of the Astana format and the
UN. The 30% women quota is the UN's stated target for the committee, not a formal rule.
"""

from __future__ import annotations

from typing import Final

from astana.core.rules.committee import BlocSeats, CommitteeDefinition, Quota
from astana.core.rules.rule import Rule

__all__ = ["SCC_RULE", "SYRIAN_CONSTITUTIONAL_COMMITTEE"]

SCC_RULE: Final = Rule.parse("consensus else 75% of members")

SYRIAN_CONSTITUTIONAL_COMMITTEE: Final = CommitteeDefinition(
    name="Syrian Constitutional Committee",
    blocs=(
        BlocSeats("government", 50, 15, "Government of the Syrian Arab Republic"),
        BlocSeats("opposition", 50, 15, "Syrian Negotiations Commission"),
        BlocSeats("civil society", 50, 15, "United Nations"),
    ),
    co_chairs=2,
    co_chair_blocs=("government", "opposition"),
    quotas=(Quota.parse("at least 30% women overall"),),
    approvers=("Russia", "Turkey", "Iran", "United Nations"),
    decision_rule=SCC_RULE,
)
