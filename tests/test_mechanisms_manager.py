"""The manager's mechanisms, one by one, against expectations worked out by hand."""

from types import SimpleNamespace

import numpy as np
import pytest

from sim.mechanisms import consequences, control, growth, manager_time, production, trust

a = np.array
CONTROL, TIME, GROWTH = control.Coefficients(), manager_time.Coefficients(), growth.Coefficients()
TRUST, CONSEQUENCES = trust.Coefficients(), consequences.Coefficients()
PRODUCTION = production.Coefficients()


# --- control: grabbing control or holding on (C4, C6, C17) --------------------------------------


def test_first_report_stands_alone_then_results_are_smoothed():
    first = control.smooth_results(a([np.nan]), a([0.6]), c=CONTROL)
    assert first == pytest.approx([0.6])
    assert control.smooth_results(a([1.0]), a([0.6]), c=CONTROL) == pytest.approx(
        [0.9]
    )  # 0.75 + 0.15


def test_expectations_ratchet_up_fast_and_down_slowly():
    assert control.update_expectation(a([np.nan]), a([0.7]), c=CONTROL) == pytest.approx([0.7])
    assert control.update_expectation(a([1.0]), a([1.5]), c=CONTROL) == pytest.approx(
        [1.04]
    )  # 0.08 × 0.5
    assert control.update_expectation(a([1.0]), a([0.5]), c=CONTROL) == pytest.approx(
        [0.99]
    )  # 0.02 × 0.5


def test_shortfall_against_expectation_stretched_by_pressure():
    # demanded = 1.0 × (1 + 0.06 × 0.5) = 1.03
    got = control.shortfall(a([0.824, 1.1]), a([1.0, 1.0]), 0.5, c=CONTROL)
    assert got == pytest.approx([0.2, 0.0])


def test_fearful_control_prone_manager_grabs_fast():
    # urge = min(1, 6 × 1 × 1 × 0.1) = 0.6; a quarter of the way in one week
    assert control.update_grab(a([0.0]), a([0.1]), 1.0, 0.0, c=CONTROL) == pytest.approx([0.15])


def test_courage_holds_on_and_lets_go_faster():
    assert control.update_grab(a([0.0]), a([0.5]), 1.0, 1.0, c=CONTROL) == pytest.approx([0.0])
    # no urge: release at 0.02 + 0.3 × courage
    assert control.update_grab(a([0.5]), a([0.0]), 1.0, 0.5, c=CONTROL) == pytest.approx([0.415])
    assert control.update_grab(a([0.5]), a([0.0]), 1.0, 0.0, c=CONTROL) == pytest.approx([0.49])


def test_grabbing_raises_control_and_withdraws_trust():
    assert control.control_level(0.5, a([0.0, 0.5, 1.0])) == pytest.approx([0.5, 0.75, 1.0])
    assert control.trust_disposition(0.8, a([0.0, 1.0]), c=CONTROL) == pytest.approx([0.8, 0.24])


# --- manager_time: the manager's week (C4, C5, C6) ----------------------------------------------

WEEK = dict(
    team_size=a([10]),
    solved_by_staff=a([0.5]),
    grab=a([0.0]),
    handed_over=0.5,
    control_level=a([0.5]),
    pressure=0.5,
    rules=0.5,
    vision=0.5,
    connection=0.5,
    safety=0.5,
    max_hours=60.0,
    speaking_up=True,
)
QUIET = TIME.model_copy(update={"raised_early": 0.0})  # problems raised early: their own test


