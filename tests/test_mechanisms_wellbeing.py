"""Job demands, job resources and the two well-being processes, against hand-worked values.

Coefficients come from the records, so a retune keeps the identities true.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from sim.mechanisms import demands, resources, wellbeing
from sim.mechanisms.demands import Demands

D, R, W = demands.Coefficients(), resources.Coefficients(), wellbeing.Coefficients()
ALL_ON = SimpleNamespace(
    autonomy_resource=1.0,
    trust_resource=1.0,
    coaching=1.0,
    safety_resource=1.0,
    role_clarity=1.0,
    bad_apples=1.0,
    autonomy_fit=1.0,
)
DEMANDS = dict(c=D, red_tape=True, enabling_rules=True, control_stress=True, autonomy_burden=True)
STALE = 0.0  # rules that do not fit the work at all: red tape in full
a = np.array


# --- demands: challenges and hindrances (C2, C8, C11) -------------------------------------------


def test_workload_is_pressure_and_cover_for_absent_colleagues():
    # 0.6 × 0.5 + 1.5 × 0.1 = 0.45
    assert demands.workload(0.5, 0.1, c=D, on=True) == pytest.approx(
        D.pressure_workload * 0.5 + D.cover_workload * 0.1
    )
    # the workload channel off: pressure at the reference 0.5, whatever it is
    assert demands.workload(1.0, 0.0, c=D, on=False) == demands.workload(0.5, 0.0, c=D, on=True)


def test_workload_within_capacity_challenges_and_beyond_it_hinders():
    within = demands.job_demands(a([0.2]), 0.0, STALE, 0.0, 1.0, 0.0, **DEMANDS)
    beyond = demands.job_demands(a([D.capacity + 0.3]), 0.0, STALE, 0.0, 1.0, 0.0, **DEMANDS)
    assert within.challenge == pytest.approx([0.2]) and within.hindrance == pytest.approx([0.0])
    assert beyond.challenge == pytest.approx([D.capacity])
    assert beyond.hindrance == pytest.approx([D.overload_weight * 0.3])


def test_red_tape_grows_with_the_square_of_rules():
    # rules²: 0 → 0.25 → 1, so the step from 0.5 to 1 costs three times the step from 0 to 0.5
    h0, h_half, h1 = (
        demands.job_demands(0.0, r, STALE, 0.0, 1.0, 0.0, **DEMANDS).hindrance for r in (0, 0.5, 1)
    )
    assert h1 - h_half == pytest.approx(3 * (h_half - h0))
    assert (
        demands.job_demands(
            0.0, 1.0, STALE, 0.0, 1.0, 0.0, **{**DEMANDS, "red_tape": False}
        ).hindrance
        == 0.0
    )


def test_rules_that_fit_the_work_burden_less():
    # green tape (C8): at a perfect fit the share ``enabling`` of red tape is lifted; rules whose
    # course is rules_fit_scale off the team's best course fit half
    assert demands.rules_fit(a([0.3, 0.3]), a([0.3, 0.3 + D.rules_fit_scale]), c=D) == (
        pytest.approx([1.0, 0.5])
    )
    full = demands.job_demands(0.0, 1.0, STALE, 0.0, 1.0, 0.0, **DEMANDS).hindrance
    fitting = demands.job_demands(0.0, 1.0, 1.0, 0.0, 1.0, 0.0, **DEMANDS).hindrance
    assert full == pytest.approx(D.red_tape_weight)
    assert fitting == pytest.approx(D.red_tape_weight * (1 - D.enabling))
    off = demands.job_demands(0.0, 1.0, 1.0, 0.0, 1.0, 0.0, **{**DEMANDS, "enabling_rules": False})
    assert off.hindrance == pytest.approx(full)


def test_felt_control_and_misfit_hinder():
    load = demands.job_demands(0.0, 0.0, STALE, 0.8, 0.5, 0.0, **DEMANDS)
    assert load.hindrance == pytest.approx(D.control_stress_weight * 0.8 + D.misfit_weight * 0.5)
    calm = demands.job_demands(
        0.0, 0.0, STALE, 0.8, 0.5, 0.0, **{**DEMANDS, "control_stress": False}
    )
    assert calm.hindrance == pytest.approx(D.misfit_weight * 0.5)


def test_autonomy_beyond_ones_scope_is_a_burden():
    # skill 0.4, need 0.3: scope 0.4 × (0.5 + 0.3) = 0.32; autonomy 0.7 leaves 0.38 beyond it
    scope = resources.scope(a([0.4, 1.0]), a([0.3, 0.5]), c=R)
    assert scope == pytest.approx([0.4 * (R.scope_need_base + 0.3), 1.0])
    assert resources.burden(a([0.7, 0.7]), scope) == pytest.approx([0.7 - 0.32, 0.0])
    load = demands.job_demands(0.0, 0.0, STALE, 0.0, 1.0, a([0.38]), **DEMANDS)
    assert load.hindrance == pytest.approx([D.burden_weight * 0.38])
    spared = demands.job_demands(
        0.0, 0.0, STALE, 0.0, 1.0, a([0.38]), **{**DEMANDS, "autonomy_burden": False}
    )
    assert spared.hindrance == pytest.approx([0.0])


# --- resources (C1, C5, C7, C8, C9, C14, C16) ---------------------------------------------------


def have(on=ALL_ON, **changes) -> float:
    inputs = dict(
        autonomy=0.5,
        autonomy_need=0.5,
        scope=1.0,
        trust_received=0.5,
        coaching=0.5,
        safety=0.5,
        clarity=0.5,
        fit=1.0,
        slack_share=0.0,
    )
    return resources.job_resources(**{**inputs, **changes}, c=R, on=on)


def test_autonomy_counts_only_as_far_as_one_can_use_it():
    # scope 0.3: of autonomy 0.8 only 0.3 is worth anything; switched off all of it counts
    assert have(autonomy=0.8, scope=0.3) == pytest.approx(have(autonomy=0.3, scope=0.3))
    assert have(autonomy=0.8, scope=0.3) < have(autonomy=0.8, scope=1.0)
    off = SimpleNamespace(**{**vars(ALL_ON), "autonomy_fit": 0.0})
    assert have(on=off, autonomy=0.8, scope=0.3) == pytest.approx(have(autonomy=0.8, scope=1.0))


def test_the_best_job_gives_all_resources():
    # weights sum to 1 at full autonomy for a middling need (0.5 + 0.5 = 1)
    best = have(autonomy=1.0, trust_received=1.0, coaching=1.0, safety=1.0, clarity=1.0)
    assert best == pytest.approx(1.0)


def test_autonomy_feeds_those_who_need_it_most():
    def gain(need):
        return have(autonomy=1.0, autonomy_need=need) - have(autonomy=0.0, autonomy_need=need)

    assert gain(1.0) == pytest.approx(3 * gain(0.0))  # × 1.5 against × 0.5
    assert gain(0.0) > 0


def test_a_switched_off_channel_passes_the_reference_level():
    off = SimpleNamespace(**{**vars(ALL_ON), "trust_resource": 0.0})
    assert have(on=off, trust_received=1.0) == pytest.approx(have(trust_received=0.5))
    assert have(on=off, trust_received=0.0) == pytest.approx(have(trust_received=0.5))


def test_slackers_left_alone_drain_the_rest():
    assert have(slack_share=0.2) == pytest.approx(have() - R.peers_weight * 0.2)


def test_the_first_rules_give_most_of_their_clarity():
    # without a vision, clarity comes from rules alone: 0.6 × r / (r + 0.15)
    c = [resources.clarity(0.0, r, c=R) for r in (0.0, 0.25, 1.0)]
    assert c == pytest.approx([0.0, 0.6 * 0.25 / 0.4, 0.6 / 1.15])
    assert c[1] > c[2] / 2  # a quarter of the rules gives more than half the clarity
    assert resources.clarity(1.0, 0.0, c=R) == 1.0  # a clear vision is full clarity


# --- well-being: health impairment and motivation (C1, C2, C8, C11, C15) ------------------------


def test_hindrances_exhaust_more_than_challenges_and_resources_relieve_little():
    nothing = Demands(a([0.0]), a([0.0]))
    hindered = Demands(a([0.0]), a([0.5]))
    challenged = Demands(a([0.5]), a([0.0]))
    zero = a([0.0])

    def target(load, res=0.0):
        return wellbeing.exhaustion_target(zero, load, a([res]), zero, zero, c=W)[0]

    assert target(hindered) == pytest.approx(W.strain_from_hindrance * 0.5)
    assert target(challenged) == pytest.approx(W.strain_from_challenge * 0.5)
    assert target(hindered) > target(challenged) > target(nothing) == 0
    # resources: weak relief and a little buffering of hindrances
    buffered = W.strain_from_hindrance * 0.5 * (1 - W.buffering) - W.relief_from_resources
    assert target(hindered, res=1.0) == pytest.approx(buffered)


def test_exhaustion_feeds_itself_and_outside_strain_adds():
    zero, load = a([0.0]), Demands(a([0.0]), a([0.0]))
    spiral = wellbeing.exhaustion_target(a([0.6]), load, zero, a([0.1]), a([0.2]), c=W)
    assert spiral[0] == pytest.approx(W.loss_spiral * 0.6 + 0.1 + 0.2)


def test_exhaustion_rises_faster_than_it_recovers_and_recovers_on_leave():
    up = wellbeing.update_exhaustion(a([0.2]), a([0.6]), a([False]), c=W)
    down = wellbeing.update_exhaustion(a([0.6]), a([0.2]), a([False]), c=W)
    leave = wellbeing.update_exhaustion(a([0.6]), a([0.9]), a([True]), c=W)
    assert up == pytest.approx([0.2 + W.exhaustion_rise * 0.4])
    assert down == pytest.approx([0.6 - W.exhaustion_recovery * 0.4])
    assert W.exhaustion_rise > W.exhaustion_recovery
    assert leave == pytest.approx([0.6 * (1 - W.leave_recovery)])  # demands do not reach them


def test_life_outside_work_adds_rare_events_that_fade():
    c = W.model_copy(update={"life_event_chance": 1.0})
    rng = np.random.default_rng(0)
    strained = wellbeing.outside_strain(np.zeros(100_000), rng, c=c)
    assert strained.mean() == pytest.approx(W.life_event_size, rel=0.02)  # exponential events
    faded = wellbeing.outside_strain(a([0.5]), rng, c=W.model_copy(update={"life_event_chance": 0}))
    assert faded == pytest.approx([0.5 * W.life_persistence])


def test_energy_and_pleasure_move_a_share_rate_towards_their_targets():
    c = W.model_copy(update={"weekly_noise": 0.0})
    load, res, x = Demands(a([0.3]), a([0.2])), 0.5, 0.4
    energy, pleasure = wellbeing.update_mood(
        a([0.5]), a([0.5]), a([x]), load, res, a([0.0]), a([0.0]), a([0.0]),
        np.random.default_rng(0), c=c, compulsion=True,
    )  # fmt: skip
    e_target = c.energy_baseline + c.energy_from_resources * res + c.energy_from_challenge * 0.3
    e_target -= c.energy_from_exhaustion * x
    p_target = c.pleasure_baseline + c.pleasure_from_resources * res
    p_target += c.pleasure_from_challenge * 0.3 - c.pleasure_from_hindrance * 0.2
    p_target -= c.pleasure_from_exhaustion * x
    assert energy == pytest.approx([0.5 + c.rate * (e_target - 0.5)])
    assert pleasure == pytest.approx([0.5 + c.rate * (p_target - 0.5)])


def test_wellbeing_stays_in_the_unit_interval_under_extreme_conditions():
    c = W.model_copy(update={"rate": 1.0, "weekly_noise": 0.5})
    rng = np.random.default_rng(1)
    load = Demands(a([5.0, -5.0]), a([5.0, -5.0]))
    exhaustion = wellbeing.update_exhaustion(a([0.5, 0.5]), a([9.0, -9.0]), a([False, False]), c=c)
    energy, pleasure = wellbeing.update_mood(
        a([0.0, 1.0]), a([0.0, 1.0]), exhaustion, load, a([-5.0, 5.0]), a([0, 0]), a([0, 0]),
        a([1, 1]), rng, c=c, compulsion=True,
    )  # fmt: skip
    for values in (exhaustion, energy, pleasure):
        assert ((values >= 0) & (values <= 1)).all()


def test_demands_drive_the_compulsive_towards_workaholism():
    # challenge 0.3 + hindrance 0.2 = 0.5 of demands: the driven gain 0.5 × 0.5 of activation
    # in their energy target and lose as much of pleasure; the others not, nor with it off
    c = W.model_copy(update={"weekly_noise": 0.0})
    load = Demands(a([0.3, 0.3]), a([0.2, 0.2]))

    def mood(on):
        return wellbeing.update_mood(
            a([0.5, 0.5]), a([0.5, 0.5]), a([0.2, 0.2]), load, 0.5, a([0.0, 0.0]), a([0.0, 0.0]),
            a([1.0, 0.0]), np.random.default_rng(0), c=c, compulsion=on,
        )  # fmt: skip

    (energy, pleasure), (calm_energy, calm_pleasure) = mood(True), mood(False)
    shift = c.rate * c.compulsive_activation * 0.5
    assert energy - calm_energy == pytest.approx([shift, 0.0])
    assert pleasure - calm_pleasure == pytest.approx([-shift, 0.0])


def test_a_share_of_people_is_compulsively_driven():
    drive = wellbeing.compulsive(np.random.default_rng(3), 100_000, c=W)
    assert set(np.unique(drive)) == {0.0, 1.0}
    assert drive.mean() == pytest.approx(W.driven_share, abs=0.005)


def test_resources_motivate_most_where_the_work_stretches_people():
    # boost 0.5 around stretch 0.8: ×1.1 at full stretch, ×0.6 with nothing to do, ×1 typical;
    # switched off, resources motivate alike at every stretch
    c = W.model_copy(update={"resource_boost": 0.5, "typical_stretch": 0.8})
    stretch = a([1.0, 0.8, 0.0])
    boosted = wellbeing.motivating(a([0.5, 0.5, 0.5]), stretch, c=c, on=1.0)
    assert boosted == pytest.approx([0.55, 0.5, 0.3])
    assert wellbeing.motivating(a([0.5, 0.5, 0.5]), stretch, c=c, on=0.0) == pytest.approx(0.5)


def test_the_boost_makes_active_jobs_more_engaging_than_easy_ones_with_the_same_resources():
    # the same resources, a full and an empty stretch: more energy and pleasure where stretched
    c = W.model_copy(update={"weekly_noise": 0.0})
    load = Demands(a([0.0, 0.0]), a([0.0, 0.0]))  # the demands' own effects kept out
    res = wellbeing.motivating(a([0.6, 0.6]), a([1.0, 0.0]), c=c, on=1.0)
    energy, pleasure = wellbeing.update_mood(
        a([0.5, 0.5]), a([0.5, 0.5]), a([0.0, 0.0]), load, res, a([0.0, 0.0]), a([0.0, 0.0]),
        a([0.0, 0.0]), np.random.default_rng(0), c=c, compulsion=True,
    )  # fmt: skip
    assert energy[0] > energy[1] and pleasure[0] > pleasure[1]
