"""What a team's choices would have been in a counterfactual: holding on to trust (the
debrief's "what if you had held on to trust")."""

from __future__ import annotations

from collections.abc import Callable

from sim.scenario import Scenario
from sim.workshop.log import Choices

Alternative = Callable[[Choices, Scenario], Choices]
"""Given a team's choices in a round and the story, the choices in the counterfactual."""


def hold_on_to_trust(chosen: Choices, story: Scenario) -> Choices:
    """Holding on to trust: the team's own choices with the control pulled back given back —
    trust never below the story's trust lever (``levers.trust``), monitoring never above its
    imposed control (``levers.control``) and no fire-fighting (the share of the team's problems
    taken over is 0, where the story's manager would take over as much as they grab); coaching,
    vision and addressing non-performers as the participant chose (or as the story's manager
    does, where nobody chose)."""
    trust, monitoring = chosen["trust"], chosen["monitoring"]
    levers = story.levers
    return {
        **chosen,
        "trust": levers.trust if trust is None else max(trust, levers.trust),
        "monitoring": levers.control if monitoring is None else min(monitoring, levers.control),
        "firefighting": 0.0,
    }
