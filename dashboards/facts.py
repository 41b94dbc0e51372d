"""What the model page shows to defend the model: the stylised facts it is checked against
(``sim.patterns``), computed on demand and cached, the facts where trust does not win, and every
coefficient with its provenance (``sim.coefficients``).

The patterns' names, targets and sources are in both catalogues (``model.pattern.<name>``); each
value is shown as its target is written (``sim.patterns.UNITS``).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd

import sim
from sim import patterns as facts
from sim import report, texts
from sim.coefficients import PROVENANCES, listing

import answers
import compute
from i18n import lang, t

REPS = (2, 30)
"""Replications of the patterns (at least two: one has no interval)."""

LIMITS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("opportunists", ("control pays when opportunists are common",),
     ("opportunists", "opportunists~control=0.8")),
    ("hayek", ("stable and interdependent: central decisions win",),
     ("hayek_stable", "hayek_stable~responsibility=0.9~freedom=0.9~control=0.2~rules=0.2")),
    ("vision", ("freedom without vision scatters",),
     ("freedom_without_vision", "freedom_without_vision~vision=0.9")),
    ("follow_up", ("trust without follow-up erodes performance",), ()),
    ("rules", ("a few rules beat none", "a few rules beat many"),
     ("baseline~rules=0", "baseline~rules=0.25", "baseline~rules=1")),
)  # fmt: skip
"""Where trust does not win: a key for its words (``model.limits.<key>``), its patterns, and the
variants the compare page opens with (none where a lever cannot show it: follow-up is a
mechanism, not a lever)."""

EXPLORE: dict[str, dict[str, str]] = {
    "opportunists": {"x": "workforce.opportunist_share", "y": "levers.control", "kpi": "profit"},
    "hayek": {"view": "phase", "phase_kpi": "productivity"},
    "vision": {"x": "levers.freedom", "y": "levers.vision", "kpi": "adaptation_error"},
    "rules": {"x": "levers.rules", "y": "levers.trust", "kpi": "productivity"},
}
"""The Explore page's settings that show a limit over a grid: the phase diagram (Hayek) or a
sweep over the two levers it is about."""
VARIANTS = {key: variants for key, _, variants in LIMITS}
EXTRA_KPIS = {"opportunists": ["misconduct_loss"], "vision": ["adaptation_error"]}
"""Outcomes the compare page adds to its usual ones for a limit."""


# --- the patterns -------------------------------------------------------------------------------


def measure(reps: int, seed: int, progress: Any = False) -> pd.DataFrame:
    """Every pattern measured with ``reps`` replications, in this process (so that the progress
    bar moves week by week)."""
    return facts.evaluate(reps=reps, seed=seed, executor="serial", progress=progress)


@compute.memo(8)
def evaluate(reps: int, seed: int, _progress: Any = False) -> tuple[pd.DataFrame, float]:
    """:func:`measure`, shipped for the default replications and seed (:mod:`answers`), and the
    seconds it took here."""
    start = time.perf_counter()
    frame = answers.shipped("patterns", {"reps": reps, "seed": seed})
    if frame is None:
        frame = measure(reps, seed, _progress)
    return frame, time.perf_counter() - start


def runs(reps: int) -> int:
    """How many simulations the patterns take at ``reps`` replications."""
    return reps * len({s for p in facts.PATTERNS for s in p.specs})


def words(name: str, part: str) -> str:
    """A pattern's ``name``, ``target`` or ``source`` in the chosen language."""
    return t(f"model.pattern.{name}.{part}")


def target_name(target: dict | str) -> str:
    """A target an ensemble was held against (a pattern or calibration figure) in words: a
    pattern's name in the chosen language, any other by the name the file gives it."""
    name = target["name"] if isinstance(target, dict) else str(target)
    return words(name, "name") if texts.has(f"model.pattern.{name}.name", lang()) else name


SCALE = {"share": 100, "points": 100, "relative": 100}
"""Units shown in percent or percentage points."""


def scaled(unit: str, value: float) -> float:
    return value * SCALE.get(unit, 1)


def shown(unit: str, value: float) -> str:
    """A pattern's value as its target is written: "12,6%", "+4,4 %-punt", "×1,17", "40,9 u",
    "+8,4 u", "−5,0%" or "+0,020"."""
    n = lang()
    if value is None or not np.isfinite(value):
        return "—"
    if unit == "share":
        return texts.kpi_value("burnout_rate", value, n)
    if unit == "points":
        return texts.kpi_change("burnout_rate", value, n)
    if unit == "ratio":
        return "×" + texts.number(value, n, 2)
    if unit == "hours":
        return texts.kpi_value("manager_hours", value, n)
    if unit == "hours_change":
        return texts.kpi_change("manager_hours", value, n)
    if unit == "relative":
        return texts.number(100 * value, n, 1, sign=True) + "%"
    return texts.number(value, n, 3, sign=True)


def unit_name(unit: str) -> str:
    """The unit of a pattern's value, for a chart's row: "%", "%-punt", "×", "u" or nothing."""
    n = lang()
    return {
        "share": "%",
        "relative": "%",
        "points": texts.text("unit.points", n),
        "ratio": "×",
        "hours": texts.text("unit.hours", n),
        "hours_change": texts.text("unit.hours", n),
    }.get(unit, "")


def interval(unit: str, low: float, high: float) -> str:
    return f"{shown(unit, low)} … {shown(unit, high)}"


def kinds(frame: pd.DataFrame) -> str:
    """How many patterns of each kind of evidence are met: "validatie 13/13 · …"."""
    return " · ".join(
        f"{t(f'model.kind.{kind}')} {int(part['met'].sum())}/{len(part)}"
        for kind in facts.KINDS
        if len(part := frame[frame["kind"] == kind])
    )


