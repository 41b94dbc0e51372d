"""Measurement: the weekly series of a run and the KPIs averaged over its measurement window.

KPI names are a contract (``../shared/design.md``). Fractions are in [0, 1] unless stated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from mesa import Model

from sim.mechanisms import quadrants

KPI_NAMES = (
    "burnout_rate",
    "engagement_rate",
    "workaholism_rate",
    "satisfaction_rate",
    "productivity",
    "engaged_productivity_ratio",
    "absence_rate",
    "turnover_rate",
    "manager_hours",
    "coaching_share",
    "trust",
    "misconduct_loss",
    "adaptation_error",
    "profit",
)

# A profit-like index per employee-week, in units of a typical employee's weekly output.
REVENUE_PER_OUTPUT = 1.8
SALARY = 0.7  # paid during absence too
ABSENCE_COST = 0.3  # replacement and disruption per absent week
TURNOVER_COST = 4.0  # recruitment and onboarding per leaver (ramp-up shows in output)
MANAGER_HOUR_COST = 0.035  # cost of a manager hour spent monitoring

SERIES = (
    "burnout_rate",
    "engagement_rate",
    "workaholism_rate",
    "satisfaction_rate",
    "productivity",
    "engaged_output",
    "engaged_weeks",
    "other_output",
    "other_weeks",
    "absence_rate",
    "leavers",
    "manager_hours",
    "reporting_hours",
    "monitoring_hours",
    "rules_hours",
    "firefighting_hours",
    "vision_hours",
    "coaching_hours",
    "coaching_share",
    "trust",
    "trust_in_manager",
    "initiative",
    "control_level",
    "grab",
    "energy",
    "pleasure",
    "output",
    "misconduct",
    "misconduct_loss",
    "adaptation_error",
    "profit",
    "opportunist_share",
    "manager_burnout_rate",
    "manager_engagement_rate",
)


def _shares(quadrant: np.ndarray) -> np.ndarray:
    """Share of people in each quadrant, per row (a row per replication)."""
    reps, people = quadrant.shape
    kinds = len(quadrants.NAMES)
    codes = quadrant + kinds * np.arange(reps)[:, None]
    return np.bincount(codes.ravel(), minlength=kinds * reps).reshape(reps, kinds) / max(people, 1)


class WeeklyRecord:
    """Organisation-level measurements, one row a week, preallocated for the horizon."""

    def __init__(self, weeks: int, replications: int = 1) -> None:
        self.data = np.full((max(weeks, 1), replications, len(SERIES)), np.nan)
        self.column = {name: i for i, name in enumerate(SERIES)}

    def _grow(self, week: int) -> None:
        if week >= len(self.data):
            weeks = max(week + 1 - len(self.data), len(self.data))
            extra = np.full((weeks, *self.data.shape[1:]), np.nan)
            self.data = np.concatenate([self.data, extra])

    def measure(self, model: Model) -> None:
        """This week's row for each replication (one for a single run).

        Organisations are consecutive blocks of rows, so each quantity is one reduction over a
        (quantity, replication, person) array.
        """
        e, m = model.employees, model.managers
        reps = self.data.shape[1]
        n = e.size // reps
        present = e.present
        engaged = present & (e.quadrant == quadrants.ENGAGEMENT)
        others = present & ~engaged
        staff = np.stack(
            [e.trust_given, e.trust_in_manager, e.initiative, e.energy, e.pleasure, e.opportunist]
        ).reshape(6, reps, n)
        trust, trust_in_manager, initiative, energy, pleasure, opportunists = staff.mean(axis=2)
        sums = np.stack(
            [
                e.output,
                model.misconduct,
                present,
                engaged,
                others,
                e.output * engaged,
                e.output * others,
                e.adaptation_error * present,
            ]
        ).reshape(8, reps, n)
        output, loss, at_work, engaged_weeks, other_weeks, engaged_output, other_output, error = (
            sums.sum(axis=2)
        )
        teams = np.stack(
            [
                m.hours,
                m.reporting,
                m.monitoring,
                m.rules,
                m.firefighting,
                m.vision,
                m.coaching,
                model.control_level,
                m.grab,
            ]
        ).reshape(9, reps, -1)
        hours, reporting, monitoring, admin, firefighting, vision, coaching, control, grab = (
            teams.mean(axis=2)
        )
        absent = n - at_work
        profit = (
            REVENUE_PER_OUTPUT * (output - loss)
            - SALARY * n
            - ABSENCE_COST * absent
            - TURNOVER_COST * model.leavers
            - MANAGER_HOUR_COST * monitoring * teams.shape[2]
        ) / n
        share = _shares(np.where(e.burnout_leave, quadrants.BURNOUT, e.quadrant).reshape(reps, n))
        managers = _shares(quadrants.classify(m.energy, m.pleasure).reshape(reps, -1))
        rows = (
            share[:, quadrants.BURNOUT],
            share[:, quadrants.ENGAGEMENT],
            share[:, quadrants.WORKAHOLISM],
            share[:, quadrants.SATISFACTION],
            output / n,
            engaged_output,
            engaged_weeks,
            other_output,
            other_weeks,
            absent / n,
            model.leavers,
            hours,
            reporting,
            monitoring,
            admin,
            firefighting,
            vision,
            coaching,
            coaching / np.maximum(hours, 1e-9),
            trust,
            trust_in_manager,
            initiative,
            control,
            grab,
            energy,
            pleasure,
            output,
            loss,
            loss / np.maximum(output, 1e-9),
            np.where(at_work > 0, error / np.maximum(at_work, 1), 0.0),
            profit,
            opportunists,
            managers[:, quadrants.BURNOUT],
            managers[:, quadrants.ENGAGEMENT],
        )
        self._grow(model.week)
        self.data[model.week] = np.array(rows, dtype=float).T

    def frame(self, weeks: int, replication: int = 0) -> pd.DataFrame:
        df = pd.DataFrame(self.data[:weeks, replication], columns=list(SERIES))
        df.insert(0, "week", np.arange(1, weeks + 1))
        return df

    def kpis(
        self, weeks: int, window: int, employees: int, replication: int = 0
    ) -> dict[str, float]:
        """KPIs averaged over the last ``window`` of ``weeks`` measured weeks."""
        if weeks == 0:
            raise ValueError("no weeks simulated yet")
        rows = self.data[max(0, weeks - window) : weeks, replication]
        col = {name: rows[:, i] for name, i in self.column.items()}
        mean = {name: float(np.mean(v)) for name, v in col.items()}
        engaged = col["engaged_output"].sum() / max(col["engaged_weeks"].sum(), 1)
        other = col["other_output"].sum() / max(col["other_weeks"].sum(), 1)
        return {
            "burnout_rate": mean["burnout_rate"],
            "engagement_rate": mean["engagement_rate"],
            "workaholism_rate": mean["workaholism_rate"],
            "satisfaction_rate": mean["satisfaction_rate"],
            "productivity": mean["productivity"],
            "engaged_productivity_ratio": float(engaged / other) if other > 0 else float("nan"),
            "absence_rate": mean["absence_rate"],
            "turnover_rate": float(col["leavers"].sum() / employees * 52 / len(rows)),
            "manager_hours": mean["manager_hours"],
            "coaching_share": float(
                (col["coaching_hours"].sum()) / max(col["manager_hours"].sum(), 1e-9)
            ),
            "trust": mean["trust"],
            "misconduct_loss": float(col["misconduct"].sum() / max(col["output"].sum(), 1e-9)),
            "adaptation_error": mean["adaptation_error"],
            "profit": mean["profit"],
        }
