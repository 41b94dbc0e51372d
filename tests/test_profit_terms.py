"""``scripts/profit_terms.py``: profit's terms, rebuilt from the weekly series, add up to the
profit the model reports, so the term-by-term account of a difference (docs/model.md §4) is the
model's own arithmetic."""

from __future__ import annotations

import pytest

from scripts import profit_terms
from sim import patterns
from sim.experiments.batches import common_batch
from sim.experiments.execute import run_batches


def test_the_terms_add_up_to_the_reported_profit():
    pair = (patterns.NO_LET_GO, patterns.LET_GO)
    labels = {which: i for i, which in enumerate(pair)}
    batches = [
        common_batch(patterns.scenario_of(which), 2, 5, {"model": 0, "variant": i})
        for which, i in labels.items()
    ]
    runs = patterns.Runs(*run_batches(batches, {"kind": "test"}, series=True), labels)
    for which in pair:
        found = profit_terms.terms(runs, which, slice(156, 208))
        assert sum(found["terms"].values()) == pytest.approx(found["profit"], 1e-9)
        assert found["multiplier"] > 1  # revenue pays the salaries: profit is less than revenue
        assert found["terms"]["monitoring"] < 0 and found["terms"]["absence"] < 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["--weeks", "5"], "--weeks: '5' is not allowed; give FIRST:LAST within 1:260"),
        (["--weeks", "200:300"], "within 1:260"),
        (["--against", "nosuch", "baseline"], "'nosuch' is neither a file nor a built-in"),
        (["--reps", "0"], "reps 0 is not allowed"),
    ],
)
def test_bad_arguments_are_refused_naming_what_is_allowed(args, words, capsys):
    with pytest.raises(SystemExit) as exit_:
        profit_terms.main(args)
    assert exit_.value.code == 2
    assert words in capsys.readouterr().err
