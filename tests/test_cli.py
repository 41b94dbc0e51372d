"""The ``loslaten`` command line: run, scenarios, validate, and every kind of bad input."""

import json
import signal

import pandas as pd
import pytest
from conftest import (
    CONSOLE_SCRIPT,
    ROOT,
    YAML_BOMB,
    free_port,
    run_process,
    start_dashboard,
    stop_dashboard,
)

import sim
from sim.scenario import MAX_FILE_BYTES, scenarios_dir

SMALL = ["--set", "organisation.employees=30", "--set", "organisation.team_size=6"]

BAD_FILES = {
    "misspelt": (b"levers:\n  trsut: 0.5\n", ["levers.trsut", "did you mean 'trust'?"]),
    "wrong-type": (b"levers:\n  trust: high\n", ["levers.trust", "'high'", "valid number"]),
    "boolean": (b"levers:\n  trust: yes\n", ["trust: True", "must be a number"]),
    "out-of-range": (b"levers:\n  control: 1.5\n", ["levers.control", "1.5", "between 0 and 1"]),
    "nan": (b"levers:\n  trust: .nan\n", ["levers.trust", "nan", "finite number"]),
    "billion": (
        b"organisation:\n  employees: 1000000000\n",
        ["organisation.employees", "1000000000", "between 2 and 2,000,000"],
    ),
    "bomb": (YAML_BOMB.encode(), ["expands to more than 100,000 values"]),
    "python-tag": (b"levers: !!python/object/apply:os.system [ls]\n", ["malformed YAML"]),
    "list": (b"- levers\n- trust\n", ["must be a mapping of sections, got list"]),
    "binary": (bytes(range(256)) * 8, ["not UTF-8 text"]),
    "enormous": (b"#" * (MAX_FILE_BYTES + 1), [f"larger than {MAX_FILE_BYTES:,} bytes"]),
    "malformed": (b"levers:\n  trust: [0.5\n", ["malformed YAML at line 3"]),
}


@pytest.fixture
def bad_file(tmp_path):
    def write(kind: str) -> tuple[str, list[str]]:
        content, expected = BAD_FILES[kind]
        path = tmp_path / f"{kind}.yaml"
        path.write_bytes(content)
        return str(path), expected

    return write


def assert_refused(outcome, expected: list[str]) -> None:
    assert outcome.returncode == 2, outcome.stderr
    assert outcome.stdout == ""
    assert "Traceback" not in outcome.stderr
    for fragment in expected:
        assert fragment in outcome.stderr


# --- through the installed entry points ---------------------------------------------------------


@pytest.mark.slow
def test_console_script_run_json_prints_one_document_matching_the_api():
    args = ["run", "baseline", "--seed", "2", "--weeks", "12", "--json", *SMALL]
    outcome = run_process(*args, console_script=True)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.stdout.count("\n") == 1
    document = json.loads(outcome.stdout)
    assert set(document) == {"scenario", "seed", "weeks", "kpis"}
    assert (document["scenario"], document["seed"], document["weeks"]) == ("baseline", 2, 12)
    scenario = sim.load_scenario(
        "baseline", **{"organisation.employees": 30, "organisation.team_size": 6}
    )
    expected = sim.run(scenario.with_weeks(12), seed=2)
    assert set(document["kpis"]) == set(sim.KPI_NAMES)
    assert document["kpis"] == expected.kpis  # exact: JSON keeps every digit of a float


@pytest.mark.slow
def test_module_run_out_writes_csv_and_parquet(tmp_path):
    out = tmp_path / "results"
    outcome = run_process("run", "baseline", "--weeks", "8", "--out", str(out), *SMALL)
    assert outcome.returncode == 0, outcome.stderr
    csv = pd.read_csv(out / "timeseries.csv")
    parquet = pd.read_parquet(out / "timeseries.parquet")
    assert len(parquet) == 8 and parquet["week"].tolist() == list(range(1, 9))
    pd.testing.assert_frame_equal(csv, parquet, check_exact=False, rtol=1e-12)
    assert set(json.loads((out / "kpis.json").read_text())) == set(sim.KPI_NAMES)
    assert sim.load_scenario(out / "scenario.yaml").run.weeks == 8


@pytest.mark.slow
def test_a_yaml_bomb_exits_2_without_traceback_in_a_real_process(bad_file):
    path, expected = bad_file("bomb")
    assert_refused(run_process("validate", path), expected)


@pytest.mark.slow
def test_an_out_of_range_override_exits_2_naming_field_value_and_range():
    outcome = run_process("run", "baseline", "--set", "levers.trust=1.7", console_script=True)
    assert_refused(outcome, ["levers.trust: 1.7 is not allowed; must be between 0 and 1"])


@pytest.mark.slow
@pytest.mark.timeout(180)
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_stopping_the_dashboard_command_stops_its_server(tmp_path, signum):
    port = free_port()
    process = start_dashboard(CONSOLE_SCRIPT, port, cwd=ROOT, log=tmp_path / "dashboard.log")
    stop_dashboard(process, port, signum)


