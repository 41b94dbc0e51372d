"""Experiments: replications, comparisons, sweeps, calibration, sensitivity and explanations.

Small organisations and short horizons keep these fast; the command line is tested through its
entry point in a fresh process.
"""

from __future__ import annotations

import inspect
import json
import math
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import Outcome

import sim
from sim.cli.parsing import parse_vary
from sim.experiments.batches import Batch, batch_seed, group_batches, parts_for, scenario_stream
from sim.experiments.calibrate import HOLDOUT_REPS, HOLDOUT_STREAM
from sim.experiments.executors import open_executor, workers_of
from sim.experiments.explain import MECHANISMS
from sim.experiments.figures import sweep_figure
from sim.experiments.store import code_version
from sim.experiments.summaries import interval

ROOT = Path(__file__).resolve().parents[1]
SMALL = ("organisation.employees=40", "run.weeks=40", "run.measure_weeks=20")
SMALL_SETS = [arg for pair in SMALL for arg in ("--set", pair)]


def small(**overrides) -> sim.Scenario:
    sets = dict(pair.split("=") for pair in SMALL)
    return sim.load_scenario("baseline", **{k: int(v) for k, v in sets.items()}, **overrides)


def in_subprocess(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sim.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


def unchanged_code(experiment):
    """The result of ``experiment()``, repeated if the simulator's source changed meanwhile
    (others may be editing the checkout; results of different code are not comparable)."""
    for _ in range(3):
        before = code_version()
        result = experiment()
        if code_version() == before:
            return result
    pytest.fail("the simulator's source kept changing during the test")


def refused(done: subprocess.CompletedProcess | Outcome, *words: str) -> None:
    """Exit 2 with a message naming ``words`` and no traceback."""
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr, done.stderr


# --- seeds and replications -----------------------------------------------------------------------


def test_batch_seeds_depend_on_the_base_seed_and_stream_only():
    seeds = [batch_seed(seed, stream) for seed in (1, 2) for stream in (0, 7, 2**63)]
    assert len(set(seeds)) == 6
    assert seeds == [batch_seed(seed, stream) for seed in (1, 2) for stream in (0, 7, 2**63)]
    with pytest.raises(sim.ExperimentError, match="seed"):
        batch_seed(-1)


def test_replicate_is_one_batch_on_any_executor():
    scenario = small()
    runs = sim.replicate(scenario, reps=3, seed=4)
    assert list(runs.columns) == ["rep", "seed", *sim.KPI_NAMES]
    assert runs.rep.tolist() == [0, 1, 2]
    assert runs.seed.tolist() == [batch_seed(4)] * 3
    assert runs.burnout_rate.nunique() > 1  # replications differ
    batch = sim.run_batch(scenario, 3, seed=batch_seed(4))
    assert runs[list(sim.KPI_NAMES)].to_dict("records") == [r.kpis for r in batch]
    (one,) = sim.replicate(scenario, reps=1, seed=4)[list(sim.KPI_NAMES)].to_dict("records")
    assert one == sim.run(scenario, seed=batch_seed(4)).kpis  # a batch of one is a run
    with ThreadPoolExecutor(2) as pool:
        pd.testing.assert_frame_equal(sim.replicate(scenario, reps=3, seed=4, executor=pool), runs)
    weekly = sim.replicate(scenario, reps=2, seed=4, series=True)
    assert list(weekly.columns[:2]) == ["rep", "week"]
    assert len(weekly) == 2 * scenario.run.weeks
    assert weekly.groupby("rep").week.max().tolist() == [scenario.run.weeks] * 2


def test_replicate_refuses_bad_reps_seed_and_executor():
    with pytest.raises(sim.ExperimentError, match="reps"):
        sim.replicate(small(), reps=0)
    with pytest.raises(sim.ExperimentError, match="seed"):
        sim.replicate(small(), reps=1, seed=-1)
    with pytest.raises(sim.ExperimentError, match="executor 'threads'"):
        sim.replicate(small(), reps=1, executor="threads")
    with pytest.raises(sim.ExperimentError, match="has no submit"):
        sim.replicate(small(), reps=1, executor=4)


@pytest.mark.parametrize(
    ("kind", "options", "words"),
    [
        ("threads", {}, ["executor 'threads' is not known", "serial, process, dask"]),
        ("process", {"workers": 0}, ["workers 0 is not allowed", "whole number ≥ 1"]),
        ("process", {"workers": 1.5}, ["workers 1.5 is not allowed"]),
        ("serial", {"workers": 2}, ["workers (2) need the process or dask executor"]),
        ("process", {"scheduler": "tcp://h:8786"}, ["scheduler (tcp://h:8786) needs the dask"]),
        ("dask", {"scheduler": "tcp://h:8786", "workers": 2}, ["cluster at tcp://h:8786 has its"]),
    ],
)
def test_an_execution_names_what_is_wrong(kind, options, words):
    with pytest.raises(sim.ExperimentError) as refusal:
        sim.Execution(kind, **options)
    for word in words:
        assert word in str(refusal.value)


@pytest.mark.parametrize(
    ("function", "subjects"),
    [
        (sim.replicate, ["scenario"]),
        (sim.compare, ["scenarios"]),
        (sim.sweep, ["scenario", "vary"]),
        (sim.calibrate, ["scenario", "targets"]),
        (sim.sensitivity, ["scenario"]),
        (sim.explain, ["a", "b"]),
    ],
)
def test_experiments_share_one_shape(function, subjects):
    """The subjects positional, everything else keyword-only, one executor."""
    parameters = inspect.signature(function).parameters
    assert [n for n, p in parameters.items() if p.kind is p.POSITIONAL_OR_KEYWORD] == subjects
    others = [p for n, p in parameters.items() if n not in subjects]
    assert all(p.kind is p.KEYWORD_ONLY for p in others)
    assert {"reps", "seed", "executor", "progress"} <= set(parameters)
    assert parameters["executor"].default == "serial"
    assert not {"workers", "scheduler"} & set(parameters)


def test_progress_function_is_told_runs_done_week_by_week_in_this_process():
    told = []
    scenarios = [small().with_weeks(10).with_overrides(**{"levers.trust": t}) for t in (0.2, 0.8)]
    frame = sim.compare(scenarios, reps=2, progress=lambda done, total: told.append((done, total)))
    assert {total for _, total in told} == {4}
    done = [d for d, _ in told]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 4
    assert len(done) > 10  # inside the one group, week by week
    assert frame.equals(sim.compare(scenarios, reps=2))
    told.clear()
    sim.sweep(
        small().with_weeks(10),
        {"levers.trust": [0.2, 0.8]},
        reps=2,
        progress=lambda done, total: told.append((done, total)),
        executor=sim.Execution("process", workers=2),
    )
    assert told[0] == (0, 4) and told[-1] == (4, 4)  # from other processes: after each group


def test_interval_is_the_student_t_interval():
    mean, low, high = interval(np.array([1.0, 2.0, 3.0, 4.0, 5.0]))
    # t(0.975, 4) = 2.7764, sd = 1.5811, n = 5: half-width 1.9632
    assert (mean, low, high) == pytest.approx((3.0, 3.0 - 1.96324, 3.0 + 1.96324), abs=1e-5)
    assert math.isnan(interval(np.array([0.4]))[1])


# --- compare --------------------------------------------------------------------------------------


def test_compare_pairs_replications_with_common_seeds():
    base = small()
    frame = sim.compare([base, base, base.with_overrides(**{"levers.trust": 0.9})], reps=3)
    assert list(frame.columns) == [
        "scenario", "kpi", "mean", "ci_low", "ci_high", "diff", "diff_low", "diff_high"
    ]  # fmt: skip
    assert list(dict.fromkeys(frame.scenario)) == ["baseline", "baseline (2)", "baseline (3)"]
    by = frame.set_index(["scenario", "kpi"])
    # the same scenario with the same seeds: identical runs, a difference of exactly zero
    assert (by.loc["baseline (2)"][["diff", "diff_low", "diff_high"]] == 0).all().all()
    assert (by.loc["baseline"]["diff"] == 0).all()
    other = by.loc["baseline (3)"]
    assert np.allclose(other["diff"], other["mean"] - by.loc["baseline"]["mean"], atol=1e-12)
    assert (other.ci_low <= other["mean"]).all() and (other["mean"] <= other.ci_high).all()


@pytest.mark.slow
def test_compare_json_shape_and_spec_syntax():
    done = in_subprocess(
        "compare", "baseline", "baseline:levers.trust=0.8", *SMALL_SETS,
        "--reps", "3", "--executor", "serial", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["reps"] == 3
    names = [s["scenario"] for s in document["scenarios"]]
    assert names == ["baseline", "baseline:levers.trust=0.8"]
    for entry in document["scenarios"]:
        assert set(entry["kpis"]) == set(sim.KPI_NAMES)
        for estimate in entry["kpis"].values():
            low, high = estimate["ci95"]
            assert low <= estimate["mean"] <= high
    a, b = (s["kpis"] for s in document["scenarios"])
    diff = document["scenarios"][1]["diff"]
    for kpi in sim.KPI_NAMES:
        assert diff[kpi]["mean"] == pytest.approx(b[kpi]["mean"] - a[kpi]["mean"], abs=1e-12)
    assert document["scenarios"][0]["diff"]["burnout_rate"]["mean"] == 0


# --- sweeps ---------------------------------------------------------------------------------------

SWEEP = ("sweep", "baseline", "--vary", "levers.trust=0.2:0.8:3", "--reps", "2", *SMALL_SETS)


@pytest.mark.slow
def test_sweep_is_identical_on_serial_process_and_dask():
    """Dask: a local cluster of two single-threaded worker processes on the loopback."""
    vary = {"levers.trust": [0.2, 0.5, 0.8]}

    def run_all() -> dict[str, pd.DataFrame]:
        return {
            kind: sim.sweep(small(), vary, reps=2, executor=sim.Execution(kind, workers=workers))
            for kind, workers in (("serial", None), ("process", 2), ("dask", 2))
        }

    frames = unchanged_code(run_all)
    pd.testing.assert_frame_equal(frames["serial"], frames["process"], check_exact=True)
    pd.testing.assert_frame_equal(frames["serial"], frames["dask"], check_exact=True)
    assert frames["serial"]["levers.trust"].unique().tolist() == [0.2, 0.5, 0.8]
    # each point is one batch, seeded from the base seed and the scenario at that point
    at = small(**{"levers.trust": 0.5})
    batch = sim.run_batch(at, 2, seed=batch_seed(1, scenario_stream(at)))
    mean = frames["serial"].set_index(["levers.trust", "kpi"])["mean"].loc[0.5]
    assert mean["burnout_rate"] == pytest.approx(np.mean([r.kpis["burnout_rate"] for r in batch]))


@pytest.mark.parametrize(
    ("workers", "batches", "groups"),
    [
        (1, 441, 23),  # one worker: eight parts, each cut at GROUP_EMPLOYEES (20 batches here)
        (2, 441, 23),  # two: the same
        (8, 441, 32),  # four groups a worker, of at least five batches (14 and 13)
        (32, 441, 64),  # two a worker: four would make groups of three or four
        (8, 49, 8),  # a small experiment: a group a worker (of 7 and 6), not groups of one
        (32, 49, 32),  # more workers than batches of two: every group starts at once
    ],
)
def test_experiments_are_split_by_their_workers(workers, batches, groups):
    scenario = sim.load_scenario("baseline", **{"organisation.employees": 100})
    some = [Batch(scenario, 10, 1)] * batches  # 1,000 employees a batch
    split = group_batches(some, range(batches), parts_for(workers, batches))
    assert len(split) == groups
    assert [i for group in split for i in group] == list(range(batches))
    assert max(map(len, split)) <= 20


def test_dask_workers_keep_the_arrays_on_the_heap():
    """Dask's nanny sets MALLOC_TRIM_THRESHOLD_, which makes glibc map every array above 128 KiB
    afresh; each worker raises that threshold (sim.experiments.heap)."""

    def tuned_here() -> bool:
        import os

        from sim.experiments import heap

        return heap.tuned and os.environ.get("MALLOC_TRIM_THRESHOLD_") == "65536"

    with open_executor(sim.Execution("dask", workers=1)) as ex:
        client = ex._client  # a Dask ClientExecutor's client
        assert client.run(tuned_here) == dict.fromkeys(client.scheduler_info()["workers"], True)
        assert workers_of(ex) == 1


def test_workers_of_an_open_executor():
    with open_executor(sim.Execution("process", workers=2)) as pool:
        assert workers_of(pool) == 2
    with open_executor("serial") as here:
        assert workers_of(here) == 1
    with ThreadPoolExecutor(max_workers=3) as threads:
        assert workers_of(threads) == 3
    assert workers_of(object()) is None


@pytest.mark.slow
def test_sweep_json_shape():
    done = in_subprocess(*SWEEP, "--executor", "process", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) == {"reps", "seed", "rows"} and document["reps"] == 2
    rows = document["rows"]
    assert [r["params"] for r in rows] == [{"levers.trust": v} for v in (0.2, 0.5, 0.8)]
    for row in rows:
        assert set(row["kpis"]) == set(sim.KPI_NAMES)
        for estimate in row["kpis"].values():
            low, high = estimate["ci95"]
            assert low <= estimate["mean"] <= high


@pytest.mark.slow
def test_sweep_frame_two_keys_and_integer_fields(tmp_path):
    frame = sim.sweep(
        small(), {"organisation.employees": [40, 50], "levers.control": [0.1, 0.9]}, reps=2
    )
    assert list(frame.columns) == ["organisation.employees", "levers.control", "kpi", "mean",
                                   "ci_low", "ci_high"]  # fmt: skip
    assert len(frame) == 4 * len(sim.KPI_NAMES)
    assert frame["organisation.employees"].tolist()[:: len(sim.KPI_NAMES)] == [40, 40, 50, 50]
    figure = sweep_figure(frame, ["organisation.employees", "levers.control"])
    assert [trace.type for trace in figure.data] == ["heatmap"] * len(sim.KPI_NAMES)
    assert [trace.visible for trace in figure.data].count(True) == 1
    key, values = parse_vary("organisation.employees=40:60:3")
    done = in_subprocess(
        "sweep", "baseline", "--vary", "organisation.employees=40:60:3", *SMALL_SETS,
        "--reps", "1", "--executor", "serial", "--json", "--out", str(tmp_path / "s"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    params = [r["params"][key] for r in json.loads(done.stdout)["rows"]]
    assert params == [40, 50, 60] and all(isinstance(p, int) for p in params)
    assert values == [40.0, 50.0, 60.0]
    assert (tmp_path / "s" / "sweep.html").stat().st_size > 10_000
    assert len(pd.read_csv(tmp_path / "s" / "sweep.csv")) == 3 * len(sim.KPI_NAMES)


@pytest.mark.parametrize(
    ("vary", "words"),
    [
        ("levers.trust=0.2:1.5:3", ["levers.trust", "1.5", "between 0 and 1"]),
        ("levers.trusst=0.2:0.8:3", ["levers.trusst", "did you mean 'trust'"]),
        ("levers.trust=low:high:3", ["START:STOP:NUM"]),
        ("levers.trust=0.2:0.8", ["START:STOP:NUM"]),
        ("levers.trust=0.2:0.8:0", ["NUM 0", "between 1 and 101"]),
        ("levers.trust=0.2:0.8:500", ["NUM 500"]),
        ("name=0:1:2", ["name", "numeric"]),
        ("organisation.employees=40:42:5", ["organisation.employees", "whole numbers"]),
        ("levers.trust=0.5:0.5:2", ["levers.trust", "repeat"]),
        ("organisation.employees=1:40:2", ["organisation.employees", "between 2 and"]),
    ],
)
def test_bad_vary_is_refused(loslaten, vary, words):
    refused(loslaten("sweep", "baseline", "--vary", vary, "--executor", "serial"), *words)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--executor", "serial", "--workers", "2"], ["workers (2) need the process or dask"]),
        (["--scheduler", "tcp://127.0.0.1:1"], ["scheduler (tcp://127.0.0.1:1) needs the dask"]),
        (["--executor", "threads"], ["--executor: invalid choice: 'threads'"]),
        (["--workers", "0"], ["--workers: 0 must be at least 1"]),
    ],
)
def test_bad_executor_options_are_refused(loslaten, options, words):
    refused(loslaten(*SWEEP, *options), *words)


@pytest.mark.slow
def test_bad_vary_is_refused_by_the_command(loslaten):
    done = in_subprocess("sweep", "baseline", "--vary", "levers.trust=0.2:1.5:3")
    refused(done, "levers.trust", "1.5", "between 0 and 1")
    three = ["--vary", "levers.trust=0:1:2", "--vary", "levers.rules=0:1:2"]
    three += ["--vary", "levers.control=0:1:2"]
    refused(loslaten("sweep", "baseline", *three), "vary 1 or 2")
    twice = ["--vary", "levers.trust=0:1:2", "--vary", "levers.trust=0:1:3"]
    refused(loslaten("sweep", "baseline", *twice), "same field twice")


# --- results that survive -------------------------------------------------------------------------


@pytest.mark.slow
def test_different_experiment_in_the_same_folder_is_refused(tmp_path, loslaten):
    out = tmp_path / "sweep"
    args = [*SWEEP[:3], "levers.trust=0.2:0.8:2", *SMALL_SETS, "--executor", "serial"]
    assert loslaten(*args, "--reps", "1", "--out", str(out)).returncode == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["layout"] == "batches"
    assert manifest["kind"] == "sweep" and manifest["reps"] == 1 and manifest["seed"] == 1
    assert manifest["vary"] == {"levers.trust": [0.2, 0.8]}
    assert set(manifest["code_version"]) == {"loslaten", "source"}
    refused(in_subprocess(*args, "--reps", "2", "--out", str(out)), "different experiment", "reps")
    refused(loslaten(*args, "--reps", "1", "--seed", "9", "--out", str(out)), "seed")
    other = [*args[:3], "levers.trust=0.2:0.9:2", *args[4:]]
    refused(loslaten(*other, "--reps", "1", "--out", str(out)), "vary.levers.trust")
    refused(loslaten("compare", "baseline", *SMALL_SETS, "--out", str(out)), "different")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine")
    refused(loslaten(*args, "--reps", "1", "--out", str(tmp_path / "notes")), "not empty")
    assert len(list((out / "batches").glob("*.parquet"))) == 2  # nothing was touched
    # a folder saved one file per run, before batches: refused, not misread
    old = tmp_path / "old"
    (old / "runs").mkdir(parents=True)
    (old / "runs" / "000000.parquet").write_bytes(b"")
    del manifest["layout"]
    (old / "manifest.json").write_text(json.dumps(manifest))
    refused(loslaten(*args, "--reps", "1", "--out", str(old)), "older loslaten", "another --out")
    assert sorted(p.name for p in old.iterdir()) == ["manifest.json", "runs"]


def test_replicate_saves_one_batch_of_kpis_and_series_and_resumes(tmp_path):
    scenario = small()
    weekly = sim.replicate(scenario, reps=2, seed=3, series=True, out=tmp_path / "r")
    batches = tmp_path / "r" / "batches"
    assert sorted(p.name for p in batches.iterdir()) == ["000000.parquet", "000000.series.parquet"]
    saved = {p.name: p.stat().st_mtime_ns for p in batches.iterdir()}
    again = sim.replicate(scenario, reps=2, seed=3, series=True, out=tmp_path / "r")
    pd.testing.assert_frame_equal(again, weekly)
    assert {p.name: p.stat().st_mtime_ns for p in batches.iterdir()} == saved  # read, not redone
    table = pd.read_parquet(batches / "000000.parquet")
    assert table.rep.tolist() == [0, 1] and set(sim.KPI_NAMES) <= set(table.columns)
    assert pd.read_parquet(batches / "000000.series.parquet").rep.unique().tolist() == [0, 1]


# --- explain --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_explain_parts_add_up_to_the_total():
    a = small(**{"mechanisms.crossover": False})
    b = a.with_overrides(**{"levers.trust": 0.9, "levers.control": 0.2})
    frame = sim.explain(a, b, reps=2)
    assert list(frame.columns[:3]) == ["kpi", "part", "contribution"]
    assert list(frame.part.unique()) == [*MECHANISMS, "remainder", "total"]
    for _, rows in frame.groupby("kpi"):
        part = rows.set_index("part").contribution
        if math.isnan(part["total"]):
            continue
        assert part.drop("total").sum() == pytest.approx(part["total"], rel=1e-12, abs=1e-15)
        assert part["crossover"] == 0  # off in both already: switching it off changes nothing
    # the total is the paired difference of the comparison with the same seeds
    compared = sim.compare([a, b], reps=2).set_index(["scenario", "kpi"])
    total = frame[frame.part == "total"].set_index("kpi").contribution
    assert np.allclose(total, compared.loc[b.name + " (2)"]["diff"], atol=1e-12, equal_nan=True)
    assert (total.drop(["turnover_rate", "misconduct_loss"]) != 0).any()


@pytest.mark.slow
def test_named_channels_carry_the_difference_between_bureaucracy_and_coaching_leadership():
    # serial: two more processes would only share the cores with the suite (the explain command
    # test below runs on the process executor). 6 replications: at 4 the remainder's own 95%
    # interval (±0.06 on burnout) is wider than the bound, and with the channels of 7 December
    # (absence culture, taking root) seed 1 drew −0.030 against a bound of 0.019 (at 6: 0.000)
    frame = sim.explain("bureaucracy", "coaching_leader", reps=6, executor="serial")
    for kpi in ("burnout_rate", "engagement_rate", "productivity"):
        parts = frame[frame.kpi == kpi].set_index("part").contribution
        assert abs(parts["remainder"]) <= abs(parts["total"]) / 4, kpi


@pytest.mark.slow
def test_explain_command_json():
    done = in_subprocess(
        "explain", "baseline", "baseline:levers.trust=0.8", *SMALL_SETS,
        "--reps", "2", "--executor", "process", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["b"] == "baseline:levers.trust=0.8"
    for kpi, parts in document["kpis"].items():
        assert set(parts) == {*MECHANISMS, "remainder", "total"}, kpi
        total = parts.pop("total")["contribution"]
        if total is not None:
            assert sum(p["contribution"] for p in parts.values()) == pytest.approx(total, abs=1e-12)


# --- calibrate ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_calibrate_recovers_figures_the_model_can_produce(tmp_path):
    fitted = sim.Scenario().coefficients.wellbeing  # the baseline's calibration
    truth = {  # an organisation a little worse off than the baseline
        "coefficients.wellbeing.energy_baseline": fitted.energy_baseline - 0.08,
        "coefficients.wellbeing.pleasure_baseline": fitted.pleasure_baseline - 0.1,
    }
    made = sim.replicate(small(**truth), reps=2)
    targets = {k: float(made[k].mean()) for k in ("burnout_rate", "engagement_rate")}
    result = sim.calibrate(small(), targets, reps=2)
    assert list(result.report.columns) == ["kpi", "target", "achieved", "ci_low", "ci_high",
                                           "holdout", "holdout_low", "holdout_high"]  # fmt: skip
    assert set(result.parameters) == set(truth)
    assert (abs(result.report.achieved - result.report.target) <= 0.01).all()
    # the calibrated scenario reproduces the report with the same seeds
    again = sim.replicate(result.scenario, reps=2)
    fresh = sim.run_batch(result.scenario, HOLDOUT_REPS, seed=batch_seed(1, HOLDOUT_STREAM))
    for row in result.report.itertuples():
        assert again[row.kpi].mean() == pytest.approx(row.achieved, abs=1e-12)
        assert np.mean([r.kpis[row.kpi] for r in fresh]) == pytest.approx(row.holdout, abs=1e-12)
    assert not result.report.holdout.equals(result.report.achieved)  # fresh replications


@pytest.mark.parametrize(
    ("targets", "words"),
    [
        (["burnout_rate=0.6", "engagement_rate=0.5"], ["exceed 1"]),
        (["burnout_rate=1.4"], ["burnout_rate=1.4", "[0, 1]"]),
        (["happiness=0.3"], ["unknown KPI 'happiness'", "burnout_rate"]),
        (["burnout_rate=lots"], ["not a number"]),
        pytest.param(
            ["manager_hours=5"],
            ["cannot reach", "manager_hours", "coefficients.wellbeing.energy_baseline"],
            marks=pytest.mark.slow,  # the search runs to its end
        ),
    ],
)
def test_calibrate_refuses_unreachable_targets(tmp_path, loslaten, targets, words):
    pairs = [arg for t in targets for arg in ("--target", t)]
    out = tmp_path / "client.yaml"
    done = loslaten(
        "calibrate", "baseline", *pairs, *SMALL_SETS, "--reps", "1", "--executor", "serial",
        "--out", str(out),
    )  # fmt: skip
    refused(done, *words)
    assert not out.exists()


# --- sensitivity ----------------------------------------------------------------------------------


def test_sensitivity_ranks_every_lever_for_every_kpi():
    frame = sim.sensitivity(small(), samples=2)
    assert list(frame.columns) == ["factor", "kpi", "mu", "mu_star", "mu_star_conf", "sigma",
                                   "rank"]  # fmt: skip
    assert len(frame) == 8 * len(sim.KPI_NAMES)
    assert set(frame.factor) == {f"levers.{lever}" for lever in ("vision", "trust",
        "responsibility", "freedom", "connection", "safety", "control", "rules")}  # fmt: skip
    finite = frame.dropna(subset=["mu_star"])
    assert (finite.mu_star >= finite.mu.abs() - 1e-12).all()  # mean |effect| ≥ |mean effect|
    top = finite.loc[finite.groupby("kpi").mu_star.idxmax()]
    assert (top["rank"] == 1).all()
    with pytest.raises(sim.ExperimentError, match="power of 2"):
        sim.sensitivity(small(), method="sobol", samples=6)
    with pytest.raises(sim.ExperimentError, match="method 'fast'"):
        sim.sensitivity(small(), method="fast")
    with pytest.raises(sim.ExperimentError, match="factors 'dynamics'"):
        sim.sensitivity(small(), factors="dynamics")


@pytest.mark.slow
def test_sensitivity_screens_every_coefficient_that_is_not_fixed(loslaten):
    from sim.coefficients import listing

    short = small().with_weeks(8)
    frame = sim.sensitivity(short, factors="coefficients", samples=2)
    free = [r["name"] for r in listing(small().coefficients) if r["max"] > r["min"]]
    assert list(dict.fromkeys(frame.factor)) == free
    assert frame.groupby("kpi").size().eq(len(free)).all()
    done = loslaten(
        "sensitivity", "baseline", *SMALL_SETS, "--coefficients",
        "--samples", "2", "--executor", "serial", "--kpi", "burnout_rate",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "the 10 most influential coefficients by mu_star" in done.stdout
    assert done.stdout.count("coefficients.") >= 10


def test_sensitivity_command_json_and_files(tmp_path, loslaten):
    out = tmp_path / "sens"
    done = loslaten(
        "sensitivity", "baseline", *SMALL_SETS, "--samples", "2", "--executor", "serial",
        "--json", "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["method"] == "morris"
    assert set(document["kpis"]) == set(sim.KPI_NAMES)
    ranks = sorted(entry["rank"] for entry in document["kpis"]["burnout_rate"].values())
    assert len(ranks) == 8 and ranks[0] == 1
    assert (out / "sensitivity.html").is_file()
    assert len(pd.read_csv(out / "sensitivity.csv")) == 8 * len(sim.KPI_NAMES)
