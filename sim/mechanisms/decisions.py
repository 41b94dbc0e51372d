"""Who decides, and with what knowledge (C12 Hayek, C13 Simon, C7 vision).

Three sources of a decision are blended by decision rights:

- the employee sees the local optimum fresh but with noise; without clear goals (vision) their
  choices scatter ("no self-steering without steering"); colleagues pool what they see;
- the manager sees a delayed, aggregated report of the team's situation;
- the rules encode the organisation-wide best course as of their last revision.

Delegation (responsibility, freedom) gives weight to the employee; control takes it back; of the
rest, rules weigh as much as their density. ``adaptation_error`` is the distance from the optimum,
scaled to [0, 1].
"""

import numpy as np

EMPLOYEE_NOISE = 0.06  # spread of an employee's read of the local situation
SCATTER = 0.25  # extra spread when goals are unclear (vision 0)
MANAGER_NOISE = 0.04  # noise in the manager's aggregated report
POOLING = 0.5  # weight on colleagues' pooled knowledge (the team mean)
ERROR_SCALE = 0.15  # distance at which adaptation_error is 0.5


def decision_weights(
    responsibility: float, freedom: float, rules: float, control_level: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights of employee, rule and manager per team (they sum to 1)."""
    employee = 0.5 * (responsibility + freedom) * (1 - 0.5 * control_level)
    rule = (1 - employee) * rules
    return employee, rule, 1 - employee - rule


def decide(
    optimum: np.ndarray,
    team: np.ndarray,
    skill: np.ndarray,
    vision: float,
    rule_course: float,
    manager_view: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray, np.ndarray],
    team_size: np.ndarray,
    rng: np.random.Generator,
    local_knowledge: bool = True,
) -> np.ndarray:
    """Each employee's decision this week."""
    spread = EMPLOYEE_NOISE * (1.5 - skill) + SCATTER * (1 - vision)
    own = optimum[team] + spread * rng.standard_normal(team.size)
    if not local_knowledge:
        own = manager_view[team] + spread * rng.standard_normal(team.size)
    pooled = np.bincount(team, weights=own, minlength=team_size.size) / np.maximum(team_size, 1)
    employee_view = (1 - POOLING) * own + POOLING * pooled[team]
    w_employee, w_rule, w_manager = weights
    return (
        w_employee[team] * employee_view
        + w_rule[team] * rule_course
        + w_manager[team] * manager_view[team]
    )


def adaptation_error(decision: np.ndarray, optimum: np.ndarray) -> np.ndarray:
    """Distance between decision and optimum, scaled to [0, 1)."""
    distance = np.abs(decision - optimum)
    return distance / (distance + ERROR_SCALE)


def manager_report(optimum_then: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The manager's view: the team optimum as it was ``report_delay_weeks`` ago, with noise."""
    return optimum_then + MANAGER_NOISE * rng.standard_normal(optimum_then.size)
