"""Who decides, and with what knowledge (C12 Hayek, C13 Simon, C7 vision).

Three sources of a decision are blended by decision rights:

- the employee reads the local situation fresh but with noise ("knowledge of the particular
  circumstances of time and place", Hayek 1945), and colleagues pool what they read;
- the manager sees a delayed report of the team's situation, as sharp as the attention paid to
  it: precision grows with hours spent monitoring and on vision (rational inattention, Sims 2003;
  bounded rationality, Simon 1947);
- the rules encode the organisation-wide best course as of their last revision, blind to local
  differences.

Delegation (responsibility, freedom) gives weight to the employee; control takes it back; of the
rest, rules weigh as much as their density. Without clear goals the employee's share of the
decision scatters ("no self-steering without steering", C7): sharing knowledge does not share
goals. ``adaptation_error`` is the distance to the optimum scaled to [0, 1): linear near the
optimum, saturating far from it. Output loses a share of it (``production``), the cost of
maladaptation in team theory (Marschak & Radner 1972; Dessein & Santos 2006, with quadratic losses).
"""

import numpy as np

EMPLOYEE_NOISE = 0.06  # spread of an employee's read at skill 0.5 (less for the skilled)
SCATTER = 0.25  # spread of an employee's aim when goals are unclear (vision 0)
POOLING = 0.5  # weight of the colleagues' pooled read in an employee's view
MANAGER_NOISE = 0.04  # spread of the manager's report at the attention norm
ATTENTION_NORM = 1.0  # hours of monitoring and vision per team member for that spread
INCIDENTAL = 0.1  # precision from incidental contact, as a share of the norm's
ERROR_SCALE = 0.15  # distance at which adaptation_error is 0.5


def decision_weights(
    responsibility: float, freedom: float, rules: float, control_level: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights of employee, rule and manager per team (they sum to 1)."""
    employee = 0.5 * (responsibility + freedom) * (1 - 0.5 * control_level)
    rule = (1 - employee) * rules
    return employee, rule, 1 - employee - rule


def read_locally(
    local_optimum: np.ndarray, skill: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Each employee's fresh, noisy read of their team's best course this week."""
    return local_optimum + EMPLOYEE_NOISE * (1.5 - skill) * rng.standard_normal(skill.size)


def share_knowledge(read: np.ndarray, team: np.ndarray, team_size: np.ndarray) -> np.ndarray:
    """Colleagues pool their reads: each view leans ``POOLING`` on the team's mean read."""
    pooled = np.bincount(team, weights=read, minlength=team_size.size) / np.maximum(team_size, 1)
    return (1 - POOLING) * read + POOLING * pooled[team]


def manager_report(
    optimum_then: np.ndarray, attention: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """The manager's view: the team optimum as it was when reported, blurred by inattention.

    ``attention`` is hours of monitoring and vision per team member.
    """
    precision = attention / ATTENTION_NORM + INCIDENTAL
    return optimum_then + MANAGER_NOISE / np.sqrt(precision) * rng.standard_normal(attention.size)


def decide(
    employee_view: np.ndarray,
    rule_course: np.ndarray,
    manager_view: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray, np.ndarray],
    team: np.ndarray,
    vision: float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Each employee's decision this week: the sources blended by decision rights.

    ``employee_view`` and ``rule_course`` are per employee, ``manager_view`` per team.
    """
    w_employee, w_rule, w_manager = weights[0][team], weights[1][team], weights[2][team]
    aim = employee_view + SCATTER * (1 - vision) * rng.standard_normal(team.size)
    return w_employee * aim + w_rule * rule_course + w_manager * manager_view[team]


def adaptation_error(decision: np.ndarray, optimum: np.ndarray) -> np.ndarray:
    """Distance between decision and optimum, scaled to [0, 1)."""
    distance = np.abs(decision - optimum)
    return distance / (distance + ERROR_SCALE)
