"""Experiments: replications, comparisons, sweeps, calibration, sensitivity and explanations.

Each simulates the replications of a scenario as one batch whose seed is derived before it is
submitted (:mod:`~sim.experiments.batches`), computes the batches on any executor
(:mod:`~sim.experiments.execute`, :mod:`~sim.experiments.executors`) and returns pandas frames.
"""

from sim.experiments.calibrate import CalibrationResult, calibrate
from sim.experiments.compare import compare, replicate
from sim.experiments.errors import ExperimentError
from sim.experiments.executors import Execution
from sim.experiments.explain import explain
from sim.experiments.sensitivity import sensitivity
from sim.experiments.sweep import sweep

__all__ = [
    "CalibrationResult",
    "Execution",
    "ExperimentError",
    "calibrate",
    "compare",
    "explain",
    "replicate",
    "sensitivity",
    "sweep",
]
