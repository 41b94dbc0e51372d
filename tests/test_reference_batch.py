"""Replications batched into one array dimension (``sim.run_batch``): a batch of one is exactly
``sim.run``; a batch is reproducible; its replications are separate organisations that behave
like independent runs."""

import numpy as np
import pandas as pd

import sim

SCENARIO = {"organisation.employees": 120, "run.weeks": 104, "organisation.team_size": 8}


def test_a_batch_of_one_is_bit_identical_to_a_single_run():
    scenario = sim.load_scenario("baseline", **SCENARIO)
    single = sim.run(scenario, seed=5)
    (batch,) = sim.run_batch(scenario, 1, seed=5)
    assert batch.kpis == single.kpis
    pd.testing.assert_frame_equal(batch.timeseries, single.timeseries, check_exact=True)


def test_a_batch_is_reproducible_and_its_replications_differ():
    scenario = sim.load_scenario("baseline", **SCENARIO)
    first = sim.run_batch(scenario, 4, seed=2)
    again = sim.run_batch(scenario, 4, seed=2)
    assert [r.kpis for r in first] == [r.kpis for r in again]
    assert len({r.kpis["burnout_rate"] for r in first}) == 4


def test_batched_replications_agree_with_single_runs_within_noise():
    scenario = sim.load_scenario("baseline", **SCENARIO)
    batch = pd.DataFrame([r.kpis for r in sim.run_batch(scenario, 12, seed=1)])
    single = pd.DataFrame([sim.run(scenario, seed=seed).kpis for seed in range(12)])
    error = np.sqrt(batch.var() / 12 + single.var() / 12) + 1e-6
    z = ((batch.mean() - single.mean()) / error).abs()
    assert (z < 4).all(), z.sort_values().tail(3)


def test_replications_are_separate_organisations():
    model = sim.OrgModel(sim.load_scenario("baseline", **SCENARIO), seed=1, replications=3)
    ties = model._cross_ties.tocoo()
    n = SCENARIO["organisation.employees"]
    assert ties.nnz > 0
    assert np.array_equal(ties.row // n, ties.col // n)
    assert model.managers.team_size.size == 3 * 15
    model.step()
    assert model.timeseries(2).shape[0] == 1
