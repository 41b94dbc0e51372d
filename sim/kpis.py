"""Measurement: the weekly series of a run and the KPIs averaged over its measurement window.

The weekly record is a mapping from series name to reporter (:data:`SERIES`), the vectorised
form of Mesa's DataCollector model reporters: each reporter reads one week's :class:`Tally`
(the organisation-level totals, one element per organisation simulated side by side). The KPIs
(:data:`KPIS`, names a contract: ``docs/user-guide.md``) are aggregates of those series over the
measurement window. Fractions are in [0, 1] unless stated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from mesa import Model

from sim.coefficients import Record, coefficient
from sim.mechanisms import quadrants
from sim.mechanisms.teams import team_mean

TINY = 1e-9  # guards divisions by totals that may be zero
WEEKS_PER_YEAR = 52
NEWCOMER_WEEKS = 104  # CBS counts leaving by tenure under and over two years (evidence §8.11)
QUARTILES = 4  # Gallup compares the top and bottom quartiles of units by engagement


class Coefficients(Record):
    """The profit index per employee-week, in units of a typical employee's weekly output."""

    revenue_per_output: float = coefficient(
        1.8, 1.2, 3.0, "per unit of output", "revenue per unit of output"
    )
    salary: float = coefficient(
        0.7, 0.4, 1.0, "per employee-week", "salary, paid during absence too"
    )
    absence_cost: float = coefficient(
        0.3,
        0.0,
        1.0,
        "per absent week",
        "replacement and disruption per absent week",
        "assumed",
        "ArboNed: burnout absence costs ~€250 a day, salary included (docs/evidence.md §8.9)",
    )
    turnover_cost: float = coefficient(
        4.0,
        1.0,
        20.0,
        "per leaver",
        "recruitment and onboarding per leaver (ramp-up shows in output)",
        "assumed",
        "replacing an employee costs a substantial share of a year's pay (recruiting, ramp-up)",
    )
    manager_hour_cost: float = coefficient(
        0.035, 0.01, 0.1, "per hour", "cost of a manager hour spent monitoring"
    )


@dataclass(frozen=True)
class Tally:
    """One week's organisation-level totals and means, one element per organisation."""

    employees: int  # on the payroll of each organisation
    teams: int  # per organisation
    shares: np.ndarray  # (organisations, 4): employees per quadrant, burnout leave as burnout
    manager_shares: np.ndarray  # (organisations, 4): managers per quadrant
    output: np.ndarray
    misconduct: np.ndarray
    at_work: np.ndarray
    engaged_weeks: np.ndarray  # present and engaged
    other_weeks: np.ndarray  # present, not engaged
    engaged_output: np.ndarray
    other_output: np.ndarray
    error: np.ndarray  # sum of adaptation errors of those present
    coordination: np.ndarray  # sum of coordination errors of those present
    burnout_absent: np.ndarray  # absent and in the burnout quadrant (burnout leave included)
    burnout_leave: np.ndarray  # on long burnout leave
    opportunist_effort: np.ndarray  # summed over opportunists at work …
    opportunists_at_work: np.ndarray
    reciprocal_effort: np.ndarray  # … and over reciprocal employees at work
    reciprocal_at_work: np.ndarray
    burnout_staff: np.ndarray  # in the burnout quadrant
    other_absent: np.ndarray  # absent, not in the burnout quadrant
    trust: np.ndarray  # means over employees …
    trust_in_manager: np.ndarray
    initiative: np.ndarray
    energy: np.ndarray
    pleasure: np.ndarray
    exhaustion: np.ndarray
    opportunists: np.ndarray
    hours: np.ndarray  # … and over managers
    reporting: np.ndarray
    monitoring: np.ndarray
    rules: np.ndarray
    firefighting: np.ndarray
    vision: np.ndarray
    coaching: np.ndarray
    control: np.ndarray
    grab: np.ndarray
    leavers: np.ndarray
    newcomers: np.ndarray  # staff under two years' tenure, before this week's leaving …
    newcomer_leavers: np.ndarray  # … and those of them who left
    engaged_teams: np.ndarray  # (organisations, 2, 3): bottom and top quartile of teams by
    # this week's engaged share before leaving, each with (staff, absent, leavers)
    costs: Coefficients  # numbers per organisation where points simulated together differ

    @classmethod
    def of(cls, model: Model) -> Tally:
        """Totals of this week. Organisations are consecutive blocks of rows, so each kind of
        quantity is one reduction over a (quantity, organisation, person) array."""
        e, m, week = model.employees, model.managers, model.this_week
        reps = model.replications
        n = e.size // reps
        present = e.present
        engaged = present & (e.quadrant == quadrants.ENGAGEMENT)
        others = present & ~engaged
        opportunists = present & e.opportunist
        reciprocal = present & ~e.opportunist
        staff = quadrants.as_counted(e.quadrant, e.burnout_leave)
        burnout = staff == quadrants.BURNOUT
        summed = {
            "output": e.output,
            "misconduct": week.misconduct,
            "at_work": present,
            "engaged_weeks": engaged,
            "other_weeks": others,
            "engaged_output": e.output * engaged,
            "other_output": e.output * others,
            "error": e.adaptation_error * present,
            "coordination": week.coordination_error * present,
            "burnout_absent": burnout & ~present,
            "burnout_leave": e.burnout_leave,
            "opportunist_effort": e.effort * opportunists,
            "opportunists_at_work": opportunists,
            "reciprocal_effort": e.effort * reciprocal,
            "reciprocal_at_work": reciprocal,
            "burnout_staff": burnout,
            "other_absent": ~burnout & ~present,
        }
        averaged = {
            "trust": e.trust_given,
            "trust_in_manager": e.trust_in_manager,
            "initiative": e.initiative,
            "energy": e.energy,
            "pleasure": e.pleasure,
            "exhaustion": e.exhaustion,
            "opportunists": e.opportunist,
        }
        per_team = {
            "hours": m.hours,
            "reporting": m.reporting,
            "monitoring": m.monitoring,
            "rules": m.rules,
            "firefighting": m.firefighting,
            "vision": m.vision,
            "coaching": m.coaching,
            "control": week.control_level,
            "grab": m.grab,
        }
        managers = quadrants.classify(m.energy, m.pleasure, c=model.by_team.coefficients.quadrants)
        return cls(
            employees=n,
            teams=m.team_size.size // reps,
            shares=_shares(staff.reshape(reps, n)),
            manager_shares=_shares(managers.reshape(reps, -1)),
            leavers=week.leavers,
            newcomers=week.newcomers,
            newcomer_leavers=week.newcomer_leavers,
            engaged_teams=_engaged_teams(
                week.team_engaged,
                ~present,
                week.team_leavers,
                e.team,
                m.team_size,
                reps,
            ),
            costs=model.by_organisation.coefficients.kpis,
            **_reduce(summed, reps, np.sum),
            **_reduce(averaged, reps, np.mean),
            **_reduce(per_team, reps, np.mean),
        )