# --- in-process ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_validate_refuses_each_kind_of_bad_file(loslaten, bad_file, kind):
    path, expected = bad_file(kind)
    assert_refused(loslaten("validate", path), [path, *expected])


def test_validate_accepts_a_good_file(loslaten):
    outcome = loslaten("validate", str(scenarios_dir() / "baseline.yaml"))
    assert outcome.returncode == 0
    assert "valid scenario 'baseline' (200 employees, 260 weeks)" in outcome.stdout


def test_validate_refuses_a_missing_file(loslaten, tmp_path):
    assert_refused(loslaten("validate", str(tmp_path / "none.yaml")), ["no scenario file at"])


def test_scenarios_lists_the_builtins_with_descriptions(loslaten):
    text = loslaten("scenarios").stdout
    document = json.loads(loslaten("scenarios", "--json").stdout)
    for name, description in sim.builtin_scenarios().items():
        assert f"{name}  " in text and description in text
        assert {"name": name, "description": description} in document["scenarios"]


def test_run_prints_every_kpi_over_the_window(loslaten):
    outcome = loslaten("run", "baseline", "--weeks", "6", "--seed", "3", *SMALL)
    assert outcome.returncode == 0
    assert "baseline: seed 3, 6 weeks, KPIs over the last 6 weeks" in outcome.stdout
    for name in sim.KPI_NAMES:
        assert f"  {name} " in outcome.stdout


def test_weeks_sets_the_horizon(loslaten):
    document = json.loads(loslaten("run", "baseline", "--weeks", "5", "--json", *SMALL).stdout)
    assert document["weeks"] == 5


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--set", "levers.trsut=0.5"], ["levers.trsut", "did you mean 'trust'?"]),
        (["--set", "levers.trust=.nan"], ["levers.trust", "nan", "finite number"]),
        (["--set", "organisation.employees=1000000000"], ["organisation.employees", "1000000000"]),
        (["--set", "run.weeks=abc"], ["run.weeks", "'abc'", "valid integer"]),
        (["--set", "levers.trust"], ["--set 'levers.trust': expected KEY=VALUE"]),
        (["--set", "description=" + "[" * 1000 + "]" * 1000], ["description: the value is nested"]),
        (["--weeks", "0"], ["--weeks: 0 must be at least 1"]),
        (["--weeks", "many"], ["--weeks: 'many' is not a whole number"]),
        (["--weeks", "99999"], ["run.weeks: 99999 is not allowed; must be between 1 and 5,200"]),
        (["--seed", "-1"], ["--seed: -1 must be at least 0"]),
        (["--out", "/proc/no/such/place"], ["--out /proc/no/such/place: cannot create it"]),
        (["--colour", "red"], ["unrecognized arguments: --colour"]),
    ],
)
def test_run_refuses_bad_arguments(loslaten, args, expected):
    assert_refused(loslaten("run", "baseline", *args), expected)


def test_run_refuses_an_unknown_scenario_with_a_suggestion(loslaten):
    assert_refused(loslaten("run", "baselin"), ["Did you mean 'baseline'?"])


def test_a_bomb_in_an_override_is_refused(loslaten):
    aliases = "[&a [x,x,x,x,x,x,x,x,x]" + "".join(
        f", &{b} [{','.join([f'*{a}'] * 9)}]" for a, b in zip("abcdef", "bcdefg", strict=True)
    )
    outcome = loslaten("run", "baseline", "--set", f"description={aliases}]")
    assert_refused(outcome, ["description expands to more than 100,000 values"])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "baseline", "--set", "=0.8"], ["--set '=0.8': expected KEY=VALUE"]),
        (
            ["compare", "baseline:levers.trust"],
            ["scenario 'baseline:levers.trust': expected NAME:KEY=VALUE[,KEY=VALUE...]"],
        ),
        (["compare", "baseline:levers.trust=2"], ["levers.trust: 2 is not allowed"]),
        (
            ["calibrate", "baseline", "--target", "burnout_rate"],
            ["--target 'burnout_rate': expected KPI=VALUE, e.g. burnout_rate=0.18"],
        ),
        (["sweep", "baseline", "--vary", "=0:1:2"], ["--vary '=0:1:2': expected KEY=START:STOP"]),
        (["explain", "baseline", "baseline", "--set", "levers"], ["--set 'levers': expected KEY"]),
    ],
)
def test_every_key_value_pair_is_refused_the_same_way(loslaten, args, expected):
    assert_refused(loslaten(*args), expected)


def test_an_internal_error_exits_1_without_traceback(loslaten, monkeypatch):
    from sim.cli import run as commands

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(commands, "run", broken)
    outcome = loslaten("run", "baseline")
    assert outcome.returncode == 1
    assert outcome.stderr == "loslaten: internal error: RuntimeError: disk on fire\n"
