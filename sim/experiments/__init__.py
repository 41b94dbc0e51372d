"""Experiments: replications, comparisons, sweeps, calibration, sensitivity and explanations.

All of them run on one runner (:mod:`sim.experiments.runner`) with any executor, simulate the
replications of each scenario as one batch whose seed is derived before it is submitted, and
return pandas frames.
"""

from sim.experiments.calibrate import CalibrationResult, calibrate
from sim.experiments.errors import ExperimentError
from sim.experiments.explain import explain
from sim.experiments.runner import compare, replicate, sweep
from sim.experiments.sensitivity import sensitivity

__all__ = [
    "CalibrationResult",
    "ExperimentError",
    "calibrate",
    "compare",
    "explain",
    "replicate",
    "sensitivity",
    "sweep",
]
