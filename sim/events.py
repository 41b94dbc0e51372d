"""What happens in a story, week by week: its interventions and what the managers do.

An event has the week it first shows in the weekly series (an intervention scheduled at week
``w`` changes the step recorded as week ``w + 1``), a kind and the changes it makes. Kinds from
the interventions: ``shock`` and ``shock_end`` (the external results shock), ``let_go`` (more
trust or less control), ``tighten`` (less trust or more control) and ``change`` (anything else).
Kinds read from the weekly series: ``grab`` (managers pull control back to themselves: the mean
share grabbed rises by ``RISE`` within ``WINDOW`` weeks) and ``relapse`` (the same after a let-go).
A grab is a *rise*, not a level: a control-prone organisation that grabs a lot from its first week
on (its steady state) has not grabbed anything yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sim.scenario import Scenario

RISE = 0.1
"""Rise of the mean share of control grabbed back (series ``grab``) that counts as grabbing; after
a fall of half as much from its peak, a new rise counts again."""
WINDOW = 13
"""Weeks within which the rise must happen (a quarter): slow drifts are not grabs."""
LOOSER = {"levers.trust": 1, "levers.control": -1, "levers.responsibility": 1, "levers.freedom": 1}
"""Levers whose rise (1) or fall (-1) means letting go."""


@dataclass(frozen=True)
class Event:
    """Something that happens from ``week`` on (as the weekly series count weeks)."""

    week: int
    kind: str
    changes: dict[str, Any] = field(default_factory=dict)
    mine: bool = False  # added in the dashboard rather than by the story


def scheduled(scenario: Scenario, mine: Iterable[int] = ()) -> list[Event]:
    """The scenario's interventions as events, in order; ``mine`` are the indices of those the
    user added."""
    mine = set(mine)
    state = scenario.model_dump()
    out = []
    order = sorted(range(len(scenario.interventions)), key=lambda i: scenario.interventions[i].week)
    for i in order:
        iv = scenario.interventions[i]
        before = {key: _get(state, key) for key in iv.set}
        out.append(Event(iv.week + 1, kind_of(iv.set, before), dict(iv.set), i in mine))
        for key, value in iv.set.items():
            _set(state, key, value)
    return out


def kind_of(changes: dict[str, Any], before: dict[str, Any]) -> str:
    """What an intervention does, given the values before it."""
    if "environment.shock" in changes:
        return "shock" if changes["environment.shock"] > 0 else "shock_end"
    moves = [
        np.sign(float(changes[key]) - float(before[key])) * way
        for key, way in LOOSER.items()
        if key in changes and before.get(key) is not None
    ]
    if any(m > 0 for m in moves) and not any(m < 0 for m in moves):
        return "let_go"
    if any(m < 0 for m in moves) and not any(m > 0 for m in moves):
        return "tighten"
    return "change"


def grabs(series: pd.DataFrame, events: list[Event]) -> list[Event]:
    """Weeks in which the managers grab control, from the mean over replications of the weekly
    series ``grab``: a relapse if the story or the user let go before."""
    mean = series.groupby("week")["grab"].mean()
    values = mean.to_numpy()
    let_go = [e.week for e in events if e.kind == "let_go"]
    out, armed, since, peak = [], True, 0, 0.0
    for i, week in enumerate(mean.index):
        value = values[i]
        if armed and value - values[max(since, i - WINDOW) : i + 1].min() >= RISE:
            relapse = any(w <= week for w in let_go)
            out.append(Event(int(week), "relapse" if relapse else "grab"))
            armed, peak = False, value
        elif not armed:
            peak = max(peak, value)
            armed, since = value <= peak - RISE / 2, i  # a new rise counts from here
    return out


def _get(state: dict, key: str) -> Any:
    node: Any = state
    for part in key.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _set(state: dict, key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = state
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value
