"""A session simulated: its organisation replayed round by round from the log.

The organisation is ``OrgModel(scenario, seed)`` for the story sized to the session (one team per
seat, each of the story's team size). Round *r* first lets each team's choices replace its
manager's behaviour (``OrgModel.steer``; a choice left to the story is handed back to its
manager), then simulates ``round_weeks`` weeks. The same story, seed and log give the same
results in any process, so the log in the database is the truth and a replay in a fresh process
resumes a session exactly (``tests/test_workshop.py``). In a long-lived process :func:`live`
keeps the organisation and only simulates the rounds closed since it last looked.

A counterfactual is the same replay — same story, seed and random numbers (one stream per
mechanism, drawn row by row, so that common random numbers survive the change) — with one team's
choices replaced in every closed round; :func:`hold_on_to_trust` defines the debrief's "what if
you had held on to trust".
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from sim import snapshot
from sim.kpis import KPI_NAMES
from sim.model import OrgModel
from sim.scenario import Scenario, load_scenario
from sim.workshop import ensemble
from sim.workshop.alternatives import Alternative, hold_on_to_trust
from sim.workshop.ensemble import Ensemble
from sim.workshop.log import CHOICES, Choices, Log
from sim.workshop.measure import TEAM_KPIS, round_figures, team_week
from sim.workshop.week import planned_week

CACHED_SESSIONS = 32  # live organisations kept in one process
DECISION = "decision_"  # prefix of the choice columns in the per-team table


def session_scenario(story: str | Scenario, teams: int, **overrides) -> Scenario:
    """The story (a built-in name, a path or a scenario, with dotted overrides) sized for a
    session: ``teams`` teams of the story's own team size."""
    scenario = load_scenario(story, **overrides)
    return scenario.with_overrides(
        **{"organisation.employees": teams * scenario.organisation.team_size}
    )


@dataclass(frozen=True)
class Played:
    """What the closed rounds of a session did (a snapshot: it never changes).

    ``teams``: a row per round and team — ``round``, ``team`` (from 1), ``submitted`` (the
    participant submitted for this round, rather than keeping last round's choices),
    ``decision_<choice>`` (the choices that steered the team, NaN where the story's manager
    decided) and the figures of :data:`sim.workshop.measure.TEAM_KPIS` averaged over the round
    — and over the ``replications`` of the team (:mod:`sim.workshop.ensemble`), when there are.
    ``spread``: with replications, a row per round (0: the start), team and figure: the
    :class:`~sim.workshop.ensemble.Spread` table (bands, change from the start, the team's own
    counterfactuals); else None.
    ``organisation``: a row per round, the KPIs of ``sim.KPI_NAMES`` over the round's weeks.
    ``weeks``: the organisation's weekly series (``sim.kpis.SERIES``) with its ``round``.
    ``planes``: per round (0: the start), every employee's ``team``, ``energy``, ``pleasure``,
    ``quadrant`` and whether ``absent``, at the round's end. Organisation, weeks and planes are
    the session's own organisation (its seed, one replication).
    """

    log: Log
    rounds: int
    teams: pd.DataFrame
    organisation: pd.DataFrame
    weeks: pd.DataFrame
    planes: dict[int, pd.DataFrame]
    spread: pd.DataFrame | None = None
    replications: int = 1


