"""A session's results as tables: for the JSON of ``loslaten workshop export``, for CSV and
Parquet files, and for the client report.

:class:`SessionTables` is the boundary a report of a session renders from (the client report,
``sim.report``, takes it as it stands; this module knows nothing of reports).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from sim.plain import plain
from sim.workshop.errors import WorkshopError
from sim.workshop.log import CHOICES
from sim.workshop.measure import TEAM_KPIS
from sim.workshop.replay import DECISION, cached_counterfactuals
from sim.workshop.session import Status, Workshop


class _DatabaseOwner:
    def __repr__(self) -> str:
        return "DATABASE_OWNER"


DATABASE_OWNER = _DatabaseOwner()
"""In place of the facilitator token: whoever holds the database file (the command line on the
server), who can read every token in it anyway. Never pass it on behalf of a web page."""


@dataclass(frozen=True)
class SessionTables:
    """Everything a report of a session needs.

    ``rounds``: a row per closed round and team — ``round``, ``team``, ``name`` (None: the
    story's manager), ``submitted``, ``decision_<choice>`` and the team's figures
    (:data:`~sim.workshop.measure.TEAM_KPIS`). ``organisation``: a row per round, its KPIs.
    ``weeks``: the organisation's weekly series. ``decisions``: the log as stored (a row per
    round and seat that submitted: the choices given, revisions, Unix time). ``closed``: a row
    per closed round (when, by whom). ``counterfactuals``: if asked for, a row per team and
    round had that team held on to trust (:func:`sim.workshop.replay.counterfactuals`: the
    session's own organisation, one replication). ``spread``: a row per round (0: the start),
    team and figure over the team's ``replications`` — mean, 95% band, change from the start and
    the team's own counterfactuals (:class:`sim.workshop.ensemble.Spread`); the figures in
    ``rounds`` are its means.
    """

    status: Status
    rounds: pd.DataFrame
    organisation: pd.DataFrame
    weeks: pd.DataFrame
    decisions: pd.DataFrame
    closed: pd.DataFrame
    counterfactuals: pd.DataFrame | None = None
    spread: pd.DataFrame | None = None
    replications: int = 1


def tables(
    workshop: Workshop, code: str, token: str | _DatabaseOwner, *, counterfactuals: bool = False
) -> SessionTables:
    """The session's tables; ``token`` is the facilitator's (or :data:`DATABASE_OWNER`)."""
    if token is not DATABASE_OWNER:
        if not isinstance(token, str):
            raise WorkshopError("token: the facilitator token is needed to export a session")
        workshop.check_facilitator(code, token)
    status = workshop.status(code)
    played = workshop.played(code)
    decisions, closed = workshop.record(code)
    rounds = played.teams.copy()
    rounds.insert(2, "name", rounds.team.map(status.names))
    return SessionTables(
        status=status,
        rounds=rounds,
        organisation=played.organisation,
        weeks=played.weeks,
        decisions=pd.DataFrame(
            [
                {
                    "round": d.round,
                    "team": d.team,
                    **{DECISION + c: d.choices[c] for c in CHOICES},
                    "revisions": d.revisions,
                    "submitted_at": d.submitted_at,
                }
                for d in decisions
            ],
            columns=[
                "round",
                "team",
                *(DECISION + c for c in CHOICES),
                "revisions",
                "submitted_at",
            ],
        ),
        closed=pd.DataFrame([vars(r) for r in closed], columns=["round", "closed_at", "closed_by"]),
        counterfactuals=cached_counterfactuals(played.log) if counterfactuals else None,
        spread=played.spread,
        replications=played.replications,
    )


def document(t: SessionTables) -> dict[str, Any]:
    """The JSON document: ``session`` (code, story, seed, size, state), ``rounds`` (a row per
    round and team: ``round``, ``team``, ``name``, ``submitted``, ``decisions`` keyed by choice,
    None where the story's manager decided, ``kpis``, the team's figures (means over its
    ``replications``), ``ci95`` (per figure the 95% band of that mean, ``[low, high]``) and
    ``versus`` (the means of the team's own counterfactuals: ``story``, run by the story's
    manager, and ``held_trust``, holding on to trust)),
    ``organisation`` (a row per round: ``round``, ``kpis``) and, if computed,
    ``counterfactuals`` (a row per team and round: ``decisions`` and ``kpis`` had that team held
    on to trust, and the organisation's KPIs then, ``organisation_kpis``). Plain Python values
    throughout, a missing figure as None, so that ``json.dumps(..., allow_nan=False)`` writes
    it as the command line does."""
    status = t.status.as_dict()
    session = {k: status[k] for k in status if k != "seats"}
    out: dict[str, Any] = {
        "session": session,
        "rounds": [
            {
                "round": int(r["round"]),
                "team": int(r["team"]),
                "name": r["name"],
                "submitted": bool(r["submitted"]),
                "decisions": _decisions(r),
                "kpis": {k: r[k] for k in TEAM_KPIS},
                **_spread(t, int(r["round"]), int(r["team"])),
            }
            for r in t.rounds.to_dict("records")
        ],
        "organisation": [
            {"round": int(r.pop("round")), "kpis": r} for r in t.organisation.to_dict("records")
        ],
    }
    if t.counterfactuals is not None:
        prefix = "organisation_"
        out["counterfactuals"] = [
            {
                "round": int(r["round"]),
                "team": int(r["team"]),
                "decisions": _decisions(r),
                "kpis": {k: r[k] for k in TEAM_KPIS},
                "organisation_kpis": {
                    k.removeprefix(prefix): v for k, v in r.items() if k.startswith(prefix)
                },
            }
            for r in t.counterfactuals.to_dict("records")
        ]
    return plain(out)


def write(t: SessionTables, folder: str | Path) -> list[Path]:
    """Each table as CSV and Parquet in ``folder`` (made if missing); the files written."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WorkshopError(f"out: cannot create {folder} ({err.strerror})") from None
    frames = {
        "rounds": t.rounds,
        "organisation": t.organisation,
        "weeks": t.weeks,
        "decisions": t.decisions,
        "closed": t.closed,
    }
    if t.counterfactuals is not None:
        frames["counterfactuals"] = t.counterfactuals
    if t.spread is not None:
        frames["spread"] = t.spread
    written = []
    for name, frame in frames.items():
        for path in (folder / f"{name}.csv", folder / f"{name}.parquet"):
            if path.suffix == ".csv":
                frame.to_csv(path, index=False)
            else:
                frame.to_parquet(path, index=False)
            written.append(path)
    return written


def _spread(t: SessionTables, round_: int, team: int) -> dict[str, Any]:
    """A row's ``replications``, ``ci95`` and ``versus`` (none without a spread)."""
    if t.spread is None:
        return {}
    rows = t.spread[(t.spread["round"] == round_) & (t.spread.team == team)].set_index("kpi")
    return {
        "replications": t.replications,
        "ci95": {k: [rows.at[k, "low"], rows.at[k, "high"]] for k in TEAM_KPIS},
        "versus": {
            "story": {k: rows.at[k, "story"] for k in TEAM_KPIS},
            "held_trust": {k: rows.at[k, "held"] for k in TEAM_KPIS},
        },
    }


def _decisions(row: dict) -> dict[str, float | None]:
    return {c: None if pd.isna(row[DECISION + c]) else row[DECISION + c] for c in CHOICES}
