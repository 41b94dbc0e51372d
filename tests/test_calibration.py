"""The calibration guard: the baseline reproduces the public figures (C15) and the book's
directions hold — means over seeds 1–5 at 200 employees, the baseline's own horizon."""

import statistics
from functools import cache

import pytest

import sim

pytestmark = pytest.mark.slow
SEEDS = range(1, 6)


@cache
def mean_kpis(**overrides) -> dict[str, float]:
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 200, **overrides})
    runs = [sim.run(scenario, seed=seed).kpis for seed in SEEDS]
    return {name: statistics.fmean(run[name] for run in runs) for name in runs[0]}


def test_baseline_burnout_is_14_percent():
    # NEA / CBS: about 1 in 7 workers with burnout complaints (docs/subject.md, C15).
    assert mean_kpis()["burnout_rate"] == pytest.approx(0.14, abs=0.02)


def test_baseline_engagement_is_20_percent():
    # The book: about 20% feel engaged (bevlogen); Gallup 2017: 15% worldwide.
    assert mean_kpis()["engagement_rate"] == pytest.approx(0.20, abs=0.03)


def test_engaged_employees_are_about_20_percent_more_productive():
    # Gallup Q12 meta-analysis: +17% productivity, +21% profitability.
    assert 1.1 <= mean_kpis()["engaged_productivity_ratio"] <= 1.3


def test_more_trust_raises_engagement_and_lowers_burnout():
    low, high = mean_kpis(**{"levers.trust": 0.2}), mean_kpis(**{"levers.trust": 0.8})
    assert high["engagement_rate"] > low["engagement_rate"]
    assert high["burnout_rate"] < low["burnout_rate"]


def test_more_control_lowers_engagement():
    low, high = mean_kpis(**{"levers.control": 0.2}), mean_kpis(**{"levers.control": 0.8})
    assert high["engagement_rate"] < low["engagement_rate"]
