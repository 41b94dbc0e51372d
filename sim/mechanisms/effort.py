"""Effort by behavioural type (C1 trust as a basic need, C2 crowding out, C3 reciprocity).

Reciprocal employees (most people) work from intrinsic motivation: energy, pleasure, the trust
they feel (as far as they reciprocate; people differ, Fischbacher, Gächter & Fehr 2001) and their
initiative. Control beyond what they take as legitimate signals distrust and crowds that
motivation out within weeks — some people a lot, some not at all (Falk & Kosfeld 2006: most
controlled agents cut effort; the replicated cut is small, Ziegelmeyer et al. 2012; Frey 1993).
Control against visible free riding is taken as legitimate and costs little (Schnedler & Vadovic
2011). Reciprocal people are conditional cooperators: they put in a little less where colleagues
put in less (Fischbacher & Gächter 2010; bad apples, Felps et al. 2006).
Opportunists shirk as far as they expect not to be noticed (deterrence, ``trust.noticed``): they
know that trusted people are checked less (C3: a minority abuses trust), that peers in
self-steering teams see them (C10), and that monitoring never sees everything (C2).
Time pressure within capacity — a challenge demand — mobilises effort directly, in everyone at
work (C11; challenge stressors' positive direct effect on performance, LePine, Podsakoff &
LePine 2005; channel ``time_pressure``); it costs energy later through the strain challenges build
(``wellbeing``).
"""

import numpy as np

from sim.coefficients import Record, coefficient, fitted
from sim.mechanisms.channels import gate, through


class Coefficients(Record):
    normal_effort: float = coefficient(
        1.0, 1.0, 1.0, "effort", "effort of a motivated, rested employee (the unit of effort)"
    )
    motivation_gain: float = coefficient(
        0.25, 0.1, 1.0, "effort per unit", "effort per unit of motivation above neutral"
    )
    pleasure_weight: float = coefficient(
        0.5, 0.2, 0.8, "weight", "weight of pleasure in the work in intrinsic motivation"
    )
    felt_trust_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "weight of reciprocated trust in the manager in motivation (C3)"
    )
    initiative_weight: float = coefficient(
        0.25, 0.0, 0.5, "weight", "weight of initiative in intrinsic motivation"
    )
    typical_energy: float = coefficient(
        0.4, 0.4, 0.4, "0…1", "energy of a typical employee, at which effort is normal (the unit)"
    )
    typical_motivation: float = coefficient(
        0.5, 0.5, 0.5, "0…1", "motivation at which effort is normal (the scale's midpoint)"
    )
    felt_control_base: float = coefficient(
        0.5, 0.0, 1.0, "multiplier", "felt control per unit of control at autonomy need 0 (C16)"
    )
    crowding_out: float = coefficient(
        0.1,
        0.0,
        0.4,
        "effort per unit",
        "mean effort reciprocal people withhold per unit of felt distrust (Falk & Kosfeld 2006)",
        "assumed",
        "Falk & Kosfeld 2006; small when replicated, Ziegelmeyer et al. 2012 (docs/evidence.md §5)",
    )
    legitimate_control: float = coefficient(
        0.3,
        0.0,
        0.6,
        "felt control",
        "control people take as normal; beyond it control reads as distrust (Falk & Kosfeld 2006)",
    )
    legitimacy_from_slacking: float = coefficient(
        2.5,
        0.0,
        3.0,
        "felt control per share",
        "control taken as legitimate per share of the team seen slacking "
        "(Schnedler & Vadovic 2011)",
        "assumed",
        "legitimate control costs less: Schnedler & Vadovic 2011 (docs/evidence.md §5.4)",
    )
    shirk_effort: float = coefficient(
        0.3,
        0.2,
        0.9,
        "effort",
        "effort of an opportunist who is sure not to be noticed",
        "assumed",
        "rational cheaters respond to detection: Nagin et al. 2002 (docs/evidence.md §6.6)",
    )
    conditional: float = coefficient(
        0.3,
        0.0,
        1.0,
        "share",
        "share of the gap to colleagues' lower effort that reciprocal people close (C3)",
        "assumed",
        "imperfect conditional cooperation: Fischbacher & Gächter 2010 (docs/evidence.md §6.3)",
    )
    challenge_effort: float = coefficient(
        0.15,
        0.0,
        0.4,
        "effort per unit",
        "effort mobilised per unit of challenge demands: time pressure (C11)",
        "assumed",
        "challenge stressors raise performance directly: LePine, Podsakoff & LePine 2005 "
        "(docs/evidence.md §1.18)",
    )
    max_effort: float = coefficient(1.6, 1.2, 2.0, "effort", "the most effort anyone puts in")
    energy_gain: float = fitted(
        "effort_energy_gain", 0.0, 3.0, "effort per unit", "effort per unit of energy above neutral"
    )


def motivation(pleasure, trust_in_manager, initiative, reciprocity, *, c: Coefficients, on):
    """Intrinsic motivation: pleasure in the work, felt trust as far as one reciprocates it
    (channel ``reciprocity``, C1, C3), initiative."""
    return (
        c.pleasure_weight * pleasure
        + c.felt_trust_weight * reciprocity * through(trust_in_manager, on=on)
        + c.initiative_weight * initiative
    )


def felt_control(control_level, autonomy_need, *, c: Coefficients):
    """Control as felt: stronger for those who need autonomy most (C2, C16)."""
    return control_level * (c.felt_control_base + autonomy_need)


def distrust(felt_control, slack_share, *, c: Coefficients):
    """Felt control beyond the legitimate: the signal of distrust reciprocal people react to.
    Control that protects the team from visible free riders is taken as legitimate."""
    legitimate = c.legitimate_control + c.legitimacy_from_slacking * slack_share
    return np.maximum(0.0, felt_control - legitimate)


def put_in_effort(
    energy: np.ndarray,
    motivation: np.ndarray,
    distrust: np.ndarray,
    sensitivity: np.ndarray,
    noticed: np.ndarray,
    opportunist: np.ndarray,
    colleagues: np.ndarray,
    challenge: np.ndarray,
    *,
    c: Coefficients,
    crowding_out,
    conditional,
    time_pressure,
) -> np.ndarray:
    """Weekly effort per employee (0 … ``max_effort``): reciprocal people from motivation, less
    what distrust crowds out (channel ``crowding_out``) and less as colleagues put in less
    (``colleagues``: their mean effort last week; channel ``conditional_cooperation``);
    opportunists as far as they would be noticed. Everyone puts in more under challenge demands
    (``challenge``; channel ``time_pressure``)."""
    vigour = c.energy_gain * (energy - c.typical_energy) + gate(
        c.challenge_effort * challenge, on=time_pressure
    )
    reciprocal = (
        c.normal_effort
        + vigour
        + c.motivation_gain * (motivation - c.typical_motivation)
        - gate(sensitivity * distrust, on=crowding_out)
    )
    reciprocal = reciprocal - gate(
        c.conditional * np.maximum(0.0, reciprocal - colleagues), on=conditional
    )
    deterred = c.shirk_effort + (c.normal_effort - c.shirk_effort) * noticed + vigour
    return np.clip(np.where(opportunist, deterred, reciprocal), 0.0, c.max_effort)
