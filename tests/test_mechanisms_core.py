"""Unit tests of the core mechanisms, each against a value worked out by hand from its equation.

Constants are imported from the modules, so a retune keeps the identities true.
"""

import numpy as np
import pytest
from conftest import small
from scipy import sparse

from sim.mechanisms import channels, crossover, effort, production, quadrants, teams
from sim.mechanisms.quadrants import BURNOUT, ENGAGEMENT, SATISFACTION, WORKAHOLISM
from sim.population import Recruits, draw_employees, draw_managers, team_sizes

QUADRANTS, EFFORT = quadrants.Coefficients(), effort.Coefficients()
PRODUCTION, CROSSOVER = production.Coefficients(), crossover.Coefficients()


# --- quadrants ----------------------------------------------------------------------------------


def test_classify_puts_each_corner_in_its_quadrant():
    energy = np.array([0.9, 0.9, 0.1, 0.1])
    pleasure = np.array([0.9, 0.1, 0.1, 0.9])
    expected = [ENGAGEMENT, WORKAHOLISM, BURNOUT, SATISFACTION]
    assert quadrants.classify(energy, pleasure, c=QUADRANTS).tolist() == expected


def test_classify_counts_the_cut_off_as_high():
    at, below = QUADRANTS.cut_off, np.nextafter(QUADRANTS.cut_off, 0)
    assert quadrants.classify(np.array([at]), np.array([at]), c=QUADRANTS).tolist() == [ENGAGEMENT]
    assert quadrants.classify(np.array([below]), np.array([below]), c=QUADRANTS).tolist() == [
        BURNOUT
    ]


def test_shares_count_each_quadrant():
    # Two engaged, one in burnout, one satisfied, of four: 1/2, 0, 1/4, 1/4.
    codes = np.array([ENGAGEMENT, ENGAGEMENT, BURNOUT, SATISFACTION], dtype=np.int8)
    got = quadrants.shares(codes)
    assert got[[ENGAGEMENT, WORKAHOLISM, BURNOUT, SATISFACTION]].tolist() == [0.5, 0, 0.25, 0.25]


def test_shares_of_nobody_are_zero():
    assert quadrants.shares(np.array([], dtype=np.int8)).tolist() == [0, 0, 0, 0]


# --- effort -------------------------------------------------------------------------------------


def test_motivation_weighs_pleasure_half_reciprocated_trust_and_initiative_a_quarter():
    assert effort.motivation(1.0, 0.0, 0.0, 1.0, c=EFFORT, on=True) == 0.5
    assert effort.motivation(0.0, 1.0, 1.0, 1.0, c=EFFORT, on=True) == 0.5
    assert effort.motivation(0.0, 1.0, 0.0, 0.4, c=EFFORT, on=True) == pytest.approx(0.25 * 0.4)
    # the reciprocity channel off: felt trust at the reference whatever it is
    assert effort.motivation(0.0, 1.0, 0.0, 1.0, c=EFFORT, on=False) == pytest.approx(0.125)


def test_control_is_felt_more_by_those_who_need_autonomy():
    # control × (0.5 + need): full control is felt as 0.5 at need 0 and 1.5 at need 1.
    assert effort.felt_control(1.0, 0.0, c=EFFORT) == 0.5
    assert effort.felt_control(1.0, 1.0, c=EFFORT) == 1.5


def test_control_beyond_the_legitimate_reads_as_distrust_less_so_against_free_riders():
    assert effort.distrust(0.8, 0.0, c=EFFORT) == pytest.approx(0.8 - EFFORT.legitimate_control)
    assert effort.distrust(0.2, 0.0, c=EFFORT) == 0.0
    legit = EFFORT.legitimate_control + EFFORT.legitimacy_from_slacking * 0.1
    assert effort.distrust(0.8, 0.1, c=EFFORT) == pytest.approx(max(0.0, 0.8 - legit))


