"""Unit tests of the core mechanisms, each against a value worked out by hand from its equation.

Constants are imported from the modules, so a retune keeps the identities true.
"""

import numpy as np
import pytest
from conftest import small
from scipy import sparse

from sim.mechanisms import crossover, effort, production, quadrants, teams, wellbeing, workforce
from sim.mechanisms.quadrants import BURNOUT, ENGAGEMENT, SATISFACTION, WORKAHOLISM
from sim.population import draw_employees, draw_managers, team_sizes

QUADRANTS, WELLBEING, EFFORT = (
    quadrants.Coefficients(),
    wellbeing.Coefficients(),
    effort.Coefficients(),
)
PRODUCTION, CROSSOVER, WORKFORCE = (
    production.Coefficients(),
    crossover.Coefficients(),
    workforce.Coefficients(),
)

# --- quadrants ----------------------------------------------------------------------------------


def test_classify_puts_each_corner_in_its_quadrant():
    energy = np.array([0.9, 0.9, 0.1, 0.1])
    pleasure = np.array([0.9, 0.1, 0.1, 0.9])
    expected = [ENGAGEMENT, WORKAHOLISM, BURNOUT, SATISFACTION]
    assert quadrants.classify(energy, pleasure, QUADRANTS).tolist() == expected


def test_classify_counts_the_cut_off_as_high():
    at, below = QUADRANTS.cut_off, np.nextafter(QUADRANTS.cut_off, 0)
    assert quadrants.classify(np.array([at]), np.array([at]), QUADRANTS).tolist() == [ENGAGEMENT]
    assert quadrants.classify(np.array([below]), np.array([below]), QUADRANTS).tolist() == [BURNOUT]


def test_shares_count_each_quadrant():
    # Two engaged, one in burnout, one satisfied, of four: 1/2, 0, 1/4, 1/4.
    codes = np.array([ENGAGEMENT, ENGAGEMENT, BURNOUT, SATISFACTION], dtype=np.int8)
    got = quadrants.shares(codes)
    assert got[[ENGAGEMENT, WORKAHOLISM, BURNOUT, SATISFACTION]].tolist() == [0.5, 0, 0.25, 0.25]


def test_shares_of_nobody_are_zero():
    assert quadrants.shares(np.array([], dtype=np.int8)).tolist() == [0, 0, 0, 0]


# --- wellbeing ----------------------------------------------------------------------------------


def conditions(**changes):
    """Employee conditions at a neutral point, with some inputs changed."""
    inputs = dict(
        workload=0.5,
        rules=0.0,
        felt_control=0.5,
        vision=1.0,
        fit=1.0,
        autonomy=0.5,
        autonomy_need=0.5,
        trust_received=0.5,
        coaching=0.5,
        safety=0.5,
        slack_share=0.0,
    )
    return wellbeing.employee_conditions(**{**inputs, **changes}, c=WELLBEING)


def test_worst_job_demands_one_and_best_job_gives_one():
    # Demand weights 0.35 + 0.2 + 0.25 + 0.1 + 0.1 = 1 at workload, rules and felt control 1,
    # vision and fit 0; resource weights 0.25 + 0.25 + 0.15 + 0.15 + 0.1 + 0.1 = 1 at full
    # autonomy for a middling need (0.5 + 0.5 = 1), trust, coaching, safety, fit, nobody slacking.
    worst = conditions(workload=1.0, rules=1.0, felt_control=1.0, vision=0.0, fit=0.0)
    best = conditions(autonomy=1.0, trust_received=1.0, coaching=1.0, safety=1.0, fit=1.0)
    assert worst.demands == pytest.approx(1.0)
    assert best.resources == pytest.approx(1.0)


def test_red_tape_grows_with_the_square_of_rules():
    # rules² : 0 → 0.25 → 1, so the step from 0.5 to 1 costs three times the step from 0 to 0.5.
    d0, d_half, d1 = (conditions(rules=r).demands for r in (0.0, 0.5, 1.0))
    assert d1 - d_half == pytest.approx(3 * (d_half - d0))


