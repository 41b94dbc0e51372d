"""The people: per-employee and per-manager state as numpy arrays, and how people are drawn.

One row per employee (a position on the payroll: when someone leaves, a newcomer takes the row
and gets a new ``person_id``); one row per manager (one per team).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TypeVar

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms import quadrants, wellbeing, workforce
from sim.streams import RECRUIT_BLOCK_WEEKS, among

State = TypeVar("State", "Employees", "Managers")


HONEYMOON = (
    "above established staff (0.5, 0.55) by direction only: satisfaction rises on joining after "
    "a voluntary job change and falls back within about a year, the honeymoon-hangover "
    "(Boswell, Boudreau & Tichy 2005; docs/evidence.md §9.12); no size was found"
)


class Coefficients(Record):
    """How people are drawn: established staff at the start, newcomers when hiring."""

    skill_low: float = coefficient(0.6, 0.3, 0.8, "0…1", "lowest skill of established staff")
    skill_high: float = coefficient(1.0, 0.8, 1.0, "0…1", "highest skill of established staff")
    newcomer_skill_low: float = coefficient(0.3, 0.1, 0.4, "0…1", "lowest skill of a newcomer")
    newcomer_skill_high: float = coefficient(0.5, 0.4, 0.7, "0…1", "highest skill of a newcomer")
    energy: float = coefficient(0.5, 0.3, 0.7, "0…1", "mean starting energy of established staff")
    pleasure: float = coefficient(
        0.55, 0.3, 0.7, "0…1", "mean starting pleasure of established staff"
    )
    spread: float = coefficient(
        0.15, 0.05, 0.3, "0…1", "spread of established staff's starting energy and pleasure"
    )
    newcomer_energy: float = coefficient(
        0.6, 0.4, 0.8, "0…1", "mean energy of a newcomer", "assumed", HONEYMOON
    )
    newcomer_pleasure: float = coefficient(
        0.65, 0.4, 0.8, "0…1", "mean pleasure of a newcomer", "assumed", HONEYMOON
    )
    newcomer_spread: float = coefficient(
        0.1, 0.05, 0.3, "0…1", "spread of a newcomer's energy and pleasure"
    )
    fit_a: float = coefficient(5.0, 1.0, 10.0, "Beta a", "fit with one's talents ~ Beta(a, b)")
    fit_b: float = coefficient(2.0, 1.0, 10.0, "Beta b", "(mean fit a / (a + b), C11)")
    trait_spread: float = coefficient(
        0.19, 0.0, 0.3, "0…1", "spread of stable personal offsets of energy and pleasure"
    )
    reciprocity_a: float = coefficient(
        4.0, 1.0, 10.0, "Beta a", "how far reciprocal people return felt trust ~ Beta(a, b)"
    )
    reciprocity_b: float = coefficient(
        2.0, 1.0, 10.0, "Beta b", "(mean a / (a + b); people differ within a type, C3)"
    )
    sensitivity_shape: float = coefficient(
        1.5,
        0.5,
        5.0,
        "Gamma shape",
        "spread of sensitivity to control: some react a lot, some not at all (Falk & Kosfeld)",
    )
    exhaustion: float = coefficient(0.3, 0.1, 0.5, "0…1", "starting exhaustion")
    newcomer_trust: float = coefficient(
        0.8, 0.5, 1.0, "share of lever", "trust a newcomer gets, as a share of the trust lever"
    )
    trust_in_manager: float = coefficient(
        0.5, 0.2, 0.8, "0…1", "staff's starting trust in their manager"
    )
    initiative: float = coefficient(
        0.5, 0.2, 0.8, "0…1", "starting initiative of established staff"
    )
    newcomer_initiative: float = coefficient(0.4, 0.1, 0.7, "0…1", "initiative of a newcomer")
    max_tenure_weeks: int = coefficient(
        520, 52, 1040, "weeks", "established staff's tenure is uniform up to this"
    )
    manager_energy: float = coefficient(0.55, 0.3, 0.8, "0…1", "mean starting energy of managers")
    manager_pleasure: float = coefficient(
        0.55, 0.3, 0.8, "0…1", "mean starting pleasure of managers"
    )
    manager_spread: float = coefficient(
        0.1, 0.05, 0.3, "0…1", "spread of managers' starting energy and pleasure"
    )


@dataclass
class Employees:
    """Employee state, one array element per employee."""

    team: np.ndarray  # team index (int)
    person_id: np.ndarray  # changes when a newcomer takes the row
    opportunist: np.ndarray  # behavioural type (bool); the rest reciprocate (C3)
    temptation: np.ndarray  # learned propensity to divert (C3): 1 an opportunist as hired, else 0
    autonomy_need: np.ndarray  # C16
    fit: np.ndarray  # fit with one's talents (C11)
    skill: np.ndarray
    energy_trait: np.ndarray  # stable personal offsets of the well-being targets
    pleasure_trait: np.ndarray
    vulnerability: np.ndarray  # stable personal share of strain
    drive: np.ndarray  # 1: a compulsive drive to work (C15), else 0
    reciprocity: np.ndarray  # how far one returns the trust one feels (C3), 0 for opportunists
    control_sensitivity: np.ndarray  # effort crowded out per unit of felt distrust (C2)
    energy: np.ndarray  # activation
    pleasure: np.ndarray
    exhaustion: np.ndarray  # the core of burnout
    life_strain: np.ndarray  # strain from life outside work, this week
    trust_given: np.ndarray  # trust the manager gives this employee
    trust_in_manager: np.ndarray
    control_believed: np.ndarray  # the control staff believe they are under (C17)
    initiative: np.ndarray
    seen_performance: np.ndarray  # effort as observed over time by the manager and peers
    agreed: np.ndarray  # agreements made after non-performance was addressed (C9)
    absent_weeks: np.ndarray  # weeks of sick leave left (0: present)
    burnout_leave: np.ndarray  # on sick leave with burnout (counts as burnout)
    tenure: np.ndarray  # weeks on the job
    mismatched: np.ndarray  # a poor fit with the job, unknown on hiring, shows on the job (C11)
    effort: np.ndarray
    output: np.ndarray
    decision: np.ndarray
    adaptation_error: np.ndarray
    quadrant: np.ndarray

    @property
    def size(self) -> int:
        return self.team.size

    @property
    def present(self) -> np.ndarray:
        return self.absent_weeks <= 0

    def replace(self, rows: np.ndarray, newcomers: Employees) -> None:
        """Newcomers take the given rows (the team stays)."""
        for f in fields(self):
            if f.name != "team":
                getattr(self, f.name)[rows] = getattr(newcomers, f.name)

    def take(self, rows: np.ndarray) -> Employees:
        """The people in ``rows`` (copies)."""
        return Employees(**{f.name: getattr(self, f.name)[rows] for f in fields(self)})


@dataclass
class Managers:
    """Manager state, one array element per manager (= team)."""

    team_size: np.ndarray
    grab: np.ndarray  # control pulled back to the manager (C4)
    results: np.ndarray  # smoothed output per employee, as reported (NaN before the first)
    expected: np.ndarray  # the results the manager has come to expect (aspiration level)
    energy_trait: np.ndarray
    pleasure_trait: np.ndarray
    vulnerability: np.ndarray
    energy: np.ndarray
    pleasure: np.ndarray
    exhaustion: np.ndarray
    life_strain: np.ndarray
    reporting: np.ndarray  # hours this week by activity
    monitoring: np.ndarray
    rules: np.ndarray
    firefighting: np.ndarray
    vision: np.ndarray
    coaching: np.ndarray
    hours: np.ndarray
    taken_over: np.ndarray  # share of the team's problems the manager took from staff
    unsolved: np.ndarray  # share of the team's problems nobody solves
    slack_share: np.ndarray  # share of the team slacking unaddressed at the last follow-up
    handed_over: np.ndarray  # share of the decisions' problems handed to the team so far (C17)
    absence_norm: np.ndarray  # the team's absent share, smoothed: its absence culture (C15)


class Recruits:
    """The next newcomer for every row, drawn a block of weeks ahead, so that who is hired into
    a row does not depend on who else left (``sim.streams``). A row that hires a second time
    within a block gets a newcomer drawn on the spot."""

    def __init__(self) -> None:
        self.people: Employees | None = None
        self.unused = np.zeros(0, dtype=bool)
        self.weeks = 0  # since they were drawn

    def draw(self, n: int, values, rng) -> None:
        """Newcomers for all ``n`` rows, with the places' numbers ``values``."""
        self.people = draw_employees(n, values, rng, newcomer=True)
        self.unused = np.ones(n, dtype=bool)
        self.weeks = 0

    def keep_fresh(self, n: int, values, rng) -> None:
        """Draw anew every ``RECRUIT_BLOCK_WEEKS`` weeks; count this week."""
        if self.people is None or self.weeks >= RECRUIT_BLOCK_WEEKS:
            self.draw(n, values, rng)
        self.weeks += 1

    def hire(self, rows: np.ndarray, values, rng, first_id: int) -> Employees:
        """Newcomers for ``rows``: the row's own where unused, else drawn from ``rng`` for just
        those rows (``values``: the places' numbers, :class:`sim.points.Values` or a Scenario)."""
        newcomers = self.people.take(rows)
        again = ~self.unused[rows]
        if again.any():
            chosen = np.zeros(self.unused.size, dtype=bool)
            chosen[rows[again]] = True
            at = values.at(rows[again]) if hasattr(values, "at") else values
            spare = draw_employees(int(again.sum()), at, among(rng, chosen), newcomer=True)
            for f in fields(Employees):
                getattr(newcomers, f.name)[again] = getattr(spare, f.name)
        self.unused[rows] = False
        newcomers.person_id = np.arange(first_id, first_id + rows.size, dtype=np.int64)
        return newcomers