def test_a_calm_week():
    week = manager_time.plan_week(**WEEK, c=QUIET)
    # reporting 14 + 8 × 0.5; monitoring 0.8 × 0.5 × 10; rules 6 × 0.5;
    # fire-fighting 2.5 × 10 × (0.5 left × (1 - 0.5 handed over)); vision 6 × 0.5;
    # coaching 1.2 × 0.5 × 10
    assert week.reporting == pytest.approx([TIME.reporting_hours + 4.0])
    assert week.monitoring == pytest.approx([4.0])
    assert week.rules == pytest.approx([3.0])
    assert week.firefighting == pytest.approx([6.25])
    assert week.vision == pytest.approx([3.0])
    assert week.coaching == pytest.approx([6.0])
    assert week.hours == pytest.approx([TIME.reporting_hours + 26.25])
    assert week.taken_over == pytest.approx([0.0])
    assert week.unsolved == pytest.approx([0.25])  # the team's half left, half of it handed back


def test_a_manager_in_control_mode_takes_over_and_puts_off_coaching():
    week = manager_time.plan_week(**{**WEEK, "grab": a([1.0]), "control_level": a([1.0])}, c=QUIET)
    assert week.taken_over == pytest.approx([0.5])  # everything staff would have solved
    assert week.firefighting == pytest.approx([25.0])  # and all the rest
    assert week.monitoring == pytest.approx([8.0])
    assert week.vision == pytest.approx([1.5])  # half put off
    assert week.coaching == pytest.approx([3.0])
    assert week.hours == pytest.approx([TIME.reporting_hours + 44.5])
    assert week.unsolved == pytest.approx([0.0])


def test_problems_beyond_the_hours_go_unsolved():
    busy = {**WEEK, "grab": a([1.0]), "control_level": a([1.0]), "max_hours": 40.0}
    week = manager_time.plan_week(**busy, c=QUIET)
    assert week.hours == pytest.approx([40.0])
    assert week.coaching == pytest.approx([0.0])  # no time left for coaching
    urgent = TIME.reporting_hours + 4 + 8 + 3 + 25  # reporting, monitoring, rules, fire-fighting
    assert week.unsolved == pytest.approx([1 - 40 / urgent])


def test_problems_raised_early_are_solved_by_staff_where_people_feel_safe():
    quiet = manager_time.plan_week(**{**WEEK, "safety": 0.0}, c=TIME)
    safe = manager_time.plan_week(**{**WEEK, "safety": 1.0}, c=TIME)
    off = manager_time.plan_week(**{**WEEK, "safety": 1.0, "speaking_up": False}, c=TIME)
    assert off.firefighting == pytest.approx(manager_time.plan_week(**WEEK, c=TIME).firefighting)
    # staff leave 0.5; full safety brings 0.3 of it up early: staff solve 0.65, leave 0.35
    assert safe.firefighting == pytest.approx([2.5 * 10 * 0.35 * 0.5])
    assert quiet.firefighting == pytest.approx([2.5 * 10 * 0.5 * 0.5])
    assert safe.unsolved < quiet.unsolved


def test_overtime_the_squeeze_and_problems_left_lying_strain_the_manager():
    load, have = manager_time.manager_conditions(
        a([50.0, 40.0]),
        a([10.0, 10.0]),
        a([0.2, 0.0]),
        contract_hours=40.0,
        pressure=0.5,
        shortfall=a([0.1, 0.0]),
        team_trust=a([0.5, 0.5]),
        safety=0.5,
        c=TIME,
    )
    # overtime 10/20 × 0.4 + squeeze min(1, 4 × 0.5 × 0.1) × 0.35 + 0.2 × 0.25
    assert load.hindrance == pytest.approx([0.32, 0.0])
    assert load.challenge == pytest.approx([TIME.pressure_challenge * 0.5] * 2)
    # meaningful share × 1.0 + 0.3 × team trust + 0.2 × safety
    assert have == pytest.approx([0.2 + 0.15 + 0.1, 0.25 + 0.15 + 0.1])


def test_unsolved_problems_cost_output():
    cost = TIME.unsolved_cost
    got = manager_time.problems_cost(a([0.0, 0.5, 1.0]), c=TIME, on=True)
    assert got == pytest.approx([1.0, 1 - cost / 2, 1 - cost])
    assert manager_time.problems_cost(a([1.0]), c=TIME, on=False) == pytest.approx([1.0])


