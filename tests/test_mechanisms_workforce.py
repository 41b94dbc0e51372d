"""Absence and turnover (``sim.mechanisms.workforce``) against hand-worked values.

Coefficients come from the record, so a retune keeps the identities true.
"""

import numpy as np
import pytest

from sim.mechanisms import workforce
from sim.mechanisms.channels import REFERENCE

WORKFORCE = workforce.Coefficients()


def report(
    n,
    *,
    absent=0,
    exhaustion=0.0,
    autonomy=REFERENCE,
    pleasure=REFERENCE,
    norm=1.0,
    control=1.0,
    attendance=1.0,
    culture=1.0,
    seed=1,
    **c,
):
    return workforce.report_sick(
        np.full(n, absent, dtype=np.int64),
        np.full(n, exhaustion),
        np.full(n, autonomy),
        np.full(n, pleasure),
        np.full(n, norm),
        np.random.default_rng(seed),
        c=WORKFORCE.model_copy(update=c),
        control_absence=control,
        attendance=attendance,
        absence_culture=culture,
    )


def leave(
    n,
    *,
    pleasure=0.5,
    exhaustion=0.0,
    mismatched=False,
    tenure=0,
    fit=1.0,
    rooting=0.0,  # off unless a test is about it: the base rate then holds at any tenure
    seed=2,
    **c,
):
    return workforce.leave(
        np.full(n, pleasure),
        np.full(n, exhaustion),
        np.full(n, mismatched),
        np.full(n, tenure),
        np.random.default_rng(seed),
        c=WORKFORCE.model_copy(update=c),
        fit_revealed=fit,
        embeddedness=rooting,
    )


# --- sick leave (C11, C14) ----------------------------------------------------------------------


def test_sick_leave_counts_down_one_week_at_a_time():
    weeks, long = report(5, absent=3)
    assert weeks.tolist() == [2] * 5
    assert not long.any()


def test_no_long_leave_below_exhaustion_and_no_short_spells_without_hazard():
    weeks, long = report(20_000, exhaustion=WORKFORCE.exhausted, short_absence_hazard=0.0)
    assert weeks.sum() == 0 and not long.any()


def test_the_exhausted_go_on_long_leave_at_the_weekly_rate_for_about_242_days():
    n = 200_000
    weeks, long = report(n, exhaustion=1.0, burnout_leave_hazard=0.01, short_absence_hazard=0)
    # Binomial(n, 0.01 × 1): 2000 expected; durations geometric, mean 34.6 weeks
    assert long.mean() == pytest.approx(0.01, rel=0.07)
    assert weeks[long].mean() == pytest.approx(WORKFORCE.burnout_absence_weeks, rel=0.05)


def test_short_spells_grow_steeply_with_exhaustion():
    rested, _ = report(200_000, exhaustion=0.0, short_absence_hazard=0.02)
    worn, _ = report(200_000, exhaustion=0.5, short_absence_hazard=0.02)
    assert (rested > 0).mean() == pytest.approx(0.02, rel=0.05)
    expected = 0.02 * np.exp(WORKFORCE.exhaustion_absence * 0.5)
    assert (worn > 0).mean() == pytest.approx(expected, rel=0.05)


# what lowers short spells around the scales' midpoint: (state, its coefficient, its switch)
LOWERING = [
    ("autonomy", "control_absence", "control"),  # control over one's work (C14)
    ("pleasure", "displeasure_absence", "attendance"),  # pleasure in the work (C15)
]


@pytest.mark.parametrize(("state", "coefficient", "switch"), LOWERING)
def test_short_spells_fall_with_it_around_the_midpoint(state, coefficient, switch):
    # k = 1.5: at 1 ×e^(−0.75) = 0.472, at 0 ×e^(0.75) = 2.117, at the midpoint ×1
    n = 400_000
    rate = {
        x: (report(n, **{state: x, coefficient: 1.5}, short_absence_hazard=0.02)[0] > 0).mean()
        for x in (0.0, REFERENCE, 1.0)
    }
    assert rate[REFERENCE] == pytest.approx(0.02, rel=0.04)
    assert rate[1.0] == pytest.approx(0.02 * 0.4724, rel=0.04)
    assert rate[0.0] == pytest.approx(0.02 * 2.1170, rel=0.04)


@pytest.mark.parametrize(("state", "coefficient", "switch"), LOWERING)
def test_switched_off_it_leaves_short_spells_at_the_base_rate(state, coefficient, switch):
    high, _ = report(50_000, **{state: 1.0, switch: 0.0}, short_absence_hazard=0.02)
    low, _ = report(50_000, **{state: 0.0, switch: 0.0}, short_absence_hazard=0.02)
    assert (high == low).all()  # the same draws, the same hazard


def test_short_spells_follow_the_teams_absence_norm():
    # k = 0.3: a team absent twice as much as the organisation ×e^0.3 = 1.350, one never
    # absent ×e^(−0.3) = 0.741, one as absent as the organisation ×1 (absence culture, C15)
    n = 400_000
    rate = {
        r: (report(n, norm=r, absence_culture=0.3, short_absence_hazard=0.02)[0] > 0).mean()
        for r in (0.0, 1.0, 2.0)
    }
    assert rate[1.0] == pytest.approx(0.02, rel=0.04)
    assert rate[2.0] == pytest.approx(0.02 * 1.3499, rel=0.04)
    assert rate[0.0] == pytest.approx(0.02 * 0.7408, rel=0.04)
    off = report(50_000, norm=3.0, culture=0.0, short_absence_hazard=0.02)[0]
    assert (off == report(50_000, norm=1.0, culture=0.0, short_absence_hazard=0.02)[0]).all()


