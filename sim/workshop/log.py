"""A session as the simulation sees it: story, seed, size and the ordered log of decisions.

The choices that steer a team in round *r* are, for each choice, the value its participant gave
last in rounds 1 … *r*: who does not submit keeps last round's choices, a choice never given is
left to the story's own manager (None), and a team without a participant is run by the story's
manager throughout.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace

from sim.scenario import Scenario
from sim.week import Steering

CHOICES = Steering.CHOICES

Choices = dict[str, float | None]
"""One team's choices for a round, by name (``CHOICES``); None: the story's manager decides."""


@dataclass(frozen=True)
class Decision:
    """What a seat submitted for one round (merged over its resubmissions in that round)."""

    round: int
    team: int  # numbered from 1
    choices: Choices  # the choices given; None where not given


@dataclass(frozen=True)
class Log:
    """The replay's input. ``closed`` rounds have been closed; decisions of a later round (the
    one still open) are in ``decisions`` too but play no part until it closes."""

    scenario: Scenario  # the story sized for the session
    seed: int
    teams: int
    round_weeks: int
    closed: int
    decisions: tuple[Decision, ...] = field(default=())
    fixed: dict[int, dict[int, Choices]] = field(default_factory=dict)  # team → round → choices

    def choices(self, round_: int) -> dict[int, Choices]:
        """Per team (1 … teams), the choices that steer it in ``round_``."""
        steering = {team: dict.fromkeys(CHOICES) for team in range(1, self.teams + 1)}
        for d in sorted(self.decisions, key=lambda d: d.round):
            if d.round > round_:
                break
            for name, value in d.choices.items():
                if value is not None:
                    steering[d.team][name] = value
        for team, per_round in self.fixed.items():
            if round_ in per_round:
                steering[team] = dict(per_round[round_])
        return steering

    def submitted(self, round_: int) -> set[int]:
        """The teams whose participant submitted a decision for ``round_``."""
        return {d.team for d in self.decisions if d.round == round_}

    def digest(self, through: int) -> str:
        """A fingerprint of everything that shapes rounds 1 … ``through``: equal digests,
        equal simulations."""
        content = {
            "scenario": self.scenario.model_dump(mode="json"),
            "seed": self.seed,
            "teams": self.teams,
            "round_weeks": self.round_weeks,
            "choices": [self.choices(r) for r in range(1, through + 1)],
        }
        text = json.dumps(content, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def with_choices(self, team: int, per_round: dict[int, Choices]) -> Log:
        """The same session with ``team``'s choices in each closed round replaced by
        ``per_round[round]`` (complete choices: None leaves a choice to the story's manager)."""
        missing = [r for r in range(1, self.closed + 1) if r not in per_round]
        if missing:
            raise ValueError(f"team {team}: no choices for rounds {missing}")
        fixed = {**self.fixed, team: {r: dict(per_round[r]) for r in range(1, self.closed + 1)}}
        return replace(self, fixed=fixed)
