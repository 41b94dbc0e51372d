"""The manager's next week as one budget: how a participant's choices split the hours a manager
can work (``managers.max_hours``), the fire-fighting the situation forces shown apart from the
fire-fighting chosen.

The split is the model's own plan (``OrgModel.steer`` plans the team's next week again) on a
copy of the session's organisation as it stands, so the budget is what the round would start
with; the organisation itself does not move.
"""

from __future__ import annotations

import copy

from sim.model import OrgModel
from sim.workshop.log import Choices

PARTS = ("reporting", "monitoring", "forced_firefighting", "chosen_firefighting", "vision",
         "coaching", "free")  # fmt: skip
"""The parts of the week, in the order shown; their shares add up to 1."""


def planned_week(model: OrgModel, team: int, choices: Choices) -> dict[str, float]:
    """Per part of :data:`PARTS`, the share of the most hours the manager of ``team`` (from 1)
    can work that next week takes, had they chosen ``choices`` (None: as the story's manager);
    ``hours``: those most hours. Reporting includes the rules' paperwork; the fire-fighting
    forced is what the week would hold with no problems taken over by choice."""
    index = team - 1
    chosen = _plan(model, index, choices)
    forced = _plan(model, index, {**choices, "firefighting": 0.0})
    most = float(model.scenario.managers.max_hours)
    hours = {
        "reporting": chosen["reporting"] + chosen["rules"],
        "monitoring": chosen["monitoring"],
        "forced_firefighting": min(forced["firefighting"], chosen["firefighting"]),
        "chosen_firefighting": max(chosen["firefighting"] - forced["firefighting"], 0.0),
        "vision": chosen["vision"],
        "coaching": chosen["coaching"],
    }
    hours["free"] = max(most - sum(hours.values()), 0.0)
    total = sum(hours.values())
    return {**{part: hours[part] / total for part in PARTS}, "hours": most}


def _plan(model: OrgModel, index: int, choices: Choices) -> dict[str, float]:
    steered = copy.copy(model)  # shares the organisation: steering writes only what is copied
    steered.steering = copy.deepcopy(model.steering)  # written in place
    steered.managers = copy.copy(model.managers)  # the plan's hours are replaced, not written
    steered.steer(index, **choices)
    m = steered.managers
    return {
        name: float(getattr(m, name)[index])
        for name in ("reporting", "rules", "monitoring", "firefighting", "vision", "coaching")
    }
