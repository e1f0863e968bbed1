"""The analysis of consultations, run in the background (never in a request).

:func:`pending` finds every consultation whose version (``counts.versions``: moderation and
imports plus votes cast or changed) moved beyond its latest stored analysis; an unchanged
consultation is never analysed again. :func:`analyse` claims the consultation in the
database first (a conditional update of its ``analysing_by``/``analysing_until`` lease:
atomic on PostgreSQL and SQLite alike), so that of several server processes only one
analyses a consultation at a time; the others skip it. It reads the version before the
votes (a vote cast during a run is never counted as seen: at worst it is analysed once
more), runs :func:`astana.core.consult.analyze`, stores the result as JSON with the
version it saw and releases the claim. A consultation is analysed again at most every
``min_gap(last run)`` seconds, so a busy one does not keep a worker analysing all the time.

:class:`AnalysisLoop` runs the passes in a daemon thread of each server process
(``astana serve`` starts it; ``--no-analysis`` leaves it to ``astana consult-worker``).
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
import time
from datetime import timedelta
from typing import Any

import numpy as np
from django.db import close_old_connections, connection
from django.db.models import Max, Q
from django.utils import timezone

from astana.core.consult import OpinionMatrix, analyze
from astana.web.consultation.counts import versions
from astana.web.consultation.models import Analysis, Consultation, Statement, Vote

__all__ = [
    "AnalysisLoop",
    "analyse",
    "claim",
    "pending",
    "release",
    "run_pending_analyses",
    "start_loop",
]

log = logging.getLogger(__name__)

MAP_POINTS = 3000  # participants drawn on the map at most (a seeded sample beyond)
KEEP = 5  # analyses kept per consultation
LEASE = timedelta(minutes=10)  # a claim older than this is taken over (its server died)


def min_gap(seconds: float) -> float:
    """Seconds to wait after a run of ``seconds`` before analysing the same one again."""
    return max(2.0, 4.0 * seconds)


def pending(*, paced: bool = False, now: float | None = None) -> list[int]:
    """Ids of consultations whose version moved since their latest stored analysis; with
    ``paced`` only those whose latest analysis is older than its ``min_gap``."""
    current = versions()
    latest: dict[int, tuple[int, float, float]] = {}
    rows = Analysis.objects.filter(
        pk__in=Analysis.objects.values("consultation").annotate(last=Max("id")).values("last")
    ).values_list("consultation_id", "at_change", "computed_at", "seconds")
    for consultation_id, at_change, computed_at, seconds in rows:
        latest[consultation_id] = (at_change, computed_at.timestamp(), seconds)
    moment = time.time() if now is None else now
    out = []
    for pk, (version, _) in sorted(current.items()):
        seen = latest.get(pk)
        if seen is None:
            if version > 0:
                out.append(pk)
        elif version != seen[0] and (not paced or moment - seen[1] >= min_gap(seen[2])):
            out.append(pk)
    return out


def claim(consultation_id: int, token: str) -> bool:
    """Take the consultation's analysis claim unless another holds a live one."""
    now = timezone.now()
    free = Q(analysing_until__isnull=True) | Q(analysing_until__lt=now) | Q(analysing_by=token)
    taken = (
        Consultation.objects.filter(pk=consultation_id)
        .filter(free)
        .update(analysing_by=token, analysing_until=now + LEASE)
    )
    return taken == 1


def release(consultation_id: int, token: str) -> None:
    Consultation.objects.filter(pk=consultation_id, analysing_by=token).update(
        analysing_by="", analysing_until=None
    )


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


def analyse(consultation_id: int, *, seed: int = 0, token: str | None = None) -> Analysis | None:
    """Claim, analyse and store one consultation; None when another process holds it."""
    token = token or secrets.token_hex(16)
    if not claim(consultation_id, token):
        return None
    try:
        return _analyse(consultation_id, seed)
    finally:
        release(consultation_id, token)


def _analyse(consultation_id: int, seed: int) -> Analysis:
    started = time.perf_counter()
    version, vote_changes = versions([consultation_id])[consultation_id]
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
        at_change=version,
        at_vote_change=vote_changes,
        vote_count=matrix.n_votes,
        participant_count=matrix.n_participants,
        seconds=time.perf_counter() - started,
        result=result,
    )
    old = Analysis.objects.filter(consultation_id=consultation_id).order_by("-id")
    stale_ids = list(old.values_list("pk", flat=True)[KEEP:])
    Analysis.objects.filter(pk__in=stale_ids).delete()
    return row


def run_pending_analyses(
    *, seed: int = 0, token: str | None = None, paced: bool = False
) -> list[Analysis]:
    """One pass: analyse every consultation whose input changed; the rows stored (those
    another process was analysing are left to it). ``paced``: see :func:`pending`."""
    token = token or secrets.token_hex(16)
    rows = (analyse(pk, seed=seed, token=token) for pk in pending(paced=paced))
    return [row for row in rows if row is not None]


class AnalysisLoop:
    """Passes of :func:`run_pending_analyses` every ``interval`` seconds in a daemon thread."""

    def __init__(self, *, interval: float = 2.0, seed: int = 0) -> None:
        self.interval = interval
        self.seed = seed
        self.token = secrets.token_hex(16)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.run, name="consultation-analysis", daemon=True)

    def start(self) -> AnalysisLoop:
        self.thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self.stopping.set()
        self.thread.join(timeout)

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                close_old_connections()
                for row in run_pending_analyses(seed=self.seed, token=self.token, paced=True):
                    log.info(
                        "consultation %s analysed: %s votes in %.2f s",
                        row.consultation_id,
                        row.vote_count,
                        row.seconds,
                    )
            except Exception:  # a database away for a moment: log it, try again next pass
                log.exception("consultation analysis pass failed")
            finally:
                connection.close()  # this thread holds no connection between passes
            self.stopping.wait(self.interval)


_started: list[AnalysisLoop] = []


def start_loop() -> AnalysisLoop:
    """This process's analysis loop (one per process; ``ASTANA_ANALYSIS_INTERVAL`` seconds)."""
    if not _started:
        interval = float(os.environ.get("ASTANA_ANALYSIS_INTERVAL", "2") or 2)
        _started.append(AnalysisLoop(interval=max(interval, 0.1)).start())
    return _started[0]
