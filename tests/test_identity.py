"""The result guard (``benchmarks.identity``) in the suite: every recorded case gives today the
results recorded, within the stated relative tolerance, so an unintended change of results fails
here on any machine; a change beyond the tolerance is reported, a last-bit one is not."""

import json
import math

import pytest

from benchmarks import identity
from benchmarks.identity import CASES, RECORD, RTOL, compare, fingerprint

RECORDED = json.loads(RECORD.read_text())


def test_every_case_is_recorded():
    assert set(RECORDED) == set(CASES), "run `python -m benchmarks.identity record`"


@pytest.mark.parametrize("name", CASES)
def test_results_are_those_recorded(name):
    result = compare(RECORDED[name], fingerprint(*CASES[name]))
    assert result.same, (
        f"{name}: results changed (largest relative difference {result.largest:.1e} in "
        f"{result.where}; tolerance {RTOL:g}): {result.beyond}. If on purpose, run "
        "`python -m benchmarks.identity record` and say so in the commit."
    )


def nudged(figure: float, relative: float) -> float:
    return figure * (1 + relative)


def test_a_last_bit_is_within_tolerance_and_a_change_is_not():
    want = RECORDED["baseline-200x260-seed1"]
    last_bit = json.loads(json.dumps(want))
    last_bit["kpis"]["trust"] = math.nextafter(want["kpis"]["trust"], 1.0)
    result = compare(want, last_bit)
    assert result.same and not result.identical and 0 < result.largest < 1e-15
    assert result.where == "kpi trust"

    changed = json.loads(json.dumps(want))
    changed["series"]["burnout_rate"][1] = nudged(want["series"]["burnout_rate"][1], 1e-9)
    result = compare(want, changed)
    assert not result.same and list(result.beyond) == ["series burnout_rate trend"]
    assert result.largest == pytest.approx(1e-9, rel=1e-3)


def test_another_seed_is_different_and_a_missing_kpi_is_named():
    name = "baseline-200x260-seed1"
    overrides, seed = CASES[name]
    result = compare(RECORDED[name], fingerprint(overrides, seed + 1))
    assert not result.same and "kpi burnout_rate" in result.beyond
    without = json.loads(json.dumps(RECORDED[name]))
    del without["kpis"]["trust"]
    assert "kpi trust (only recorded)" in compare(RECORDED[name], without).beyond


def test_check_says_different_and_fails_against_a_changed_record(tmp_path, capsys, monkeypatch):
    two = ["baseline-200x260-seed1", "odd-teams-ablation-interventions-203x156-seed3"]
    monkeypatch.setattr(identity, "CASES", {name: CASES[name] for name in two})
    # recorded here and now: on another processor the file's record may differ in a last bit
    changed = {name: fingerprint(*CASES[name]) for name in two}
    case = changed[two[1]]
    case["kpis"]["burnout_rate"] = nudged(case["kpis"]["burnout_rate"], 1e-6)
    record = tmp_path / "identity.json"
    record.write_text(json.dumps(changed))
    assert identity.main(["check", "--file", str(record)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"identical         {two[0]}  (largest relative difference 0.0e+00)")
    assert out[1].startswith(f"DIFFERENT         {two[1]}  (largest relative difference 1.0e-06")
    assert out[2].startswith("    kpi burnout_rate: ")
    assert out[-1] == f"largest relative difference 1.0e-06; tolerance {RTOL:g}"