def test_autonomy_feeds_those_who_need_it_most():
    # autonomy × (0.5 + need): the gain at need 1 (×1.5) is three times the gain at need 0 (×0.5).
    def gain(need):
        return (
            conditions(autonomy=1.0, autonomy_need=need).resources
            - conditions(autonomy=0.0, autonomy_need=need).resources
        )

    assert gain(1.0) == pytest.approx(3 * gain(0.0))
    assert gain(0.0) > 0


def step_wellbeing(energy, pleasure, fatigue, demands, resources, absent=False, **params):
    n = len(energy)
    return wellbeing.update_wellbeing(
        np.array(energy, dtype=float),
        np.array(pleasure, dtype=float),
        np.array(fatigue, dtype=float),
        wellbeing.Conditions(np.array(demands, dtype=float), np.array(resources, dtype=float)),
        np.zeros(n),
        np.zeros(n),
        np.full(n, absent),
        np.random.default_rng(0),
        WELLBEING.model_copy(
            update={"energy_baseline": 0.1, "pleasure_baseline": 0.4, "weekly_noise": 0.0, **params}
        ),
    )


def test_strain_beyond_the_buffer_builds_fatigue_and_recovery_drains_it():
    d, r, f0 = 0.8, 0.2, 0.5
    _, _, fatigue = step_wellbeing([0.5], [0.5], [f0], [d], [r])
    strain = d - r - WELLBEING.buffer
    assert fatigue[0] == pytest.approx(
        f0 + WELLBEING.fatigue_build * strain - WELLBEING.fatigue_recovery * f0
    )


def test_sick_leave_recovers_faster_and_builds_no_fatigue():
    f0 = 0.5
    _, _, fatigue = step_wellbeing([0.5], [0.5], [f0], [0.9], [0.0], absent=True)
    assert fatigue[0] == pytest.approx(
        f0 - WELLBEING.absent_recovery * WELLBEING.fatigue_recovery * f0
    )


def test_energy_and_pleasure_move_a_share_rate_towards_their_targets():
    # No strain (d - r < BUFFER), no fatigue: targets are baseline + 0.5 r + 0.3 d (energy) and
    # baseline + 0.8 r - 0.6 d (pleasure); each moves rate = 0.1 of the way there.
    d, r, e0, p0 = 0.3, 0.6, 0.5, 0.5
    energy, pleasure, fatigue = step_wellbeing([e0], [p0], [0.0], [d], [r])
    energy_target = 0.1 + 0.5 * r + 0.3 * d  # 0.49
    pleasure_target = 0.4 + 0.8 * r - 0.6 * d  # 0.70
    assert fatigue[0] == 0.0
    assert energy[0] == pytest.approx(e0 + 0.1 * (energy_target - e0))  # 0.499
    assert pleasure[0] == pytest.approx(p0 + 0.1 * (pleasure_target - p0))  # 0.52


def test_wellbeing_stays_in_the_unit_interval_under_extreme_conditions():
    energy, pleasure, fatigue = step_wellbeing(
        [0.0, 1.0], [0.0, 1.0], [1.0, 1.0], [5.0, -5.0], [-5.0, 5.0], rate=1.0, weekly_noise=0.5
    )
    for values in (energy, pleasure, fatigue):
        assert ((values >= 0) & (values <= 1)).all()


# --- effort -------------------------------------------------------------------------------------


def test_motivation_weighs_pleasure_half_trust_and_initiative_a_quarter():
    assert effort.motivation(1.0, 0.0, 0.0, EFFORT) == 0.5
    assert effort.motivation(0.0, 1.0, 1.0, EFFORT) == 0.5
    assert effort.motivation(1.0, 1.0, 1.0, EFFORT) == 1.0


def test_control_is_felt_more_by_those_who_need_autonomy():
    # control × (0.5 + need): full control is felt as 0.5 at need 0 and 1.5 at need 1.
    assert effort.felt_control(1.0, 0.0, EFFORT) == 0.5
    assert effort.felt_control(1.0, 1.0, EFFORT) == 1.5


def test_detection_combines_monitoring_and_peers_and_never_catches_all_by_monitoring():
    assert effort.detection(0.0, 0.0, EFFORT) == 0.0
    assert effort.detection(1.0, 0.0, EFFORT) == pytest.approx(EFFORT.catch)
    assert effort.detection(1.0, 0.5, EFFORT) == pytest.approx(1 - (1 - EFFORT.catch) * 0.5)
    assert EFFORT.catch < 1