class Replay:
    """A session's organisation, advanced round by round; with ``replicated`` each team's
    figures are also simulated over replications beside its counterfactuals
    (:class:`~sim.workshop.ensemble.Ensemble`, :func:`~sim.workshop.ensemble.replications`
    of them)."""

    def __init__(self, log: Log, *, replicated: bool = True) -> None:
        self.log = log
        self.model = OrgModel(log.scenario, seed=log.seed)
        self.ensemble = Ensemble(log, ensemble.replications()) if replicated else None
        self.rounds = 0
        self.digest = log.digest(0)
        self._teams: list[dict] = []
        self._organisation: list[dict] = []
        self._planes = {0: plane(self.model)}
        self._played: Played | None = None
        self.advance(log)

    def advance(self, log: Log) -> Replay:
        """Simulate the rounds ``log`` has closed since the last call; ``log`` must begin with
        the rounds already simulated."""
        if log.closed < self.rounds or log.digest(self.rounds) != self.digest:
            raise ValueError("this log does not continue the rounds already simulated")
        self.log = log
        for round_ in range(self.rounds + 1, log.closed + 1):
            self._play(round_, log.choices(round_), log.submitted(round_))
            self.rounds = round_
        self.digest = log.digest(self.rounds)
        if self.ensemble is not None:
            self.ensemble.advance(log)
        return self

    def _play(self, round_: int, choices: dict[int, Choices], submitted: set[int]) -> None:
        model, teams = self.model, self.log.teams
        for team, chosen in choices.items():
            model.steer(team - 1, **chosen)
        person, weeks = model.employees.person_id.copy(), []
        for _ in range(self.log.round_weeks):
            model.step()
            changed = model.employees.person_id != person
            person = model.employees.person_id.copy()
            weeks.append(
                team_week(model, np.bincount(model.employees.team[changed], minlength=teams))
            )
        figures = round_figures(weeks, model.managers.team_size)
        for team in range(1, teams + 1):
            self._teams.append(
                {
                    "round": round_,
                    "team": team,
                    "submitted": team in submitted,
                    **{
                        DECISION + c: np.nan if choices[team][c] is None else choices[team][c]
                        for c in CHOICES
                    },
                    **{name: float(values[team - 1]) for name, values in figures.items()},
                }
            )
        employees = model.employees.size // model.replications
        kpis = model.record.kpis(model.week, self.log.round_weeks, employees)
        self._organisation.append({"round": round_, **kpis})
        self._planes[round_] = plane(model)

    def played(self) -> Played:
        """The rounds simulated so far (their tables made once per round: every screen reads
        the same), with the log as it now stands (decisions for the open round included)."""
        if self._played is None or self._played.rounds != self.rounds:
            self._played = self._snapshot()
        return replace(self._played, log=self.log)

    def _snapshot(self) -> Played:
        weeks = self.model.timeseries()
        weeks.insert(1, "round", (weeks.week - 1) // self.log.round_weeks + 1)
        teams = pd.DataFrame(self._teams, columns=team_columns())
        spread = None if self.ensemble is None else self.ensemble.spread().table
        if spread is not None and len(teams):  # the team's figures: means over replications
            means = spread[spread["round"] > 0].pivot(
                index=["round", "team"], columns="kpi", values="mean"
            )
            at = pd.MultiIndex.from_frame(teams[["round", "team"]])
            teams[list(TEAM_KPIS)] = means.loc[at, list(TEAM_KPIS)].to_numpy()
        return Played(
            log=self.log,
            rounds=self.rounds,
            teams=teams,
            organisation=pd.DataFrame(self._organisation, columns=["round", *KPI_NAMES]),
            weeks=weeks,
            planes=dict(self._planes),
            spread=spread,
            replications=1 if self.ensemble is None else self.ensemble.replications,
        )


def team_columns() -> list[str]:
    return ["round", "team", "submitted", *(DECISION + c for c in CHOICES), *TEAM_KPIS]


def plane(model: OrgModel) -> pd.DataFrame:
    """Every employee on the well-being plane now: team (from 1), energy, pleasure, quadrant
    as the KPIs count it (:mod:`sim.snapshot`) and whether absent."""
    people = snapshot.take(model).people
    return pd.DataFrame(
        {
            "team": people["team"] + 1,
            "energy": people["energy"],
            "pleasure": people["pleasure"],
            "quadrant": people["quadrant"].astype(str),
            "absent": people["status"] == "absent",
        }
    )


def replay(log: Log, *, replicated: bool = True) -> Played:
    """The session's closed rounds simulated afresh (``replicated``: see :class:`Replay`)."""
    return Replay(log, replicated=replicated).played()


_live: OrderedDict[Hashable, Replay] = OrderedDict()
_held: OrderedDict[str, pd.DataFrame] = OrderedDict()
_lock = threading.Lock()


def live(log: Log, key: Hashable) -> Played:
    """The session (``key`` names it, e.g. database and code) through its closed rounds,
    continuing the organisation this process simulated before if the log still begins with
    its rounds, else replaying afresh. Equal to :func:`replay` (tested)."""
    with _lock:
        kept = _live.pop(key, None)
        if kept is None or kept.rounds > log.closed or log.digest(kept.rounds) != kept.digest:
            kept = Replay(log)
        else:
            kept.advance(log)
        _live[key] = kept
        while len(_live) > CACHED_SESSIONS:
            _live.popitem(last=False)
        return kept.played()


def next_year(log: Log, key: Hashable) -> pd.DataFrame:
    """The year after the session's closed rounds had every team kept its last choices
    (:meth:`~sim.workshop.ensemble.Ensemble.future`), kept per log."""
    digest = "next-year:" + log.digest(log.closed)
    with _lock:
        if digest in _held:
            return _held[digest]
    live(log, key)
    with _lock:  # the kept organisation is copied, not moved: no other screen may move it now
        kept = _live.get(key)
        if kept is None or kept.ensemble is None or kept.digest != log.digest(log.closed):
            kept = Replay(log)
        table = kept.ensemble.future()
        _held[digest] = table
        while len(_held) > CACHED_SESSIONS:
            _held.popitem(last=False)
    return table


def week(log: Log, key: Hashable, team: int, choices: Choices) -> dict[str, float]:
    """The next week of ``team``'s manager had they chosen ``choices`` now, as shares of one
    budget (:func:`sim.workshop.week.planned_week`), on the session's own organisation."""
    live(log, key)
    with _lock:  # copied, not moved
        kept = _live.get(key)
        if kept is None or kept.digest != log.digest(log.closed):
            kept = Replay(log, replicated=False)
        return planned_week(kept.model, team, choices)


def forget() -> None:
    """Drop the organisations kept by :func:`live` (the next call replays afresh)."""
    with _lock:
        _live.clear()
        _held.clear()


# --- counterfactuals ------------------------------------------------------------------------------


def counterfactual(log: Log, team: int, alternative: Alternative = hold_on_to_trust) -> Played:
    """The session with ``team``'s choices in every closed round replaced by
    ``alternative(choices, story)``; everything else, random numbers included, the same."""
    per_round = {
        r: alternative(log.choices(r)[team], log.scenario) for r in range(1, log.closed + 1)
    }
    return replay(log.with_choices(team, per_round), replicated=False)


def counterfactuals(log: Log, alternative: Alternative = hold_on_to_trust) -> pd.DataFrame:
    """For every team, what its own figures and the organisation's KPIs would have been in each
    round had it alone chosen ``alternative``: a row per team and round, the team's figures
    (:data:`~sim.workshop.measure.TEAM_KPIS`), its ``decision_<choice>`` columns and the
    organisation's KPIs prefixed ``organisation_``."""
    frames = []
    for team in range(1, log.teams + 1 if log.closed else 1):
        played = counterfactual(log, team, alternative)
        own = played.teams[played.teams.team == team].drop(columns="submitted")
        organisation = played.organisation.add_prefix("organisation_")
        frames.append(
            own.merge(organisation, left_on="round", right_on="organisation_round").drop(
                columns="organisation_round"
            )
        )
    if not frames:
        organisation = [f"organisation_{k}" for k in KPI_NAMES]
        return pd.DataFrame(columns=[c for c in team_columns() if c != "submitted"] + organisation)
    return pd.concat(frames, ignore_index=True)


def cached_counterfactuals(log: Log) -> pd.DataFrame:
    """:func:`counterfactuals` of holding on to trust, kept per log (a debrief computes them
    once: each is a replay of the whole session)."""
    key = log.digest(log.closed)
    with _lock:
        if key in _held:
            _held.move_to_end(key)
            return _held[key]
    frame = counterfactuals(log)
    with _lock:
        _held[key] = frame
        while len(_held) > CACHED_SESSIONS:
            _held.popitem(last=False)
    return frame
