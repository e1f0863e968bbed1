"""The consultation of the demo: a real Pol.is conversation, with its real votes.

The convener creates an open consultation in the sandbox process and imports the Pol.is
export of "$15/hour" (Seattle's minimum wage; ``data/consultations/15-per-hour-seattle``,
CC BY 4.0, attributed on its pages), publishes its results, and the analysis runs once here,
so that the opinion map is there when the demo first starts. Re-running the demo replaces it.
Everything is read from the files shipped with the platform: no network.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.db import transaction

from astana.web.accounts.models import User
from astana.web.consultation import actions
from astana.web.consultation.background import analyse
from astana.web.consultation.models import Consultation
from astana.web.consultation.polis_import import consultation_import
from astana.web.demo.users import DEMO_PROCESS

__all__ = ["POLIS_ATTRIBUTION", "load_consultation_example"]

POLIS_ATTRIBUTION = "Pol.is open data, The Computational Democracy Project, CC BY 4.0"
TITLES = {
    "en": "$15/hour: Seattle's minimum wage (a Pol.is conversation)",
    "ar": "15 دولارًا في الساعة: الحد الأدنى للأجور في سياتل (محادثة من Pol.is)",
    "ru": "15 долларов в час: минимальная зарплата в Сиэтле (обсуждение Pol.is)",
}
QUESTIONS = {
    "ar": "كيف سيؤثر قانون الحد الأدنى الجديد للأجور في سياتل؟ هل سيكون للأفضل أم للأسوأ؟ ولماذا؟",
    "ru": "Как новый закон о минимальной зарплате повлияет на Сиэтл?"
    " К лучшему или к худшему? Почему?",
}


def _summary(folder: Path) -> dict[str, str]:
    path = folder / "summary.csv"
    if not path.is_file():
        return {}
    rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
    return {row[0]: row[1] for row in rows if len(row) >= 2}


def load_consultation_example(folder: Path, process_slug: str = DEMO_PROCESS) -> Consultation:
    """(Re-)create the demo consultation from the Pol.is export in ``folder`` and analyse it."""
    summary = _summary(folder)
    url = summary.get("url", "")
    with transaction.atomic():
        Consultation.objects.filter(process__slug=process_slug, source=POLIS_ATTRIBUTION).delete()
        convener = User.objects.get(username="convener")
        questions = dict(QUESTIONS)
        if summary.get("conversation-description"):
            questions["en"] = summary["conversation-description"]
        consultation = actions.consultation_create(
            user=convener,
            process_slug=process_slug,
            titles=TITLES,
            questions=questions,
            allow_anonymous=True,
            open_now=True,
        )
        consultation_import(
            user=convener,
            consultation_id=consultation.pk,
            votes_csv=(folder / "votes.csv").read_bytes(),
            comments_csv=(folder / "comments.csv").read_bytes(),
        )
        actions.consultation_update(
            user=convener, consultation_id=consultation.pk, results_published=True
        )
        Consultation.objects.filter(pk=consultation.pk).update(
            source=POLIS_ATTRIBUTION, source_url=url
        )
    analyse(consultation.pk)
    consultation.refresh_from_db()
    return consultation
