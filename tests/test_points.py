"""Points simulated side by side (sim.points, sim.streams, sim.run_points): every point's results
are exactly those of simulating it alone, and grouping never changes an experiment's result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import sim
from sim.experiments import batches as batching
from sim.experiments import execute
from sim.points import Values
from sim.scenario import ScenarioError
from sim.streams import SideBySide, among

BASE = sim.load_scenario(
    "baseline",
    **{
        "organisation.employees": 57,  # teams of 6 and 5
        "organisation.team_size": 6,
        "run.weeks": 80,
        "run.measure_weeks": 20,
        "interventions": [{"week": 30, "set": {"levers.trust": 0.9, "environment.shock": 0.2}}],
    },
)
# Every section whose numbers may differ between points, each at values far from the baseline's.
POINTS = [
    BASE,
    BASE.with_overrides(
        **{
            "levers.control": 0.9,
            "levers.rules": 0.3,
            "environment.turbulence": 0.9,
            "environment.pressure": 0.1,
            "managers.courage": 0.05,
            "managers.control_propensity": 0.95,
        }
    ),
    BASE.with_overrides(
        **{
            "workforce.opportunist_share": 0.4,
            "workforce.autonomy_need": 0.8,
            "workforce.autonomy_need_spread": 0.3,
            "coefficients.workforce.burnout_absence_weeks": 20.0,
            "coefficients.workforce.short_absence_hazard": 0.06,
            "coefficients.workforce.short_absence_weeks": 2.5,
            "coefficients.population.trait_spread": 0.3,
            "coefficients.population.fit_a": 3.0,
            "coefficients.consequences.better_fit": 0.8,
            "mechanisms.crossover": False,
            "mechanisms.conditional_cooperation": 0.5,
            "managers.max_hours": 45.0,
            "managers.contract_hours": 30.0,
        }
    ),
    BASE.with_overrides(
        **{
            "levers.vision": 0.1,
            "levers.safety": 0.9,
            "levers.connection": 0.2,
            "levers.freedom": 0.9,
            "levers.responsibility": 0.95,
            "coefficients.wellbeing.energy_baseline": 0.2,
            "coefficients.wellbeing.pleasure_baseline": 0.1,
            "coefficients.wellbeing.weekly_noise": 0.1,
            "coefficients.crossover.rate": 0.3,
            "coefficients.wellbeing.rate": 0.3,
            "coefficients.effort.energy_gain": 1.5,
            "coefficients.environment.step": 0.2,
            "coefficients.decisions.pooling": 0.8,
        }
    ),
]
SEEDS = [11, 12, 11, 99]  # two points share a seed (common random numbers)


def assert_identical(alone: list[sim.RunResult], together: list[sim.RunResult]) -> None:
    assert len(alone) == len(together)
    for a, b in zip(alone, together, strict=True):
        assert pd.Series(a.kpis).equals(pd.Series(b.kpis))  # NaN where a KPI is undefined
        assert a.timeseries.equals(b.timeseries)


def test_each_point_gives_exactly_its_results_alone():
    together = sim.run_points(POINTS, SEEDS, replications=3)
    for scenario, seed, results in zip(POINTS, SEEDS, together, strict=True):
        assert_identical(sim.run_batch(scenario, 3, seed), results)
    # the points really differ (the check above is not comparing one scenario with itself)
    burnout = [np.mean([r.kpis["burnout_rate"] for r in results]) for results in together]
    assert len(set(burnout)) == len(POINTS)


def test_a_point_does_not_depend_on_its_neighbours_or_their_order():
    forward = sim.run_points(POINTS[:3], SEEDS[:3], replications=2)
    backward = sim.run_points(POINTS[2::-1], SEEDS[2::-1], replications=2)
    for a, b in zip(forward, reversed(backward), strict=True):
        assert_identical(a, b)


def test_points_must_share_the_organisations_structure():
    other = BASE.with_overrides(**{"organisation.employees": 60, "run.warmup_weeks": 13})
    with pytest.raises(ScenarioError) as error:
        sim.OrgModel([BASE, other], seed=[1, 2])
    message = str(error.value)
    assert "organisation.employees" in message and "run.warmup_weeks" in message
    with pytest.raises(ValueError, match="2 scenarios need 2 seeds"):
        sim.OrgModel([BASE, BASE], seed=[1, 2, 3])


def test_values_are_the_scenarios_numbers_where_points_agree_and_per_unit_where_not():
    point = np.array([0, 0, 1, 1, 1])
    values = Values([BASE, POINTS[1]], point)
    assert values.levers.trust == BASE.levers.trust  # shared: the number itself
    assert isinstance(values.levers.trust, float)
    np.testing.assert_array_equal(values.levers.control, [0.5, 0.5, 0.9, 0.9, 0.9])
    assert values.mechanisms.crossover == 1.0


def test_side_by_side_streams_draw_for_each_point_from_its_own_generator():
    owner = np.array([0, 0, 0, 1, 1])
    stream = SideBySide([np.random.default_rng(1), np.random.default_rng(2)], [owner])
    drawn = stream.standard_normal(5)
    np.testing.assert_array_equal(drawn[:3], np.random.default_rng(1).standard_normal(3))
    np.testing.assert_array_equal(drawn[3:], np.random.default_rng(2).standard_normal(2))
    fresh = SideBySide([np.random.default_rng(1), np.random.default_rng(2)], [owner])
    chosen = np.array([False, True, False, True, True])  # one of point 0's units, two of point 1's
    np.testing.assert_array_equal(
        among(fresh, chosen).random(3),
        np.r_[np.random.default_rng(1).random(1), np.random.default_rng(2).random(2)],
    )
    fresh = SideBySide([np.random.default_rng(1), np.random.default_rng(2)], [owner])
    among(fresh, np.array([True, False, False, False, False])).random(1)
    # point 1 drew nothing, so its generator has not moved
    np.testing.assert_array_equal(fresh.random(5)[3:], np.random.default_rng(2).random(2))
    with pytest.raises(ValueError, match="use among"):
        stream.random(4)  # 4 units are no level of this model


def test_twins_share_a_draw_until_they_ask_for_different_ones():
    owner = np.array([0, 0, 1, 1, 2, 2])  # points 0 and 2 have a common seed: twins
    stream = SideBySide([np.random.default_rng(s) for s in (1, 2, 1)], [owner])
    assert stream.generators[0] is stream.generators[2]
    alone = [np.random.default_rng(s) for s in (1, 2, 1)]

    def expect(draw):
        return np.concatenate([draw(alone[p], n) for p, n in enumerate((2, 2, 2))], axis=-1)

    np.testing.assert_array_equal(stream.random((3, 6)), expect(lambda g, n: g.random((3, n))))
    np.testing.assert_array_equal(
        stream.normal(0.0, 2.0, 6), expect(lambda g, n: g.normal(0, 2, n))
    )
    # per-unit parameters that differ between the twins part them; the same ones do not
    same = np.array([1.0, 2.0, 5.0, 5.0, 1.0, 2.0])
    np.testing.assert_array_equal(
        stream.normal(0.0, same, 6),
        np.concatenate([alone[p].normal(0.0, same[2 * p : 2 * p + 2]) for p in range(3)]),
    )
    assert stream.generators[0] is stream.generators[2]
    scale = np.array([1.0, 2.0, 5.0, 5.0, 1.0, 3.0])
    np.testing.assert_array_equal(
        stream.normal(0.0, scale, 6),
        np.concatenate([alone[p].normal(0.0, scale[2 * p : 2 * p + 2]) for p in range(3)]),
    )
    assert stream.generators[0] is not stream.generators[2]
    np.testing.assert_array_equal(stream.random(6), expect(lambda g, n: g.random(n)))
    everyone = SideBySide([np.random.default_rng(1) for _ in range(3)], [owner])
    once = np.random.default_rng(1).random((2, 2))
    np.testing.assert_array_equal(everyone.random((2, 6)), np.tile(once, 3))  # drawn once
    # twins that draw for different numbers of their units (or none) part too
    fresh = SideBySide([np.random.default_rng(s) for s in (1, 2, 1)], [owner])
    chosen = np.array([True, False, False, False, False, False])  # only point 0 draws
    np.testing.assert_array_equal(
        among(fresh, chosen).random(1), np.random.default_rng(1).random(1)
    )
    np.testing.assert_array_equal(fresh.random(6)[4:], np.random.default_rng(1).random(2))


def test_grouping_never_changes_a_sweep(monkeypatch):
    vary = {"levers.trust": [0.2, 0.5, 0.8], "environment.pressure": [0.1, 0.5, 0.9]}
    small = BASE.with_overrides(**{"organisation.employees": 30, "run.weeks": 40})
    grouped_sizes = []
    real = batching.group_batches

    def spy(batches, todo, parts=None):
        groups = real(batches, todo, parts)
        grouped_sizes.extend(len(g) for g in groups)
        return groups

    monkeypatch.setattr(execute, "group_batches", spy)
    grouped = sim.sweep(small, vary=vary, reps=2, seed=4)
    assert max(grouped_sizes) == 9  # in this process, with nothing to save: one group
    grouped_sizes.clear()
    monkeypatch.setattr(batching, "MIN_GROUPS", 2)
    workers = sim.Execution("process", workers=2)
    assert sim.sweep(small, vary=vary, reps=2, seed=4, executor=workers).equals(grouped)
    assert sorted(grouped_sizes) == [4, 5]  # for two workers: 9 points in two groups
    monkeypatch.setattr(batching, "GROUP_EMPLOYEES", 1)  # every point alone
    grouped_sizes.clear()
    alone = sim.sweep(small, vary=vary, reps=2, seed=4)
    assert max(grouped_sizes) == 1
    assert grouped.equals(alone)


def test_only_batches_of_one_structure_and_size_are_grouped():
    small = BASE.with_overrides(**{"organisation.employees": 30})
    longer = small.with_overrides(**{"run.weeks": 30})
    batches = [
        batching.Batch(small, 2, 1),
        batching.Batch(small.with_overrides(**{"mechanisms.crossover": False}), 2, 1),
        batching.Batch(longer, 2, 1),  # another horizon
        batching.Batch(longer, 3, 1),  # another number of replications
        batching.Batch(longer, 3, 2),
    ] * 8
    groups = batching.group_batches(batches, range(len(batches)))
    for group in groups:
        assert len({(batches[i].scenario.run.weeks, batches[i].reps) for i in group}) == 1
        assert group == list(range(group[0], group[0] + len(group)))  # consecutive
    assert [len(g) for g in groups[:3]] == [2, 1, 2]
