"""Every number that shapes the model is a named coefficient with a range, unit and provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import small
from literals import bare_numbers, model_code

import sim
from sim.coefficients import PROVENANCES, listing
from sim.scenario import RECORDS, ScenarioError

ROOT = Path(__file__).resolve().parents[1]
MODEL_CODE = model_code(ROOT)


@pytest.mark.parametrize("path", MODEL_CODE, ids=lambda p: p.name)
def test_no_bare_numbers_in_the_model(path):
    found = bare_numbers(path)
    assert not found, f"{path.name}: name these as coefficients (line, value): {found}"


def test_the_literal_finder_finds_literals(tmp_path):
    code = tmp_path / "m.py"
    code.write_text("x = coefficient(0.3, 0.1, 0.5, 'u', 'd')\ny = 0.7 * x + 1 - 1e-9\n")
    assert bare_numbers(code) == [(2, 0.7)]


def test_every_coefficient_has_a_range_unit_meaning_and_honest_provenance():
    rows = listing(sim.Scenario().coefficients)
    assert len(rows) > 100
    assert {r["mechanism"] for r in rows} == set(RECORDS)
    for r in rows:
        assert r["min"] <= r["value"] <= r["max"], r["name"]
        assert r["unit"] and r["doc"], r["name"]
        assert r["provenance"] in PROVENANCES, r["name"]
        assert r["provenance"] == "assumed" or r["source"], f"{r['name']} needs its source"


def test_a_coefficient_is_a_scenario_field_that_changes_results():
    base = sim.run(small(), seed=1).kpis
    changed = sim.run(small(**{"coefficients.wellbeing.pleasure_baseline": 0.2}), seed=1).kpis
    assert changed["burnout_rate"] > base["burnout_rate"]


def test_an_out_of_range_coefficient_is_refused_naming_field_and_range():
    with pytest.raises(ScenarioError) as err:
        sim.load_scenario("baseline", **{"coefficients.trust.catch": 1.5})
    assert "coefficients.trust.catch: 1.5 is not allowed; must be between 0.5 and 0.95" in str(
        err.value
    )


def test_the_old_dynamics_names_still_work():
    old = sim.load_scenario("baseline", **{"dynamics.crossover_rate": 0.1})
    assert old.coefficients.crossover.rate == 0.1
    from_file = sim.load_scenario({"dynamics": {"energy_baseline": 0.05}})
    assert from_file.coefficients.wellbeing.energy_baseline == 0.05


def test_the_generated_tables_of_the_documentation_are_fresh_and_complete():
    """The coefficient tables of docs/model.md and the fields table of docs/user-guide.md."""
    import re
    import runpy

    document = runpy.run_path(str(ROOT / "scripts" / "document.py"))
    assert document["main"](["--check"]) == 0, "run `make docs`"
    text = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    tabled = set(re.findall(r"<!-- coefficients: (\w+) -->", text))
    assert tabled == set(RECORDS), (
        f"records without a table in docs/model.md: {set(RECORDS) - tabled}"
    )


# --- through the command line -------------------------------------------------------------------


def test_coefficients_command_lists_every_coefficient_with_its_provenance(loslaten):
    done = loslaten("coefficients", "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    rows = document["coefficients"]
    assert rows == json.loads(json.dumps(listing(sim.Scenario().coefficients)))
    keys = {"name", "value", "min", "max", "unit", "provenance", "source", "mechanism", "doc"}
    assert all(set(row) == keys for row in rows)
    assert sum(document["provenance"].values()) == len(rows)
    text = loslaten("coefficients", "--provenance", "fitted").stdout
    assert "coefficients.wellbeing.energy_baseline" in text and "; assumed" not in text


def test_a_coefficient_set_on_the_command_line_changes_a_kpi(loslaten):
    small = ["--set", "organisation.employees=40", "--weeks", "30", "--json"]
    base = json.loads(loslaten("run", "baseline", *small).stdout)["kpis"]
    key = "coefficients.wellbeing.pleasure_baseline=0.2"
    changed = json.loads(loslaten("run", "baseline", *small, "--set", key).stdout)["kpis"]
    assert changed["burnout_rate"] > base["burnout_rate"]


def test_an_out_of_range_coefficient_exits_2_naming_field_and_range(loslaten):
    done = loslaten("run", "baseline", "--set", "coefficients.crossover.rate=0.9")
    assert done.returncode == 2
    assert (
        "coefficients.crossover.rate: 0.9 is not allowed; must be between 0 and 0.3" in done.stderr
    )
    assert "Traceback" not in done.stderr
    unknown = loslaten("coefficients", "--mechanism", "moods")
    assert unknown.returncode == 2 and "not a mechanism" in unknown.stderr


def test_any_coefficients_within_their_ranges_make_a_valid_model():
    """Ranges are joint: every draw within them runs, with quadrant shares summing to 1."""
    import numpy as np

    rows = [r for r in listing(sim.Scenario().coefficients) if r["max"] > r["min"]]
    rng = np.random.default_rng(7)
    for _ in range(12):
        draw = {
            r["name"]: (int if isinstance(r["value"], int) else float)(
                rng.uniform(r["min"], r["max"])
            )
            for r in rows
        }
        kpis = sim.run(small(**draw), seed=1).kpis
        shares = sum(kpis[q] for q in ("burnout_rate", "engagement_rate", "workaholism_rate",
                                       "satisfaction_rate"))  # fmt: skip
        assert shares == pytest.approx(1.0)
        assert np.isfinite(kpis["productivity"]) and kpis["productivity"] >= 0