def side_by_side(parts: list[State]) -> State:
    """The rows of several populations one after another (points simulated together)."""
    if len(parts) == 1:
        return parts[0]
    return type(parts[0])(
        **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(parts[0])}
    )


def team_sizes(employees: int, team_size: int) -> np.ndarray:
    """Split the headcount into teams of ``team_size`` (the last teams one smaller if needed)."""
    n_teams = -(-employees // team_size)
    sizes = np.full(n_teams, employees // n_teams)
    sizes[: employees % n_teams] += 1
    return sizes


def draw_employees(
    n: int,
    scenario,
    rng: np.random.Generator,
    *,
    newcomer: bool,
    first_id: int = 0,
) -> Employees:
    """Draw ``n`` people: established staff at the start, or newcomers when hiring.

    ``scenario`` may also be :class:`sim.points.Values` of the places being filled (numbers per
    newcomer where points simulated together differ).
    """
    w, c = scenario.workforce, scenario.coefficients.population
    strain, crowding = scenario.coefficients.wellbeing, scenario.coefficients.effort.crowding_out
    if newcomer:
        skill = rng.uniform(c.newcomer_skill_low, c.newcomer_skill_high, n)
        energy = np.clip(rng.normal(c.newcomer_energy, c.newcomer_spread, n), 0, 1)
        pleasure = np.clip(rng.normal(c.newcomer_pleasure, c.newcomer_spread, n), 0, 1)
    else:
        skill = rng.uniform(c.skill_low, c.skill_high, n)
        energy = np.clip(rng.normal(c.energy, c.spread, n), 0, 1)
        pleasure = np.clip(rng.normal(c.pleasure, c.spread, n), 0, 1)
    zeros = np.zeros(n)
    opportunist = rng.random(n) < w.opportunist_share
    people = Employees(
        team=np.zeros(n, dtype=np.int64),
        person_id=np.arange(first_id, first_id + n, dtype=np.int64),
        opportunist=opportunist,
        temptation=opportunist.astype(float),
        autonomy_need=np.clip(rng.normal(w.autonomy_need, w.autonomy_need_spread, n), 0, 1),
        fit=rng.beta(c.fit_a, c.fit_b, n),
        skill=skill,
        energy_trait=rng.normal(0.0, c.trait_spread, n),
        pleasure_trait=rng.normal(0.0, c.trait_spread, n),
        energy=energy,
        pleasure=pleasure,
        vulnerability=_vulnerability(strain, rng, n),
        reciprocity=np.where(opportunist, 0.0, rng.beta(c.reciprocity_a, c.reciprocity_b, n)),
        control_sensitivity=np.where(
            opportunist, 0.0, crowding * rng.gamma(c.sensitivity_shape, 1 / c.sensitivity_shape, n)
        ),
        exhaustion=np.full(n, c.exhaustion),
        life_strain=np.zeros(n),
        trust_given=np.full(n, scenario.levers.trust * (c.newcomer_trust if newcomer else 1.0)),
        trust_in_manager=np.full(n, c.trust_in_manager),
        control_believed=np.full(n, scenario.levers.control),
        initiative=np.full(n, c.newcomer_initiative if newcomer else c.initiative),
        seen_performance=np.ones(n),
        agreed=np.zeros(n, dtype=bool),
        absent_weeks=np.zeros(n, dtype=np.int64),
        burnout_leave=np.zeros(n, dtype=bool),
        tenure=(
            np.zeros(n, dtype=np.int64) if newcomer else rng.integers(0, int(c.max_tenure_weeks), n)
        ),
        effort=np.ones(n),
        output=np.ones(n),
        decision=zeros.copy(),
        adaptation_error=zeros.copy(),
        quadrant=quadrants.classify(energy, pleasure, c=scenario.coefficients.quadrants),
        mismatched=np.zeros(n, dtype=bool),
        drive=wellbeing.compulsive(rng, n, c=strain),
    )
    fits = scenario.coefficients.workforce
    poor = fits.mismatch_share if newcomer else workforce.still_mismatched(people.tenure, c=fits)
    people.mismatched = rng.random(n) < poor
    return people


def draw_managers(sizes: np.ndarray, scenario, rng: np.random.Generator) -> Managers:
    """Draw one manager per team (``scenario``: a Scenario or its :class:`sim.points.Values`)."""
    m = sizes.size
    c, strain = scenario.coefficients.population, scenario.coefficients.wellbeing
    zeros = np.zeros(m)
    return Managers(
        team_size=sizes,
        grab=zeros.copy(),
        results=np.full(m, np.nan),
        expected=np.full(m, np.nan),
        energy_trait=rng.normal(0.0, c.trait_spread, m),
        pleasure_trait=rng.normal(0.0, c.trait_spread, m),
        energy=np.clip(rng.normal(c.manager_energy, c.manager_spread, m), 0, 1),
        vulnerability=_vulnerability(strain, rng, m),
        pleasure=np.clip(rng.normal(c.manager_pleasure, c.manager_spread, m), 0, 1),
        exhaustion=np.full(m, c.exhaustion),
        life_strain=zeros.copy(),
        reporting=zeros.copy(),
        monitoring=zeros.copy(),
        rules=zeros.copy(),
        firefighting=zeros.copy(),
        vision=zeros.copy(),
        coaching=zeros.copy(),
        hours=zeros.copy(),
        taken_over=zeros.copy(),
        unsolved=zeros.copy(),
        slack_share=zeros.copy(),
        handed_over=np.full(m, scenario.levers.responsibility, dtype=float),
        absence_norm=zeros.copy(),
    )


def _vulnerability(c, rng: np.random.Generator, n: int) -> np.ndarray:
    """Stable personal vulnerability to strain: Gamma with mean ``c.vulnerability``."""
    return rng.gamma(c.vulnerability_shape, c.vulnerability / c.vulnerability_shape, n)
