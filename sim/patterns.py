"""The stylised facts the model must reproduce — including where the book's argument fails.

Pattern-oriented modelling (Grimm et al. 2005): a model is credible when it reproduces several
observed patterns at once, not one figure it was fitted to. Each :class:`Pattern` names the claim
it tests (C1…C17, ``sim/claims.py``), the source of its target, the range that counts as met,
the scenarios it compares and how to measure it. All scenarios run once, with common random
numbers (every batch the same seed), so paired differences are precise; each value is a mean
over replications with its 95% interval. ``loslaten patterns`` prints them;
``docs/model.md`` summarises them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sim.experiments.batches import common_batch
from sim.experiments.execute import run_batches
from sim.experiments.executors import Execution
from sim.experiments.summaries import interval
from sim.scenario import Scenario, load_scenario

Spec = tuple[str, tuple[tuple[str, Any], ...]]  # a built-in scenario and its overrides


def spec(name: str = "baseline", **overrides: Any) -> Spec:
    """``spec("baseline", **{"levers.trust": 0.8})``: a scenario a pattern runs."""
    return name, tuple(sorted(overrides.items()))


class Runs:
    """What a pattern's scenarios produced: per replication, KPIs and weekly series."""

    def __init__(self, table: pd.DataFrame, weekly: pd.DataFrame, labels: dict[Spec, int]):
        self._kpis = {i: rows.sort_values("rep") for i, rows in table.groupby("variant")}
        self._weekly = {i: rows for i, rows in weekly.groupby("variant")}
        self.labels = labels

    def kpi(self, which: Spec, name: str) -> np.ndarray:
        return self._kpis[self.labels[which]][name].to_numpy(dtype=float)

    def series(self, which: Spec, name: str) -> np.ndarray:
        """A weekly series, a row per replication."""
        rows = self._weekly[self.labels[which]]
        return rows.pivot(index="rep", columns="week", values=name).to_numpy(dtype=float)

    def weeks(self, which: Spec, name: str, first: int, last: int) -> np.ndarray:
        """Per replication, the mean of a series over weeks ``first`` … ``last``."""
        return self.series(which, name)[:, first - 1 : last].mean(axis=1)


Measure = Callable[[Runs], np.ndarray]


@dataclass(frozen=True)
class Pattern:
    """A stylised fact: ``measure`` gives a value per replication; met when the mean is in
    [``low``, ``high``]. ``kind`` (one of :data:`KINDS`) says what kind of evidence it is;
    ``group`` is one of :data:`GROUPS`; ``unit`` (one of :data:`UNITS`) says how to read the
    value."""

    name: str
    claim: str
    source: str
    target: str
    low: float
    high: float
    specs: tuple[Spec, ...]
    measure: Measure = field(compare=False)
    kind: str
    group: str = ""
    unit: str = "change"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: kind {self.kind!r} is not one of {', '.join(KINDS)}")


KINDS = ("calibration", "validation", "implementation", "gap")
"""What kind of evidence a pattern is (``docs/evidence.md`` §16): ``calibration``, a figure the
model was fitted to (by ``make calibrate`` or by moving coefficients by hand); ``validation``, a
published finding not used to fit, its target taken from the source before its value was
measured; ``implementation``, a sign that holds by construction (a test of the code, not
evidence); ``gap``, a finding the model is known to miss, shown and expected not to be met."""

GROUPS = ("calibration", "ranges", "trust", "control", "manager", "hayek", "consequences", "steady")
"""The groups of patterns, in order (``docs/model.md`` section 1): the public figures, credible
ranges, trust, control, the manager's story, Hayek, Simon and their critics, consequences, peers
and pressure, and a steady start."""
UNITS = ("share", "points", "ratio", "hours", "hours_change", "relative", "change")
"""How a pattern's value reads: a share (0.14 = 14%), a difference of shares in percentage
points, a ratio (×1.17), hours, a difference in hours, a relative change (−0.05 = −5%), or a
difference on the KPI's own scale (productivity, profit, effort, exhaustion, adaptation error)."""


def _events_only(name: str) -> Spec:
    """The built-in story ``name`` with only the environment's events among its interventions
    (a shock kept, a manager's change of course left out): its counterfactual."""
    events = (
        (iv.week, tuple(sorted(iv.set.items())))
        for iv in load_scenario(name).interventions
        if all(key.startswith("environment.") for key in iv.set)
    )
    return spec(name, interventions=tuple(events))


# --- the scenarios ------------------------------------------------------------------------------

