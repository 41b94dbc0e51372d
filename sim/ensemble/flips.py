"""Where an answer flips: the coefficients that decide the sign of a comparison (issue 23, item 4).

A comparison run over the plausible models gives each member its own effect (the member's mean
paired difference in one KPI). Where the members disagree on its sign, *scenario discovery* asks
which of their coefficients separate the two sides. The method is a shallow decision tree
(CART, scikit-learn's ``DecisionTreeClassifier``), one of the two scenario-discovery methods of
the EMA workbench (the other, PRIM, peels a box one coefficient at a time). The tree was chosen
because it needs nothing beyond scikit-learn, is deterministic, has no peeling threshold to tune
on the few dozen members a comparison runs over, and reads as a rule: "when c is above t". The
tree (depth :data:`DEPTH`, classes weighted by their size so that a small minority is still
found, leaves of at least :data:`LEAF` of the members) learns from the members' values of the
varied coefficients whether the effect has the majority's sign. The leaf that holds most members
on the *other* side is the box: the conditions on the path to it, a condition left out if the
box is as pure without it. The box is said with its *density* (share of the members in it on the
other side) and *coverage* (share of all members on the other side that it holds), as PRIM would
say it, and the tree with its accuracy (on the members, and cross-validated where both sides have
enough members) beside that of always guessing the majority. A tree no better than that guess
(cross-validated where possible) explains nothing: the sentence says that no coefficient
decides clearly and gives its nearest rule as a hunch, not a finding; an answer whose sign all
members share says that it never flips.

A member's effect is a mean over few replications: near zero its sign is partly the dice, which
blurs the boundary but does not move it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from sim import texts
from sim.coefficients import listing
from sim.ensemble.members import Ensemble, load_ensemble
from sim.experiments.errors import ExperimentError
from sim.experiments.executors import Execution
from sim.experiments.summaries import kpi_check
from sim.scenario import Scenario, load_scenario

if TYPE_CHECKING:  # scikit-learn is imported when a tree is grown: a second off every command
    from sklearn.tree import DecisionTreeClassifier

DEPTH = 2
"""Depth of the tree: at most two conditions, what a teacher can say in one sentence."""
LEAF = 0.05
"""The smallest leaf, as a share of the members (at least two members)."""
DENSE = 0.75
"""The box is the node of the tree with most members on the other side among those where at
least this share of the members are."""
PURE_ENOUGH = 0.05
"""A condition is left out of the box if the box's density drops by less than this without it."""
FOLDS = 5
"""Cross-validation folds at most (fewer when the minority side has fewer members)."""


@dataclass(frozen=True)
class Condition:
    """One side of a threshold: ``name`` above (``above``) or at most ``threshold``."""

    name: str
    above: bool
    threshold: float
    low: float  # the range the members span
    high: float
    prior_low: float  # the declared range
    prior_high: float


