"""The signature counts of the round outcomes the history says were "signed by the majority":
the rule, and no numbers (the seeds give none, and the count says so), kept by the
secretariat through the action it would use."""

from __future__ import annotations

from django.db import transaction

from astana.web.accounts.models import User
from astana.web.decisions.actions.signatures import signature_count_set
from astana.web.decisions.models import SignatureCount
from astana.web.processes.models import OutcomeDocument

__all__ = ["MAJORITY_SIGNED", "load_signature_counts"]

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


@transaction.atomic
def load_signature_counts() -> list[SignatureCount]:
    """The signature counts the history supports (a rule, no numbers), kept by the secretariat
    through ``signature_count.set``; needs the history and the demo users."""
    secretariat = User.objects.get(username="secretariat")
    return [
        signature_count_set(
            user=secretariat,
            document_slug=slug,
            rule="majority of members",
            parties=None,
            signed=None,
            notes=notes,
        )
        for slug, notes in MAJORITY_SIGNED.items()
        if OutcomeDocument.objects.filter(slug=slug).exists()
    ]