def test_a_rise_in_responsibility_is_handed_over_gradually_a_fall_taken_back_at_once():
    handed = a([0.2, 0.8])
    got = manager_time.hand_over(handed, 0.6, c=TIME, on=True)
    # up: 0.2 + 0.05 × (0.6 − 0.2) = 0.22; down: straight to 0.6
    assert got == pytest.approx([0.2 + TIME.handover * 0.4, 0.6])
    assert manager_time.hand_over(handed, 0.6, c=TIME, on=False) == pytest.approx([0.6, 0.6])
    after_a_year = handed
    for _ in range(52):
        after_a_year = manager_time.hand_over(after_a_year, 0.6, c=TIME, on=True)
    assert after_a_year[0] == pytest.approx(0.6 - 0.4 * (1 - TIME.handover) ** 52)


def test_a_manager_who_has_not_handed_over_yet_keeps_fixing_the_problems():
    kept = manager_time.plan_week(**{**WEEK, "handed_over": 0.0}, c=QUIET)
    handed = manager_time.plan_week(**WEEK, c=QUIET)
    # 2.5 h × 10 people × 0.5 of the problems left × (1 − handed over)
    assert kept.firefighting == pytest.approx([12.5])
    assert handed.firefighting == pytest.approx([6.25])
    assert kept.unsolved < handed.unsolved


def test_attention_per_report_thins_beyond_the_attentive_span():
    got = manager_time.attention_per_report(a([4, 6, 24]), c=TIME, on=True)
    # 24 reports at a span of 6: (6 / 24)^0.5 = 0.5
    assert got == pytest.approx([1.0, 1.0, (6 / 24) ** TIME.span_thinning])
    assert got[2] == pytest.approx(0.5)
    assert manager_time.attention_per_report(a([24]), c=TIME, on=False) == pytest.approx([1.0])


# --- misconduct learned from its outcomes (C3, C17) ---------------------------------------------


def test_misconduct_that_pays_unseen_emboldens_and_caught_deters():
    temptation = a([1.0, 1.0, 0.0, 1.0])
    diverted = a([True, True, False, False])
    caught = a([False, True, False, False])
    got = production.learn_temptation(
        temptation, diverted, caught, c=PRODUCTION, learned=True, testing=True
    )
    ceiling = PRODUCTION.testing_ceiling
    # unseen: 1 + 0.1 × (1.5 − 1) = 1.05; caught: 1 × (1 − 0.05); no misconduct: unchanged
    assert got == pytest.approx([1 + PRODUCTION.emboldened * (ceiling - 1), 0.95, 0.0, 1.0])
    untested = production.learn_temptation(
        temptation, diverted, caught, c=PRODUCTION, learned=True, testing=False
    )
    assert untested[0] == pytest.approx(1.0)  # without testing the hired level is the ceiling
    off = production.learn_temptation(
        temptation, diverted, caught, c=PRODUCTION, learned=False, testing=True
    )
    assert off == pytest.approx(temptation)


def test_temptation_settles_where_emboldening_and_deterrence_balance():
    # where a share n of the weeks is caught: 0.1 (1 − n)(1.5 − p) = 0.05 n p, so at n = ½
    # p = 0.1 × 0.5 × 1.5 / (0.05 + 0.025) = 1 (the hired level), and p > 1 where less is seen
    rng = np.random.default_rng(3)
    settled = {}
    for n in (0.5, 0.2):
        p = np.ones(4000)
        for _ in range(300):
            caught = rng.random(p.size) < n
            p = production.learn_temptation(
                p, p > 0, caught, c=PRODUCTION, learned=True, testing=True
            )
        settled[n] = p.mean()
    assert settled[0.5] == pytest.approx(1.0, abs=0.05)
    assert settled[0.2] > 1.2
    diverted = production.misconduct(
        a([settled[0.2]]), a([0.0]), a([1.0]), 0.5, c=PRODUCTION, abuse=True
    )
    assert diverted[0] == pytest.approx(PRODUCTION.misconduct * settled[0.2])


