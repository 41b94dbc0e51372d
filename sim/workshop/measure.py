"""Per-team figures for the workshop: what each week did to each team, and a round's summary.

The organisation's weekly series and KPIs are :mod:`sim.kpis`'; a participant sees their own
team, so these are the same kinds of figure per team (quadrant shares with burnout leave counted
as burnout, output per employee, absence, turnover, trust) plus what the manager's week looked
like (hours by activity, energy: the manager's strain). Fractions are in [0, 1] unless stated.
"""

from __future__ import annotations

import numpy as np
from mesa import Model

from sim.kpis import TINY, WEEKS_PER_YEAR
from sim.mechanisms import quadrants
from sim.mechanisms.teams import team_mean, team_sum

TEAM_KPIS: dict[str, str] = {
    "burnout_rate": "share of the team in the burnout quadrant (burnout leave included)",
    "engagement_rate": "share of the team in the engagement quadrant",
    "workaholism_rate": "share of the team in the workaholism quadrant",
    "satisfaction_rate": "share of the team in the satisfaction quadrant",
    "productivity": "weekly output per employee of the team (1 = a typical week)",
    "absence_rate": "share of the team's employee-weeks absent",
    "turnover_rate": "leavers (quits and dismissals) per employee per year",
    "misconduct_loss": "output lost to misconduct, as a share of the team's output",
    "trust": "mean trust the manager gives the team's employees",
    "trust_in_manager": "mean trust the employees have in their manager",
    "control_felt": "mean control the employees believe they are under",
    "initiative": "mean initiative of the employees",
    "energy": "mean energy of the employees",
    "pleasure": "mean pleasure of the employees",
    "exhaustion": "mean exhaustion of the employees",
    "control_level": "monitoring intensity on the team (imposed plus grabbed)",
    "grab": "control the story's manager would have pulled back (0 … 1)",
    "manager_hours": "the manager's weekly hours",
    "monitoring_hours": "the manager's weekly hours monitoring",
    "firefighting_hours": "the manager's weekly hours doing the team's work",
    "coaching_hours": "the manager's weekly hours coaching",
    "vision_hours": "the manager's weekly hours on vision",
    "coaching_share": "share of the manager's hours spent coaching",
    "manager_energy": "the manager's energy",
    "manager_pleasure": "the manager's pleasure",
    "manager_exhaustion": "the manager's exhaustion",
}
"""The per-team figures of a round, averaged over its weeks, with their meaning."""

_SUMMED = ("leavers", "output", "misconduct")  # per week; the round's rates divide their sums


def team_week(model: Model, leavers: np.ndarray) -> dict[str, np.ndarray]:
    """This week's figures per team (one element per team of the model); ``leavers`` counts
    the rows of each team that changed hands this week."""
    e, m, week = model.employees, model.managers, model.this_week
    size, teams = m.team_size, m.team_size.size
    kinds = len(quadrants.NAMES)
    staff = np.where(e.burnout_leave, quadrants.BURNOUT, e.quadrant)
    shares = np.bincount(e.team * kinds + staff, minlength=teams * kinds).reshape(teams, kinds)
    shares = shares / np.maximum(size, 1)[:, None]

    def mean(values: np.ndarray) -> np.ndarray:
        return team_mean(values.astype(float), e.team, size)

    return {
        "burnout_rate": shares[:, quadrants.BURNOUT],
        "engagement_rate": shares[:, quadrants.ENGAGEMENT],
        "workaholism_rate": shares[:, quadrants.WORKAHOLISM],
        "satisfaction_rate": shares[:, quadrants.SATISFACTION],
        "productivity": mean(e.output),
        "absence_rate": 1 - mean(e.present),
        "trust": mean(e.trust_given),
        "trust_in_manager": mean(e.trust_in_manager),
        "control_felt": mean(e.control_believed),
        "initiative": mean(e.initiative),
        "energy": mean(e.energy),
        "pleasure": mean(e.pleasure),
        "exhaustion": mean(e.exhaustion),
        "control_level": np.asarray(week.control_level, dtype=float),
        "grab": m.grab.copy(),
        "manager_hours": m.hours.copy(),
        "monitoring_hours": m.monitoring.copy(),
        "firefighting_hours": m.firefighting.copy(),
        "coaching_hours": m.coaching.copy(),
        "vision_hours": m.vision.copy(),
        "manager_energy": m.energy.copy(),
        "manager_pleasure": m.pleasure.copy(),
        "manager_exhaustion": m.exhaustion.copy(),
        "leavers": leavers.astype(float),
        "output": team_sum(e.output, e.team, teams),
        "misconduct": team_sum(week.misconduct, e.team, teams),
    }


def round_figures(weeks: list[dict[str, np.ndarray]], size: np.ndarray) -> dict[str, np.ndarray]:
    """A round's figures per team (:data:`TEAM_KPIS`) from its weeks' :func:`team_week`."""
    stacked = {name: np.stack([w[name] for w in weeks]) for name in weeks[0]}
    figures = {name: values.mean(axis=0) for name, values in stacked.items() if name not in _SUMMED}
    figures["turnover_rate"] = (
        stacked["leavers"].sum(axis=0) / np.maximum(size, 1) * WEEKS_PER_YEAR / len(weeks)
    )
    figures["misconduct_loss"] = stacked["misconduct"].sum(axis=0) / np.maximum(
        stacked["output"].sum(axis=0), TINY
    )
    figures["coaching_share"] = stacked["coaching_hours"].sum(axis=0) / np.maximum(
        stacked["manager_hours"].sum(axis=0), TINY
    )
    return {name: figures[name] for name in TEAM_KPIS}
