"""The chart of what the evidence constrains (sim.ensemble.figure): rows sorted by how much the
plausible models narrow each prior, and a static SVG that is the same for the same ensemble."""

from __future__ import annotations

import numpy as np

from sim import texts
from sim.ensemble import Ensemble
from sim.ensemble.figure import (
    constrained_svg,
    label,
    method,
    narrowing,
    summary,
    write_constrained,
)


def tiny() -> Ensemble:
    """Three coefficients: one kept whole, one halved, one narrowed to a tenth."""
    names = ("coefficients.a.wide", "coefficients.b.half", "coefficients.c.narrow")
    values = np.array([[0.0, 2.0, 5.0], [1.0, 3.0, 5.5], [0.5, 2.5, 5.2]])
    priors = {names[0]: (0.0, 1.0), names[1]: (2.0, 4.0), names[2]: (0.0, 5.0)}
    return Ensemble(names, values, priors, [{"name": "engaged"}], "history matching")


def test_rows_are_sorted_by_how_much_the_evidence_narrows_them():
    rows = narrowing(tiny())
    assert [label(r["name"]) for r in rows] == ["c.narrow", "b.half", "a.wide"]
    assert [round(r["narrowed"], 6) for r in rows] == [0.9, 0.5, 0.0]
    c = rows[0]
    assert (c["low_share"], c["high_share"]) == (1.0, 1.1)  # 5.0 … 5.5 of 0 … 5
    assert (c["low"], c["high"], c["prior_low"], c["prior_high"]) == (5.0, 5.5, 0.0, 5.0)


def test_the_svg_names_every_coefficient_in_its_language_and_repeats_itself(tmp_path):
    ensemble = tiny()
    drawn = constrained_svg(ensemble, "nl")
    assert drawn.startswith("<svg") and drawn == constrained_svg(ensemble, "nl")
    for name in ensemble.names:
        assert label(name) in drawn
    assert texts.text("ensemble.figure.title", "nl", members=3) in drawn
    assert "90%" in drawn and "50%" in drawn
    assert texts.text("ensemble.figure.kept", "en") in constrained_svg(ensemble, "en")
    path = write_constrained(tmp_path / "docs" / "kept.svg", ensemble)
    assert path.read_text().startswith("<?xml") and "</svg>" in path.read_text()


def test_the_ensemble_in_words():
    said = summary(tiny(), "en")
    assert "3 plausible models" in said and "3 coefficients" in said and "1 targets" in said
    assert "history matching" in method(tiny(), "nl")
