"""The stylised facts (``sim.patterns``, ``loslaten patterns``): every one is met, each its own
test on one report computed once, and a pattern that is not met says so."""

import contextlib
import io
import json

import pytest

from sim import cli
from sim.claims import CLAIMS
from sim.patterns import BASE, GROUPS, PATTERNS, UNITS, Pattern, evaluate

KEYS = {"name", "claim", "source", "target", "value", "ci95", "low", "high", "met"}


def test_there_are_enough_patterns_each_citing_a_claim_and_a_source():
    assert len(PATTERNS) >= 15
    assert len({p.name for p in PATTERNS}) == len(PATTERNS)
    for p in PATTERNS:
        assert p.claim in CLAIMS and p.source and p.target, p.name
        assert p.low <= p.high, p.name
    # including where the book's argument fails
    names = " ".join(p.name for p in PATTERNS)
    assert "control pays" in names and "central decisions win" in names
    assert "freedom without vision" in names


def test_every_pattern_is_in_a_group_and_every_group_has_patterns():
    assert {p.group for p in PATTERNS} == set(GROUPS)
    groups = [p.group for p in PATTERNS]
    assert groups == sorted(groups, key=GROUPS.index)  # listed group by group, in order
    assert {p.unit for p in PATTERNS} <= set(UNITS)


IMPOSSIBLE = Pattern(
    name="burnout above 90%",
    claim="C15",
    source="none",
    target="> 0.9",
    low=0.9,
    high=1.0,
    specs=(BASE,),
    measure=lambda r: r.kpi(BASE, "burnout_rate"),
)


def test_a_pattern_out_of_range_is_reported_as_not_met():
    frame = evaluate([IMPOSSIBLE], reps=2)
    row = frame.iloc[0]
    assert not row.met and row.value < 0.9
    assert row.ci_low <= row.value <= row.ci_high


@pytest.mark.parametrize("as_json", [False, True])
def test_the_command_reports_every_pattern_and_exits_1_when_one_is_not_met(
    loslaten, monkeypatch, as_json
):
    import sim.patterns

    monkeypatch.setattr(
        sim.patterns, "evaluate", lambda **kw: evaluate([IMPOSSIBLE, PATTERNS[0]], reps=2)
    )
    done = loslaten("patterns", "--reps", "2", "--executor", "serial", *(["--json"] * as_json))
    assert done.returncode == 1, done.stderr
    if as_json:
        document = json.loads(done.stdout)
        assert [p["met"] for p in document["patterns"]] == [False, True]
        assert document["met"] == 1
    else:
        assert "NOT MET" in done.stdout and "1 of 2 patterns met" in done.stdout


@pytest.fixture(scope="module")
def report() -> tuple[int, dict]:
    """``loslaten patterns --json --reps 10``, run once for the tests below: its exit status and
    its document."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli.main(["patterns", "--json", "--reps", "10"])
    return status, json.loads(out.getvalue())


@pytest.mark.slow
def test_the_report_holds_every_pattern_and_the_command_exits_0(report):
    status, document = report
    assert document["reps"] == 10 and len(document["patterns"]) == len(PATTERNS)
    assert all(set(p) == KEYS for p in document["patterns"])
    assert [p["name"] for p in document["patterns"]] == [p.name for p in PATTERNS]
    assert document["met"] == len(PATTERNS) and status == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in PATTERNS])
def test_pattern_is_met(report, name):
    (found,) = [p for p in report[1]["patterns"] if p["name"] == name]
    assert found["met"], f"{found['value']:.4f} not in [{found['low']}, {found['high']}]"
