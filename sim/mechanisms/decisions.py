"""Who decides, with what knowledge, and how well decisions fit (C12 Hayek, C13 Simon, C7).

Three sources of a decision are blended by decision rights:

- the employee reads the local situation fresh but with noise ("knowledge of the particular
  circumstances of time and place", Hayek 1945), and colleagues pool what they read;
- the manager sees a delayed report of the team's situation, as sharp as the attention paid to
  it: precision grows with hours spent monitoring and on vision (rational inattention, Sims 2003;
  bounded rationality, Simon 1947) — and, deciding centrally, weighs what the other teams do
  (employees deciding themselves adjust to the other teams too, but less);
- the rules encode the organisation-wide best course as of their last revision, the same for
  every team and blind to local differences.

Delegation (responsibility, freedom) gives weight to the employee; control takes it back; of the
rest, rules weigh as much as their density. Without clear goals the employee's aim scatters ("no
self-steering without steering", C7). A decision is judged twice: by its distance to the team's
best course (``adaptation_error``) and, where teams depend on each other, by its distance to the
organisation's common course (``coordination_error``). Decentralised decisions adapt; central ones
coordinate — the trade-off of Hayek's critics (Marschak & Radner 1972; Dessein & Santos 2006;
Alonso, Dessein & Matouschek 2008), which turbulence and interdependence settle.
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import gate, through


class Coefficients(Record):
    employee_noise: float = coefficient(
        0.06, 0.01, 0.2, "course units", "spread of an employee's local read at skill 0.5"
    )
    noise_at_no_skill: float = coefficient(
        1.5, 1.0, 3.0, "× employee_noise", "read noise multiplier at skill 0 (one less per unit)"
    )
    scatter: float = coefficient(
        0.1,
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
    mutual_adjustment: float = coefficient(
        0.5,
        0.0,
        1.0,
        "share",
        "how far employees deciding themselves lean to the other teams' course, per unit of "
        "interdependence (horizontal coordination, Alonso, Dessein & Matouschek 2008)",
        "assumed",
        "horizontal coordination: Alonso, Dessein & Matouschek 2008 (§12.5)",
    )
    coordination_scale: float = coefficient(
        0.15, 0.05, 0.5, "course units", "distance at which coordination_error is 0.5"
    )


def decision_weights(
    responsibility: float,
    freedom: float,
    rules: float,
    control_level: np.ndarray,
    *,
    c: Coefficients,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights of employee, rule and manager per team (they sum to 1)."""
    employee = delegated(responsibility, freedom, control_level, c=c)
    rule = (1 - employee) * rules
    return employee, rule, 1 - employee - rule


def delegated(
    responsibility: float, freedom: float, control_level: np.ndarray, *, c: Coefficients
) -> np.ndarray:
    """The decision rights left with employees: delegated, less what control takes back."""
    return (responsibility + freedom) / 2 * (1 - c.control_takeback * control_level)


def read_locally(
    local_optimum: np.ndarray, skill: np.ndarray, rng: np.random.Generator, *, c: Coefficients
) -> np.ndarray:
    """Each employee's fresh, noisy read of their team's best course this week."""
    noise = c.employee_noise * (c.noise_at_no_skill - skill)
    return local_optimum + noise * rng.standard_normal(skill.size)


def share_knowledge(
    read: np.ndarray,
    team: np.ndarray,
    team_size: np.ndarray,
    organisation: np.ndarray,
    interdependence,
    *,
    c: Coefficients,
    coordination,
) -> np.ndarray:
    """Colleagues pool their reads: each view leans ``pooling`` on the team's mean read, and,
    as far as teams depend on each other, on the organisation's (mutual adjustment across
    teams; channel ``coordination``). ``organisation`` is each employee's organisation."""
    pooled = np.bincount(team, weights=read, minlength=team_size.size) / np.maximum(team_size, 1)
    view = (1 - c.pooling) * read + c.pooling * pooled[team]
    lean = gate(c.mutual_adjustment * interdependence, on=coordination)
    return (1 - lean) * view + lean * _organisation_mean(view, organisation)[organisation]


def manager_report(
    optimum_then: np.ndarray, attention: np.ndarray, rng: np.random.Generator, *, c: Coefficients
) -> np.ndarray:
    """The manager's view: the team optimum as it was when reported, blurred by inattention.

    ``attention`` is hours of monitoring and vision per team member.
    """
    precision = attention / c.attention_norm + c.incidental
    return optimum_then + c.manager_noise / np.sqrt(precision) * rng.standard_normal(attention.size)


def coordinate(view: np.ndarray, organisation: np.ndarray, interdependence, *, on) -> np.ndarray:
    """Managers deciding centrally lean towards the other teams' course as far as teams depend
    on each other; ``organisation`` is each team's organisation (``on``: channel coordination)."""
    common = _organisation_mean(view, organisation)[organisation]
    lean = gate(interdependence, on=on)
    return (1 - lean) * view + lean * common


def decide(
    employee_view: np.ndarray,
    rule_course: np.ndarray,
    manager_view: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray, np.ndarray],
    team: np.ndarray,
    vision,
    rng: np.random.Generator,
    *,
    c: Coefficients,
    shared_goals,
) -> np.ndarray:
    """Each employee's decision this week: the sources blended by decision rights.

    ``employee_view`` and ``rule_course`` are per employee, ``manager_view`` per team. Without
    clear goals employees' aims scatter (channel ``shared_goals``: vision as a common aim).
    """
    w_employee, w_rule, w_manager = weights[0][team], weights[1][team], weights[2][team]
    vision = through(vision, on=shared_goals)
    aim = employee_view + c.scatter * (1 - vision) * rng.standard_normal(team.size)
    return w_employee * aim + w_rule * rule_course + w_manager * manager_view[team]


def adaptation_error(decision: np.ndarray, optimum: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """Distance between decision and optimum, scaled to [0, 1)."""
    distance = np.abs(decision - optimum)
    return distance / (distance + c.error_scale)


def coordination_error(
    decision: np.ndarray, organisation: np.ndarray, *, c: Coefficients
) -> np.ndarray:
    """Distance between each decision and the organisation's mean decision this week, scaled to
    [0, 1); ``organisation`` is each employee's organisation."""
    distance = np.abs(decision - _organisation_mean(decision, organisation)[organisation])
    return distance / (distance + c.coordination_scale)


def _organisation_mean(values: np.ndarray, organisation: np.ndarray) -> np.ndarray:
    return np.bincount(organisation, weights=values) / np.bincount(organisation)
