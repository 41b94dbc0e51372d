"""The stories' words against the model.

Every direction a story's text states or implies (its description and its phases in
``sim/locale/*.toml``, ``story.<name>``) is measured on the story itself: replications with common
random numbers, the mean of a weekly series over a phase (the weeks from one of the story's
interventions to the next, as the film's "what is happening?" shows them) or over the last year.
A change to the model that turns a story against its words fails here; so does a text that no
longer says what the table checks. ``says`` is a piece of the English text (the Dutch says the
same); for a phase that asks a question, the row is the model's answer.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

import sim
from sim import texts
from sim.experiments.batches import common_batch
from sim.experiments.execute import run_batches
from sim.scenario import load_scenario

REPS, SEED = 6, 1
HELD = 0.3  # a mean share of control grabbed back this low is holding on
DECENTRAL = {
    "levers.responsibility": 0.9,
    "levers.freedom": 0.9,
    "levers.control": 0.2,
    "levers.rules": 0.2,
}
VARIANTS = {
    "baseline": ("baseline", {}),
    "bureaucracy": ("bureaucracy", {}),
    "coaching_leader": ("coaching_leader", {}),
    "let_go": ("let_go", {}),
    "let_go_relapse": ("let_go_relapse", {}),
    "vicious_circle": ("vicious_circle", {}),
    "hayek_stable": ("hayek_stable", {}),
    "hayek_stable, decentral": ("hayek_stable", DECENTRAL),
    "hayek_turbulent": ("hayek_turbulent", {}),
    "hayek_turbulent, decentral": ("hayek_turbulent", DECENTRAL),
    "opportunists": ("opportunists", {}),
    "opportunists, tight control": ("opportunists", {"levers.control": 0.8}),
    "freedom_without_vision": ("freedom_without_vision", {}),
    "freedom_without_vision, vision": ("freedom_without_vision", {"levers.vision": 0.9}),
    "self_steering_teams": ("self_steering_teams", {}),
    "self_steering_teams, no peers": ("self_steering_teams", {"mechanisms.social_control": False}),
}
END = "end"  # the last 52 weeks (the measurement window)
Where = tuple[str, int | str] | float  # a variant and its phase (or END), or a fixed level


class Claim(NamedTuple):
    """``after`` − ``before`` of ``series`` has the sign ``sign``, as ``text`` says."""

    text: str  # a catalogue key: story.<name>.description, or story.<name>.phases and its index
    phase: int | None
    says: str
    series: str
    before: Where
    after: Where
    sign: int


UP, DOWN = 1, -1
LG, RE, VC = "let_go", "let_go_relapse", "vicious_circle"
# fmt: off
CLAIMS = [
    # letting go, with courage
    Claim("story.let_go.phases", 0, "much control", "control_level", 0.5, (LG, 0), UP),
    Claim("story.let_go.phases", 0, "little trust", "trust", 0.5, (LG, 0), DOWN),
    Claim("story.let_go.phases", 1, "trust up", "trust", (LG, 0), (LG, 1), UP),
    Claim("story.let_go.phases", 1, "control down", "control_level", (LG, 0), (LG, 1), DOWN),
    Claim("story.let_go.phases", 2, "cuts the results", "productivity", (LG, 1), (LG, 2), DOWN),
    Claim("story.let_go.phases", 2, "cuts the results", "profit", (LG, 1), (LG, 2), DOWN),
    Claim("story.let_go.description", None, "courage to hold on", "grab", (LG, 2), HELD, UP),
    Claim("story.let_go.phases", 3, "what letting go has brought", "productivity", (LG, 0),
          (LG, END), UP),
    Claim("story.let_go.phases", 3, "what letting go has brought", "engagement_rate", (LG, 0),
          (LG, END), UP),
    Claim("story.let_go.phases", 3, "what letting go has brought", "burnout_rate", (LG, 0),
          (LG, END), DOWN),
    Claim("story.let_go.phases", 3, "what letting go has brought", "manager_hours", (LG, 0),
          (LG, END), DOWN),
    # letting go without conviction
    Claim("story.let_go_relapse.phases", 2, "grab control again", "grab", (RE, 1), (RE, 2), UP),
    Claim("story.let_go_relapse.phases", 2, "grab control again", "control_level", (RE, 1),
          (RE, 2), UP),
    Claim("story.let_go_relapse.description", None, "may grab control again", "grab", (LG, 2),
          (RE, 2), UP),
    Claim("story.let_go_relapse.phases", 3, "still there", "trust", (RE, 0), (RE, END), UP),
    Claim("story.let_go_relapse.phases", 3, "still there", "trust", (LG, END), (RE, END), DOWN),
    # the vicious circle
    Claim("story.vicious_circle.phases", 0, "prone to control", "control_level", 0.5, (VC, 0), UP),
    Claim("story.vicious_circle.description", None, "grab control", "control_level", (VC, 0),
          (VC, 1), UP),
    Claim("story.vicious_circle.description", None, "fight fires", "firefighting_hours", (VC, 0),
          (VC, 1), UP),
    Claim("story.vicious_circle.description", None, "squeeze out coaching", "coaching_share",
          (VC, 0), (VC, 1), DOWN),
    Claim("story.vicious_circle.phases", 1, "their hours", "manager_hours", (VC, 0), (VC, 1), UP),
    Claim("story.vicious_circle.phases", 2, "recover", "productivity", (VC, 1), (VC, 2), UP),
    Claim("story.vicious_circle.phases", 2, "does the grip stay", "control_level", (VC, 1),
          (VC, 2), DOWN),
    # stories told against the baseline or against their own variants, over the last year
    Claim("story.bureaucracy.description", None, "busy monitoring", "monitoring_hours",
          ("baseline", END), ("bureaucracy", END), UP),
    Claim("story.bureaucracy.description", None, "keeping rules", "rules_hours",
          ("baseline", END), ("bureaucracy", END), UP),
    Claim("story.bureaucracy.description", None, "fighting fires", "firefighting_hours",
          ("baseline", END), ("bureaucracy", END), UP),
    Claim("story.bureaucracy.description", None, "little trust", "trust",
          ("baseline", END), ("bureaucracy", END), DOWN),
    Claim("story.coaching_leader.description", None, "coach rather than fight fires",
          "coaching_share", ("baseline", END), ("coaching_leader", END), UP),
    Claim("story.coaching_leader.description", None, "coach rather than fight fires",
          "firefighting_hours", ("baseline", END), ("coaching_leader", END), DOWN),
    Claim("story.hayek_stable.description", None, "late reports cost little", "adaptation_error",
          ("hayek_turbulent", END), ("hayek_stable", END), DOWN),
    Claim("story.hayek_stable.description", None, "a little higher", "productivity",
          ("hayek_stable, decentral", END), ("hayek_stable", END), UP),
    Claim("story.hayek_stable.description", None, "less engaged", "engagement_rate",
          ("hayek_stable, decentral", END), ("hayek_stable", END), DOWN),
    Claim("story.hayek_stable.description", None, "managers work longer", "manager_hours",
          ("hayek_stable, decentral", END), ("hayek_stable", END), UP),
    Claim("story.hayek_turbulent.description", None, "decentralised decisions win",
          "productivity", ("hayek_turbulent", END), ("hayek_turbulent, decentral", END),
          UP),
    Claim("story.opportunists.description", None, "shirk and divert", "misconduct_loss",
          ("opportunists, tight control", END), ("opportunists", END), UP),
    Claim("story.opportunists.description", None, "tight control pays", "profit",
          ("opportunists", END), ("opportunists, tight control", END), UP),
    Claim("story.opportunists.description", None, "price in engagement", "engagement_rate",
          ("opportunists", END), ("opportunists, tight control", END), DOWN),
    Claim("story.opportunists.description", None, "managers' hours", "manager_hours",
          ("opportunists", END), ("opportunists, tight control", END), UP),
    Claim("story.freedom_without_vision.description", None, "decisions scatter",
          "adaptation_error", ("freedom_without_vision, vision", END),
          ("freedom_without_vision", END), UP),
    Claim("story.self_steering_teams.description", None, "address shirking themselves",
          "misconduct_loss", ("self_steering_teams, no peers", END),
          ("self_steering_teams", END), DOWN),
]
# fmt: on


@pytest.fixture(scope="module")
def weekly() -> dict[str, pd.DataFrame]:
    """Per variant, the weekly series averaged over the replications (a row per week)."""
    names = list(VARIANTS)
    batches = [
        common_batch(load_scenario(story, **overrides), REPS, SEED, {"variant": i})
        for i, (story, overrides) in enumerate(VARIANTS.values())
    ]
    _, series = run_batches(batches, {"kind": "stories"}, series=True)
    return {
        names[i]: rows.drop(columns=["variant", "rep"]).groupby("week").mean()
        for i, rows in series.groupby("variant")
    }


def phases(story: str) -> list[tuple[int, int]]:
    """The weeks of each phase, first and last: from week 1, and from the week each of the
    story's interventions first shows (``sim.events``) to the week before the next."""
    scenario = load_scenario(story)
    starts = [1, *sorted(iv.week + 1 for iv in scenario.interventions)]
    ends = [s - 1 for s in starts[1:]] + [scenario.run.weeks]
    return list(zip(starts, ends, strict=True))