def efforts(
    energy=EFFORT.typical_energy,
    motivation=EFFORT.typical_motivation,
    distrust=0.0,
    sensitivity=0.1,
    noticed=0.0,
    opportunist=False,
    colleagues=1.0,
    energy_gain=0.6,
    challenge=0.0,
    **switches,
):
    def array(x):
        return np.atleast_1d(np.asarray(x, dtype=float))

    return effort.put_in_effort(
        array(energy),
        array(motivation),
        array(distrust),
        array(sensitivity),
        array(noticed),
        np.atleast_1d(opportunist),
        array(colleagues),
        array(challenge),
        c=EFFORT.model_copy(update={"energy_gain": energy_gain}),
        **{"crowding_out": True, "conditional": True, "time_pressure": True, **switches},
    )


def test_a_typical_reciprocal_employee_puts_in_normal_effort():
    assert efforts()[0] == pytest.approx(EFFORT.normal_effort)


def test_vigour_and_motivation_raise_reciprocal_effort():
    got = efforts(energy=EFFORT.typical_energy + 0.2, motivation=0.7, colleagues=2.0)[0]
    assert got == pytest.approx(EFFORT.normal_effort + 0.6 * 0.2 + EFFORT.motivation_gain * 0.2)


def test_distrust_crowds_out_effort_in_proportion_to_sensitivity_unless_switched_off():
    assert efforts(distrust=0.5, sensitivity=0.2)[0] == pytest.approx(1 - 0.2 * 0.5)
    assert efforts(distrust=0.5, sensitivity=0.0)[0] == pytest.approx(1.0)  # some don't react
    assert efforts(distrust=0.5, sensitivity=0.2, crowding_out=False)[0] == pytest.approx(1.0)


def test_reciprocal_people_close_part_of_the_gap_to_colleagues_who_put_in_less():
    got = efforts(colleagues=0.6)[0]
    assert got == pytest.approx(1 - EFFORT.conditional * 0.4)
    assert efforts(colleagues=1.4)[0] == pytest.approx(1.0)  # nobody matches upwards here
    assert efforts(colleagues=0.6, conditional=False)[0] == pytest.approx(1.0)


def test_opportunists_shirk_unless_they_expect_to_be_noticed():
    shirk = EFFORT.shirk_effort
    assert efforts(opportunist=True, noticed=0.0)[0] == pytest.approx(shirk)
    assert efforts(opportunist=True, noticed=1.0)[0] == pytest.approx(EFFORT.normal_effort)
    half = shirk + 0.5 * (EFFORT.normal_effort - shirk)
    assert efforts(opportunist=True, noticed=0.5, distrust=1.0)[0] == pytest.approx(half)


def test_time_pressure_mobilises_everyones_effort_unless_switched_off():
    # challenge 0.4: + 0.15 × 0.4 = 0.06 effort for reciprocal people and opportunists alike
    lift = EFFORT.challenge_effort * 0.4
    assert efforts(challenge=0.4, colleagues=2.0)[0] == pytest.approx(1 + lift)
    shirk = EFFORT.shirk_effort
    assert efforts(challenge=0.4, opportunist=True)[0] == pytest.approx(shirk + lift)
    assert efforts(challenge=0.4, time_pressure=False)[0] == pytest.approx(1.0)


def test_effort_is_clipped_to_zero_and_max_effort():
    got = efforts(energy=[0.0, 1.0], motivation=[0.0, 1.0], colleagues=[0, 9], energy_gain=3.0,
                  distrust=[3.0, 0.0], sensitivity=[1.0, 0.0])  # fmt: skip
    assert got.tolist() == [0.0, EFFORT.max_effort]


# --- production ---------------------------------------------------------------------------------


def test_typical_skill_and_fit_give_capability_one():
    got = production.capability(
        np.array([PRODUCTION.typical_skill]), np.array([PRODUCTION.typical_fit]), c=PRODUCTION
    )
    assert got[0] == pytest.approx(1.0)


