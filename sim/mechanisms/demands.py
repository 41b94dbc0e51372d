"""Job demands: hindrances and challenges (C2, C8, C11; job demands–resources).

Demands come in two kinds (Crawford, LePine & Rich 2010): *challenges* — workload and results
pressure within what one can handle — strain but also activate and may engage; *hindrances* — red
tape, felt control, overload, talents unused — strain and take the pleasure out of work. Workload
is the pressure passed down from above (channel ``workload``) and covering for absent colleagues;
beyond one's capacity it becomes overload. Red tape grows faster than rule density (C8: a few
rules hardly burden, a thick layer does; channel ``red_tape``); felt control is a stressor in its
own right (C2; electronic monitoring raises strain whatever its design, Ravid et al. 2023;
channel ``control_stress``), and so is the control a self-steering team's own norms exert
(``consequences.peer_control``, C10).
Rules burden as far as they fail their purpose: red tape is the part of the rules that no longer
serves the work (Bozeman 1993), and rules that fit the work — "green tape", enabling rather than
coercive formalisation (Adler & Borys 1996; DeHart-Davis 2009) — weigh less. Rules revised to the
best course fit in a stable world and go stale in a turbulent one, blind to local differences
(channel ``enabling_rules``, C8: "how people perceive them matters", C13).
Autonomy delegated beyond what a person can use — beyond their competence and their need for
it — is a burden, a hindrance (role overload; the burdening face of empowering leadership,
Cheong, Spain, Yammarino & Yun 2016; channel ``autonomy_burden``, C14, C16).
"""

from dataclasses import dataclass

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import gate, through


class Coefficients(Record):
    pressure_workload: float = coefficient(
        0.6, 0.2, 1.0, "workload", "workload at results pressure 1 (pressure from above, C4)"
    )
    cover_workload: float = coefficient(
        1.5, 0.5, 3.0, "workload per share", "extra workload per share of the team absent (cover)"
    )
    capacity: float = coefficient(
        0.45, 0.2, 0.8, "workload", "workload taken as a challenge; beyond it overload (C11)"
    )
    overload_weight: float = coefficient(
        1.0, 0.3, 2.0, "weight", "overload (workload beyond capacity) as a hindrance"
    )
    red_tape_weight: float = coefficient(
        0.12,
        0.05,
        0.6,
        "weight",
        "red tape at rules 1 as a hindrance (C8)",
        "assumed",
        "red tape: small-to-medium effects on attitudes, Blom et al. 2021 (docs/evidence.md §11)",
    )
    red_tape_exponent: float = coefficient(
        2.0, 1.0, 3.0, "exponent", "red tape grows with this power of rule density (C8)"
    )
    enabling: float = coefficient(
        0.5,
        0.0,
        1.0,
        "share",
        "share of red tape lifted where the rules fit the work exactly (green tape, C8)",
        "assumed",
        "enabling vs coercive rules: Adler & Borys 1996; green tape, DeHart-Davis 2009; red tape "
        "as rules that fail their purpose, Bozeman 1993 (docs/evidence.md §11.7); no published "
        "share, so the whole span is plausible",
    )
    rules_fit_scale: float = coefficient(
        0.15,
        0.05,
        0.5,
        "course units",
        "distance between the rules' course and the team's best course at which rules fit half",
    )
    control_stress_weight: float = coefficient(
        0.1,
        0.0,
        0.5,
        "weight",
        "felt control as a hindrance (C2; Ravid et al. 2023)",
        "assumed",
        "monitoring raises strain: Ravid et al. 2023 (docs/evidence.md §5.7)",
    )
    misfit_weight: float = coefficient(
        0.2, 0.0, 0.4, "weight", "talents unused (1 − fit) as a hindrance (C11)"
    )
    burden_weight: float = coefficient(
        0.5,
        0.0,
        1.0,
        "weight",
        "autonomy beyond what one can use (competence, need) as a hindrance (C14, C16)",
        "assumed",
        "burdening face of empowering leadership: Cheong, Spain, Yammarino & Yun 2016 "
        "(docs/evidence.md §3.8)",
    )


@dataclass(frozen=True)
class Demands:
    """One week's job demands per person: challenge and hindrance, roughly in [0, 1]."""

    challenge: np.ndarray
    hindrance: np.ndarray


def workload(pressure, absent_share, *, c: Coefficients, on):
    """Workload: results pressure (channel ``workload``) and cover for absent colleagues."""
    return c.pressure_workload * through(pressure, on=on) + c.cover_workload * absent_share


def rules_fit(rule_course: np.ndarray, optimum: np.ndarray, *, c: Coefficients) -> np.ndarray:
    """How well the rules fit the work, 1 where their course is the best one, towards 0 as it
    drifts away (stale rules, local differences)."""
    return c.rules_fit_scale / (c.rules_fit_scale + np.abs(rule_course - optimum))


def job_demands(
    workload,
    rules,
    fit_of_rules,
    felt_control,
    fit,
    burden,
    *,
    c: Coefficients,
    red_tape,
    enabling_rules,
    control_stress,
    autonomy_burden,
) -> Demands:
    """Challenges (workload within capacity) and hindrances (overload, red tape — less where the
    rules fit the work, ``fit_of_rules`` — felt control, misfit, autonomy beyond what one can
    use: ``burden``)."""
    lifted = gate(c.enabling * fit_of_rules, on=enabling_rules)
    challenge = np.minimum(workload, c.capacity)
    overload = np.maximum(0.0, workload - c.capacity)
    hindrance = (
        gate(c.burden_weight * burden, on=autonomy_burden)
        + c.overload_weight * overload
        + gate(c.red_tape_weight * rules**c.red_tape_exponent * (1 - lifted), on=red_tape)
        + gate(c.control_stress_weight * felt_control, on=control_stress)
        + c.misfit_weight * (1 - fit)
    )
    return Demands(challenge, hindrance)