def value(where: Where, series: str, weekly: dict[str, pd.DataFrame]) -> float:
    if isinstance(where, float | int):
        return float(where)
    variant, phase = where
    story, _ = VARIANTS[variant]
    rows = weekly[variant][series]
    if phase == END:
        window = load_scenario(story).run.measure_weeks
        return float(rows.iloc[-window:].mean())
    first, last = phases(story)[phase]
    return float(rows.loc[first:last].mean())


def text(claim: Claim, lang: str = "en") -> str:
    if claim.phase is None:
        return texts.text(claim.text, lang)
    return texts.items(claim.text, lang)[claim.phase]


def test_every_story_text_is_checked_and_every_claim_is_in_its_text():
    stories = {key.split(".")[1] for key, *_ in CLAIMS}
    # the baseline's figures (14% burnout complaints, 20% engaged) are calibration patterns
    assert stories == set(sim.builtin_scenarios()) - {"baseline"}
    for claim in CLAIMS:
        assert claim.says.lower() in text(claim).lower(), (claim.text, claim.phase, claim.says)


@pytest.mark.parametrize(
    "claim", CLAIMS, ids=[f"{c.text.split('.')[1]}: {c.says} ({c.series})" for c in CLAIMS]
)
def test_the_model_does_what_the_story_says(claim: Claim, weekly):
    before = value(claim.before, claim.series, weekly)
    after = value(claim.after, claim.series, weekly)
    assert np.sign(after - before) == claim.sign, (
        f"{claim.text}: '{claim.says}' — {claim.series} {before:.4f} → {after:.4f}"
    )
