"""Shared fixtures: small scenarios, a seeded generator and ways to call ``loslaten``."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psutil
import pytest

import sim
from sim import cli

ROOT = Path(__file__).resolve().parents[1]
CONSOLE_SCRIPT = ROOT / ".venv" / "bin" / "loslaten"

# Nine levels of nine aliases: 9⁹ ≈ 387 million values once expanded, in a 300-byte file.
YAML_BOMB = "\n".join(
    [
        "a: &a [x, x, x, x, x, x, x, x, x]",
        *(
            f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]"
            for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        ),
        "description: *i",
    ]
)


TOGETHER = {
    "tests/test_dashboard_browser.py": "browser",
    "tests/test_dashboard_browser_room.py": "browser",
}
"""Test files that share one worker under pytest-xdist: the two browser tests run one after the
other (each drives chromium against its own Streamlit server, more than two cores bear at once)."""


HEAVY_FIRST = (
    "tests/test_dashboard_browser_room.py",
    "tests/test_dashboard_browser.py",
    "tests/test_notebooks.py",
    "tests/test_experiments.py",
    "tests/test_patterns.py",
    "tests/test_contributing.py",
)
"""The files whose tests take longest, started first so that no worker is left with one of
them at the end while the other waits (xdist hands out files in collection order)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        file = item.nodeid.split("::", 1)[0]
        return HEAVY_FIRST.index(file) if file in HEAVY_FIRST else len(HEAVY_FIRST)

    items.sort(key=rank)  # stable: the order within a file and among the others stays


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """``--dist loadfile`` (``make test``, ``make check``): a file's tests run on one worker, so
    its module fixtures and caches are built once, and the files of a :data:`TOGETHER` group on
    one worker. (pytest-xdist's ``loadgroup`` does not group under pytest 9.2: its issue 1386.)"""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class TogetherByFile(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = super()._split_scope(nodeid)
            return TOGETHER.get(file, file)

    return TogetherByFile(config, log)


def small(employees: int = 40, weeks: int = 20, **overrides) -> sim.Scenario:
    """The baseline shrunk to a small organisation and a short horizon."""
    return sim.load_scenario(
        "baseline",
        **{
            "organisation.employees": employees,
            "organisation.team_size": 8,
            "run.weeks": weeks,
            "run.measure_weeks": min(10, weeks),
            **overrides,
        },
    )


@pytest.fixture
def small_scenario() -> sim.Scenario:
    return small()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


@dataclass
class Outcome:
    """What an in-process call returned, named like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def loslaten(capsys):
    """Call ``loslaten`` in-process (argparse errors included): ``loslaten("run", ...)``."""

    def call(*args: str) -> Outcome:
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return call


def run_process(*args: str, console_script: bool = False) -> Outcome:
    """Call ``loslaten`` in a fresh process: the installed script or ``python -m sim.cli``."""
    command = [str(CONSOLE_SCRIPT)] if console_script else [sys.executable, "-m", "sim.cli"]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(loslaten: Path, port: int, cwd: Path, log: Path) -> subprocess.Popen:
    """``loslaten dashboard --headless`` on ``port``, its output in ``log``; returns once the
    Streamlit server answers its health check."""
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(loslaten), "dashboard", "--headless", "--port", str(port)],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return process
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the dashboard did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.3)


def stop_dashboard(process: subprocess.Popen, port: int, signum: int = signal.SIGTERM) -> None:
    """Send ``signum`` to ``loslaten`` alone; it and its Streamlit server are gone within a few
    seconds, and the port is closed."""
    servers = psutil.Process(process.pid).children(recursive=True)
    assert servers, "loslaten dashboard started no server process"
    process.send_signal(signum)
    try:
        process.wait(timeout=10)
    finally:
        _, alive = psutil.wait_procs(servers, timeout=5)
        for left in alive:
            left.kill()
    assert not alive, f"left running after loslaten stopped: {alive}"
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is still open"