def efforts(
    energy=0.5,
    motivation=0.5,
    felt=EFFORT.typical_felt_control,
    detection=0.0,
    opportunist=False,
    energy_gain=0.6,
    crowding_out=True,
):
    def array(x):
        return np.atleast_1d(np.asarray(x, dtype=float))

    return effort.put_in_effort(
        array(energy),
        array(motivation),
        array(felt),
        array(detection),
        np.atleast_1d(opportunist),
        EFFORT.model_copy(update={"energy_gain": energy_gain}),
        crowding_out=crowding_out,
    )


def test_a_neutral_reciprocal_employee_puts_in_normal_effort():
    assert efforts()[0] == pytest.approx(EFFORT.normal_effort)


def test_vigour_and_motivation_raise_reciprocal_effort():
    # energy 0.7 adds gain × 0.2 = 0.12; motivation 0.7 adds MOTIVATION_GAIN × 0.2.
    got = efforts(energy=0.7, motivation=0.7, energy_gain=0.6)[0]
    assert got == pytest.approx(EFFORT.normal_effort + 0.12 + EFFORT.motivation_gain * 0.2)


def test_felt_control_crowds_out_reciprocal_effort_unless_switched_off():
    felt = EFFORT.typical_felt_control + 0.5
    assert efforts(felt=felt)[0] == pytest.approx(EFFORT.normal_effort - EFFORT.crowding_out * 0.5)
    assert efforts(felt=felt, crowding_out=False)[0] == pytest.approx(EFFORT.normal_effort)


def test_opportunists_shirk_unless_they_expect_to_be_caught():
    assert efforts(opportunist=True, detection=0.0)[0] == pytest.approx(EFFORT.shirk_effort)
    assert efforts(opportunist=True, detection=1.0)[0] == pytest.approx(EFFORT.normal_effort)
    half = EFFORT.shirk_effort + 0.5 * (EFFORT.normal_effort - EFFORT.shirk_effort)
    assert efforts(opportunist=True, detection=0.5)[0] == pytest.approx(half)


def test_control_lowers_reciprocal_effort_but_raises_opportunist_effort():
    def at(level, opportunist):
        felt = effort.felt_control(level, 0.5, EFFORT)
        caught = effort.detection(level, 0.0, EFFORT)
        return efforts(felt=felt, detection=caught, opportunist=opportunist)[0]

    assert at(1.0, opportunist=False) < at(0.0, opportunist=False)
    assert at(1.0, opportunist=True) > at(0.0, opportunist=True)


def test_effort_is_clipped_to_zero_and_max_effort():
    got = efforts(energy=[0.0, 1.0], motivation=[0.0, 1.0], felt=[3.0, 0.0], energy_gain=3.0)
    assert got.tolist() == [0.0, EFFORT.max_effort]


# --- production ---------------------------------------------------------------------------------


def test_typical_skill_and_fit_give_capability_one():
    got = production.capability(
        np.array([PRODUCTION.typical_skill]), np.array([PRODUCTION.typical_fit]), PRODUCTION
    )
    assert got[0] == pytest.approx(1.0)


def test_capability_grows_with_the_square_root_of_skill():
    quarter = production.capability(
        np.array([PRODUCTION.typical_skill / 4]), np.array([PRODUCTION.typical_fit]), PRODUCTION
    )
    assert quarter[0] == pytest.approx(0.5)


def test_normal_effort_typical_capability_and_decisions_produce_one():
    typical = PRODUCTION.typical_adaptation_error
    assert production.produce(1.0, 1.0, typical, 0.0, PRODUCTION) == pytest.approx(1.0)


def test_output_falls_linearly_with_adaptation_error():
    # (1 − cost × error) / (1 − cost × typical error): perfect decisions yield more than 1.
    cost = PRODUCTION.adaptation_cost
    typical = 1 - cost * PRODUCTION.typical_adaptation_error
    assert production.produce(1.0, 1.0, 0.0, 0.0, PRODUCTION) == pytest.approx(1 / typical)
    assert production.produce(1.0, 1.0, 1.0, 0.0, PRODUCTION) == pytest.approx((1 - cost) / typical)


