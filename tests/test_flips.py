"""Where a comparison flips: the tree on the members' coefficients, its sentence, the command."""

from __future__ import annotations

import argparse
import json

import numpy as np
import pytest
from conftest import small

import sim
from sim import texts
from sim.cli import flips as flips_cli
from sim.coefficients import listing
from sim.ensemble import Ensemble, load_ensemble
from sim.ensemble.flips import Condition, Flips, comparison_flips, sentence, where_it_flips
from sim.experiments.errors import ExperimentError

REVENUE = "coefficients.kpis.revenue_per_output"
SALARY = "coefficients.kpis.salary"
ENERGY = "coefficients.wellbeing.energy_baseline"
NAMES = (REVENUE, SALARY, ENERGY)


def ensemble(members: int, seed: int = 3) -> Ensemble:
    """Members spread uniformly over each coefficient's declared range."""
    priors = {
        n: (r["min"], r["max"]) for r in listing(small().coefficients) if (n := r["name"]) in NAMES
    }
    low, high = (np.array([priors[n][i] for n in NAMES]) for i in (0, 1))
    values = low + (high - low) * np.random.default_rng(seed).random((members, len(NAMES)))
    return Ensemble(NAMES, values, priors, method="test")


def meaning(name: str, lang: str) -> str:
    row = next(r for r in listing(small().coefficients) if r["name"] == name)
    return texts.coefficient_doc(name, row["doc"], lang)


def test_the_tree_finds_the_coefficient_and_threshold_where_the_sign_flips():
    plausible = ensemble(60)
    revenue = plausible.values[:, 0]
    threshold = float(np.quantile(revenue, 0.3))
    effects = revenue - threshold + 1e-9  # pays where revenue per output is above the threshold
    found = where_it_flips(plausible, effects, a="baseline", b="let_go", kpi="profit")
    assert found.flips and found.negative == pytest.approx(np.mean(effects < 0))
    assert [c.name for c in found.conditions] == [REVENUE]
    (condition,) = found.conditions
    assert not condition.above  # it stops paying *below* the threshold
    below, above = revenue[revenue < threshold].max(), revenue[revenue >= threshold].min()
    assert below <= condition.threshold <= above
    assert (condition.low, condition.high) == (revenue.min(), revenue.max())
    assert (condition.prior_low, condition.prior_high) == plausible.priors[REVENUE]
    assert found.density == 1.0 and found.coverage == 1.0 and found.accuracy == 1.0
    assert found.majority == pytest.approx(np.mean(effects > 0))
    assert list(found.importance) == [REVENUE]
    for lang in ("nl", "en"):
        said = sentence(found, lang)
        assert meaning(REVENUE, lang) in said
        assert texts.number(condition.threshold, lang, 2) in said
        assert texts.story_name("let_go", lang) in said and texts.kpi_name("profit", lang) in said
    assert "stops paying" in sentence(found, "en")
    assert "loont niet meer" in sentence(found, "nl")
    document = found.to_dict("en")
    assert document["conditions"][0]["name"] == REVENUE and document["flips"] is True
    assert document["sentence"] == sentence(found, "en")


def test_two_conditions_when_the_flip_needs_both():
    plausible = ensemble(80)
    revenue, salary = plausible.values[:, 0], plausible.values[:, 1]
    cut_r, cut_s = np.median(revenue), np.median(salary)
    worse = (revenue < cut_r) & (salary > cut_s)  # a corner of the plane
    effects = np.where(worse, -1.0, 1.0) * (1 + plausible.values[:, 2] ** 2)
    found = where_it_flips(plausible, effects, kpi="profit")
    assert {c.name for c in found.conditions} == {REVENUE, SALARY}
    assert found.density == 1.0 and found.coverage == 1.0
    said = sentence(found, "en")
    assert meaning(REVENUE, "en") in said and meaning(SALARY, "en") in said and " and " in said


def test_an_answer_that_never_flips_says_so_plainly():
    plausible = ensemble(5)
    found = where_it_flips(plausible, [0.1, 0.2, 0.05, 0.3, 0.2], a="baseline", b="let_go")
    assert not found.flips and not found.conditions and found.positive == 1.0
    assert "never flips" in sentence(found, "en")
    assert "slaat bij geen van hen om" in sentence(found, "nl")
    nothing = where_it_flips(plausible, np.zeros(5), kpi="trust")
    assert not nothing.flips and "does not change" in sentence(nothing, "en")