LEVERS = ("vision", "trust", "responsibility", "freedom", "connection", "safety")
BASE = spec()
MANY_TEAMS = spec(**{"organisation.employees": 1000})  # the baseline's teams, a hundred of them
"""Where a pattern compares counts of events between groups (newcomers and tenured staff, the top
and bottom quartile of teams), an organisation of 200 holds few of each (5 teams a quartile, 40
newcomers) and the ratio swings with the dice; the same organisation five times as large holds
25 teams a quartile, as a survey of many units does."""
BEST = spec(**{f"levers.{x}": 1.0 for x in LEVERS}, **{"levers.control": 0.0, "levers.rules": 0.0})
WORST = spec(**{f"levers.{x}": 0.0 for x in LEVERS}, **{"levers.control": 1.0, "levers.rules": 1.0})
TRUST = {v: spec(**{"levers.trust": v}) for v in (0.2, 0.8)}
CONTROL = {
    (share, level): spec(**{"workforce.opportunist_share": share, "levers.control": level})
    for share in (0.1, 1 / 3)
    for level in (0.2, 0.8)
}
CENTRAL = {"levers.responsibility": 0.1, "levers.freedom": 0.1, "levers.control": 0.8}
CENTRAL |= {"levers.rules": 0.8, "levers.vision": 0.8, "environment.interdependence": 0.7}
DECENTRAL = {**CENTRAL, "levers.responsibility": 0.9, "levers.freedom": 0.9}
DECENTRAL |= {"levers.control": 0.2, "levers.rules": 0.2}
HAYEK = {
    (organisation, turbulence): spec(**levers, **{"environment.turbulence": turbulence})
    for organisation, levers in (("central", CENTRAL), ("decentral", DECENTRAL))
    for turbulence in (0.0, 0.8)
}
VISION = {
    v: spec(**{**DECENTRAL, "levers.vision": v, "environment.turbulence": 0.8}) for v in (0.1, 0.9)
}
RULES = {v: spec(**{"levers.rules": v}) for v in (0.0, 0.25, 1.0)}
FOLLOW_UP = {
    on: spec(**{"workforce.opportunist_share": 0.2, "mechanisms.consequences": on})
    for on in (True, False)
}
PEERS = {
    on: spec(
        "self_steering_teams",
        **{"workforce.opportunist_share": 0.2, "mechanisms.social_control": on},
    )
    for on in (True, False)
}
PRESSURE = {v: spec(**{"environment.pressure": v}) for v in (0.0, 0.5, 1.0)}
JOBS = {  # Karasek's jobs: (demands, latitude) as (results pressure, freedom), low 0.1, high 0.9
    (p, f): spec(**{"environment.pressure": p, "levers.freedom": f})
    for p in (0.1, 0.9)
    for f in (0.1, 0.9)
}
STRAIN = JOBS[(0.9, 0.1)]  # high demands, little latitude
ACTIVE = JOBS[(0.9, 0.9)]  # high demands, much latitude
NEEDS = {  # control 0.2 and 0.8 in a workforce needing little (0.2) or much (0.8) autonomy
    (n, k): spec(**{"workforce.autonomy_need": n, "levers.control": k})
    for n in (0.2, 0.8)
    for k in (0.2, 0.8)
}
SPAN = {size: spec(**{"organisation.team_size": size}) for size in (6, 20)}  # reports a manager
LATITUDE = {  # control over one's own work: responsibility and freedom together
    v: spec(**{"levers.responsibility": v, "levers.freedom": v}) for v in (0.2, 0.8)
}
VICIOUS = spec("vicious_circle")
HOLDS_TRUST = spec(
    "vicious_circle", **{"managers.control_propensity": 0.1, "managers.courage": 0.9}
)
LET_GO, RELAPSE = spec("let_go"), spec("let_go_relapse")
TURN_WEEK = 104  # the trust lever turns after this week
TRUST_TURNS = {  # trust 0.2 → 0.8 (built) and 0.8 → 0.2 (lost), the rest the baseline
    (a, z): spec(**{"levers.trust": a}, interventions=((TURN_WEEK, (("levers.trust", z),)),))
    for a, z in ((0.2, 0.8), (0.8, 0.2))
}
NO_LET_GO = _events_only("let_go")  # the same story without letting go: its shock kept
COACHING = spec("coaching_leader")
LET_GO_WEEK = 104  # the week the stories let go (scenarios/let_go.yaml)


def _diff(a: Spec, b: Spec, kpi: str) -> Measure:
    return lambda r: r.kpi(b, kpi) - r.kpi(a, kpi)


def _relative(a: Spec, b: Spec, kpi: str) -> Measure:
    return lambda r: r.kpi(b, kpi) / r.kpi(a, kpi)


def _level(s: Spec, kpi: str) -> Measure:
    return lambda r: r.kpi(s, kpi)


def _rate(r: Runs, which: Spec, events: str, at_risk: str) -> np.ndarray:
    """Per replication, Σ ``events`` ÷ Σ ``at_risk`` over the whole run (a weekly rate)."""
    return r.series(which, events).sum(axis=1) / r.series(which, at_risk).sum(axis=1)


def _rate_ratio(which: Spec, these: tuple[str, str], those: tuple[str, str]) -> Measure:
    """The weekly rate of ``these`` (events, at risk) ÷ that of ``those``, per replication."""
    return lambda r: _rate(r, which, *these) / _rate(r, which, *those)


def _half_way(r: Runs, which: Spec, name: str) -> np.ndarray:
    """Per replication, the weeks after :data:`TURN_WEEK` until ``name`` has covered half the way
    from its level before (weeks 92–104) to its level at the end (weeks 234–260)."""
    m = r.series(which, name)
    before, after = m[:, TURN_WEEK - 13 : TURN_WEEK].mean(1), m[:, -27:].mean(1)
    done = (m[:, TURN_WEEK:] - before[:, None]) / (after - before)[:, None]
    return np.argmax(done >= 0.5, axis=1) + 1.0


def _pattern(*, specs, **fields) -> Pattern:
    return Pattern(specs=tuple(specs), **fields)