@dataclass(frozen=True)
class Flips:
    """Where the sign of ``b − a`` in ``kpi`` flips over ``members`` plausible models."""

    a: str
    b: str
    kpi: str
    members: int
    positive: float  # share of members with a positive effect
    negative: float  # … with a negative one
    median: float
    low: float  # 10th and 90th percentile of the members' effects
    high: float
    conditions: list[Condition] = field(default_factory=list)
    inside: int = 0  # members in the box
    density: float = math.nan  # share of them on the other side than the majority
    coverage: float = math.nan  # share of all members on the other side that the box holds
    accuracy: float = math.nan  # the tree's, on the members
    cv_accuracy: float | None = None  # cross-validated, where both sides have enough members
    majority: float = math.nan  # the accuracy of always guessing the majority's sign
    importance: dict[str, float] = field(default_factory=dict)  # the tree's, > 0 only
    depth: int = DEPTH

    @property
    def flips(self) -> bool:
        """Whether the members disagree on the sign at all (a zero effect counts as a sign)."""
        return self.positive < 1 and self.negative < 1 and self.positive + self.negative > 0

    @property
    def honest_accuracy(self) -> float:
        """The tree's accuracy on members it has not seen where it can be told (cross-validated),
        else on the members: a rule no better than guessing the majority explains nothing."""
        return self.accuracy if self.cv_accuracy is None else self.cv_accuracy

    @property
    def rising(self) -> bool:
        """Whether the majority of the members raise the KPI."""
        return self.positive >= self.negative

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The structured answer, with its sentence in ``lang``."""
        out = asdict(self)
        out["flips"] = self.flips
        out["sentence"] = sentence(self, lang)
        return out


def where_it_flips(
    ensemble: Ensemble,
    effects: Sequence[float] | np.ndarray,
    *,
    a: str = "A",
    b: str = "B",
    kpi: str = "profit",
    depth: int = DEPTH,
) -> Flips:
    """Which of ``ensemble``'s coefficients decide the sign of ``effects`` (one per member, in
    the members' order; the first ``len(effects)`` members are used)."""
    effects = np.asarray(effects, dtype=float)
    n = len(effects)
    if n < 2 or n > len(ensemble) or not np.isfinite(effects).all():
        raise ExperimentError(
            f"{n} effects are not allowed; give one finite effect for each of 2 to "
            f"{len(ensemble)} members"
        )
    values = ensemble.values[:n]
    positive, negative = float(np.mean(effects > 0)), float(np.mean(effects < 0))
    low, high = np.percentile(effects, (10, 90))
    found = Flips(
        a, b, kpi, n, positive, negative, float(np.median(effects)), float(low), float(high)
    )
    other = effects <= 0 if found.rising else effects >= 0  # the members off the majority's sign
    if not found.flips or other.all():
        return found
    varied = [j for j in range(values.shape[1]) if np.ptp(values[:, j]) > 0]
    if not varied:
        return found
    x = values[:, varied]
    from sklearn.tree import DecisionTreeClassifier

    tree = DecisionTreeClassifier(
        max_depth=depth,
        min_samples_leaf=max(2, math.ceil(LEAF * n)),
        class_weight="balanced",
        random_state=0,
    ).fit(x, other)
    box = _box(tree, x, other)
    conditions = [
        Condition(
            ensemble.names[varied[j]],
            above,
            threshold,
            float(values[:, varied[j]].min()),
            float(values[:, varied[j]].max()),
            *ensemble.priors[ensemble.names[varied[j]]],
        )
        for j, above, threshold in box
    ]
    inside = _inside(x, box)
    return Flips(
        **{
            **asdict(found),
            "conditions": conditions,
            "inside": int(inside.sum()),
            "density": float(other[inside].mean()),
            "coverage": float(other[inside].sum() / other.sum()),
            "accuracy": float(tree.score(x, other)),
            "cv_accuracy": _cross_validated(tree, x, other),
            "majority": float(max(other.mean(), 1 - other.mean())),
            "importance": {
                ensemble.names[varied[j]]: float(v)
                for j, v in sorted(enumerate(tree.feature_importances_), key=lambda p: -p[1])
                if v > 0
            },
            "depth": depth,
        }
    )


def _box(
    tree: DecisionTreeClassifier, x: np.ndarray, other: np.ndarray
) -> list[tuple[int, bool, float]]:
    """The conditions (column, above, threshold) on the path to the node of the tree that holds
    most members on the other side among those where at least :data:`DENSE` of the members are
    (else the densest node), each left out if the box is about as pure without it; none if the
    tree has no split."""
    t = tree.tree_
    paths: dict[int, list[tuple[int, bool, float]]] = {0: []}
    for node in range(t.node_count):  # parents come before their children
        if t.children_left[node] >= 0:
            j, cut = int(t.feature[node]), float(t.threshold[node])
            paths[t.children_left[node]] = [*paths[node], (j, False, cut)]
            paths[t.children_right[node]] = [*paths[node], (j, True, cut)]
    found = {node: other[_inside(x, path)] for node, path in paths.items() if path}
    if not found:  # too few members to split
        return []
    dense = [node for node, inside in found.items() if inside.mean() >= DENSE]
    if dense:
        best = max(dense, key=lambda node: (found[node].sum(), found[node].mean()))
    else:
        best = max(found, key=lambda node: (found[node].mean(), found[node].sum()))
    box = paths[best]
    for condition in list(reversed(box)):
        without = [c for c in box if c != condition]
        if other[_inside(x, without)].mean() >= other[_inside(x, box)].mean() - PURE_ENOUGH:
            box = without
    return box


def _inside(x: np.ndarray, box: list[tuple[int, bool, float]]) -> np.ndarray:
    inside = np.ones(len(x), dtype=bool)
    for j, above, cut in box:
        inside &= x[:, j] > cut if above else x[:, j] <= cut
    return inside


