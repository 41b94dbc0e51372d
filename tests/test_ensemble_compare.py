"""Comparisons over plausible models: the models band, the verdict, members side by side."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import small

import sim
from sim import texts
from sim.ensemble import Ensemble, load_ensemble
from sim.experiments.errors import ExperimentError
from sim.experiments.uncertainty import VERDICTS, models_band, verdict
from sim.runner import run_batch

BAND_COLUMNS = ["models_n", "models_low", "models_high", "models_holds", "verdict"]


def tiny() -> sim.Scenario:
    return small(employees=24, weeks=10)


def two_members(tmp_path) -> Ensemble:
    """The first two members of the shipped ensemble, as a file of their own."""
    shipped = load_ensemble()
    Ensemble(shipped.names, shipped.values[:2], shipped.priors, method="test").save(
        tmp_path / "e.json"
    )
    return load_ensemble(tmp_path / "e.json")


@pytest.fixture(scope="module")
def compared() -> tuple[pd.DataFrame, list[sim.Scenario]]:
    a = tiny()
    b = a.with_overrides(**{"levers.trust": 0.9, "name": "trusting"})
    return sim.compare([a, b], reps=2, ensemble=2), [a, b]


def test_verdict_rules_follow_the_share_that_agrees():
    assert [verdict(h) for h in (1.0, 0.9, 0.89, 0.75, 0.74, 0.6, 0.59, 0.5)] == [
        "robust", "robust", "likely", "likely", "uncertain", "uncertain", "contested", "contested"
    ]  # fmt: skip
    assert [name for name, _ in VERDICTS] == ["robust", "likely", "uncertain", "contested"]
    with pytest.raises(ValueError, match="share"):
        verdict(1.5)


def test_models_band_is_the_middle_80_percent_and_the_share_with_the_median_sign():
    diffs = np.array([-1.0, 1.0, 2.0, 3.0, 4.0, np.nan])
    band = models_band(diffs)
    assert band["models_n"] == 5
    assert band["models_low"] == pytest.approx(np.percentile(diffs[:5], 10))
    assert band["models_high"] == pytest.approx(np.percentile(diffs[:5], 90))
    assert band["models_holds"] == pytest.approx(0.8) and band["verdict"] == "likely"
    assert models_band(np.array([np.nan]))["verdict"] is None


def test_compare_with_an_ensemble_keeps_the_unperturbed_answer(compared):
    frame, (a, b) = compared
    plain = sim.compare([a, b], reps=2)
    assert list(frame.columns) == [*plain.columns, *BAND_COLUMNS]
    # grouping members with the unperturbed model never changes its results
    pd.testing.assert_frame_equal(frame[plain.columns], plain)
    first = frame[frame.scenario == a.name]
    assert first[["models_n", "models_low", "models_holds"]].isna().all().all()
    assert first.verdict.isna().all()
    other = frame[frame.scenario == "trusting"]
    assert (other.models_n == 2).all()
    assert (other.models_low <= other.models_high).all()
    assert set(other.verdict) <= {name for name, _ in VERDICTS}


def test_members_are_the_models_run_with_the_common_seed(compared, tmp_path):
    frame, (a, b) = compared
    members = frame.attrs["members"]
    assert list(members.columns) == ["member", "scenario", "kpi", "mean", "diff"]
    assert len(members) == 2 * 2 * len(sim.KPI_NAMES)
    assert (members[members.scenario == a.name]["diff"] == 0).all()
    # member 1, recomputed alone: its coefficients, the common seed, paired by replication
    model = load_ensemble().members(2)[1]
    seed = sim.experiments.batches.batch_seed(1)
    alone = [
        pd.DataFrame([r.kpis for r in run_batch(s.with_overrides(**model), 2, seed)])
        for s in (a, b)
    ]
    mine = members[(members.member == 1) & (members.scenario == "trusting")].set_index("kpi")
    expected = (alone[1] - alone[0]).mean()
    for kpi in sim.KPI_NAMES:
        assert mine.at[kpi, "diff"] == pytest.approx(expected[kpi], nan_ok=True, abs=1e-12)
    # the band of a difference is that of its members' differences
    profit = frame.set_index(["scenario", "kpi"]).loc[("trusting", "profit")]
    both = members[(members.scenario == "trusting") & (members.kpi == "profit")]["diff"]
    assert profit.models_low == pytest.approx(np.percentile(both, 10))


def test_an_ensemble_file_and_a_bad_size(tmp_path):
    ensemble = two_members(tmp_path)
    a = tiny()
    frame = sim.compare([a, a], reps=1, ensemble=ensemble)
    second = frame[frame.scenario == f"{a.name} (2)"]
    # the same scenario under each model: no difference, in every model
    assert (second.models_low == 0).all() and (second.models_high == 0).all()
    assert (second.verdict == "robust").all()
    with pytest.raises(ExperimentError, match="from 1 to"):
        sim.compare([a, a], reps=1, ensemble=len(load_ensemble()) + 1)
    with pytest.raises(ExperimentError, match="ensemble"):
        sim.compare([a, a], reps=1, ensemble="many")


def test_a_saved_ensemble_comparison_resumes(tmp_path):
    ensemble = two_members(tmp_path)
    a = tiny()
    b = a.with_overrides(**{"levers.control": 0.8})
    out = tmp_path / "run"
    first = sim.compare([a, b], reps=1, ensemble=ensemble, out=out)
    saved = sorted((out / "batches").glob("*.parquet"))
    assert len(saved) == 2 * 3  # per scenario: the unperturbed model and two members
    saved[-1].unlink()
    again = sim.compare([a, b], reps=1, ensemble=ensemble, out=out)
    pd.testing.assert_frame_equal(first, again)
    pd.testing.assert_frame_equal(first.attrs["members"], again.attrs["members"])
    with pytest.raises(ExperimentError, match="different"):
        sim.compare([a, b], reps=1, out=out)
    assert math.isnan(first.models_n.iloc[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_verdict_is_worded(lang):
    for name, _ in VERDICTS:
        word = texts.text(f"verdict.word.{name}", lang)
        assert texts.text(f"verdict.{name}", lang).startswith(f"{word}:")


@pytest.mark.slow
def test_the_same_answer_on_any_executor(tmp_path):
    ensemble = two_members(tmp_path)
    a = tiny()
    scenarios = [a, a.with_overrides(**{"levers.trust": 0.8})]
    here = sim.compare(scenarios, reps=2, ensemble=ensemble)
    workers = sim.Execution("process", workers=2)
    there = sim.compare(scenarios, reps=2, ensemble=ensemble, executor=workers)
    pd.testing.assert_frame_equal(here, there, check_exact=True)
    pd.testing.assert_frame_equal(here.attrs["members"], there.attrs["members"], check_exact=True)