PATTERNS: tuple[Pattern, ...] = (
    # calibration: the public figures (C15)
    _pattern(
        name="burnout complaints",
        kind="calibration",
        unit="share",
        group="calibration",
        claim="C15",
        source="book 14%; TNO NEA 16.1% (2017)",
        target="about 14%",
        low=0.12,
        high=0.16,
        specs=[BASE],
        measure=_level(BASE, "burnout_rate"),
    ),
    _pattern(
        name="engaged",
        kind="calibration",
        unit="share",
        group="calibration",
        claim="C15",
        source="book 20%; Gallup NL 12–15%",
        target="about 20%",
        low=0.17,
        high=0.23,
        specs=[BASE],
        measure=_level(BASE, "engagement_rate"),
    ),
    _pattern(
        name="engaged people produce more",
        kind="calibration",
        unit="ratio",
        group="calibration",
        claim="C15",
        source="Gallup Q12: +14–18% productivity (top vs bottom units)",
        target="×1.1 – ×1.3",
        low=1.1,
        high=1.3,
        specs=[BASE],
        measure=_level(BASE, "engaged_productivity_ratio"),
    ),
    _pattern(
        name="sickness absence",
        kind="calibration",
        unit="share",
        group="calibration",
        claim="C15",
        source="CBS: 4.3–5.6% of working days (2018–2024)",
        target="4–5.5%",
        low=0.04,
        high=0.055,
        specs=[BASE],
        measure=_level(BASE, "absence_rate"),
    ),
    _pattern(
        name="burnout complaints carry the absence",
        kind="calibration",
        unit="ratio",
        group="calibration",
        claim="C11",
        source="TNO: ~37 days a year against ~6",
        target="≥ 3× the others' absence",
        low=3.0,
        high=8.0,
        specs=[BASE],
        measure=_level(BASE, "burnout_absence_ratio"),
    ),
    _pattern(
        name="long burnout leave happens",
        kind="calibration",
        unit="share",
        group="calibration",
        claim="C15",
        source="NEA 2017: ~¼ of absence days psychological; ArboNed: ~242 days a case",
        target="10–40% of absence days",
        low=0.1,
        high=0.4,
        specs=[BASE],
        measure=lambda r: (
            r.weeks(BASE, "burnout_leave_rate", 209, 260) / r.weeks(BASE, "absence_rate", 209, 260)
        ),
    ),
    _pattern(
        name="turnover",
        kind="calibration",
        unit="share",
        group="calibration",
        claim="C15",
        source="CBS job mobility: ~10–15% a year",
        target="8–20% a year",
        low=0.08,
        high=0.2,
        specs=[BASE],
        measure=_level(BASE, "turnover_rate"),
    ),
    _pattern(
        name="managers work overtime",
        kind="calibration",
        unit="hours",
        group="calibration",
        claim="C6",
        source="CBS 2017: 56% of managers work overtime, ~6 h a week",
        target="40–48 h a week",
        low=40.0,
        high=48.0,
        specs=[BASE],
        measure=_level(BASE, "manager_hours"),
    ),
    _pattern(
        name="some are workaholics",
        kind="gap",
        unit="share",
        group="calibration",
        claim="C15",
        source="8.3% (6.7–9.9%) in a representative sample of Norwegian employees, Andreassen et "
        "al. 2014; no Dutch representative share verified (evidence §8.18)",
        target="4–15% in the workaholism quadrant",
        low=0.04,
        high=0.15,
        specs=[BASE],
        measure=_level(BASE, "workaholism_rate"),
    ),
    # credible ranges: the levers cannot do everything (C15; Swider & Zimmerman 2010)
    _pattern(
        name="even the best organisation has burnout",
        kind="implementation",
        unit="share",
        group="ranges",
        claim="C15",
        source="outside strain and vulnerability (personality: ~⅓ of exhaustion)",
        target="best corner 4–40%",
        low=0.04,
        high=0.4,
        specs=[BEST],
        measure=_level(BEST, "burnout_rate"),
    ),
    _pattern(
        name="the worst organisation stays within bounds",
        kind="implementation",
        unit="share",
        group="ranges",
        claim="C15",
        source="issue 12: 4–40%",
        target="worst corner 4–40%",
        low=0.04,
        high=0.4,
        specs=[WORST],
        measure=_level(WORST, "burnout_rate"),
    ),
    _pattern(
        name="engagement in the best organisation",
        kind="implementation",
        unit="share",
        group="ranges",
        claim="C1",
        source="issue 12: 5–70%",
        target="best corner 5–70%",
        low=0.05,
        high=0.7,
        specs=[BEST],
        measure=_level(BEST, "engagement_rate"),
    ),
    _pattern(
        name="engagement in the worst organisation",
        kind="implementation",
        unit="share",
        group="ranges",
        claim="C2",
        source="issue 12: 5–70%",
        target="worst corner 5–70%",
        low=0.05,
        high=0.7,
        specs=[WORST],
        measure=_level(WORST, "engagement_rate"),
    ),
    _pattern(
        name="productivity of the best organisation",
        kind="calibration",
        unit="ratio",
        group="ranges",
        claim="C15",
        source="Gallup: +14–18% top vs bottom units",
        target="×0.7 – ×1.3 the baseline",
        low=0.7,
        high=1.3,
        specs=[BASE, BEST],
        measure=_relative(BASE, BEST, "productivity"),
    ),
    _pattern(
        name="productivity of the worst organisation",
        kind="implementation",
        unit="ratio",
        group="ranges",
        claim="C15",
        source="issue 12",
        target="×0.7 – ×1.3 the baseline",
        low=0.7,
        high=1.3,
        specs=[BASE, WORST],
        measure=_relative(BASE, WORST, "productivity"),
    ),
    _pattern(
        name="absence in the worst organisation",
        kind="implementation",
        unit="share",
        group="ranges",
        claim="C11",
        source="CBS sectors 3–9%",
        target="2–10%",
        low=0.02,
        high=0.1,
        specs=[WORST],
        measure=_level(WORST, "absence_rate"),
    ),
    _pattern(
        name="turnover in the worst organisation",
        kind="implementation",
        unit="share",
        group="ranges",
        claim="C11",
        source="CBS; horeca 20–25%",
        target="5–35%",
        low=0.05,
        high=0.35,
        specs=[WORST],
        measure=_level(WORST, "turnover_rate"),
    ),
    _pattern(
        name="people stay where they are engaged",
        kind="implementation",
        unit="points",
        group="ranges",
        claim="C1",
        source="Gallup: −18 to −43% turnover; Swider & Zimmerman 2010",
        target="turnover worst − best > 0",
        low=0.01,
        high=1.0,
        specs=[BEST, WORST],
        measure=_diff(BEST, WORST, "turnover_rate"),
    ),
    _pattern(
        name="newcomers leave more often",
        kind="validation",
        unit="ratio",
        group="ranges",
        claim="C11",
        source="CBS: 8.5% a quarter leave with under two years' tenure, 2.8% with more "
        "(evidence §8.11); job matching, Jovanovic 1979",
        target="leaving rate, tenure < 2 years ÷ ≥ 2 years: ×2 – ×4.5",
        low=2.0,
        high=4.5,
        specs=[MANY_TEAMS],
        measure=_rate_ratio(
            MANY_TEAMS, ("newcomer_leavers", "newcomers"), ("tenured_leavers", "tenured")
        ),
    ),
    _pattern(
        name="engaged teams: less absence",
        kind="validation",
        unit="ratio",
        group="ranges",
        claim="C15",
        source="Gallup Q12 meta-analyses: top- vs bottom-quartile units 41–81% less absenteeism "
        "(evidence §7.1, §7.3)",
        target="absence, top ÷ bottom quartile of teams by engagement: at most ×0.8",
        low=0.0,
        high=0.8,
        specs=[MANY_TEAMS],
        measure=_rate_ratio(
            MANY_TEAMS,
            ("top_teams_absent", "top_teams_staff"),
            ("bottom_teams_absent", "bottom_teams_staff"),
        ),
    ),
    _pattern(
        name="engaged teams: less turnover",
        kind="validation",
        unit="ratio",
        group="ranges",
        claim="C15",
        source="Gallup Q12 meta-analyses: top- vs bottom-quartile units 18–59% less turnover "
        "(evidence §7.1, §7.3)",
        target="leaving, top ÷ bottom quartile of teams by engagement: at most ×0.9",
        low=0.0,
        high=0.9,
        specs=[MANY_TEAMS],
        measure=_rate_ratio(
            MANY_TEAMS,
            ("top_teams_leavers", "top_teams_staff"),
            ("bottom_teams_leavers", "bottom_teams_staff"),
        ),
    ),
    # trust (C1, C3)
    _pattern(
        name="trust engages",
        kind="validation",
        unit="points",
        group="trust",
        claim="C1",
        source="JD-R resources → engagement ρ≈.3–.4, halved; interventions g≈0.3",
        target="trust 0.2→0.8: +3 to +15 points engaged",
        low=0.03,
        high=0.15,
        specs=TRUST.values(),
        measure=_diff(TRUST[0.2], TRUST[0.8], "engagement_rate"),
    ),
    _pattern(
        name="trust protects a little against burnout",
        kind="validation",
        unit="points",
        group="trust",
        claim="C1",
        source="resources relieve exhaustion only weakly (Schaufeli & Bakker 2004)",
        target="trust 0.2→0.8: −1 to −8 points burnout",
        low=-0.08,
        high=-0.01,
        specs=TRUST.values(),
        measure=_diff(TRUST[0.2], TRUST[0.8], "burnout_rate"),
    ),
    _pattern(
        name="resources engage more than they protect",
        kind="validation",
        unit="points",
        group="trust",
        claim="C1",
        source="engagement by resources, burnout by demands (Schaufeli & Bakker 2004)",
        target="trust 0.2→0.8: |Δ engaged| − |Δ burnout| > 0",
        low=0.005,
        high=1.0,
        specs=TRUST.values(),
        measure=lambda r: (
            np.abs(r.kpi(TRUST[0.8], "engagement_rate") - r.kpi(TRUST[0.2], "engagement_rate"))
            - np.abs(r.kpi(TRUST[0.8], "burnout_rate") - r.kpi(TRUST[0.2], "burnout_rate"))
        ),
    ),
    # control (C2, C3)
    _pattern(
        name="control crowds out reciprocal effort",
        kind="validation",
        unit="relative",
        group="control",
        claim="C2",
        source="Falk & Kosfeld 2006; small when replicated (Ziegelmeyer et al. 2012)",
        target="control 0.2→0.8: reciprocal effort −2 to −15%",
        low=-0.15,
        high=-0.02,
        specs=[CONTROL[0.1, 0.2], CONTROL[0.1, 0.8]],
        measure=lambda r: (
            r.weeks(CONTROL[0.1, 0.8], "reciprocal_effort", 209, 260)
            / r.weeks(CONTROL[0.1, 0.2], "reciprocal_effort", 209, 260)
            - 1
        ),
    ),
    _pattern(
        name="control deters opportunists",
        kind="implementation",
        unit="change",
        group="control",
        claim="C2",
        source="Nagin et al. 2002; Pierce, Snow & McAfee 2015",
        target="control 0.2→0.8: their effort up",
        low=0.05,
        high=1.0,
        specs=[CONTROL[1 / 3, 0.2], CONTROL[1 / 3, 0.8]],
        measure=lambda r: (
            r.weeks(CONTROL[1 / 3, 0.8], "opportunist_effort", 209, 260)
            - r.weeks(CONTROL[1 / 3, 0.2], "opportunist_effort", 209, 260)
        ),
    ),
    _pattern(
        name="control costs most where autonomy is needed most",
        kind="implementation",
        unit="points",
        group="control",
        claim="C16",
        source="the book (C16); growth need strength moderates job design's effects: Loher et al. "
        "1985, not found by Tiegs et al. 1992 (evidence §3.6–3.7)",
        target="engaged, control 0.2→0.8: change at autonomy need 0.8 − change at 0.2 < 0",
        low=-0.3,
        high=-0.005,
        specs=NEEDS.values(),
        measure=lambda r: (
            _diff(NEEDS[(0.8, 0.2)], NEEDS[(0.8, 0.8)], "engagement_rate")(r)
            - _diff(NEEDS[(0.2, 0.2)], NEEDS[(0.2, 0.8)], "engagement_rate")(r)
        ),
    ),
    _pattern(
        name="monitoring strains",
        kind="implementation",
        unit="change",
        group="control",
        claim="C2",
        source="electronic monitoring raises stress, not performance (Ravid et al. 2023)",
        target="control 0.2→0.8: exhaustion up",
        low=0.003,
        high=0.1,
        specs=[CONTROL[0.1, 0.2], CONTROL[0.1, 0.8]],
        measure=lambda r: (
            r.weeks(CONTROL[0.1, 0.8], "exhaustion", 209, 260)
            - r.weeks(CONTROL[0.1, 0.2], "exhaustion", 209, 260)
        ),
    ),
    _pattern(
        name="control pays when opportunists are common",
        kind="calibration",
        unit="change",
        group="control",
        claim="C3",
        source="brief: a third free riders (Fischbacher, Gächter & Fehr 2001)",
        target="a third of recruits opportunists: tight − light profit > 0",
        low=0.0,
        high=1.0,
        specs=[CONTROL[1 / 3, 0.2], CONTROL[1 / 3, 0.8]],
        measure=_diff(CONTROL[1 / 3, 0.2], CONTROL[1 / 3, 0.8], "profit"),
    ),
    _pattern(
        name="control does not pay when they are few",
        kind="validation",
        unit="change",
        group="control",
        claim="C2",
        source="the book: 'a very small minority'",
        target="a tenth: tight − light profit < 0",
        low=-1.0,
        high=0.0,
        specs=[CONTROL[0.1, 0.2], CONTROL[0.1, 0.8]],
        measure=_diff(CONTROL[0.1, 0.2], CONTROL[0.1, 0.8], "profit"),
    ),
    _pattern(
        name="control over one's work lowers absence",
        kind="validation",
        unit="relative",
        group="control",
        claim="C14",
        source="Whitehall II: low control, more short and long spells of sickness absence "
        "(North et al. 1996; evidence §9.7); Semler's lower absenteeism (C14)",
        target="responsibility and freedom 0.2→0.8: absence at least 5% lower",
        low=-1.0,
        high=-0.05,
        specs=LATITUDE.values(),
        measure=lambda r: _relative(LATITUDE[0.2], LATITUDE[0.8], "absence_rate")(r) - 1,
    ),
    # the manager's story (C4, C5, C6, C17)
    _pattern(
        name="vicious circle: engagement falls",
        kind="implementation",
        unit="points",
        group="manager",
        claim="C4",
        source="the book (C4)",
        target="shock, control-prone − trust-holding manager < 0",
        low=-1.0,
        high=-0.01,
        specs=[HOLDS_TRUST, VICIOUS],
        measure=_diff(HOLDS_TRUST, VICIOUS, "engagement_rate"),
    ),
    _pattern(
        name="vicious circle: the manager works longer",
        kind="implementation",
        unit="hours_change",
        group="manager",
        claim="C6",
        source="the book (C4, C6)",
        target="+0.5 to +20 hours a week",
        low=0.5,
        high=20.0,
        specs=[HOLDS_TRUST, VICIOUS],
        measure=_diff(HOLDS_TRUST, VICIOUS, "manager_hours"),
    ),
    _pattern(
        name="vicious circle: less coaching",
        kind="implementation",
        unit="points",
        group="manager",
        claim="C4",
        source="the book (C4)",
        target="coaching share lower",
        low=-1.0,
        high=-0.005,
        specs=[HOLDS_TRUST, VICIOUS],
        measure=_diff(HOLDS_TRUST, VICIOUS, "coaching_share"),
    ),
    _pattern(
        name="letting go is a J-curve",
        kind="implementation",
        unit="change",
        group="manager",
        claim="C17",
        source="the book (C17)",
        target="output in the quarter after letting go − the same quarter of the same story "
        "without letting go < 0",
        low=-1.0,
        high=-0.01,
        specs=[NO_LET_GO, LET_GO],
        measure=lambda r: (  # against the story's own course, not the quarter before (evidence §16)
            r.weeks(LET_GO, "productivity", LET_GO_WEEK + 1, LET_GO_WEEK + 13)
            - r.weeks(NO_LET_GO, "productivity", LET_GO_WEEK + 1, LET_GO_WEEK + 13)
        ),
    ),
    _pattern(
        name="a year after letting go: productivity",
        kind="validation",
        unit="ratio",
        group="manager",
        claim="C5",
        source="interventions: small average effects, g≈0.29 (Knight, Patterson & Dawson 2017; "
        "evidence §15.1–15.2)",
        target="×1.02 – ×1.10 the same story without letting go (its shock kept)",
        low=1.02,
        high=1.1,
        specs=[NO_LET_GO, LET_GO],
        measure=lambda r: (
            r.weeks(LET_GO, "productivity", 157, 208) / r.weeks(NO_LET_GO, "productivity", 157, 208)
        ),
    ),
    _pattern(
        name="a year after letting go: engagement",
        kind="validation",
        unit="points",
        group="manager",
        claim="C5",
        source="engagement interventions g≈0.29 ≈ +8 points (Knight, Patterson & Dawson 2017; "
        "evidence §15.1)",
        target="+3 to +10 points against the same story without letting go",
        low=0.03,
        high=0.1,
        specs=[NO_LET_GO, LET_GO],
        measure=lambda r: (
            r.weeks(LET_GO, "engagement_rate", 157, 208)
            - r.weeks(NO_LET_GO, "engagement_rate", 157, 208)
        ),
    ),
    _pattern(
        name="a year after letting go: profit",
        kind="gap",
        unit="relative",
        group="manager",
        claim="C5",
        source="less than Gallup's whole top- vs bottom-quartile profitability gap, +21–23% "
        "(evidence §7.1, §7.3), from one intervention with small effects (§15.1–15.2)",
        target="0 to +12% against the same story without letting go",
        low=0.0,
        high=0.12,
        specs=[NO_LET_GO, LET_GO],
        measure=lambda r: (
            r.weeks(LET_GO, "profit", 157, 208) / r.weeks(NO_LET_GO, "profit", 157, 208) - 1
        ),
    ),
    _pattern(
        name="without courage, managers relapse",
        kind="implementation",
        unit="points",
        group="manager",
        claim="C17",
        source="the book (C17)",
        target="grab after the setback: no courage − courage > 0",
        low=0.02,
        high=1.0,
        specs=[LET_GO, RELAPSE],
        measure=lambda r: r.weeks(RELAPSE, "grab", 131, 156) - r.weeks(LET_GO, "grab", 131, 156),
    ),
    _pattern(
        name="trust is built slowly and lost quickly",
        kind="implementation",
        unit="ratio",
        group="manager",
        claim="C17",
        source="the book (C17); trust asymmetry, Slovic 1993 (evidence §4.10: no ratio known)",
        target="staff's trust in their manager: weeks to half-way, trust 0.2→0.8 ÷ 0.8→0.2 > 1.2",
        low=1.2,
        high=10.0,
        specs=TRUST_TURNS.values(),
        measure=lambda r: (
            _half_way(r, TRUST_TURNS[(0.2, 0.8)], "trust_in_manager")
            / _half_way(r, TRUST_TURNS[(0.8, 0.2)], "trust_in_manager")
        ),
    ),
    _pattern(
        name="coaching leadership engages",
        kind="validation",
        unit="points",
        group="manager",
        claim="C7",
        source="engagement interventions g≈0.29 (Knight et al. 2017)",
        target="coaching leader − baseline: +3 to +20 points",
        low=0.03,
        high=0.2,
        specs=[BASE, COACHING],
        measure=_diff(BASE, COACHING, "engagement_rate"),
    ),
    _pattern(
        name="engagement falls with the span of control",
        kind="validation",
        unit="points",
        group="manager",
        claim="C5",
        source="Cathcart et al. 2004: engagement fell as work groups grew (evidence §13.10)",
        target="teams of 20 − teams of 6: engaged down",
        low=-1.0,
        high=-0.005,
        specs=SPAN.values(),
        measure=_diff(SPAN[6], SPAN[20], "engagement_rate"),
    ),
    # Hayek, Simon and their critics (C12, C13, C7)
    _pattern(
        name="stable and interdependent: central decisions win",
        kind="validation",
        unit="change",
        group="hayek",
        claim="C13",
        source="Hayek's critics: Alonso, Dessein & Matouschek 2008; Dessein & Santos 2006",
        target="decentral − central productivity < 0 (turbulence 0, interdependence 0.7)",
        low=-1.0,
        high=-0.005,
        specs=[HAYEK["central", 0.0], HAYEK["decentral", 0.0]],
        measure=_diff(HAYEK["central", 0.0], HAYEK["decentral", 0.0], "productivity"),
    ),
    _pattern(
        name="turbulent: decentral decisions win",
        kind="calibration",
        unit="change",
        group="hayek",
        claim="C12",
        source="Hayek 1945; Aghion, Bloom et al. 2021 (decentralised firms in the recession)",
        target="decentral − central productivity > 0 (turbulence 0.8, interdependence 0.7)",
        low=0.005,
        high=1.0,
        specs=[HAYEK["central", 0.8], HAYEK["decentral", 0.8]],
        measure=_diff(HAYEK["central", 0.8], HAYEK["decentral", 0.8], "productivity"),
    ),
    _pattern(
        name="freedom without vision scatters",
        kind="implementation",
        unit="change",
        group="hayek",
        claim="C7",
        source="the book: no self-steering without steering",
        target="decentral, vision 0.1 − 0.9: adaptation error up",
        low=0.01,
        high=1.0,
        specs=VISION.values(),
        measure=_diff(VISION[0.9], VISION[0.1], "adaptation_error"),
    ),
    _pattern(
        name="a few rules beat none",
        kind="validation",
        unit="change",
        group="hayek",
        claim="C8",
        source="enabling formalisation (Adler & Borys 1996)",
        target="rules 0.25 − 0 productivity > 0",
        low=0.002,
        high=1.0,
        specs=[RULES[0.0], RULES[0.25]],
        measure=_diff(RULES[0.0], RULES[0.25], "productivity"),
    ),
    _pattern(
        name="a few rules beat many",
        kind="validation",
        unit="change",
        group="hayek",
        claim="C8",
        source="red tape (Blom et al. 2021)",
        target="rules 0.25 − 1 productivity > 0",
        low=0.002,
        high=1.0,
        specs=[RULES[1.0], RULES[0.25]],
        measure=_diff(RULES[1.0], RULES[0.25], "productivity"),
    ),
    _pattern(
        name="red tape disengages",
        kind="implementation",
        unit="points",
        group="hayek",
        claim="C8",
        source="hindrance demands → less engagement: Crawford, LePine & Rich 2010 (evidence §1.1)",
        target="rules 0.25 → 1: engaged down (−0.5 to −10 points)",
        low=-0.1,
        high=-0.005,
        specs=[RULES[0.25], RULES[1.0]],
        measure=_diff(RULES[0.25], RULES[1.0], "engagement_rate"),
    ),
    # consequences, peers, pressure (C9, C10, C11)
    _pattern(
        name="trust without follow-up erodes performance",
        kind="implementation",
        unit="change",
        group="consequences",
        claim="C9",
        source="the book (C9)",
        target="20% opportunists: no follow-up − follow-up productivity < 0",
        low=-1.0,
        high=-0.002,
        specs=FOLLOW_UP.values(),
        measure=_diff(FOLLOW_UP[True], FOLLOW_UP[False], "productivity"),
    ),
    _pattern(
        name="peers keep each other honest",
        kind="calibration",
        unit="points",
        group="consequences",
        claim="C10",
        source="concertive control (Barker 1993); peer punishment (Fehr & Gächter 2000)",
        target="self-steering teams: misconduct without − with social control > 0",
        low=0.0005,
        high=1.0,
        specs=PEERS.values(),
        measure=_diff(PEERS[True], PEERS[False], "misconduct_loss"),
    ),
    _pattern(
        name="pressure beyond capacity burns out",
        kind="implementation",
        unit="points",
        group="consequences",
        claim="C11",
        source="hindrance demands → exhaustion (Crawford, LePine & Rich 2010)",
        target="pressure 0→1: burnout up",
        low=0.01,
        high=0.3,
        specs=PRESSURE.values(),
        measure=_diff(PRESSURE[0.0], PRESSURE[1.0], "burnout_rate"),
    ),
    _pattern(
        name="pressure within capacity engages",
        kind="validation",
        unit="points",
        group="consequences",
        claim="C11",
        source="challenge demands → more engagement (and more burnout): Crawford, LePine & Rich "
        "2010 (evidence §1.1)",
        target="pressure 0 → 0.5: engaged up (+0.5 to +10 points)",
        low=0.005,
        high=0.1,
        specs=[PRESSURE[0.0], PRESSURE[0.5]],
        measure=_diff(PRESSURE[0.0], PRESSURE[0.5], "engagement_rate"),
    ),
    _pattern(
        name="pressure within capacity raises output",
        kind="validation",
        unit="change",
        group="consequences",
        claim="C11",
        source="challenge stressors have a positive direct effect on performance: LePine, "
        "Podsakoff & LePine 2005 (evidence §1.18)",
        target="pressure 0 → 0.5: productivity up",
        low=0.002,
        high=1.0,
        specs=[PRESSURE[0.0], PRESSURE[0.5]],
        measure=_diff(PRESSURE[0.0], PRESSURE[0.5], "productivity"),
    ),
    _pattern(
        name="high-strain jobs burn out most",
        kind="implementation",
        unit="points",
        group="consequences",
        claim="C11",
        source="job demand–control: Karasek 1979; strain hypothesis, "
        "van der Doef & Maes 1999 (evidence §2.8)",
        target="burnout, high pressure with little freedom − the worst other corner > 0",
        low=0.002,
        high=0.3,
        specs=JOBS.values(),
        measure=lambda r: (
            r.kpi(STRAIN, "burnout_rate")
            - np.max([r.kpi(job, "burnout_rate") for job in JOBS.values() if job != STRAIN], axis=0)
        ),
    ),
    _pattern(
        name="active jobs engage most",
        kind="validation",
        unit="points",
        group="consequences",
        claim="C11",
        source="job demand–control: active jobs (high demands, high latitude) motivate and teach, "
        "Karasek 1979; pressure with latitude is a challenge, without it a hindrance, Crawford, "
        "LePine & Rich 2010 (evidence §1.1, §2.8)",
        target="engaged, high pressure with much freedom − the best other corner > 0",
        low=0.002,
        high=0.3,
        specs=JOBS.values(),
        measure=lambda r: (
            r.kpi(ACTIVE, "engagement_rate")
            - np.max(
                [r.kpi(job, "engagement_rate") for job in JOBS.values() if job != ACTIVE], axis=0
            )
        ),
    ),
    _pattern(
        name="freedom softens pressure's toll only a little",
        kind="validation",
        unit="share",
        group="consequences",
        claim="C11",
        source="job demand–control: the buffer hypothesis (Karasek 1979) is weakly supported, "
        "van der Doef & Maes 1999; Häusser et al. 2010 (evidence §2.8–2.9)",
        target="burnout from pressure 0.1→0.9: share removed by freedom 0.9 instead of 0.1, "
        "at most a quarter",
        low=-0.05,
        high=0.25,
        specs=JOBS.values(),
        measure=lambda r: (
            1
            - _diff(JOBS[(0.1, 0.9)], JOBS[(0.9, 0.9)], "burnout_rate")(r)
            / _diff(JOBS[(0.1, 0.1)], JOBS[(0.9, 0.1)], "burnout_rate")(r)
        ),
    ),
    *(
        _pattern(
            name=f"a run starts in its steady state: {what}",
            kind="implementation",
            unit="points",
            group="steady",
            claim="C15",
            source="issue 12: within 0.03",
            target="weeks 1–26 − weeks 175–226 within ±0.03",
            low=-0.03,
            high=0.03,
            specs=[BASE],
            measure=lambda r, kpi=kpi: r.weeks(BASE, kpi, 1, 26) - r.weeks(BASE, kpi, 175, 226),
        )
        for what, kpi in (("burnout", "burnout_rate"), ("engagement", "engagement_rate"))
    ),
)


