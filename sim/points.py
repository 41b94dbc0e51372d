"""Points simulated side by side: several scenarios (a sweep's points) in one model.

Points that share the organisation's structure — its size and teams, run length, interventions,
rule revisions and report delay — differ only in numbers: levers, environment, dispositions,
workforce, mechanism switches (as strengths) and coefficients. One model can then hold them all
as one array dimension, so that numpy's per-call cost is shared by many small organisations
(``docs/performance.md``).
Each point keeps its own seed and random streams (:mod:`sim.streams`), so a point's results are
exactly those of simulating it alone.

:class:`Values` gives the model those numbers per organisation, team or employee: the scenario's
own number where all points agree (a single scenario computes exactly as before), else an array
with each unit's point's number. :class:`Layout` (part of :class:`sim.OrgModel`) lays the points'
organisations out one after another.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from types import SimpleNamespace

import numpy as np
from pydantic import BaseModel
from scipy import sparse

from sim.mechanisms import crossover, environment
from sim.population import draw_employees, draw_managers, side_by_side, team_sizes
from sim.scenario import MAX_REPORT_DELAY, Scenario, ScenarioError, load_scenario
from sim.streams import SideBySide
from sim.week import ThisWeek

NUMERIC_SECTIONS = (
    "levers",
    "environment",
    "workforce",
    "managers",
    "mechanisms",
    "coefficients",
)
"""Sections whose numbers may differ between points simulated together."""

STRUCTURE = {
    "organisation": None,
    "run": None,
    "environment": ("rule_revision_weeks", "report_delay_weeks"),
}
"""What points simulated together must share (all of a section, or the fields named), with their
interventions: it sets the model's shape or its control flow."""


def structure(scenario: Scenario) -> str:
    """The canonical JSON of what a scenario's points must share to be simulated together."""
    content = {"interventions": scenario.model_dump(mode="json")["interventions"]}
    for section, names in STRUCTURE.items():
        values = getattr(scenario, section).model_dump(mode="json")
        for name in names or values:
            content[f"{section}.{name}"] = values[name]
    return json.dumps(content, sort_keys=True, separators=(",", ":"))


def points_and_seeds(
    scenario: Scenario | str | Sequence[Scenario | str], seed: int | Sequence[int] | None
) -> tuple[list[Scenario], list]:
    """The points to simulate together, loaded, and one seed for each (``seed`` for all, or a
    sequence with one per point); an error if they cannot be simulated together."""
    points = [scenario] if isinstance(scenario, Scenario | str) else list(scenario)
    points = [p if isinstance(p, Scenario) else load_scenario(p) for p in points]
    seeds = list(seed) if isinstance(seed, Sequence) else [seed] * len(points)
    if len(seeds) != len(points):
        raise ValueError(f"{len(points)} scenarios need {len(points)} seeds, not {len(seeds)}")
    check_side_by_side(points)
    return points, seeds


def check_side_by_side(scenarios: Sequence[Scenario]) -> None:
    """An error naming what differs if ``scenarios`` cannot be simulated together."""
    first = json.loads(structure(scenarios[0]))
    for scenario in scenarios[1:]:
        other = json.loads(structure(scenario))
        differ = sorted(key for key in first if first[key] != other[key])
        if differ:
            raise ScenarioError(
                [f"{key} differs between {scenarios[0].name} and {scenario.name}" for key in differ]
                + [
                    f"points simulated together may differ only in {', '.join(NUMERIC_SECTIONS)} "
                    "(not in rule_revision_weeks or report_delay_weeks)"
                ],
                source="simulating these points together",
            )


class Values(SimpleNamespace):
    """The points' numbers for one level of the organisation, by section:
    ``values.levers.trust`` (or ``values.coefficients.effort.catch``) is a number, or an array
    with one element per unit of the level.

    ``point`` is the index of each unit's point (organisation, team or employee).
    """

    def __init__(self, scenarios: Sequence[Scenario], point: np.ndarray) -> None:
        super().__init__()
        for section in NUMERIC_SECTIONS:
            setattr(self, section, self._numbers([getattr(s, section) for s in scenarios], point))

    def at(self, index: np.ndarray) -> Values:
        """The numbers of the units at ``index`` (for newcomers drawn into those places)."""
        subset = Values.__new__(Values)
        for section in NUMERIC_SECTIONS:
            setattr(subset, section, _subset(getattr(self, section), index))
        return subset

    @classmethod
    def _numbers(cls, records: list, point: np.ndarray) -> SimpleNamespace:
        """One record's fields (sub-records as namespaces of their own) across the points."""
        fields = {}
        for name in type(records[0]).model_fields:
            values = [getattr(r, name) for r in records]
            if isinstance(values[0], BaseModel):
                fields[name] = cls._numbers(values, point)
            elif all(v == values[0] for v in values[1:]):
                fields[name] = values[0]
            else:
                fields[name] = np.asarray(values, dtype=float)[point]
        return SimpleNamespace(**fields)


