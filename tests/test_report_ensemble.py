"""The client report and the command line over plausible models: both intervals, the verdict in
words, how sure the summary is, the two kinds of uncertainty in the appendix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import small
from test_report import sentences, visible

import sim
from sim import report, texts
from sim.ensemble import Ensemble, load_ensemble
from sim.experiments.explain import MECHANISMS

TINY = {"organisation.employees": 24, "run.weeks": 12, "run.measure_weeks": 10}
SETS = [arg for key, value in TINY.items() for arg in ("--set", f"{key}={value}")]


@pytest.fixture(scope="module")
def two_file(tmp_path_factory) -> Path:
    """Two members of the shipped ensemble, said to be held against two patterns, as a file."""
    shipped = load_ensemble()
    targets = [{"name": "burnout complaints"}, {"name": "engaged"}]
    path = tmp_path_factory.mktemp("ensemble") / "two.json"
    return Ensemble(shipped.names, shipped.values[:2], shipped.priors, targets, "test").save(path)


@pytest.fixture(scope="module")
def two(two_file) -> Ensemble:
    return load_ensemble(two_file)


@pytest.fixture(scope="module")
def found(two) -> report.Findings:
    base = sim.load_scenario("baseline", **TINY)
    variants = [
        report.named_in(s, "nl") for s in (base, base.with_overrides(**{"levers.trust": 0.9}))
    ]
    return report.findings(
        variants, reps=2, why=False, kpis=["burnout_rate", "profit"], ensemble=two
    )


def test_the_report_gives_every_difference_both_intervals_and_a_verdict(found, two):
    assert found.models is two and (found.summary.models_n.dropna() == 2).all()
    table = report.difference_table(found, ["burnout_rate", "profit"], "nl")
    assert list(table.columns[-3:]) == ["marge (95%)", "plausibele modellen (80%)", "hoe zeker"]
    words = {texts.text(f"verdict.word.{v}", "nl") for v in ("robust", "likely", "uncertain",
                                                             "contested")}  # fmt: skip
    for cell in table["hoe zeker"]:
        verdict, agree = re.fullmatch(r"(\w+): (\d) van 2", cell).groups()
        assert verdict in words and int(agree) >= 1
    band = table["plausibele modellen (80%)"]
    assert all(re.fullmatch(r"[−+]?\d+,\d+ … [−+]?\d+,\d+", cell) for cell in band)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_summary_says_how_sure_and_the_appendix_the_two_kinds(found, lang):
    page = report.render(found, lang=lang, kpis=["burnout_rate", "profit"])
    assert page.count("<svg") == 3  # the means, the series and the differences with both bands
    text = visible(page)
    assert texts.text("board.models.title", lang, ref=next(iter(found.variants))) in text
    summary = visible(re.search(r"<p class='summary'>(.*?)</p>", page)[1])
    sure = texts.text("board.models.sure", lang).capitalize()
    assert any(s.startswith(f"{sure}:") and "2" in s for s in sentences(summary))
    appendix = text[text.index(texts.text("board.appendix_title", lang)) :]
    for key in ("dice_words", "verdicts"):
        assert texts.text(f"board.models.{key}", lang) in appendix
    held = "burn-outklachten" if lang == "nl" else "burnout complaints"
    assert held in appendix and ("plausibele" if lang == "nl" else "plausible") in appendix
    assert not re.search(r"\d[.,]\d{5,}", text)  # no long fractions
    if lang == "en":
        assert "Hoe" not in text and "robuust" not in text


def test_compare_command_json_and_table_over_an_ensemble_file(two_file, loslaten):
    args = ["compare", "baseline", "baseline:levers.trust=0.9", *SETS, "--reps", "2"]
    # --ensemble-file without --ensemble: as many members as there are, up to the default
    args += ["--executor", "serial", "--ensemble-file", str(two_file)]
    done = loslaten(*args, "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["ensemble"]["members"] == 2 and document["ensemble"]["file"] == two_file.name
    first, second = (s["diff"] for s in document["scenarios"])
    assert all(d["models"] is None and d["verdict"] is None for d in first.values())
    for kpi, d in second.items():
        assert set(d["models"]) == {"n", "low", "high", "holds"} and d["models"]["n"] == 2, kpi
        assert d["verdict"] in {"robust", "likely", "uncertain", "contested"}, kpi
    table = loslaten(*args, "--kpi", "profit")
    assert table.returncode == 0, table.stderr
    assert "models 80%" in table.stdout and second["profit"]["verdict"] in table.stdout
    assert texts.text("verdict.contested", "en") in table.stdout  # the verdicts explained
    refused = loslaten(*args, "--ensemble", "3")
    assert refused.returncode == 2 and "from 1 to 2" in refused.stderr
    refused = loslaten("compare", "--ensemble", "baseline", "baseline")
    assert refused.returncode == 2 and "not a number of plausible models" in refused.stderr


@pytest.mark.slow
def test_explain_command_gives_each_channel_its_models_band(two, two_file, loslaten):
    done = loslaten(
        "explain", "baseline", "baseline:levers.trust=0.9", *SETS, "--set", "run.warmup_weeks=0",
        "--reps", "1", "--executor", "serial", "--ensemble-file", str(two_file), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    parts = json.loads(done.stdout)["kpis"]["profit"]
    assert set(parts) == {*MECHANISMS, "remainder", "total"}
    for part in parts.values():
        assert part["models"]["n"] == 2 and part["models"]["low"] <= part["models"]["high"]
    members = sim.explain(
        small(24, 12, **{"run.warmup_weeks": 0}),
        small(24, 12, **{"run.warmup_weeks": 0, "levers.trust": 0.9}),
        reps=1,
        ensemble=two,
    ).attrs["members"]
    profit = members[(members.kpi == "profit") & (members.part == "total")]
    assert np.percentile(profit.contribution, 10) == pytest.approx(parts["total"]["models"]["low"])