def test_capability_grows_with_the_square_root_of_skill():
    quarter = production.capability(
        np.array([PRODUCTION.typical_skill / 4]), np.array([PRODUCTION.typical_fit]), c=PRODUCTION
    )
    assert quarter[0] == pytest.approx(0.5)


def quality(adapt=0.25, coord=0.0, interdependence=0.0, own=0.0, **switches):
    switches = {"adaptation": True, "coordination": True, **switches}
    return production.decision_quality(adapt, coord, interdependence, own, c=PRODUCTION, **switches)


def test_typical_decisions_have_quality_one_and_worse_ones_cost_output_linearly():
    cost = PRODUCTION.adaptation_cost
    typical = 1 - cost * PRODUCTION.typical_adaptation_error
    assert quality() == pytest.approx(1.0)
    assert quality(adapt=0.0) == pytest.approx(1 / typical)
    assert quality(adapt=1.0) == pytest.approx((1 - cost) / typical)
    assert quality(adapt=1.0, adaptation=False) == 1.0


def test_misfit_between_teams_and_the_time_to_adjust_cost_as_far_as_teams_depend():
    misfit = PRODUCTION.coordination_cost * 0.4 + PRODUCTION.adjustment_time * 0.9
    typical = 1 - PRODUCTION.adaptation_cost * PRODUCTION.typical_adaptation_error
    got = quality(coord=0.4, own=0.9, interdependence=0.5)
    assert got == pytest.approx(1 - 0.5 * misfit / typical)
    assert quality(coord=0.4, own=0.9, interdependence=0.0) == pytest.approx(1.0)
    assert quality(coord=0.4, own=0.9, interdependence=0.5, coordination=False) == 1.0


def test_clarity_saves_rework_around_typical_clarity():
    gain = PRODUCTION.clarity_gain
    assert production.clarity_yield(
        PRODUCTION.typical_clarity, c=PRODUCTION, on=True
    ) == pytest.approx(1.0)
    assert production.clarity_yield(1.0, c=PRODUCTION, on=True) == pytest.approx(1 + gain / 2)
    assert production.clarity_yield(1.0, c=PRODUCTION, on=False) == pytest.approx(1.0)


def test_output_is_effort_capability_quality_clarity_and_what_the_shock_leaves():
    assert production.produce(2.0, 0.5, 1.0, 1.0, 0.5) == pytest.approx(0.5)


def test_only_unnoticed_opportunists_divert_and_more_where_trusted():
    opportunist, noticed = np.array([True, True, False]), np.array([0.0, 1.0, 0.0])
    per_head = np.full(3, 2.0)
    at_midpoint = production.misconduct(
        opportunist, noticed, per_head, 0.5, c=PRODUCTION, abuse=True
    )
    assert at_midpoint.tolist() == pytest.approx([2.0 * PRODUCTION.misconduct, 0.0, 0.0])
    trusted = production.misconduct(opportunist, noticed, per_head, 1.0, c=PRODUCTION, abuse=True)
    room = 1 + PRODUCTION.opportunity_gain * 0.5
    assert trusted[0] == pytest.approx(2.0 * PRODUCTION.misconduct * room)
    blind = production.misconduct(opportunist, noticed, per_head, 1.0, c=PRODUCTION, abuse=False)
    assert blind[0] == pytest.approx(at_midpoint[0])


# --- crossover ----------------------------------------------------------------------------------


def no_ties(n):
    return sparse.csr_matrix((n, n)), np.zeros(n)


def test_colleague_mean_is_the_mean_of_the_teammates_without_oneself():
    # Team 0 holds 1, 2, 3: colleagues' means (2+3)/2, (1+3)/2, (1+2)/2; team 1 is one person,
    # who keeps their own value.
    values = np.array([1.0, 2.0, 3.0, 7.0])
    team, size = np.array([0, 0, 0, 1]), np.array([3, 1])
    got = crossover.colleague_mean(values, team, size, *no_ties(4), c=CROSSOVER)
    assert got.tolist() == [2.5, 2.0, 1.5, 7.0]


