"""Job resources (C1, C5, C7, C8, C9, C14, C16; job demands–resources).

Resources feed engagement and, more weakly, protect against exhaustion (Schaufeli & Bakker 2004;
Nahrgang, Morgeson & Hofmann 2011): autonomy, in proportion to the need for it (C14, C16; channel
``autonomy_resource``), trust received (C1, ``trust_resource``), coaching (C5, ``coaching``),
safety (C7, ``safety_resource``), role clarity from a clear vision and from a few good rules (C7,
C8, ``role_clarity``: clarity saturates, so the first rules give most of it — enabling
formalisation, Adler & Borys 1996), fit with one's talents (C11), and colleagues who pull their
weight (C9, ``bad_apples``: unaddressed slackers drain the rest, Felps et al. 2006).
Autonomy is worth only as much of it as a person can use: its scope grows with competence and
with the need for autonomy (person–job fit; growth need strength, Loher et al. 1985; channel
``autonomy_fit``); what is delegated beyond it is a burden (``demands``).
"""

import numpy as np

from sim.coefficients import Record, coefficient
from sim.mechanisms.channels import choose, gate, through


class Coefficients(Record):
    autonomy_weight: float = coefficient(0.25, 0.05, 0.4, "weight", "autonomy (C1, C14)")
    autonomy_need_base: float = coefficient(
        0.5, 0.0, 1.0, "multiplier", "autonomy's worth at autonomy need 0 (C16)"
    )
    scope_need_base: float = coefficient(
        0.5,
        0.2,
        1.0,
        "autonomy per skill",
        "autonomy a fully skilled person with autonomy need 0 can use (C14, C16)",
        "assumed",
        "growth need strength moderates, Loher et al. 1985; not always, Tiegs et al. 1992 "
        "(docs/evidence.md §3.6–3.7)",
    )
    trust_weight: float = coefficient(0.2, 0.05, 0.4, "weight", "trust received (C1)")
    coaching_weight: float = coefficient(0.15, 0.0, 0.3, "weight", "coaching received (C5)")
    safety_weight: float = coefficient(0.15, 0.0, 0.3, "weight", "psychological safety (C7)")
    clarity_weight: float = coefficient(0.15, 0.0, 0.3, "weight", "role clarity (C7, C8)")
    fit_weight: float = coefficient(0.05, 0.0, 0.2, "weight", "fit with one's talents (C11)")
    peers_weight: float = coefficient(
        0.05, 0.0, 0.2, "weight", "colleagues who pull their weight (C9)"
    )
    rule_clarity: float = coefficient(
        0.6, 0.2, 1.0, "0…1", "role clarity that rules can give at most (C8)"
    )
    rule_clarity_half: float = coefficient(
        0.15,
        0.05,
        0.5,
        "rule density",
        "rule density that gives half of it: the first rules",
        "assumed",
        "enabling formalisation: Adler & Borys 1996 (docs/evidence.md §11.3)",
    )


def autonomy(responsibility, freedom, control_level, *, takeback):
    """Autonomy: decision rights and freedom delegated, less what control takes back."""
    return (responsibility + freedom) / 2 * (1 - takeback * control_level)


def scope(skill, autonomy_need, *, c: Coefficients):
    """The autonomy a person can use: more with competence (skill) and with the need for it."""
    return skill * (c.scope_need_base + autonomy_need)


def burden(autonomy, scope):
    """Autonomy delegated beyond what one can use (a hindrance, ``demands``)."""
    return np.maximum(0.0, autonomy - scope)


def clarity(vision, rules, *, c: Coefficients):
    """Role clarity from goals (vision) and from procedures (a few rules give most of it)."""
    from_rules = c.rule_clarity * rules / (rules + c.rule_clarity_half)
    return 1 - (1 - vision) * (1 - from_rules)


def job_resources(
    *,
    autonomy,
    autonomy_need,
    scope,
    trust_received,
    coaching,
    safety,
    clarity,
    fit,
    slack_share,
    c: Coefficients,
    on,
) -> np.ndarray:
    """A person's job resources this week, in [0, 1]; ``on`` holds the channel switches.
    Autonomy counts as far as it is within the person's ``scope`` (channel ``autonomy_fit``)."""
    worth = c.autonomy_need_base + autonomy_need
    usable = choose(np.minimum(autonomy, scope), autonomy, on=on.autonomy_fit)
    return (
        c.autonomy_weight * through(usable, on=on.autonomy_resource) * worth
        + c.trust_weight * through(trust_received, on=on.trust_resource)
        + c.coaching_weight * through(coaching, on=on.coaching)
        + c.safety_weight * through(safety, on=on.safety_resource)
        + c.clarity_weight * through(clarity, on=on.role_clarity)
        + c.fit_weight * fit
        + c.peers_weight * (1 - gate(slack_share, on=on.bad_apples))
    )