def test_output_scales_with_effort_capability_and_what_the_shock_leaves():
    typical = PRODUCTION.typical_adaptation_error
    assert production.produce(2.0, 0.5, typical, 0.5, PRODUCTION) == pytest.approx(0.5)


def test_only_undetected_opportunists_cause_misconduct():
    got = production.misconduct(
        np.array([True, True, False]),
        np.array([0.0, 1.0, 0.0]),
        np.array([2.0, 2.0, 2.0]),
        PRODUCTION,
    )
    assert got.tolist() == [2.0 * PRODUCTION.misconduct, 0.0, 0.0]


# --- crossover ----------------------------------------------------------------------------------


def no_ties(n):
    return sparse.csr_matrix((n, n)), np.zeros(n)


def test_colleague_mean_is_the_mean_of_the_teammates_without_oneself():
    # Team 0 holds 1, 2, 3: colleagues' means (2+3)/2, (1+3)/2, (1+2)/2; team 1 is one person,
    # who keeps their own value.
    values = np.array([1.0, 2.0, 3.0, 7.0])
    team, size = np.array([0, 0, 0, 1]), np.array([3, 1])
    got = crossover.colleague_mean(values, team, size, *no_ties(4), CROSSOVER)
    assert got.tolist() == [2.5, 2.0, 1.5, 7.0]


def test_cross_team_ties_weigh_cross_weight_for_those_who_have_them():
    values = np.array([0.0, 0.0, 1.0, 1.0])
    team, size = np.array([0, 0, 1, 1]), np.array([2, 2])
    ties = sparse.csr_matrix(([1.0, 1.0], ([0, 2], [2, 0])), shape=(4, 4))
    degree = np.asarray(ties.sum(axis=1)).ravel()
    got = crossover.colleague_mean(values, team, size, ties, degree, CROSSOVER)
    w = CROSSOVER.cross_weight
    # Person 0: teammate 0, tie to person 2 (1) → w; person 2: teammate 1, tie 0 → 1 - w.
    assert got.tolist() == pytest.approx([w, 0.0, 1 - w, 1.0])


def test_cross_over_moves_a_share_rate_towards_the_colleagues():
    got = crossover.cross_over(
        np.array([0.2]), np.array([0.6]), CROSSOVER.model_copy(update={"rate": 0.25})
    )
    assert got[0] == pytest.approx(0.3)


def test_cross_team_ties_are_symmetric_binary_and_only_between_teams(rng):
    team = np.repeat(np.arange(200), 10)
    ties = crossover.cross_team_ties(team, 2.0, rng)
    coo = ties.tocoo()
    assert (ties != ties.T).nnz == 0
    assert set(ties.data.tolist()) == {1.0}
    assert (team[coo.row] != team[coo.col]).all()
    # Poisson(2 n / 2) pairs, each adding a tie to both ends: about 2 ties per person (a few
    # within-team pairs and duplicates are dropped: 1/200 and ~1/2000 of them).
    assert ties.nnz / team.size == pytest.approx(2.0, rel=0.05)


