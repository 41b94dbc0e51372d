"""The stylised facts (``sim.patterns``, ``loslaten patterns``): every one says what kind of
evidence it is; every one but the known gaps is met, each its own test on one report computed
once; a gap stays unmet until it is made a validation pattern; a pattern not met says so."""

import contextlib
import io
import json

import pytest

from sim import cli
from sim.claims import CLAIMS
from sim.patterns import BASE, GROUPS, KINDS, PATTERNS, UNITS, Pattern, evaluate

KEYS = {"name", "claim", "source", "target", "value", "ci95", "low", "high", "met", "kind"}


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
    kind="validation",
    claim="C15",
    source="none",
    target="> 0.9",
    low=0.9,
    high=1.0,
    specs=(BASE,),
    measure=lambda r: r.kpi(BASE, "burnout_rate"),
)


def test_every_kind_of_evidence_is_there_and_a_pattern_must_say_which_it_is():
    assert {p.kind for p in PATTERNS} == set(KINDS)
    # the honest counts: validation is the evidence, and it must not be the smallest share
    validation = [p for p in PATTERNS if p.kind == "validation"]
    assert len(validation) >= 10
    with pytest.raises(ValueError, match="kind 'proof' is not one of calibration, validation"):
        Pattern(**{**IMPOSSIBLE.__dict__, "kind": "proof"})


KNOWN_GAP = Pattern(**{**IMPOSSIBLE.__dict__, "name": "a known gap", "kind": "gap"})
ANY_SHARE = Pattern(
    **{**IMPOSSIBLE.__dict__, "name": "a share", "kind": "implementation", "low": 0.0, "high": 1.0}
)


def test_a_known_gap_is_shown_but_does_not_fail_the_command(loslaten, monkeypatch):
    import sim.patterns

    monkeypatch.setattr(
        sim.patterns, "evaluate", lambda **kw: evaluate([KNOWN_GAP, ANY_SHARE], reps=2)
    )
    done = loslaten("patterns", "--reps", "2", "--executor", "serial")
    assert done.returncode == 0, done.stderr
    assert "known gap" in done.stdout and "gap: 0 of 1 met" in done.stdout
    document = json.loads(loslaten("patterns", "--reps", "2", "--json").stdout)
    assert document["kinds"]["gap"] == {"patterns": 1, "met": 0}
    assert [p["kind"] for p in document["patterns"]] == ["gap", "implementation"]


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
    kinds = document["kinds"]
    assert sum(k["met"] for k in kinds.values()) == document["met"]
    assert status == 0


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in PATTERNS])
def test_pattern_is_met_or_is_a_known_gap(report, name):
    (found,) = [p for p in report[1]["patterns"] if p["name"] == name]
    shown = f"{found['value']:.4f} against [{found['low']}, {found['high']}]"
    if found["kind"] == "gap":
        assert not found["met"], f"a gap is met ({shown}): make it a validation pattern"
    else:
        assert found["met"], f"{shown}: not met"