def _cross_validated(
    tree: DecisionTreeClassifier, x: np.ndarray, other: np.ndarray
) -> float | None:
    folds = min(FOLDS, int(other.sum()), int((~other).sum()))
    if folds < 2:
        return None
    from sklearn.model_selection import StratifiedKFold, cross_val_score

    split = StratifiedKFold(folds, shuffle=True, random_state=0)
    return float(cross_val_score(tree, x, other, cv=split).mean())


# --- a comparison's flips -------------------------------------------------------------------------


def comparison_flips(
    a: str | Path | Scenario,
    b: str | Path | Scenario,
    kpi: str,
    *,
    ensemble: int | Ensemble | None = None,
    reps: int = 4,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: bool = False,
) -> Flips:
    """Compare ``b`` with ``a`` over the plausible models (``ensemble``: the first N members of
    the shipped ensemble, an Ensemble, or None for all) and say where ``kpi``'s difference
    flips."""
    from sim.experiments.compare import compare  # sim.experiments imports sim.ensemble

    kpi_check([kpi])
    if not isinstance(ensemble, Ensemble):
        ensemble = load_ensemble().first(ensemble)
    frame = compare(
        [a, b], reps=reps, seed=seed, executor=executor, progress=progress, ensemble=ensemble
    )
    first, second = list(dict.fromkeys(frame["scenario"]))
    members = frame.attrs["members"]
    rows = members[(members["scenario"] == second) & (members["kpi"] == kpi)]
    effects = rows.sort_values("member")["diff"].to_numpy()
    return where_it_flips(ensemble, effects, a=first, b=second, kpi=kpi)


# --- in words -------------------------------------------------------------------------------------


def sentence(found: Flips, lang: str = "nl") -> str:
    """Where ``found`` flips, as sentences a teacher can use, in ``lang``."""
    key = "flips."
    say = {
        "a": texts.story_name(found.a, lang),
        "b": texts.story_name(found.b, lang),
        "kpi": texts.kpi_name(found.kpi, lang),
        "n": found.members,
        "median": texts.kpi_change(found.kpi, found.median, lang),
        "low": texts.kpi_change(found.kpi, found.low, lang),
        "high": texts.kpi_change(found.kpi, found.high, lang),
    }
    if not found.positive and not found.negative:
        return texts.text(key + "no_effect", lang, **say)
    way = texts.BETTER.get(found.kpi, 0) * (1 if found.rising else -1)
    side = {1: "better", -1: "worse", 0: "up" if found.rising else "down"}[way]
    if not found.flips:
        return texts.text(f"{key}never_{side}", lang, **say)
    majority = max(found.positive, found.negative)
    said = texts.text(f"{key}{side}", lang, share=_share(majority, lang), **say)
    unclear = texts.text(key + "unclear", lang, share=_share(1 - majority, lang))
    if not found.conditions:
        return f"{said} {unclear}"
    meanings = _meanings(lang)
    conditions = texts.text(key + "and", lang).join(
        texts.text(
            key + ("above" if c.above else "below"),
            lang,
            meaning=meanings.get(c.name, c.name),
            value=_figure(c.threshold, c, lang),
            low=_figure(c.low, c, lang),
            high=_figure(c.high, c, lang),
        )
        for c in found.conditions
    )
    turn = texts.text(
        f"{key}turn_{side}",
        lang,
        conditions=conditions,
        density=_share(found.density, lang),
        inside=found.inside,
        **say,
    )
    scores = {
        "accuracy": _share(found.honest_accuracy, lang),
        "majority": _share(found.majority, lang),
    }
    if found.honest_accuracy <= found.majority:  # a rule no better than guessing: a hunch
        rule = turn[0].lower() + turn[1:]
        return f"{said} {unclear} {texts.text(key + 'hunch', lang, rule=rule, **scores)}"
    tree = texts.text(key + ("tree" if found.cv_accuracy is None else "tree_cv"), lang, **scores)
    return f"{said} {turn} {tree}"


def _meanings(lang: str) -> dict[str, str]:
    return {
        row["name"]: texts.coefficient_doc(row["name"], row["doc"], lang)
        for row in listing(load_scenario("baseline").coefficients)
    }


def _share(value: float, lang: str) -> str:
    return f"{texts.number(100 * value, lang, 0)}%"


def _figure(value: float, condition: Condition, lang: str) -> str:
    """A value with as many decimals as the members' range needs (three significant digits)."""
    width = condition.high - condition.low
    decimals = int(np.clip(2 - math.floor(math.log10(width)), 0, 6)) if width > 0 else 2
    return texts.number(value, lang, decimals)
