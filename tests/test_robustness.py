"""``scripts/robustness.py --conditions``: letting go measured in the organisations where a claim
says trust should not win (docs/model.md §12, "Where letting go fails")."""

from __future__ import annotations

import pytest

from scripts import robustness
from sim.ensemble import load_ensemble

SAME_BUT = {"name", "description", "interventions"}


def _but_letting_go(scenario) -> dict:
    """Every field of ``scenario`` but its name, description and interventions."""
    return {k: v for k, v in scenario.model_dump().items() if k not in SAME_BUT}


@pytest.mark.parametrize("name", robustness.CONDITIONS)
def test_each_pair_differs_only_in_letting_go_and_carries_its_organisation(name):
    condition = robustness.CONDITIONS[name]
    without, story = robustness.let_go_pair(condition)
    assert all(key.startswith("environment.") for iv in without.interventions for key in iv.set), (
        "the counterfactual keeps the story's events and nothing else"
    )
    assert any(
        key.startswith(("levers.", "managers.")) for iv in story.interventions for key in iv.set
    ), "the story lets go"
    assert _but_letting_go(without) == _but_letting_go(story)
    for field, value in condition.items():
        if field != "story":
            section, key = field.split(".")
            assert getattr(getattr(story, section), key) == pytest.approx(value)


def test_in_a_stable_interdependent_organisation_letting_go_costs_output_but_engages():
    """The finding of model.md §12 in two members: output falls (there by 0.04–0.07), and yet
    more people are engaged and fewer burnt out."""
    stable = {"stable": robustness.CONDITIONS["stable and interdependent"]}
    report = robustness.let_go_conditions(load_ensemble().first(2), 1, 1, "serial", stable)
    assert report["shares"]["stable"] == {
        "productivity": 0.0,
        "profit": 0.0,
        "engagement_rate": 1.0,
        "burnout_rate": 1.0,
    }
    effect = report["effects"]["stable"]["productivity"]
    assert effect["low"] <= effect["median"] <= effect["high"] < 0
    assert report["flips"]["stable"]["productivity"]["members"] == 2
    assert report["method"]["members"] == 2


def test_conditions_without_an_ensemble_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        robustness.main(["--conditions"])
    assert exit_.value.code == 2
    assert "--conditions measures over an ensemble: give --ensemble" in capsys.readouterr().err
