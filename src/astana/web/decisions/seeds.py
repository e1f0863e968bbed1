"""The decisions app's seed data for ``make demo``: the Syrian Constitutional Committee as a
committee of the Astana Platform sandbox, and the signature counts of the round outcomes the
history says were "signed by the majority" (the seeds give no numbers: the count says so).

The committee is created through the same action a convener uses, so it is a worked example;
its definition is the core's built-in ``SYRIAN_CONSTITUTIONAL_COMMITTEE`` with the blocs'
nominating bodies and the approvers mapped to organisations of the data. No members are
loaded: the sources name none, so the live check lists every empty seat.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from astana.core.rules import SYRIAN_CONSTITUTIONAL_COMMITTEE
from astana.web.accounts.demo import DEMO_PROCESS
from astana.web.accounts.models import User
from astana.web.decisions import actions
from astana.web.decisions.actions.signatures import signature_count_compute
from astana.web.decisions.models import Committee, SignatureCount
from astana.web.processes.models import OutcomeDocument

__all__ = [
    "SCC_NOMINATING_BODIES",
    "SCC_SLUG",
    "load_committee_example",
    "load_signature_counts",
    "scc_definition",
]

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

# Outcome documents the history says were signed "by the majority": the rule, and no numbers.
MAJORITY_SIGNED = {
    "ap-round-1-statement": {
        "en": "Signed by the majority of the Syrian opposition (wiki-en); the sources give no "
        "numbers of signatories or of parties.",
        "ar": "وقّعته أغلبية المعارضة السورية (الصفحة الإنجليزية)؛ لا تذكر المصادر عدد الموقعين "
        "ولا عدد الأطراف.",
        "ru": "Подписано большинством сирийской оппозиции (английская статья); числа "
        "подписавших и сторон источники не приводят.",
    },
    "ap-round-2-final-document": {
        "en": "Signed by the majority of the Syrian opposition groups (wiki-en); the sources "
        "give no numbers of signatories or of parties.",
        "ar": "وقّعته أغلبية مجموعات المعارضة السورية (الصفحة الإنجليزية)؛ لا تذكر المصادر الأعداد.",
        "ru": "Подписано большинством групп сирийской оппозиции (английская статья); чисел "
        "источники не приводят.",
    },
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


@transaction.atomic
def load_committee_example(process_slug: str = DEMO_PROCESS) -> Committee:
    """(Re-)create the Syrian Constitutional Committee in the sandbox; demo users must exist."""
    Committee.objects.filter(process__slug=process_slug, slug=SCC_SLUG).delete()
    committee = actions.committee_create(
        user=User.objects.get(username="convener"),
        process_slug=process_slug,
        slug=SCC_SLUG,
        names=SCC_NAMES,
        definition=scc_definition(),
    )
    committee.is_sandbox = True
    committee.save(update_fields=["is_sandbox"])
    return committee


@transaction.atomic
def load_signature_counts() -> list[SignatureCount]:
    """The signature counts the history supports (a rule, no numbers); needs the history."""
    counts = []
    for slug, notes in MAJORITY_SIGNED.items():
        document = OutcomeDocument.objects.filter(slug=slug).first()
        if document is None:
            continue
        count = SignatureCount.objects.filter(document=document).first() or SignatureCount(
            document=document
        )
        count.rule, count.parties, count.signed = "majority of members", None, None
        for language, note in notes.items():
            setattr(count, f"note_{language}", note)
        signature_count_compute(count)
        count.save()
        counts.append(count)
    return counts
