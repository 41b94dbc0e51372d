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

from sim.coefficients import Record, coefficient


class Coefficients(Record):
    employee_noise: float = coefficient(
        0.06, 0.01, 0.2, "course units", "spread of an employee's local read at skill 0.5"
    )
    noise_at_no_skill: float = coefficient(
        1.5, 1.0, 3.0, "× employee_noise", "read noise multiplier at skill 0 (one less per unit)"
    )
    scatter: float = coefficient(
        0.25,
        0.0,
        0.6,
        "course units",
        "spread of an employee's aim when goals are unclear (vision 0)",
    )
    pooling: float = coefficient(
        0.5, 0.0, 1.0, "share", "weight of the colleagues' pooled read in an employee's view"
    )
    manager_noise: float = coefficient(
        0.04, 0.01, 0.2, "course units", "spread of the manager's report at the attention norm"
    )
    attention_norm: float = coefficient(
        1.0,
        0.25,
        4.0,
        "hours/member/week",
        "monitoring and vision hours per member for that spread",
    )
    incidental: float = coefficient(
        0.1, 0.0, 0.5, "share of norm", "precision the manager gets from incidental contact"
    )
    error_scale: float = coefficient(
        0.15, 0.05, 0.5, "course units", "distance at which adaptation_error is 0.5"
    )
    control_takeback: float = coefficient(
        0.5, 0.0, 1.0, "share", "share of delegated decision rights that full control takes back"
    )


def decision_weights(
    responsibility: float,
    freedom: float,
    rules: float,
    control_level: np.ndarray,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights of employee, rule and manager per team (they sum to 1)."""
    employee = delegated(responsibility, freedom, control_level, c)
    rule = (1 - employee) * rules
    return employee, rule, 1 - employee - rule


def delegated(
    responsibility: float, freedom: float, control_level: np.ndarray, c: Coefficients
) -> np.ndarray:
    """The decision rights left with employees: delegated, less what control takes back."""
    return (responsibility + freedom) / 2 * (1 - c.control_takeback * control_level)


def read_locally(
    local_optimum: np.ndarray, skill: np.ndarray, rng: np.random.Generator, c: Coefficients
) -> np.ndarray:
    """Each employee's fresh, noisy read of their team's best course this week."""
    noise = c.employee_noise * (c.noise_at_no_skill - skill)
    return local_optimum + noise * rng.standard_normal(skill.size)


def share_knowledge(
    read: np.ndarray, team: np.ndarray, team_size: np.ndarray, c: Coefficients
) -> np.ndarray:
    """Colleagues pool their reads: each view leans ``pooling`` on the team's mean read."""
    pooled = np.bincount(team, weights=read, minlength=team_size.size) / np.maximum(team_size, 1)
    return (1 - c.pooling) * read + c.pooling * pooled[team]


def manager_report(
    optimum_then: np.ndarray, attention: np.ndarray, rng: np.random.Generator, c: Coefficients
) -> np.ndarray:
    """The manager's view: the team optimum as it was when reported, blurred by inattention.

    ``attention`` is hours of monitoring and vision per team member.
    """
    precision = attention / c.attention_norm + c.incidental
    return optimum_then + c.manager_noise / np.sqrt(precision) * rng.standard_normal(attention.size)


def decide(
    employee_view: np.ndarray,
    rule_course: np.ndarray,
    manager_view: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray, np.ndarray],
    team: np.ndarray,
    vision: float,
    rng: np.random.Generator,
    c: Coefficients,
) -> np.ndarray:
    """Each employee's decision this week: the sources blended by decision rights.

    ``employee_view`` and ``rule_course`` are per employee, ``manager_view`` per team.
    """
    w_employee, w_rule, w_manager = weights[0][team], weights[1][team], weights[2][team]
    aim = employee_view + c.scatter * (1 - vision) * rng.standard_normal(team.size)
    return w_employee * aim + w_rule * rule_course + w_manager * manager_view[team]


def adaptation_error(decision: np.ndarray, optimum: np.ndarray, c: Coefficients) -> np.ndarray:
    """Distance between decision and optimum, scaled to [0, 1)."""
    distance = np.abs(decision - optimum)
    return distance / (distance + c.error_scale)
