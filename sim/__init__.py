"""loslaten: an agent-based simulator of trust versus control in organisations.

>>> import sim
>>> result = sim.run(sim.load_scenario("baseline"), seed=1)
>>> sorted(result.kpis)[:3]
['absence_rate', 'adaptation_error', 'burnout_rate']
"""

from sim.agents import Employee, Manager
from sim.experiments import (
    CalibrationResult,
    Execution,
    ExperimentError,
    calibrate,
    compare,
    explain,
    replicate,
    sensitivity,
    sweep,
)
from sim.kpis import KPI_NAMES
from sim.model import OrgModel
from sim.runner import RunResult, run, run_batch, run_points
from sim.scenario import Scenario, ScenarioError, builtin_scenarios, load_scenario

__all__ = [
    "KPI_NAMES",
    "CalibrationResult",
    "Employee",
    "Execution",
    "ExperimentError",
    "Manager",
    "OrgModel",
    "RunResult",
    "Scenario",
    "ScenarioError",
    "builtin_scenarios",
    "calibrate",
    "compare",
    "explain",
    "load_scenario",
    "replicate",
    "run",
    "run_batch",
    "run_points",
    "sensitivity",
    "sweep",
]
