"""The analysis of consultations, run in the background (never in a request).

:func:`run_pending_analyses` finds every consultation whose input changed since its latest
stored analysis (``Consultation.changes`` beyond the analysis' ``at_change``), reads the
votes on its accepted statements, runs :func:`astana.core.consult.analyze` and stores the
result as JSON with the counters it saw. The counters are read before the votes, so a vote
cast during a run is never counted as seen: at worst it is analysed once more. Several
workers may run at once; each stores what it computed and the latest wins.
``astana consult-worker`` calls it in a loop (``--once``: a single pass).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from django.db.models import Max, OuterRef, Q, Subquery

from astana.core.consult import OpinionMatrix, analyze
from astana.web.consultation.models import Analysis, Consultation, Statement, Vote

__all__ = ["analyse", "pending", "run_pending_analyses"]

MAP_POINTS = 3000  # participants drawn on the map at most (a seeded sample beyond)
KEEP = 5  # analyses kept per consultation


def pending() -> list[int]:
    """Ids of consultations whose input changed since their latest stored analysis."""
    latest = (
        Analysis.objects.filter(consultation=OuterRef("pk"))
        .order_by()
        .values("consultation")
        .annotate(seen=Max("at_change"))
        .values("seen")
    )
    rows = Consultation.objects.annotate(seen=Subquery(latest)).filter(
        Q(seen__isnull=True, changes__gt=0) | Q(changes__gt=Subquery(latest))
    )
    return list(rows.order_by("pk").values_list("pk", flat=True))


def _map(result: Any, matrix: OpinionMatrix, seed: int) -> dict[str, Any]:
    """What the opinion map draws: participants (sampled), group centres, statements."""
    places = result.places
    n = places.shape[0]
    rows = np.arange(n)
    if n > MAP_POINTS:
        rows = np.sort(np.random.default_rng(seed).choice(n, MAP_POINTS, replace=False))
    axes = result.components.axes
    loadings = axes[:2].T if axes.shape[0] >= 2 else np.zeros((matrix.n_statements, 2))
    spread = float(np.abs(places).max()) if n else 1.0
    scale = spread / max(float(np.abs(loadings).max()), 1e-12) if loadings.size else 1.0
    centres = []
    for g in range(result.k):
        members = places[result.groups == g]
        if members.shape[0]:
            centres.append([round(float(v), 4) for v in members.mean(axis=0)])
    return {
        "participants": [
            [round(float(places[i, 0]), 4), round(float(places[i, 1]), 4), int(result.groups[i])]
            for i in rows.tolist()
        ],
        "centres": centres,
        "statements": {
            str(int(sid)): [
                round(float(loadings[j, 0] * scale), 4),
                round(float(loadings[j, 1] * scale), 4),
            ]
            for j, sid in enumerate(matrix.statement_ids.tolist())
        },
        "extremity": {
            str(int(sid)): round(float(np.hypot(*loadings[j])), 6)
            for j, sid in enumerate(matrix.statement_ids.tolist())
        },
    }


def _totals(matrix: OpinionMatrix) -> dict[str, dict[str, int]]:
    """Agree, disagree and pass counts of every statement, over everyone."""
    out = {}
    columns = matrix.votes.tocsc()
    for j, sid in enumerate(matrix.statement_ids.tolist()):
        data = columns.data[columns.indptr[j] : columns.indptr[j + 1]]
        out[str(int(sid))] = {
            "agree": int((data == 1).sum()),
            "disagree": int((data == -1).sum()),
            "pass": int((data == 0).sum()),
        }
    return out


def analyse(consultation_id: int, *, seed: int = 0) -> Analysis:
    """Analyse one consultation now and store the result (call from the worker only)."""
    started = time.perf_counter()
    changes, vote_changes = Consultation.objects.filter(pk=consultation_id).values_list(
        "changes", "vote_changes"
    )[0]
    votes = Vote.objects.filter(
        statement__consultation_id=consultation_id, statement__state=Statement.State.ACCEPTED
    ).values_list("participant_id", "statement_id", "value")
    triples = np.array(list(votes.iterator(chunk_size=10000)), dtype=np.int64).reshape(-1, 3)
    matrix = OpinionMatrix.from_votes(triples[:, 0], triples[:, 1], triples[:, 2])
    result: dict[str, Any] = {"status": "too-few"}
    if matrix.n_participants >= 2 and matrix.n_statements >= 2:
        try:
            analysis = analyze(matrix, seed=seed)
        except (ValueError, np.linalg.LinAlgError) as error:  # degenerate input
            result["reason"] = str(error)
        else:
            result = {"status": "ok", **analysis.to_json(), "map": _map(analysis, matrix, seed)}
            result["counted"] = int(analysis.counted.sum())
    result["totals"] = _totals(matrix)
    row = Analysis.objects.create(
        consultation_id=consultation_id,
        at_change=changes,
        at_vote_change=vote_changes,
        vote_count=matrix.n_votes,
        participant_count=matrix.n_participants,
        seconds=time.perf_counter() - started,
        result=result,
    )
    old = Analysis.objects.filter(consultation_id=consultation_id).order_by("-at_change", "-id")
    stale_ids = list(old.values_list("pk", flat=True)[KEEP:])
    Analysis.objects.filter(pk__in=stale_ids).delete()
    return row


def run_pending_analyses(*, seed: int = 0) -> list[Analysis]:
    """One pass: analyse every consultation whose input changed; the stored rows."""
    return [analyse(pk, seed=seed) for pk in pending()]
