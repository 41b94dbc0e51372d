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
with each unit's point's number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from types import SimpleNamespace

import numpy as np
from pydantic import BaseModel

from sim.scenario import Scenario, ScenarioError

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