# --- growth: initiative, leaning back, learning (C1, C4, C5) ------------------------------------


ON = SimpleNamespace(initiative=1.0, coaching=1.0, lean_back=1.0)


def test_initiative_target_and_leaning_back():
    args = (0.5, 0.5, a([0.5]), a([0.5]), a([0.0]))
    # 0.15 + 0.35 × 0.5 × (0.5 + 0.5) + 0.15 × 0.5 + 0.25 × 0.5
    assert growth.initiative_target(*args, a([0.0]), c=GROWTH, on=ON) == pytest.approx([0.525])
    assert growth.initiative_target(*args, a([0.2]), c=GROWTH, on=ON) == pytest.approx([0.325])
    off = SimpleNamespace(**{**vars(ON), "lean_back": 0.0})
    assert growth.initiative_target(*args, a([0.2]), c=GROWTH, on=off) == pytest.approx([0.525])


def test_responsibility_is_taken_up_as_far_as_it_is_believed():
    doubted = growth.initiative_target(
        1.0, 0.0, a([0.0]), a([0.0]), a([0.0]), a([0.0]), c=GROWTH, on=ON
    )
    believed = growth.initiative_target(
        1.0, 0.0, a([1.0]), a([0.0]), a([0.0]), a([0.0]), c=GROWTH, on=ON
    )
    assert doubted == pytest.approx([0.15 + 0.35 * 0.5])
    assert believed == pytest.approx([0.15 + 0.35 * 1.5])


def test_initiative_moves_slowly_and_coaching_speeds_learning():
    assert growth.update_initiative(a([0.5]), a([0.7]), c=GROWTH) == pytest.approx([0.51])
    skill = growth.learn(
        a([0.5, 0.5, 0.5]), a([1.0, 0.0, 1.0]), a([True, True, False]), c=GROWTH, on=True
    )
    assert skill == pytest.approx([0.53, 0.51, 0.5])


# --- trust: slow to build, quick to lose (C3, C17) ----------------------------------------------


def test_trust_given_after_observations():
    got = trust.update_trust_given(
        a([0.5, 0.5, 0.5, 0.5]),
        a([0.8, 0.8, 0.8, 0.3]),
        a([True, True, False, False]),
        a([True, False, False, False]),
        c=TRUST,
    )
    # bad week: × 0.85; good: + 0.04 × 0.3; unseen: + 0.01 × 0.3; lower disposition: - 0.05 × 0.2
    assert got == pytest.approx([0.425, 0.512, 0.503, 0.49])


def test_staff_believe_a_let_go_slowly_and_a_tightening_at_once():
    assert trust.update_trust_in_manager(a([0.5, 0.5]), a([1.0, 0.0]), c=TRUST) == pytest.approx(
        [0.515, 0.425]
    )
    assert trust.update_control_believed(
        a([0.8, 0.2]), a([0.2, 0.8]), c=TRUST, on=True
    ) == pytest.approx([0.782, 0.29])


def test_monitoring_sees_more_weeks_never_all_and_fewer_of_the_trusted():
    chance = trust.observation_chance(
        a([0.0, 1.0, 1.0]), a([0.0, 0.0, 1.0]), c=TRUST, deterrence=True, abuse=True
    )
    blind = 1 - TRUST.trust_blindness
    expected = [TRUST.base_observation, TRUST.catch, TRUST.base_observation + (TRUST.catch
                - TRUST.base_observation) * blind]  # fmt: skip
    assert chance == pytest.approx(expected)
    assert TRUST.catch < 1  # a determined cheat finds a way (C2)
    off = trust.observation_chance(a([1.0]), a([1.0]), c=TRUST, deterrence=False, abuse=False)
    assert off == pytest.approx([TRUST.base_observation + (TRUST.catch
                                 - TRUST.base_observation) * 0.5])  # fmt: skip
    assert trust.noticed(0.5, 0.5) == pytest.approx(0.75)


