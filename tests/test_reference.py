"""The benchmark's yardstick (``benchmarks/reference``, one object per agent) simulates the same
organisation as ``sim.OrgModel`` with the non-core mechanisms switched off: its KPIs agree with
the array model's within replication noise."""

import numpy as np
import pytest

import sim
from benchmarks.reference.model import NOT_CORE, ReferenceModel

EMPLOYEES, WEEKS, REFERENCE_REPS, ARRAY_REPS = 100, 104, 3, 16
TOLERANCE = 4.0  # standard errors of the difference between the two means


@pytest.fixture(scope="module")
def scenario():
    return sim.load_scenario(
        "baseline", **{"organisation.employees": EMPLOYEES, "run.weeks": WEEKS, **NOT_CORE}
    )


def reference_kpis(scenario, seed):
    model = ReferenceModel(scenario, seed=seed)
    for _ in range(WEEKS):
        model.step()
    return model.kpis()


def test_reference_agrees_with_the_array_model_within_replication_noise(scenario):
    reference = [reference_kpis(scenario, 1000 + seed) for seed in range(REFERENCE_REPS)]
    array = [sim.run(scenario, seed=seed).kpis for seed in range(ARRAY_REPS)]
    for kpi in sim.KPI_NAMES:
        ref = np.array([k[kpi] for k in reference])
        arr = np.array([k[kpi] for k in array])
        # the array model's many replications estimate the spread of one replication
        error = arr.std(ddof=1) * np.sqrt(1 / REFERENCE_REPS + 1 / ARRAY_REPS) + 1e-4
        assert abs(ref.mean() - arr.mean()) < TOLERANCE * error, (
            f"{kpi}: reference {ref.mean():.4f} vs array model {arr.mean():.4f} "
            f"(standard error {error:.4f})"
        )


def test_reference_refuses_mechanisms_it_does_not_have():
    with pytest.raises(ValueError, match="core mechanisms"):
        ReferenceModel(sim.load_scenario("baseline"), seed=1)


def test_reference_agents_are_mesa_agents_one_per_person(scenario):
    model = ReferenceModel(scenario, seed=1)
    model.step()
    from benchmarks.reference.agents import Employee, Manager

    assert len(model.agents_by_type[Employee]) == EMPLOYEES
    assert len(model.agents_by_type[Manager]) == EMPLOYEES // 10
    assert model.employees.size == EMPLOYEES
