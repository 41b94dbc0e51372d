"""A sweep killed halfway (SIGKILL) resumes without redoing or losing finished batches (all
replications of one point)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim.experiments.executors import SerialExecutor
from sim.experiments.store import code_version

ROOT = Path(__file__).resolve().parents[1]
POINTS, REPS = 8, 3
SWEEP = [
    sys.executable, "-m", "sim.cli", "sweep", "baseline",
    "--vary", f"levers.trust=0.1:0.9:{POINTS}", "--reps", str(REPS),
    "--set", "organisation.employees=40", "--set", "run.weeks=150", "--set", "run.measure_weeks=20",
    "--json",
]  # fmt: skip


def finished(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Finished batch files with (inode, mtime in ns, size)."""
    return {
        p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.stat().st_size)
        for p in (folder / "batches").glob("*.parquet")
    }


def sweep(out: Path, executor: str) -> dict:
    done = subprocess.run(
        [*SWEEP, "--out", str(out), "--executor", executor],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_killed_sweep_resumes_without_redoing_or_losing_batches(tmp_path):
    for attempt in range(3):  # others may be editing the checkout: a resume needs the same code
        source = code_version()
        try:
            kill_and_resume(tmp_path / f"attempt{attempt}")
        except AssertionError:
            if code_version() == source:
                raise
            continue
        if code_version() == source:
            return
    pytest.fail("the simulator's source kept changing during the test")


def kill_and_resume(tmp_path: Path) -> None:
    out = tmp_path / "killed"
    victim = subprocess.Popen(
        [*SWEEP, "--out", str(out), "--executor", "serial"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while (out / "batches").is_dir() is False or len(finished(out)) < 2:
        assert victim.poll() is None, "the sweep ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    before = finished(out)
    assert 2 <= len(before) < POINTS
    assert all(len(pd.read_parquet(out / "batches" / name)) == REPS for name in before)

    resumed = sweep(out, "process")
    after = finished(out)
    assert len(after) == POINTS
    assert {name: after[name] for name in before} == before  # not rewritten, not lost
    assert not list((out / "batches").glob(".*.tmp"))
    assert resumed == sweep(tmp_path / "whole", "serial")


class InterruptedAfter(SerialExecutor):
    """An in-process executor on which Ctrl-C is pressed after ``batches`` batches."""

    def __init__(self, batches: int) -> None:
        self.left = batches

    def submit(self, fn, /, *args, **kwargs):
        if self.left == 0:
            raise KeyboardInterrupt
        self.left -= 1
        return super().submit(fn, *args, **kwargs)


def test_interrupted_comparison_keeps_each_finished_batch(tmp_path):
    base = sim.load_scenario(
        "baseline", **{"organisation.employees": 40, "run.weeks": 30, "run.measure_weeks": 10}
    )
    scenarios = [base.with_overrides(**{"levers.trust": t}) for t in (0.1, 0.3, 0.5, 0.7, 0.9)]
    with pytest.raises(KeyboardInterrupt):
        sim.compare(scenarios, reps=3, out=tmp_path / "c", executor=InterruptedAfter(2))
    before = finished(tmp_path / "c")
    assert sorted(before) == ["000000.parquet", "000001.parquet"]
    resumed = sim.compare(scenarios, reps=3, out=tmp_path / "c")
    assert {name: finished(tmp_path / "c")[name] for name in before} == before
    assert len(finished(tmp_path / "c")) == 5
    pd.testing.assert_frame_equal(resumed, sim.compare(scenarios, reps=3))


def test_interrupted_grouped_sweep_keeps_each_batch_of_a_finished_group(tmp_path, monkeypatch):
    from sim.experiments import batches

    monkeypatch.setattr(batches, "MIN_GROUPS", 3)  # 9 points in groups of 3
    base = sim.load_scenario(
        "baseline", **{"organisation.employees": 30, "run.weeks": 30, "run.measure_weeks": 10}
    )
    vary = {"levers.trust": [0.2, 0.5, 0.8], "levers.control": [0.2, 0.5, 0.8]}
    with pytest.raises(KeyboardInterrupt):
        sim.sweep(base, vary, reps=2, out=tmp_path / "s", executor=InterruptedAfter(1))
    before = finished(tmp_path / "s")
    assert sorted(before) == ["000000.parquet", "000001.parquet", "000002.parquet"]
    resumed = sim.sweep(base, vary, reps=2, out=tmp_path / "s")
    assert {name: finished(tmp_path / "s")[name] for name in before} == before
    assert resumed.equals(sim.sweep(base, vary, reps=2))