def test_cross_team_ties_weigh_cross_weight_for_those_who_have_them():
    values = np.array([0.0, 0.0, 1.0, 1.0])
    team, size = np.array([0, 0, 1, 1]), np.array([2, 2])
    ties = sparse.csr_matrix(([1.0, 1.0], ([0, 2], [2, 0])), shape=(4, 4))
    degree = np.asarray(ties.sum(axis=1)).ravel()
    got = crossover.colleague_mean(values, team, size, ties, degree, c=CROSSOVER)
    w = CROSSOVER.cross_weight
    # Person 0: teammate 0, tie to person 2 (1) → w; person 2: teammate 1, tie 0 → 1 - w.
    assert got.tolist() == pytest.approx([w, 0.0, 1 - w, 1.0])


def test_cross_over_moves_a_share_rate_towards_the_colleagues():
    c = CROSSOVER.model_copy(update={"rate": 0.25})
    assert crossover.cross_over(np.array([0.2]), np.array([0.6]), c=c, on=True)[0] == pytest.approx(
        0.3
    )
    assert crossover.cross_over(np.array([0.2]), np.array([0.6]), c=c, on=False)[0] == 0.2


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


# --- teams --------------------------------------------------------------------------------------


def test_team_sums_and_means():
    values, team = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 0, 1, 1])
    assert teams.team_sum(values, team, 3).tolist() == [3.0, 7.0, 0.0]
    assert teams.team_mean(values, team, np.array([2, 2, 0])).tolist() == [1.5, 3.5, 0.0]


def test_the_others_mean_counts_only_who_is_counted():
    values, team = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0, 0, 0, 1])
    counted = np.array([True, True, False, True])
    # team 0: the others at work of person 0 is person 1 (2); of person 1, person 0 (1); of
    # person 2 (absent), persons 0 and 1 (1.5); person 3 is alone: their own value
    got = teams.others_mean(values, counted, team, 2)
    assert got.tolist() == [2.0, 1.0, 1.5, 4.0]


# --- channels ---------------------------------------------------------------------------------


def test_a_channel_passes_its_value_the_reference_or_a_mix():
    assert channels.through(0.9, on=True) == 0.9 and channels.through(0.9, on=1.0) == 0.9
    assert channels.through(0.9, on=False) == channels.REFERENCE
    assert channels.through(0.9, on=0.5) == pytest.approx(0.7)
    assert channels.gate(np.array([2.0]), on=0.0).tolist() == [0.0]
    mixed = channels.through(np.array([0.9, 0.9]), on=np.array([1.0, 0.0]))
    assert mixed.tolist() == [0.9, channels.REFERENCE]


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
    # people differ within a type: reciprocity and sensitivity to control (C2, C3)
    reciprocal = ~staff.opportunist
    assert (staff.reciprocity[staff.opportunist] == 0).all()
    assert staff.reciprocity[reciprocal].mean() == pytest.approx(4 / 6, abs=0.01)  # Beta(4, 2)
    mean = scenario.coefficients.effort.crowding_out
    assert staff.control_sensitivity[reciprocal].mean() == pytest.approx(mean, rel=0.03)
    assert (staff.control_sensitivity[reciprocal] < mean / 4).mean() > 0.1  # some barely react


def test_recruits_are_drawn_per_row_so_a_rows_newcomer_does_not_depend_on_other_leavers():
    scenario = small()
    recruits = Recruits()
    recruits.keep_fresh(10, scenario, np.random.default_rng(3))
    first = recruits.hire(np.array([2, 7]), scenario, np.random.default_rng(4), first_id=100)
    other = Recruits()
    other.keep_fresh(10, scenario, np.random.default_rng(3))
    alone = other.hire(np.array([7]), scenario, np.random.default_rng(4), first_id=100)
    assert alone.vulnerability[0] == first.vulnerability[1]  # row 7's newcomer either way
    again = recruits.hire(np.array([7]), scenario, np.random.default_rng(5), first_id=102)
    assert again.vulnerability[0] != first.vulnerability[1]  # a second hire: drawn anew


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