def test_a_teams_absence_norm_is_its_absent_share_smoothed_and_compared():
    c = WORKFORCE.model_copy(update={"norm_weeks": 10.0})
    # 0.04 + (0.14 − 0.04) / 10 = 0.05
    assert workforce.learn_norm(np.array([0.04]), np.array([0.14]), c=c)[0] == pytest.approx(0.05)
    # two organisations: teams of 10 and 30 at 0.08 and 0.04 (usual 0.05); one never absent
    norm, size = np.array([0.08, 0.04, 0.0, 0.0]), np.array([10, 30, 10, 10])
    relative = workforce.relative_norm(norm, size, np.array([0, 0, 1, 1]))
    assert relative == pytest.approx([1.6, 0.8, 1.0, 1.0])


def test_spells_are_geometric_from_each_rows_own_uniform():
    # the inverse CDF: P(weeks > k) = (1 − p)^k; a uniform u gives ceil(log(1 − u) / log(1 − p))
    assert workforce._geometric(np.array([0.0, 0.5, 0.9]), 0.5).tolist() == [1, 1, 4]


# --- leaving (C11, C15) -------------------------------------------------------------------------


def test_leaving_grows_with_displeasure_and_exhaustion():
    n = 1_000_000
    base, unhappy = leave(n).mean(), leave(n, pleasure=0.0, seed=3).mean()
    worn = leave(n, exhaustion=1.0, seed=4).mean()
    assert base == pytest.approx(WORKFORCE.turnover_hazard, rel=0.1)
    assert unhappy == pytest.approx(
        WORKFORCE.turnover_hazard * np.exp(WORKFORCE.displeasure_turnover * 0.5), rel=0.05
    )
    assert worn == pytest.approx(
        WORKFORCE.turnover_hazard * np.exp(WORKFORCE.exhaustion_turnover), rel=0.05
    )


def test_staff_take_root_and_leave_less_with_tenure():
    # k = 0.7 around the midpoint: on arrival ×e^0.35 = 1.419; at tenure = embedding weeks
    # rooted 1 − e^(−1) = 0.632, ×e^(−0.7 × 0.132) = 0.912; long after ×e^(−0.35) = 0.705
    n, c = 1_000_000, {"embedded_turnover": 0.7, "embedding_weeks": 52.0, "turnover_hazard": 0.004}
    rate = {t: leave(n, tenure=t, rooting=1.0, seed=t + 5, **c).mean() for t in (0, 52, 1040)}
    assert rate[0] == pytest.approx(0.004 * 1.4191, rel=0.05)
    assert rate[52] == pytest.approx(0.004 * 0.9116, rel=0.05)
    assert rate[1040] == pytest.approx(0.004 * 0.7047, rel=0.05)
    off = leave(100_000, tenure=0, rooting=0.0, **c)
    assert (off == leave(100_000, tenure=1040, rooting=0.0, **c)).all()


def test_a_poor_fit_drives_out_once_it_has_shown():
    # at tenure = reveal weeks a poor fit has shown with chance 1 − e^(−1) = 0.632:
    # hazard = turnover hazard + 0.05 × 0.632
    n, c = 400_000, {"mismatch_quit_hazard": 0.05, "mismatch_reveal_weeks": 13.0}
    hired = leave(n, mismatched=True, tenure=0, **c).mean()
    shown = leave(n, mismatched=True, tenure=13, **c).mean()
    good = leave(n, mismatched=False, tenure=13, **c).mean()
    assert hired == pytest.approx(WORKFORCE.turnover_hazard, rel=0.1)  # not known on hiring
    assert shown == pytest.approx(WORKFORCE.turnover_hazard + 0.05 * 0.6321, rel=0.03)
    assert good == pytest.approx(WORKFORCE.turnover_hazard, rel=0.1)


def test_switched_off_a_poor_fit_does_not_drive_out():
    kept = leave(100_000, mismatched=True, tenure=52, fit=0.0)
    assert (kept == leave(100_000, mismatched=False, tenure=52, fit=0.0)).all()


def test_poor_fits_thin_out_among_those_who_stayed():
    c = WORKFORCE.model_copy(
        update={"mismatch_share": 0.2, "mismatch_quit_hazard": 0.05, "mismatch_reveal_weeks": 10.0}
    )
    # tenure 0: the recruits' share; tenure 30: shown for 30 − 10(1 − e^(−3)) = 20.50 weeks,
    # 0.2 e^(−1.025) / (0.2 e^(−1.025) + 0.8) = 0.0824
    share = workforce.still_mismatched(np.array([0.0, 30.0, 520.0]), c=c)
    assert share[0] == pytest.approx(0.2)
    assert share[1] == pytest.approx(0.0824, abs=1e-3)
    assert share[2] < 1e-9