def test_cross_team_ties_stay_within_each_organisation_of_a_batch(rng):
    team = np.repeat(np.arange(40), 5)  # two organisations of 100 employees, 20 teams each
    coo = crossover.cross_team_ties(team, 3.0, rng, organisation_size=100).tocoo()
    assert coo.nnz > 0
    assert (coo.row // 100 == coo.col // 100).all()


def test_no_cross_team_ties_when_asked_for_none(rng):
    assert crossover.cross_team_ties(np.repeat(np.arange(5), 4), 0.0, rng).nnz == 0


# --- workforce ----------------------------------------------------------------------------------


def report(n, *, absent=0, burned_out=False, fatigue=0.0, energy=0.5, short=0.0, long=30.0, seed=1):
    return workforce.report_sick(
        np.full(n, absent, dtype=np.int64),
        np.full(n, burned_out),
        np.full(n, fatigue),
        np.full(n, energy),
        np.random.default_rng(seed),
        WORKFORCE.model_copy(update={"short_absence_hazard": short, "burnout_absence_weeks": long}),
    )


def test_sick_leave_counts_down_one_week_at_a_time():
    weeks, long = report(5, absent=3)
    assert weeks.tolist() == [2] * 5
    assert not long.any()


def test_nobody_reports_sick_without_hazard_or_exhausted_burnout():
    weeks, long = report(10_000, burned_out=True, fatigue=WORKFORCE.exhausted)  # not above it
    assert weeks.sum() == 0 and not long.any()


def test_exhausted_burnout_ends_in_long_leave_at_the_weekly_rate():
    n, mean_weeks = 200_000, 30.0
    weeks, long = report(n, burned_out=True, fatigue=1.0, long=mean_weeks)
    # Binomial(n, BURNOUT_SICK_LEAVE): 1200 expected, sd ≈ 35; durations Geometric(1/30).
    assert long.mean() == pytest.approx(WORKFORCE.burnout_sick_leave, rel=0.1)
    assert weeks[long].mean() == pytest.approx(mean_weeks, rel=0.1)


def test_short_absence_is_more_likely_when_low_on_energy():
    # hazard × (1.5 − energy): 0.1 × 1.0 at energy 0.5, 0.1 × 0.5 at energy 1.
    tired, _ = report(100_000, energy=0.5, short=0.1)
    rested, _ = report(100_000, energy=1.0, short=0.1)
    assert (tired > 0).mean() == pytest.approx(0.10, abs=0.005)
    assert (rested > 0).mean() == pytest.approx(0.05, abs=0.004)


def test_displeasure_drives_people_out():
    n = 1_000_000
    rng = np.random.default_rng(2)
    content = workforce.leave(np.ones(n), rng, WORKFORCE).mean()
    miserable = workforce.leave(np.zeros(n), rng, WORKFORCE).mean()
    assert content == pytest.approx(WORKFORCE.turnover_base, rel=0.1)
    assert miserable == pytest.approx(
        WORKFORCE.turnover_base + WORKFORCE.turnover_displeasure, rel=0.05
    )


# --- teams --------------------------------------------------------------------------------------


def test_team_sums_and_means():
    values, team = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 0, 1, 1])
    assert teams.team_sum(values, team, 3).tolist() == [3.0, 7.0, 0.0]
    assert teams.team_mean(values, team, np.array([2, 2, 0])).tolist() == [1.5, 3.5, 0.0]


# --- population ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("employees", "team_size", "expected"),
    [(200, 10, [10] * 20), (25, 10, [9, 8, 8]), (2, 10, [2]), (11, 10, [6, 5])],
)
def test_team_sizes_split_the_headcount_evenly(employees, team_size, expected):
    assert team_sizes(employees, team_size).tolist() == expected


def test_established_staff_and_newcomers_are_drawn_in_their_ranges(rng):
    scenario = small(**{"workforce.opportunist_share": 0.3, "levers.trust": 0.5})
    staff = draw_employees(20_000, scenario, rng, newcomer=False)
    newcomers = draw_employees(100, scenario, rng, newcomer=True, first_id=500)
    assert staff.skill.min() >= 0.6 and newcomers.skill.max() <= 0.5
    assert (staff.trust_given == 0.5).all() and (newcomers.trust_given == 0.4).all()  # 0.8 × 0.5
    assert newcomers.person_id.tolist() == list(range(500, 600))
    assert (newcomers.tenure == 0).all()
    assert staff.opportunist.mean() == pytest.approx(0.3, abs=0.015)
    for values in (staff.energy, staff.pleasure, staff.autonomy_need, staff.fit):
        assert values.min() >= 0 and values.max() <= 1


def test_newcomers_take_the_rows_but_not_the_team(rng):
    scenario = small()
    staff = draw_employees(4, scenario, rng, newcomer=False)
    staff.team = np.array([0, 0, 1, 1])
    staff.replace(np.array([1, 2]), draw_employees(2, scenario, rng, newcomer=True, first_id=9))
    assert staff.team.tolist() == [0, 0, 1, 1]
    assert staff.person_id.tolist() == [0, 9, 10, 3]


def test_one_manager_per_team(rng):
    managers = draw_managers(np.array([8, 8, 7]), small(), rng)
    assert managers.team_size.tolist() == [8, 8, 7]
    assert managers.grab.tolist() == [0, 0, 0]