def test_a_manager_who_sees_flags_the_shirker_and_peers_see_too():
    rng = np.random.default_rng(1)
    seen, bad, anyone, as_seen = trust.observe(
        a([1.0, 0.2, 1.0]), a([1.0, 1.0, 1.0]), a([1.0, 1.0, 0.0]), a([0.0, 0.0, 1.0]), rng, c=TRUST
    )
    assert seen.tolist() == [True, True, False] and anyone.all()
    assert bad.tolist() == [False, True, False]  # 0.2 is far below 0.75 of the team
    assert as_seen[1] == pytest.approx(0.2, abs=0.4)


# --- consequences and social control (C9, C10) --------------------------------------------------


def test_self_steering_needs_vision_responsibility_and_freedom():
    assert consequences.self_steering(0.8, 0.8, 0.8) == pytest.approx(0.512)
    assert consequences.self_steering(0.0, 1.0, 1.0) == 0.0
    assert consequences.peer_detection(1.0, c=CONSEQUENCES, on=True) == pytest.approx(0.6)
    assert consequences.peer_detection(1.0, c=CONSEQUENCES, on=False) == 0.0


def test_a_self_steering_teams_own_norms_press_on_its_members():
    # concertive control (Barker 1993, C10): felt like half a fully controlling manager's at
    # full self-steering, in proportion below it, nothing switched off
    c = CONSEQUENCES.model_copy(update={"concertive": 0.5})
    assert consequences.peer_control(1.0, c=c, on=True) == pytest.approx(0.5)
    assert consequences.peer_control(0.125, c=c, on=True) == pytest.approx(0.0625)
    assert consequences.peer_control(1.0, c=c, on=False) == 0.0


def test_only_observed_weeks_move_the_performance_one_has_seen():
    seen = consequences.update_seen_performance(
        a([1.0, 1.0]), a([0.5, 0.5]), a([True, False]), c=CONSEQUENCES
    )
    assert seen == pytest.approx([1 - CONSEQUENCES.performance_smoothing * 0.5, 1.0])


def test_only_persistent_non_performers_are_followed_up():
    n = 20_000
    rng = np.random.default_rng(2)
    performance = np.where(np.arange(n) < n // 2, 0.5, 1.0)  # half non-performers
    present = np.ones(n, dtype=bool)
    slacking, addressed = consequences.follow_up(
        performance, present, np.ones(n), 0.0, rng, c=CONSEQUENCES, managers_follow_up=True
    )
    assert slacking.sum() == n // 2
    assert not (addressed & ~slacking).any()
    rate = addressed.sum() / (n // 2)
    assert rate == pytest.approx(CONSEQUENCES.follow_up, abs=0.004)  # at full coaching time
    _, nobody = consequences.follow_up(
        performance, present, np.ones(n), 0.0, rng, c=CONSEQUENCES, managers_follow_up=False
    )
    assert not nobody.any()
    _, peers = consequences.follow_up(
        performance, present, np.zeros(n), 1.0, rng, c=CONSEQUENCES, managers_follow_up=False
    )
    assert peers.sum() / (n // 2) == pytest.approx(CONSEQUENCES.peer_follow_up, abs=0.006)


def test_a_moved_non_performer_closes_part_of_the_gap_to_a_perfect_fit():
    fit = np.full(100_000, 0.4)
    moved = np.arange(fit.size) % 2 == 0
    after = consequences.better_fit(fit, moved, np.random.default_rng(3), c=CONSEQUENCES)
    assert (after[~moved] == 0.4).all() and (after[moved] >= 0.4).all() and after.max() <= 1
    assert after[moved].mean() == pytest.approx(0.4 + 0.6 * CONSEQUENCES.better_fit, abs=0.005)
