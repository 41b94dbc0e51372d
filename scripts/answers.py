"""Compute the answers the dashboard ships (dashboards/answers/*.json): the phase diagram as it
opens and the patterns at the model page's default replications, each stamped with the inputs
and the version of the code (``answers.code_version``). The dashboard uses them only while the
stamp matches; run this after changing the model (``make answers``).

    .venv/bin/python scripts/answers.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "dashboards"))

import sim  # noqa: E402

import answers  # noqa: E402
import facts  # noqa: E402


def main() -> None:
    scenario_json = sim.load_scenario(answers.PHASE_DEFAULTS["story"]).model_dump_json()
    asked = {k: answers.PHASE_DEFAULTS[k] for k in ("points", "reps", "seed")}
    start = time.perf_counter()
    runs = answers.simulate_phase(scenario_json, **asked)
    inputs = answers.phase_inputs(scenario_json, **asked)
    print(answers.ship("phase", inputs, runs), f"{time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    frame = facts.measure(**answers.PATTERNS_DEFAULTS)
    print(answers.ship("patterns", answers.PATTERNS_DEFAULTS, frame), end=" ")
    print(f"{time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