def _subset(numbers: SimpleNamespace, index: np.ndarray) -> SimpleNamespace:
    """``numbers`` at ``index`` where they are per unit (sub-records included)."""
    return SimpleNamespace(
        **{
            name: _subset(value, index)
            if isinstance(value, SimpleNamespace)
            else value[index]
            if isinstance(value, np.ndarray)
            else value
            for name, value in vars(numbers).items()
        }
    )


def populate(s: Scenario, rng: dict, replications: int) -> dict:
    """The people, ties and environment of ``replications`` organisations of one point."""
    headcount = s.organisation.employees
    sizes = np.tile(team_sizes(headcount, s.organisation.team_size), replications)
    employees = draw_employees(headcount * replications, s, rng["organisation"], newcomer=False)
    employees.team = np.repeat(np.arange(sizes.size), sizes)
    managers = draw_managers(sizes, s, rng["organisation"])
    ties = crossover.cross_team_ties(
        employees.team, s.organisation.cross_team_ties, rng["organisation"], headcount
    )
    optimum = environment.initial_optimum(
        s.environment.turbulence,
        sizes.size,
        rng["environment"],
        c=s.coefficients.environment,
        organisations=replications,
    )
    return {"employees": employees, "managers": managers, "ties": ties, "optimum": optimum}


class Layout:
    """The points laid out side by side in one model (:class:`sim.OrgModel` composes this):
    their people, teams, ties, environments, random streams and numbers per unit, each week's
    record of passing quantities, and the unseen weeks that bring them to their steady state."""

    points: list[Scenario]

    @property
    def scenario(self) -> Scenario:
        """What all points share: size, run, interventions (the model owns this name; Mesa 3.5's
        own ``Model.scenario`` would tie its experiment scenarios to it)."""
        return self._scenario

    @scenario.setter
    def scenario(self, scenario: Scenario) -> None:
        self._scenario = scenario

    def _lay_out(self, streams: list[dict], replications: int) -> None:
        """``replications`` organisations of each point, one after another, drawn with that
        point's ``streams`` (one generator per mechanism), and the environment's starting course
        with the history that delayed reports read."""
        parts = [
            populate(point, own, replications)
            for point, own in zip(self.points, streams, strict=True)
        ]
        self._place_side_by_side(parts)
        self.replications = replications * len(self.points)  # organisations side by side
        # the organisation each team belongs to (organisations are consecutive blocks of teams)
        self.replication = np.repeat(
            np.arange(self.replications), self.managers.team_size.size // self.replications
        )
        point_of_organisation = np.repeat(np.arange(len(self.points)), replications)
        point_of_team = point_of_organisation[self.replication]
        self._point_of = (point_of_organisation, point_of_team, point_of_team[self.employees.team])
        if len(self.points) == 1:
            self.streams = streams[0]
        else:
            self.streams = {
                name: SideBySide([own[name] for own in streams], self._point_of)
                for name in streams[0]
            }
        self._tabulate_numbers()
        self.optimum = self._global_optimum[self.replication] + self._local_optimum
        self._history = np.tile(self.optimum, (MAX_REPORT_DELAY + 1, 1))  # for delayed reports
        self.rule_course = self._global_optimum[self.replication]

    def _place_side_by_side(self, parts: list[dict]) -> None:
        """The points' organisations one after another: teams, people and ties renumbered."""
        teams = np.cumsum([0, *(p["managers"].team_size.size for p in parts[:-1])])
        people = np.cumsum([0, *(p["employees"].size for p in parts[:-1])])
        for part, first_team, first_person in zip(parts, teams, people, strict=True):
            part["employees"].team += first_team
            part["employees"].person_id += first_person
        self.employees = side_by_side([p["employees"] for p in parts])
        self.managers = side_by_side([p["managers"] for p in parts])
        self._next_person = self.employees.size
        self._cross_ties = (
            parts[0]["ties"]
            if len(parts) == 1
            else sparse.block_diag([p["ties"] for p in parts], format="csr")
        )
        self._cross_degree = np.asarray(self._cross_ties.sum(axis=1)).ravel()
        self._global_optimum = np.concatenate([p["optimum"][0] for p in parts])
        self._local_optimum = np.concatenate([p["optimum"][1] for p in parts])

    def _new_week(self) -> ThisWeek:
        """A week's passing quantities, laid out per employee, team and organisation."""
        return ThisWeek.start(self.employees.size, self.managers.team_size.size, self.replications)

    def _warm_up(self, weeks: int) -> None:
        """Weeks at the initial levers before week 1, unseen, so that a run starts in the steady
        state of its levers. The step itself (not Mesa's counting wrapper) runs them."""
        self.week = -weeks
        for _ in range(weeks):
            type(self).step(self)

    def _tabulate_numbers(self) -> None:
        """The points' levers and other numbers per organisation, team and employee."""
        self.by_organisation, self.by_team, self.by_employee = (
            Values(self.points, point) for point in self._point_of
        )
