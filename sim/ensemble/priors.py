"""What an ensemble varies: the priors, each coefficient over its own declared range.

Not all 207 coefficients: an emulator learns a few dozen dimensions from a few hundred runs, and
most coefficients barely move a headline figure. The ensemble varies

* every coefficient ``make calibrate`` fits (the well-being intercepts, the effort gain, the
  absence and turnover hazards): the calibration figures constrain them;
* the :data:`TOP` assumed coefficients that move burnout, engagement, productivity or profit most,
  by the Morris screen of every coefficient over its range (``screen.json``, made by
  ``scripts/robustness.py``);
* :data:`ALSO`: assumed coefficients of channels added after that screen.

Every other coefficient keeps its value in every member. A range is never narrowed here: it says
what is plausible, with its reason in the coefficient's own doc (``loslaten coefficients``).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from sim.coefficients import listing
from sim.scenario import Scenario, load_scenario

TOP = 30
"""Assumed coefficients varied, by their rank in the Morris screen."""
ALSO = (
    "coefficients.demands.enabling",
    "coefficients.demands.rules_fit_scale",
    "coefficients.wellbeing.resource_boost",
    "coefficients.wellbeing.typical_stretch",
    "coefficients.workforce.displeasure_absence",
    "coefficients.workforce.absence_culture",
    "coefficients.workforce.norm_weeks",
    "coefficients.workforce.embedded_turnover",
    "coefficients.workforce.embedding_weeks",
    "coefficients.consequences.concertive",
    "coefficients.manager_time.span_thinning",
)
"""Assumed coefficients of channels added or widened after the screen (issue 20: green tape, the
boost of resources under demands, attendance, absence culture, taking root, peers' own norms, and
attention per report, which now thins the trust a manager shows too)."""
SCREEN = Path(__file__).with_name("screen.json")


def priors(scenario: Scenario | None = None) -> dict[str, tuple[float, float]]:
    """The varied coefficients and their declared ranges (``{name: (low, high)}``), in a fixed
    order: fitted first, then the screened assumed ones by rank, then :data:`ALSO`."""
    rows = listing((scenario or load_scenario("baseline")).coefficients)
    ranged = {
        row["name"]: row
        for row in rows
        if isinstance(row["value"], float) and row["max"] is not None and row["max"] > row["min"]
    }
    fitted = [name for name, row in ranged.items() if row["provenance"] == "fitted"]
    ranking = [r["name"] for r in json.loads(SCREEN.read_text())]
    assumed = [n for n in ranking if n in ranged and ranged[n]["provenance"] == "assumed"]
    chosen = fitted + [n for n in assumed[:TOP] if n not in fitted]
    chosen += [n for n in ALSO if n not in chosen]
    return {n: (float(ranged[n]["min"]), float(ranged[n]["max"])) for n in chosen}


class Scale:
    """The priors as a unit cube: log scale where a range spans more than a factor ten (hazards,
    scale parameters), linear elsewhere."""

    def __init__(self, priors: dict[str, tuple[float, float]]) -> None:
        self.names = tuple(priors)
        bounds = np.array([priors[n] for n in self.names], dtype=float)
        self.low, self.high = bounds[:, 0], bounds[:, 1]
        self.log = (self.low > 0) & (self.high >= 10 * self.low)

    def _ends(self) -> tuple[np.ndarray, np.ndarray]:
        lo = np.where(self.log, np.log(np.where(self.log, self.low, 1)), self.low)
        hi = np.where(self.log, np.log(np.where(self.log, self.high, 1)), self.high)
        return lo, hi

    def unit(self, values: np.ndarray) -> np.ndarray:
        """Where ``values`` lie in the cube (the inverse of :meth:`values`)."""
        lo, hi = self._ends()
        x = np.clip(values, self.low, self.high)
        x = np.where(self.log, np.log(np.where(self.log, np.maximum(x, 1e-300), 1)), x)
        return (x - lo) / (hi - lo)

    def values(self, unit: np.ndarray) -> np.ndarray:
        lo, hi = self._ends()
        x = lo + np.clip(unit, 0, 1) * (hi - lo)
        return np.clip(np.where(self.log, np.exp(x), x), self.low, self.high)