def evaluate(
    patterns: Sequence[Pattern] = PATTERNS,
    *,
    reps: int = 10,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: bool = False,
    overrides: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Run every scenario the patterns need once (common random numbers) and measure them;
    ``overrides`` (e.g. drawn coefficients) apply to every one of them.

    Columns ``name, claim, source, target, value, ci_low, ci_high, low, high, met, kind,
    group, unit``; a pattern is met when its mean lies in [``low``, ``high``] (a ``gap`` is
    expected not to be).
    """
    frame = evaluate_models(
        patterns, [overrides or {}], reps=reps, seed=seed, executor=executor, progress=progress
    )
    return frame.drop(columns="model")


def evaluate_models(
    patterns: Sequence[Pattern],
    models: Sequence[Mapping[str, Any]],
    *,
    reps: int = 10,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: Any = False,
    out: Any = None,
) -> pd.DataFrame:
    """:func:`evaluate` for several models at once (each a mapping of coefficient overrides, as
    an ensemble's members): their batches are simulated side by side where they share a
    structure, each with the common seed. The frame of :func:`evaluate` with a ``model`` column
    (the model's index); ``out`` saves each batch as it finishes, so a killed run resumes."""
    labels: dict[Spec, int] = {}
    for pattern in patterns:
        for s in pattern.specs:
            labels.setdefault(s, len(labels))
    scenarios = {i: scenario_of(s) for s, i in labels.items()}
    batches = [
        common_batch(scenario.with_overrides(**model), reps, seed, {"model": m, "variant": i})
        for i, scenario in scenarios.items()
        for m, model in enumerate(models)
    ]
    experiment = {"kind": "patterns", "models": [dict(m) for m in models], "reps": reps}
    experiment |= {"seed": seed, "patterns": [p.name for p in patterns]}
    table, weekly = run_batches(
        batches, experiment, executor=executor, series=True, progress=progress, out=out
    )
    tables = dict(tuple(table.groupby("model")))
    weeklies = dict(tuple(weekly.groupby("model")))
    rows = []
    for m in range(len(models)):
        runs = Runs(tables[m], weeklies[m], labels)
        for p in patterns:
            value, low, high = interval(np.asarray(p.measure(runs), dtype=float))
            rows.append(
                {
                    "model": m,
                    "name": p.name,
                    "claim": p.claim,
                    "source": p.source,
                    "target": p.target,
                    "value": value,
                    "ci_low": low,
                    "ci_high": high,
                    "low": p.low,
                    "high": p.high,
                    "met": bool(p.low <= value <= p.high),
                    "kind": p.kind,
                    "group": p.group,
                    "unit": p.unit,
                }
            )
    return pd.DataFrame(rows)


def scenario_of(s: Spec) -> Scenario:
    """A spec's scenario; its ``interventions`` are ``((week, ((field, value), ...)), ...)``."""
    name, overrides = s
    fields = {k: list(v) if isinstance(v, tuple) else v for k, v in overrides}
    if "interventions" in fields:
        fields["interventions"] = [
            {"week": week, "set": dict(changes)} for week, changes in fields["interventions"]
        ]
    return load_scenario(name, **fields)
