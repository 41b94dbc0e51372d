"""Unit tests of the environment and decision mechanisms (C12, C13, C7), hand-checked."""

import numpy as np
import pytest

from sim.mechanisms import decisions, environment

ENV, DEC = environment.Coefficients(), decisions.Coefficients()


def test_nothing_moves_or_differs_at_turbulence_zero():
    rng = np.random.default_rng(0)
    global_part, local_part = environment.initial_optimum(0.0, 3, rng, c=ENV)
    assert global_part == 0.0 and np.all(local_part == 0.0)
    moved = environment.move_optimum(
        1.0, np.array([1.0, -1.0]), 0.0, rng, c=ENV, c_local=ENV, local_turbulence=0.0
    )
    assert moved[0] == pytest.approx(0.95)  # only the pull towards the mean: 1 − REVERSION
    assert moved[1] == pytest.approx([0.95, -0.95])


def test_optimum_settles_at_its_stationary_spread():
    assert environment.stationary_spread(1.0, c=ENV) == pytest.approx(0.1 / np.sqrt(0.0975))
    rng = np.random.default_rng(1)
    global_part, local_part = environment.initial_optimum(0.5, 2000, rng, c=ENV)
    for _ in range(100):
        global_part, local_part = environment.move_optimum(
            global_part, local_part, 0.5, rng, c=ENV, c_local=ENV, local_turbulence=0.5
        )
    expected = ENV.local_share * environment.stationary_spread(0.5, c=ENV)
    assert local_part.std() == pytest.approx(expected, rel=0.08)


def test_decision_weights_by_rights_control_and_rules():
    employee, rule, manager = decisions.decision_weights(0.9, 0.9, 0.2, np.array([0.2]), c=DEC)
    assert employee[0] == pytest.approx(0.81)  # 0.9 × (1 − 0.1)
    assert rule[0] == pytest.approx(0.038)  # 0.19 × 0.2
    assert manager[0] == pytest.approx(0.152)
    employee, rule, manager = decisions.decision_weights(0.1, 0.1, 0.8, np.array([0.8]), c=DEC)
    assert (employee[0], rule[0], manager[0]) == pytest.approx((0.06, 0.752, 0.188))


def test_local_read_is_sharper_with_skill():
    rng = np.random.default_rng(2)
    optimum = np.full(40_000, 0.3)
    exact = decisions.read_locally(optimum, np.full(40_000, 1.5), rng, c=DEC)
    assert np.all(exact == 0.3)
    novice = decisions.read_locally(optimum, np.full(40_000, 0.5), rng, c=DEC)
    assert novice.std() == pytest.approx(DEC.employee_noise, rel=0.03)


def test_colleagues_pool_within_the_team():
    read = np.array([1.0, 3.0, 10.0])
    team, organisation = np.array([0, 0, 1]), np.zeros(3, dtype=np.int64)
    view = decisions.share_knowledge(
        read, team, np.array([2, 1]), organisation, 0.0, c=DEC, coordination=True
    )
    assert view == pytest.approx([1.5, 2.5, 10.0])  # halfway to the team means 2 and 10


def test_interdependent_teams_adjust_to_each_other_deciding_themselves():
    read = np.array([1.0, 3.0, 10.0])
    team, organisation = np.array([0, 0, 1]), np.zeros(3, dtype=np.int64)
    view = decisions.share_knowledge(
        read, team, np.array([2, 1]), organisation, 0.8, c=DEC, coordination=True
    )
    lean = DEC.mutual_adjustment * 0.8  # towards the organisation's mean view (14 / 3)
    pooled = np.array([1.5, 2.5, 10.0])
    assert view == pytest.approx((1 - lean) * pooled + lean * pooled.mean())
    alone = decisions.share_knowledge(
        read, team, np.array([2, 1]), organisation, 0.8, c=DEC, coordination=False
    )
    assert alone == pytest.approx(pooled)


def test_central_decisions_weigh_the_other_teams_as_far_as_they_depend_on_each_other():
    view, organisation = np.array([0.0, 1.0, 5.0]), np.array([0, 0, 1])
    got = decisions.coordinate(view, organisation, 0.6, on=True)
    assert got == pytest.approx([0.4 * 0.0 + 0.6 * 0.5, 0.4 * 1.0 + 0.6 * 0.5, 5.0])
    assert decisions.coordinate(view, organisation, 0.6, on=False) == pytest.approx(view)


def test_coordination_error_is_the_scaled_distance_to_the_organisations_course():
    decision, organisation = np.array([0.0, 0.3, 2.0]), np.array([0, 0, 1])
    got = decisions.coordination_error(decision, organisation, c=DEC)
    d = 0.15  # each of the first two is 0.15 from their mean 0.15; the third is alone
    assert got == pytest.approx([d / (d + DEC.coordination_scale)] * 2 + [0.0])


def test_inattentive_managers_see_less():
    rng = np.random.default_rng(3)
    then = np.zeros(40_000)
    focused = decisions.manager_report(then, np.full(40_000, 1.0), rng, c=DEC)
    absent = decisions.manager_report(then, np.zeros(40_000), rng, c=DEC)
    assert focused.std() == pytest.approx(0.04 / np.sqrt(1.1), rel=0.03)
    assert absent.std() == pytest.approx(0.04 / np.sqrt(0.1), rel=0.03)


def test_decision_blends_sources_and_scatters_without_vision():
    weights = (np.array([0.5]), np.array([0.3]), np.array([0.2]))
    team = np.zeros(40_000, dtype=np.int64)
    view = np.ones(40_000)
    rng = np.random.default_rng(4)
    clear = decisions.decide(
        view, 2.0, np.array([4.0]), weights, team, 1.0, rng, c=DEC, shared_goals=True
    )
    assert clear == pytest.approx(np.full(40_000, 1.9))  # 0.5·1 + 0.3·2 + 0.2·4
    vague = decisions.decide(
        view, 2.0, np.array([4.0]), weights, team, 0.0, rng, c=DEC, shared_goals=True
    )
    assert vague.mean() == pytest.approx(1.9, abs=0.01)
    assert vague.std() == pytest.approx(0.5 * DEC.scatter, rel=0.03)


def test_adaptation_error_is_scaled_distance():
    optimum = np.zeros(3)
    error = decisions.adaptation_error(np.array([0.0, -0.15, 0.45]), optimum, c=DEC)
    assert error == pytest.approx([0.0, 0.5, 0.75])
