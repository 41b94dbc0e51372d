"""What the debrief says per team beyond its figures: why it went where it went, and whether the
rounds reached the story's events.

Why a team went where it went is read off the paths between its manager's choices and its
outcomes (cheap: no extra simulation): the figures on those paths (:data:`CHANNELS`) as the team
has them against the same team under the story's manager, in the same replications; the largest
differences, each in its own unit, are the channels named. It is a reading of the paths, not the
decomposition of ``loslaten explain`` (which switches mechanisms off and costs many runs).
"""

from __future__ import annotations

import pandas as pd

from sim.scenario import Scenario

CHANNELS: dict[str, float] = {
    "trust_in_manager": 0.05,
    "control_felt": 0.05,
    "initiative": 0.05,
    "exhaustion": 0.05,
    "energy": 0.05,
    "pleasure": 0.05,
    "absence_rate": 0.02,
    "turnover_rate": 0.05,
    "misconduct_loss": 0.02,
    "manager_energy": 0.05,
}
"""The figures on the paths from a manager's choices to the team's outcomes — what the people
(and the manager) feel and do — with the difference that counts as one step of each (its unit:
0.05 on a 0–1 scale, 2 points of absence, …)."""

TOP_CHANNELS = 3
OUTCOMES = ("engagement_rate", "burnout_rate", "productivity")
"""The outcomes the debrief compares, first the one it explains."""


def why(
    spread: pd.DataFrame, team: int, round_: int, versus: str = "story", top: int = TOP_CHANNELS
) -> pd.DataFrame:
    """The ``top`` channels along which ``team`` differs most from its counterfactual
    ``versus`` (``"story"``: under the story's manager; ``"held"``: holding on to trust) in
    ``round_``: a row per channel — ``kpi``, ``difference`` (played less counterfactual, in the
    figure's unit) with its interval ``low`` … ``high``, and ``steps`` (the difference in
    :data:`CHANNELS` units). Channels whose interval includes 0 are left out (no difference
    beyond the noise)."""
    rows = spread[
        (spread["round"] == round_) & (spread.team == team) & spread.kpi.isin(list(CHANNELS))
    ]
    rows = pd.DataFrame(
        {
            "kpi": rows.kpi,
            "difference": rows[f"vs_{versus}"],
            "low": rows[f"vs_{versus}_low"],
            "high": rows[f"vs_{versus}_high"],
        }
    )
    rows["steps"] = rows.difference / rows.kpi.map(CHANNELS)
    clear = rows[((rows.low > 0) | (rows.high < 0)) & (rows.steps.abs() >= 1)]
    return clear.reindex(clear.steps.abs().sort_values(ascending=False).index).head(top)


def versus_for(spread: pd.DataFrame, team: int, round_: int) -> str:
    """The counterfactual that explains ``team``: the story's manager, unless the team was run
    as in the story (then no difference from it) — then holding on to trust."""
    rows = spread[(spread["round"] == round_) & (spread.team == team)]
    return "story" if (rows.vs_story.abs() > 0).any() else "held"


def late_events(scenario: Scenario, rounds: int, round_weeks: int) -> list[int]:
    """The weeks of the story's scheduled events (its interventions) that come after the
    session's last round: the rounds end before them. Weeks are counted from 1, as the rounds
    count them (an intervention at the scenario's week 52 changes week 53)."""
    end = rounds * round_weeks
    return sorted({i.week + 1 for i in scenario.interventions if i.week >= end})