def _engaged_teams(team_engaged, absent, team_leavers, team, team_size, reps) -> np.ndarray:
    """Per organisation, the bottom and top quartile of its teams by engaged share this week
    (before anyone left and newcomers came), each as (staff, absent, leavers); with fewer than
    four teams, the least and the most engaged team."""
    teams = team_size.size
    per_team = np.stack(
        [
            team_size,
            np.bincount(team, absent, minlength=teams),
            team_leavers,
        ]
    ).reshape(3, reps, -1)
    share = team_engaged.reshape(reps, -1)
    quarter = max(1, share.shape[1] // QUARTILES)
    order = np.argsort(share, axis=1, kind="stable")
    ends = (order[:, :quarter], order[:, -quarter:])
    return np.stack(
        [np.take_along_axis(per_team, rows[None], axis=2).sum(axis=2).T for rows in ends], axis=1
    )


def _reduce(quantities: dict[str, np.ndarray], reps: int, how) -> dict[str, np.ndarray]:
    """Each quantity reduced per organisation, all in one call."""
    stacked = np.stack(list(quantities.values())).reshape(len(quantities), reps, -1)
    return dict(zip(quantities, how(stacked, axis=2), strict=True))


def profit_terms(t: Tally) -> dict[str, np.ndarray]:
    """Profit's terms per organisation, in total for the week: revenue (output less
    misconduct), and salaries, absence, leavers and monitoring hours as negative costs."""
    c, n = t.costs, t.employees
    return {
        "revenue": c.revenue_per_output * (t.output - t.misconduct),
        "salaries": -(c.salary * n),
        "absence": -(c.absence_cost * (n - t.at_work)),
        "leavers": -(c.turnover_cost * t.leavers),
        "monitoring": -(c.manager_hour_cost * t.monitoring * t.teams),
    }


def profit(t: Tally) -> np.ndarray:
    """Output minus salaries, absence, turnover, monitoring and misconduct, per employee-week:
    the sum of :func:`profit_terms`."""
    return sum(profit_terms(t).values()) / t.employees


Reporter = Callable[[Tally], np.ndarray]

SERIES: dict[str, Reporter] = {
    "burnout_rate": lambda t: t.shares[:, quadrants.BURNOUT],
    "engagement_rate": lambda t: t.shares[:, quadrants.ENGAGEMENT],
    "workaholism_rate": lambda t: t.shares[:, quadrants.WORKAHOLISM],
    "satisfaction_rate": lambda t: t.shares[:, quadrants.SATISFACTION],
    "productivity": lambda t: t.output / t.employees,
    "engaged_output": lambda t: t.engaged_output,
    "engaged_weeks": lambda t: t.engaged_weeks,
    "other_output": lambda t: t.other_output,
    "other_weeks": lambda t: t.other_weeks,
    "absence_rate": lambda t: (t.employees - t.at_work) / t.employees,
    "leavers": lambda t: t.leavers,
    "newcomers": lambda t: t.newcomers,
    "newcomer_leavers": lambda t: t.newcomer_leavers,
    "tenured": lambda t: t.employees - t.newcomers,
    "tenured_leavers": lambda t: t.leavers - t.newcomer_leavers,
    "bottom_teams_staff": lambda t: t.engaged_teams[:, 0, 0],
    "bottom_teams_absent": lambda t: t.engaged_teams[:, 0, 1],
    "bottom_teams_leavers": lambda t: t.engaged_teams[:, 0, 2],
    "top_teams_staff": lambda t: t.engaged_teams[:, 1, 0],
    "top_teams_absent": lambda t: t.engaged_teams[:, 1, 1],
    "top_teams_leavers": lambda t: t.engaged_teams[:, 1, 2],
    "manager_hours": lambda t: t.hours,
    "reporting_hours": lambda t: t.reporting,
    "monitoring_hours": lambda t: t.monitoring,
    "rules_hours": lambda t: t.rules,
    "firefighting_hours": lambda t: t.firefighting,
    "vision_hours": lambda t: t.vision,
    "coaching_hours": lambda t: t.coaching,
    "coaching_share": lambda t: t.coaching / np.maximum(t.hours, TINY),
    "trust": lambda t: t.trust,
    "trust_in_manager": lambda t: t.trust_in_manager,
    "initiative": lambda t: t.initiative,
    "control_level": lambda t: t.control,
    "grab": lambda t: t.grab,
    "energy": lambda t: t.energy,
    "pleasure": lambda t: t.pleasure,
    "exhaustion": lambda t: t.exhaustion,
    "output": lambda t: t.output,
    "misconduct": lambda t: t.misconduct,
    "misconduct_loss": lambda t: t.misconduct / np.maximum(t.output, TINY),
    "adaptation_error": lambda t: np.where(t.at_work > 0, t.error / np.maximum(t.at_work, 1), 0.0),
    "coordination_error": lambda t: t.coordination / np.maximum(t.at_work, 1),
    "burnout_absent": lambda t: t.burnout_absent,
    "burnout_leave_rate": lambda t: t.burnout_leave / t.employees,
    "burnout_staff": lambda t: t.burnout_staff,
    "other_absent": lambda t: t.other_absent,
    "profit": profit,
    "opportunist_share": lambda t: t.opportunists,
    "reciprocal_effort": lambda t: np.where(
        t.reciprocal_at_work > 0, t.reciprocal_effort / np.maximum(t.reciprocal_at_work, 1), np.nan
    ),
    "opportunist_effort": lambda t: np.where(
        t.opportunists_at_work > 0,
        t.opportunist_effort / np.maximum(t.opportunists_at_work, 1),
        np.nan,
    ),
    "manager_burnout_rate": lambda t: t.manager_shares[:, quadrants.BURNOUT],
    "manager_engagement_rate": lambda t: t.manager_shares[:, quadrants.ENGAGEMENT],
}
"""The weekly series by name: one value per organisation a week."""

Window = dict[str, np.ndarray]  # series name → its weekly values over the measurement window
Aggregate = Callable[[Window, int], float]  # (window, employees per organisation) → KPI


def mean(series: str) -> Aggregate:
    return lambda w, n: float(np.mean(w[series]))


def ratio(numerator: str, denominator: str) -> Aggregate:
    """Σ numerator / Σ denominator over the window."""
    return lambda w, n: float(w[numerator].sum() / max(w[denominator].sum(), TINY))


def engaged_productivity_ratio(w: Window, n: int) -> float:
    """Output per present engaged employee-week ÷ per present non-engaged employee-week."""
    engaged = w["engaged_output"].sum() / max(w["engaged_weeks"].sum(), 1)
    other = w["other_output"].sum() / max(w["other_weeks"].sum(), 1)
    return float(engaged / other) if other > 0 else float("nan")


def burnout_absence_ratio(w: Window, n: int) -> float:
    """Absence rate of staff in the burnout quadrant ÷ that of the others (TNO: about 6×)."""
    burnout = w["burnout_absent"].sum() / max(w["burnout_staff"].sum(), 1)
    others = w["other_absent"].sum() / max(n * len(w["other_absent"]) - w["burnout_staff"].sum(), 1)
    return float(burnout / others) if others > 0 else float("nan")


def turnover_rate(w: Window, n: int) -> float:
    """Leavers per employee per year."""
    return float(w["leavers"].sum() / n * WEEKS_PER_YEAR / len(w["leavers"]))


KPIS: dict[str, Aggregate] = {
    "burnout_rate": mean("burnout_rate"),
    "engagement_rate": mean("engagement_rate"),
    "workaholism_rate": mean("workaholism_rate"),
    "satisfaction_rate": mean("satisfaction_rate"),
    "productivity": mean("productivity"),
    "engaged_productivity_ratio": engaged_productivity_ratio,
    "absence_rate": mean("absence_rate"),
    "burnout_absence_ratio": burnout_absence_ratio,
    "turnover_rate": turnover_rate,
    "manager_hours": mean("manager_hours"),
    "coaching_share": ratio("coaching_hours", "manager_hours"),
    "trust": mean("trust"),
    "misconduct_loss": ratio("misconduct", "output"),
    "adaptation_error": mean("adaptation_error"),
    "profit": mean("profit"),
}
"""The KPIs by name, each an aggregate of the weekly series over the measurement window."""

KPI_NAMES = tuple(KPIS)


def _shares(quadrant: np.ndarray) -> np.ndarray:
    """Share of people in each quadrant, per row (a row per organisation)."""
    reps, people = quadrant.shape
    kinds = len(quadrants.NAMES)
    codes = quadrant + kinds * np.arange(reps)[:, None]
    return np.bincount(codes.ravel(), minlength=kinds * reps).reshape(reps, kinds) / max(people, 1)


class WeeklyRecord:
    """The weekly series, one row a week and a column per series, preallocated for the
    horizon, for each organisation simulated side by side."""

    def __init__(self, weeks: int, replications: int = 1) -> None:
        self.data = np.full((max(weeks, 1), replications, len(SERIES)), np.nan)

    def _grow(self, week: int) -> None:
        if week >= len(self.data):
            weeks = max(week + 1 - len(self.data), len(self.data))
            extra = np.full((weeks, *self.data.shape[1:]), np.nan)
            self.data = np.concatenate([self.data, extra])

    def measure(self, model: Model) -> None:
        """This week's row for each organisation."""
        tally = Tally.of(model)
        self._grow(model.week)
        self.data[model.week] = np.array(
            [report(tally) for report in SERIES.values()], dtype=float
        ).T

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
        columns = {name: rows[:, i] for i, name in enumerate(SERIES)}
        return {name: aggregate(columns, employees) for name, aggregate in KPIS.items()}


def engaged_teams(e, team_size: np.ndarray) -> np.ndarray:
    """Each team's engaged share before this week's sick reports and leavers (Gallup ranks units
    by engagement)."""
    engaged = quadrants.as_counted(e.quadrant, e.burnout_leave) == quadrants.ENGAGEMENT
    return team_mean(engaged.astype(float), e.team, team_size)


def note_leavers(week, e, leaving: np.ndarray, replication: np.ndarray, reps: int) -> None:
    """What the record needs of this week's leavers, before they are replaced: leavers and
    newcomers per organisation (of ``reps``; CBS counts by tenure) and leavers per team."""
    organisation, newcomer = replication[e.team], e.tenure < NEWCOMER_WEEKS
    leavers = np.flatnonzero(leaving)
    week.leavers = np.bincount(organisation[leavers], minlength=reps)
    week.newcomers = np.bincount(organisation[newcomer], minlength=reps)
    week.newcomer_leavers = np.bincount(organisation[newcomer & leaving], minlength=reps)
    week.team_leavers = np.bincount(e.team[leavers], minlength=week.team_leavers.size)


class Measured:
    """The model's outputs (a mixin of :class:`sim.model.OrgModel`): this week's row of the
    weekly series, the series so far and the KPIs over the measurement window."""

    def measure(self) -> None:
        """This week's row of the weekly series (not during the unseen warm-up)."""
        if self.week >= 0:
            self.record.measure(self)

    def timeseries(self, replication: int = 0) -> pd.DataFrame:
        """Weekly organisation-level series so far, one row a week."""
        return self.record.frame(self.week, replication)

    def kpis(self, replication: int = 0) -> dict[str, float]:
        """KPIs averaged over the last ``run.measure_weeks`` weeks simulated."""
        return self.record.kpis(
            self.week,
            self.scenario.run.measure_weeks,
            self.employees.size // self.replications,
            replication,
        )