def verdict(met: bool) -> str:
    return t("model.patterns.met" if met else "model.patterns.not_met")


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """The patterns of ``frame`` in words: name, target, value, interval, met, kind of evidence,
    claim, source."""
    return pd.DataFrame(
        {
            t("model.patterns.col_pattern"): [words(n, "name") for n in frame["name"]],
            t("model.patterns.col_target"): [words(n, "target") for n in frame["name"]],
            t("model.patterns.col_value"): [
                shown(u, v) for u, v in zip(frame["unit"], frame["value"], strict=True)
            ],
            t("model.patterns.col_interval"): [
                interval(r.unit, r.ci_low, r.ci_high) for r in frame.itertuples()
            ],
            t("model.patterns.col_met"): [("✓ " if m else "✗ ") + verdict(m) for m in frame["met"]],
            t("model.patterns.col_kind"): [t(f"model.kind.{k}") for k in frame["kind"]],
            t("model.patterns.col_claim"): [
                texts.claim_titles([c], lang()) for c in frame["claim"]
            ],
            t("model.patterns.col_source"): [words(n, "source") for n in frame["name"]],
        }
    )


def measured(row: Any) -> str:
    """One pattern's measurement in a sentence."""
    return t(
        "model.limits.measured",
        name=words(row.name, "name"),
        value=shown(row.unit, row.value),
        interval=interval(row.unit, row.ci_low, row.ci_high),
        target=words(row.name, "target"),
        verdict=verdict(row.met),
    )


def compare_settings(key: str) -> dict[str, Any]:
    """The compare page's settings that open a limit's variants (as a saved session holds
    them)."""
    variants = VARIANTS[key]
    settings: dict[str, Any] = {"variants": str(len(variants))}
    for i, text in enumerate(variants):
        story, *changes = text.split("~")
        settings[f"v{i}_story"] = story
        for change in changes:
            name, _, value = change.partition("=")
            settings[f"v{i}_{name}"] = value
    settings["kpis"] = [*report.HEADLINE, *EXTRA_KPIS.get(key, [])]
    return settings


def explore_settings(key: str) -> dict[str, str]:
    """The Explore page's settings that show limit ``key`` (as a saved session holds them)."""
    return {"view": "sweep", **EXPLORE[key]}


def explore_in_words(key: str) -> str:
    """What the Explore page shows for limit ``key``."""
    shown = explore_settings(key)
    if shown["view"] == "phase":
        return t("model.limits.explore_phase", kpi=texts.kpi_name(shown["phase_kpi"], lang()))
    x, y = (texts.field_name(shown[axis], lang()) for axis in ("x", "y"))
    return t("model.limits.explore_sweep", kpi=texts.kpi_name(shown["kpi"], lang()), x=x, y=y)


# --- the coefficients ---------------------------------------------------------------------------


def coefficients() -> pd.DataFrame:
    """Every coefficient of the baseline (``loslaten coefficients --json``'s rows)."""
    return pd.DataFrame(listing(sim.load_scenario("baseline").coefficients))


def provenance(name: str) -> str:
    return t(f"model.provenance.{name}")


def mechanism(name: str) -> str:
    """A coefficient record's mechanism in words."""
    for key in (f"module.{name}", f"model.record.{name}"):
        if texts.has(key, lang()):
            return t(key)
    return name.replace("_", " ")


def counts(frame: pd.DataFrame) -> dict[str, int]:
    found = frame["provenance"].value_counts()
    return {p: int(found.get(p, 0)) for p in PROVENANCES}


def coefficient_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The coefficients in words: name, meaning, value, range, unit, provenance, source and
    mechanism; meaning and unit in the chosen language (the catalogue's ``model.coefficient_doc``
    and ``model.unit``), the source as the code gives it."""
    n = lang()

    def number(v: float) -> str:
        return texts.number(v, n, 6).rstrip("0").rstrip(",.") or "0"

    return pd.DataFrame(
        {
            t("model.coefficients.col_name"): frame["name"].str.removeprefix("coefficients."),
            t("model.coefficients.col_meaning"): [
                texts.coefficient_doc(name, doc, n)
                for name, doc in zip(frame["name"], frame["doc"], strict=True)
            ],
            t("model.coefficients.col_value"): [number(v) for v in frame["value"]],
            t("model.coefficients.col_range"): [
                t("model.coefficients.fixed") if lo == hi else f"{number(lo)} … {number(hi)}"
                for lo, hi in zip(frame["min"], frame["max"], strict=True)
            ],
            t("model.coefficients.col_unit"): [texts.coefficient_unit(u, n) for u in frame["unit"]],
            t("model.coefficients.col_provenance"): [provenance(p) for p in frame["provenance"]],
            t("model.coefficients.col_source"): frame["source"],
            t("model.coefficients.col_mechanism"): [mechanism(m) for m in frame["mechanism"]],
        }
    )


def coefficient_csv(frame: pd.DataFrame) -> str:
    """The coefficients as ``loslaten coefficients --json`` gives them, as CSV; in Dutch with
    the meaning and unit in Dutch beside them (``doc_nl``, ``unit_nl``)."""
    n = lang()
    if n != "en":
        frame = frame.assign(
            **{
                f"doc_{n}": [
                    texts.coefficient_doc(name, doc, n)
                    for name, doc in zip(frame["name"], frame["doc"], strict=True)
                ],
                f"unit_{n}": [texts.coefficient_unit(u, n) for u in frame["unit"]],
            }
        )
    return frame.to_csv(index=False)
