"""Nothing silent: generated from the scenario's own schema, so a new switch or coefficient is
tested the moment it is declared.

* Every switch and coefficient record a mechanism function takes is keyword-only, without a
  default: a call that forgets one fails.
* Every switch of ``Mechanisms``, switched off, changes the course of a small world in which every
  channel has work to do (a switch declared but not passed on to its mechanism fails here).
* Every switch and every coefficient with a range, changed on its own in one point, gives that
  point the same results simulated side by side with all the others (``sim.run_points``) as
  simulated alone: nothing in the step reads a number from the wrong point or level.

All the changed points run side by side in one model; each is then run alone.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pandas as pd
import pytest

import sim
import sim.mechanisms
from sim.coefficients import listing
from sim.scenario import Mechanisms

SEED = 1
WORLD = sim.load_scenario(
    "baseline",
    **{
        "name": "every channel at work",
        "organisation.employees": 48,  # six teams of eight
        "organisation.team_size": 8,
        "run.weeks": 36,
        "run.measure_weeks": 12,
        "run.warmup_weeks": 8,
        # levers away from the reference level 0.5 that a switched-off channel passes on
        "levers.vision": 0.8,
        "levers.trust": 0.7,
        "levers.responsibility": 0.7,
        "levers.freedom": 0.7,
        "levers.connection": 0.8,
        "levers.safety": 0.8,
        "levers.control": 0.7,  # felt as distrust beyond the legitimate
        "levers.rules": 0.7,
        "environment.turbulence": 0.6,
        "environment.pressure": 0.8,
        "environment.interdependence": 0.6,
        "workforce.opportunist_share": 0.5,  # shirkers to deter, catch, follow up and resent
        "managers.control_propensity": 0.8,
        "managers.courage": 0.2,
        "coefficients.workforce.mismatch_share": 0.4,  # poor fits that show within the run
        "coefficients.workforce.mismatch_quit_hazard": 0.15,
        "coefficients.workforce.mismatch_reveal_weeks": 4.0,
        "coefficients.population.max_tenure_weeks": 52,  # recent hires whose fit still shows
        "coefficients.workforce.turnover_hazard": 0.003,  # enough leavers for roots to matter
        "coefficients.workforce.embedded_turnover": 1.4,  # newcomers leave visibly more
        "coefficients.consequences.non_performance": 0.85,  # non-performers for managers to address
        "coefficients.workforce.control_absence": 1.4,  # autonomy (~0.4) sways spells visibly
        "interventions": [
            {"week": 8, "set": {"environment.shock": 0.3}},  # a shortfall: managers grab
            {  # letting go: control eases and responsibility steps up (handed over gradually)
                "week": 20,
                "set": {
                    "environment.shock": 0.0,
                    "levers.control": 0.2,
                    "levers.responsibility": 0.9,
                },
            },
        ],
    },
)
SWITCHES = list(Mechanisms.model_fields)
RANGED = [row for row in listing(WORLD.coefficients) if row["max"] > row["min"]]


def changed(row: dict) -> object:
    """A coefficient at the end of its range farther from its value."""
    far = row["min"] if row["value"] - row["min"] > row["max"] - row["value"] else row["max"]
    return type(row["value"])(far)


CHANGES = {f"mechanisms.{name}": 0.0 for name in SWITCHES} | {
    row["name"]: changed(row) for row in RANGED
}
"""One point per switch (off) and per ranged coefficient (far from its value), by dotted path."""


def point(path: str) -> sim.Scenario:
    return WORLD.with_overrides(**{path: CHANGES[path]})


@pytest.fixture(scope="module")
def together() -> dict[str, sim.RunResult]:
    """The world and every changed point, all simulated side by side in one model."""
    paths = ["world", *CHANGES]
    scenarios = [WORLD, *(point(path) for path in CHANGES)]
    results = sim.run_points(scenarios, [SEED] * len(scenarios), replications=1)
    return {path: runs[0] for path, runs in zip(paths, results, strict=True)}


def same(a: sim.RunResult, b: sim.RunResult) -> bool:
    return pd.Series(a.kpis).equals(pd.Series(b.kpis)) and a.timeseries.equals(b.timeseries)


FUNCTIONS = [
    function
    for info in pkgutil.iter_modules(sim.mechanisms.__path__)
    for _, function in inspect.getmembers(
        importlib.import_module(f"sim.mechanisms.{info.name}"), inspect.isfunction
    )
    if function.__module__ == f"sim.mechanisms.{info.name}"
]


def silent(parameter: inspect.Parameter) -> bool:
    """A coefficient record (``c``, ``c_team``, ``c_local``) or switch (``on``) that may be passed
    by position or left out, or any parameter that defaults to a switch's ``True``/``False``."""
    record_or_on = parameter.name in ("c", "on") or parameter.name.startswith("c_")
    keyword_only = parameter.kind is parameter.KEYWORD_ONLY
    defaulted = parameter.default is not parameter.empty
    return (record_or_on and (not keyword_only or defaulted)) or isinstance(parameter.default, bool)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_switches_and_records_are_keyword_only_without_a_default(function):
    found = [p.name for p in inspect.signature(function).parameters.values() if silent(p)]
    assert not found, (
        f"{function.__module__}.{function.__name__}: make {', '.join(found)} keyword-only "
        "without a default (after a *), so a call cannot leave a channel on by forgetting it"
    )


def test_the_world_is_generated_from_the_schema():
    assert len(SWITCHES) == len(Mechanisms.model_fields) > 20
    assert {"coefficients.control.urge", "coefficients.kpis.revenue_per_output"} <= set(CHANGES)
    assert all(CHANGES[row["name"]] != row["value"] for row in RANGED)


@pytest.mark.parametrize("name", SWITCHES)
def test_switching_a_channel_off_changes_the_course(together, name):
    assert not same(together[f"mechanisms.{name}"], together["world"]), (
        f"switching off mechanisms.{name} changes nothing in a world where every channel has "
        f"work to do: is the switch passed on to its mechanism (on=…{name})?"
    )


@pytest.mark.parametrize("path", list(CHANGES))
def test_a_point_side_by_side_gives_its_results_alone(together, path):
    alone = sim.run(point(path), seed=SEED)
    assert same(alone, together[path]), (
        f"{path} = {CHANGES[path]}: simulated side by side with other points, the results "
        "differ from the point's own; the step reads this number from the wrong point or level"
    )
