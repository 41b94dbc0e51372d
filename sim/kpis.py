"""Measurement: the weekly series of a run and the KPIs averaged over its measurement window.

KPI names are a contract (``../shared/design.md``). Fractions are in [0, 1] unless stated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sim.mechanisms import quadrants

if TYPE_CHECKING:
    from sim.model import OrgModel

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


class WeeklyRecord:
    """Organisation-level measurements, one row a week, preallocated for the horizon."""

    def __init__(self, weeks: int) -> None:
        self.data = np.full((max(weeks, 1), len(SERIES)), np.nan)
        self.column = {name: i for i, name in enumerate(SERIES)}

    def _grow(self, week: int) -> None:
        if week >= len(self.data):
            extra = np.full((max(week + 1 - len(self.data), len(self.data)), len(SERIES)), np.nan)
            self.data = np.vstack([self.data, extra])

    def measure(self, model: OrgModel) -> None:
        e, m = model.employees, model.managers
        n = e.size
        present = e.present
        counted = np.where(e.burnout_leave, quadrants.BURNOUT, e.quadrant)
        share = quadrants.shares(counted)
        engaged = present & (e.quadrant == quadrants.ENGAGEMENT)
        others = present & ~engaged
        output = e.output.sum()
        loss = model.misconduct.sum()
        absent = n - present.sum()
        hours = m.hours.sum()
        profit = (
            REVENUE_PER_OUTPUT * (output - loss)
            - SALARY * n
            - ABSENCE_COST * absent
            - TURNOVER_COST * model.leavers
            - MANAGER_HOUR_COST * m.monitoring.sum()
        ) / n
        mq = quadrants.shares(quadrants.classify(m.energy, m.pleasure))
        row = (
            share[quadrants.BURNOUT],
            share[quadrants.ENGAGEMENT],
            share[quadrants.WORKAHOLISM],
            share[quadrants.SATISFACTION],
            output / n,
            e.output[engaged].sum(),
            engaged.sum(),
            e.output[others].sum(),
            others.sum(),
            absent / n,
            model.leavers,
            hours / m.hours.size,
            m.reporting.mean(),
            m.monitoring.mean(),
            m.rules.mean(),
            m.firefighting.mean(),
            m.vision.mean(),
            m.coaching.mean(),
            m.coaching.sum() / max(hours, 1e-9),
            e.trust_given.mean(),
            e.trust_in_manager.mean(),
            e.initiative.mean(),
            model.control_level.mean(),
            m.grab.mean(),
            e.energy.mean(),
            e.pleasure.mean(),
            output,
            loss,
            loss / max(output, 1e-9),
            e.adaptation_error[present].mean() if present.any() else 0.0,
            profit,
            e.opportunist.mean(),
            mq[quadrants.BURNOUT],
            mq[quadrants.ENGAGEMENT],
        )
        self._grow(model.week)
        self.data[model.week] = row

    def frame(self, weeks: int) -> pd.DataFrame:
        df = pd.DataFrame(self.data[:weeks], columns=list(SERIES))
        df.insert(0, "week", np.arange(1, weeks + 1))
        return df

    def kpis(self, weeks: int, window: int, employees: int) -> dict[str, float]:
        """KPIs averaged over the last ``window`` of ``weeks`` measured weeks."""
        if weeks == 0:
            raise ValueError("no weeks simulated yet")
        rows = self.data[max(0, weeks - window) : weeks]
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
