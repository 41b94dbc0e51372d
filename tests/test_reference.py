"""The benchmark's yardstick (``benchmarks/reference``): ``sim.OrgModel`` written the usual Mesa
way, one agent per person holding Python numbers. Every mechanism switch is implemented there or
listed as left out, each implemented one changes its course, and its KPIs and weekly series agree
with the array model's within replication noise."""

from collections import deque

import numpy as np
import pandas as pd
import pytest

import sim
from benchmarks.reference import model as reference
from benchmarks.reference.agents import Employee, Manager
from benchmarks.reference.model import IMPLEMENTED, LEFT_OUT, SWITCHED_OFF, ReferenceModel
from sim.kpis import SERIES
from sim.scenario import Mechanisms

EMPLOYEES, WEEKS, REFERENCE_REPS, ARRAY_REPS = 100, 104, 6, 24
TOLERANCE = 4.0  # standard errors of the difference between the two means

# levers away from the midpoint, which a switched-off channel passes on (``channels.REFERENCE``)
AWAY_FROM_THE_MIDPOINT = {
    "levers.vision": 0.8,
    "levers.trust": 0.7,
    "levers.responsibility": 0.7,
    "levers.freedom": 0.8,
    "levers.connection": 0.8,
    "levers.safety": 0.8,
    "levers.control": 0.3,
    "levers.rules": 0.3,
    "environment.pressure": 0.8,
    "environment.interdependence": 0.6,
}
HALF_STRENGTH = {f"mechanisms.{name}": 0.5 for name in IMPLEMENTED}
SCENARIOS = {"baseline": {}, "half-strength channels": AWAY_FROM_THE_MIDPOINT | HALF_STRENGTH}


def scenario(**overrides) -> sim.Scenario:
    size = {"organisation.employees": EMPLOYEES, "run.weeks": WEEKS}
    return sim.load_scenario("baseline", **(size | SWITCHED_OFF | overrides))


def reference_run(s: sim.Scenario, seed: int) -> ReferenceModel:
    model = ReferenceModel(s, seed=seed)
    for _ in range(s.run.weeks):
        model.step()
    return model


def test_every_switch_is_implemented_or_left_out():
    switches = set(Mechanisms.model_fields)
    assert set(IMPLEMENTED) | set(LEFT_OUT) == switches, "implement the new switch or list it"
    assert not set(IMPLEMENTED) & set(LEFT_OUT)
    assert len(IMPLEMENTED) == len(set(IMPLEMENTED))


@pytest.fixture(scope="module")
def short_run():
    """A short run with every channel on, levers away from the midpoint, and a model to run."""
    overrides = AWAY_FROM_THE_MIDPOINT | {
        "organisation.employees": 60,
        "organisation.team_size": 6,
        "workforce.opportunist_share": 0.3,  # slackers to follow up
        "coefficients.consequences.follow_up": 0.1,  # and managers who do, not by luck alone
        "run.weeks": 78,  # long enough for a follow-up with every channel on
        "run.warmup_weeks": 0,
    }

    def run(**switches):
        s = sim.load_scenario("baseline", **overrides, **SWITCHED_OFF, **switches)
        return reference_run(s, seed=3).record.data

    return run, run()


@pytest.mark.parametrize("switch", IMPLEMENTED)
def test_every_implemented_switch_changes_the_course(short_run, switch):
    run, all_on = short_run
    switched_off = run(**{f"mechanisms.{switch}": False})
    assert not np.array_equal(switched_off, all_on, equal_nan=True), f"{switch} has no effect"


def test_the_reference_refuses_what_it_leaves_out(monkeypatch):
    monkeypatch.setattr(reference, "LEFT_OUT", ("crossover", "coordination"))
    with pytest.raises(ValueError, match="leaves out crossover, coordination"):
        ReferenceModel(scenario(), seed=1)
    off = {"mechanisms.crossover": False, "mechanisms.coordination": 0.0}
    ReferenceModel(scenario(**off), seed=1)


def test_the_reference_refuses_interventions():
    s = scenario(interventions=[{"week": 10, "set": {"levers.trust": 0.9}}])
    with pytest.raises(ValueError, match="no interventions"):
        ReferenceModel(s, seed=1)


def measured(kpis: dict[str, float], weekly: pd.DataFrame, window: int) -> dict[str, float]:
    """The KPIs and the mean of every weekly series over the measurement window."""
    means = weekly[list(SERIES)].iloc[-window:].mean()
    return kpis | {f"mean {name}": means[name] for name in SERIES}


@pytest.mark.slow
@pytest.mark.parametrize("name", SCENARIOS)
def test_reference_agrees_with_the_array_model_within_replication_noise(name):
    s = scenario(**SCENARIOS[name])
    window = s.run.measure_weeks
    ref = pd.DataFrame(
        measured(m.kpis(), m.record.frame(m.week), window)
        for m in (reference_run(s, seed=1000 + seed) for seed in range(REFERENCE_REPS))
    )
    arr = pd.DataFrame(
        measured(r.kpis, r.timeseries, window) for r in sim.run_batch(s, ARRAY_REPS, seed=1)
    )
    # the array model's many replications estimate the spread of one replication
    error = arr.std() * np.sqrt(1 / REFERENCE_REPS + 1 / ARRAY_REPS) + 1e-4
    z = (ref.mean() - arr.mean()) / error
    off = z[z.abs() >= TOLERANCE]
    assert off.empty, "\n".join(
        f"{name}, {q}: reference {ref[q].mean():.4f} vs array model {arr[q].mean():.4f} "
        f"({z[q]:+.1f} standard errors)"
        for q in off.index
    )


def numbers(value) -> list:
    """The numbers in an agent attribute, looking into tuples and deques."""
    if isinstance(value, tuple | list | deque):
        return [n for item in value for n in numbers(item)]
    return [value] if isinstance(value, int | float | np.generic) else []


def test_one_mesa_agent_per_person_holding_python_numbers():
    model = reference_run(scenario(**{"run.weeks": 26, "run.measure_weeks": 26}), seed=1)
    staff, managers = model.agents_by_type[Employee], model.agents_by_type[Manager]
    assert len(staff) == EMPLOYEES
    assert len(managers) == EMPLOYEES // 10
    assert sorted(e.unique_id for m in managers for e in m.staff) == sorted(staff.get("unique_id"))
    state = [n for agent in [*staff, *managers] for n in numbers(list(vars(agent).values()))]
    assert state and {type(n) for n in state} <= {int, float, bool}