def test_a_rule_no_better_than_guessing_on_unseen_models_is_only_a_hunch():
    rule = Condition(REVENUE, False, 1.6, 1.3, 2.9, 1.2, 3.0)
    common = {"a": "baseline", "b": "let_go", "kpi": "profit", "members": 40, "positive": 0.6,
              "negative": 0.4, "median": 0.01, "low": -0.1, "high": 0.1, "conditions": [rule],
              "inside": 12, "density": 0.9, "coverage": 0.7, "accuracy": 0.9,
              "majority": 0.6}  # fmt: skip
    hunch = sentence(Flips(**common, cv_accuracy=0.55), "en")
    assert "no coefficient decides" in hunch and "a hunch, not a finding" in hunch
    assert "in 55%" in hunch and meaning(REVENUE, "en") in hunch and "it stops paying" in hunch
    assert "een vermoeden" in sentence(Flips(**common, cv_accuracy=0.55), "nl")
    finding = sentence(Flips(**common, cv_accuracy=0.8), "en")
    assert "hunch" not in finding and "It stops paying" in finding
    assert "80% of the models it was not fitted to (cross-validated)" in finding


def test_too_few_members_to_split_say_no_coefficient_decides():
    found = where_it_flips(ensemble(3), [1.0, -1.0, 2.0], kpi="profit")
    assert found.flips and not found.conditions and found.inside == 3
    assert "no coefficient decides" in sentence(found, "en")


def test_no_coefficient_decides_when_the_members_do_not_differ():
    same = Ensemble(NAMES, np.ones((6, 3)), {n: (0.0, 2.0) for n in NAMES})
    found = where_it_flips(same, [1, -1, 1, 1, -1, 1], kpi="burnout_rate")
    assert found.flips and not found.conditions
    assert "no coefficient decides" in sentence(found, "en")
    assert "geen coëfficiënt" in sentence(found, "nl")


@pytest.mark.parametrize("effects", [[1.0], [1.0] * 7, [1.0, np.nan, 2.0]])
def test_effects_must_be_one_finite_number_per_member(effects):
    with pytest.raises(ExperimentError, match="one finite effect for each of 2 to 6 members"):
        where_it_flips(ensemble(6), effects)


def test_a_comparisons_flips_read_the_members_differences():
    plausible = ensemble(3)
    a = small(employees=24, weeks=10)
    b = a.with_overrides(**{"levers.trust": 0.9, "name": "trusting"})
    found = comparison_flips(a, b, "engagement_rate", ensemble=plausible, reps=2)
    frame = sim.compare([a, b], reps=2, ensemble=plausible)
    members = frame.attrs["members"]
    effects = members[(members.scenario == "trusting") & (members.kpi == "engagement_rate")]
    diffs = effects.sort_values("member")["diff"].to_numpy()
    assert (found.a, found.b, found.members) == ("baseline", "trusting", 3)
    assert found.positive == pytest.approx(np.mean(diffs > 0))
    assert found.median == pytest.approx(np.median(diffs))
    with pytest.raises(ExperimentError, match="unknown KPI"):
        comparison_flips(a, b, "happiness", ensemble=plausible)


def test_the_command_prints_the_sentence_or_one_json_document(tmp_path, capsys):
    parser = argparse.ArgumentParser(prog="loslaten ensemble")
    flips_cli.register(parser.add_subparsers())
    path = ensemble(2).save(tmp_path / "e.json")
    common = ["baseline", "baseline:levers.trust=0.9", "--kpi", "trust",
              "--ensemble-file", str(path), "--reps", "2", "--executor", "serial",
              "--set", "organisation.employees=24", "--set", "run.weeks=10",
              "--set", "run.measure_weeks=5"]  # fmt: skip
    args = parser.parse_args(["flips", *common, "--json", "--lang", "nl"])
    assert args.handler(args) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["members"] == 2 and document["kpi"] == "trust" and document["reps"] == 2
    assert document["b"] == "baseline:levers.trust=0.9"
    assert "aannemelijke modellen" in document["sentence"]
    args = parser.parse_args(["flips", *common])
    assert args.handler(args) == 0
    assert "plausible models" in capsys.readouterr().out
    assert document["ensemble"]["members"] == 2 and document["ensemble"]["file"] == "e.json"
    one = parser.parse_args(["flips", *common, "--ensemble", "1"])
    assert len(flips_cli.plausible(one)) == 1
    default = parser.parse_args(["flips", "baseline", "let_go", "--kpi", "trust"])
    assert len(flips_cli.plausible(default)) == min(flips_cli.MEMBERS, len(load_ensemble()))
