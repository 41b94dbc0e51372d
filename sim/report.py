"""A report to hand to a client: variants compared, in Dutch or English, as one HTML file.

``sim.report(scenarios, reps=10, lang="nl")`` simulates the variants (one experiment: the
comparison and the weekly series in one pass, common random numbers), explains the difference
in one outcome between the first two (``sim.explain``) and renders a standalone page — plotly.js
inline, so it opens offline — with what each variant changes in plain words, the formatted
difference table, the means, the series, the "why" chart captioned with the pair it explains,
the method and the assumptions (a model, not a forecast; where the coefficients come from).
``loslaten report`` writes it from the command line; the dashboard's compare page renders its
own results with :func:`render`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pandas as pd

from sim import charts, texts
from sim.coefficients import PROVENANCES, listing
from sim.events import scheduled
from sim.experiments.batches import as_scenario, checked_reps, common_batch
from sim.experiments.compare import comparison, labelled
from sim.experiments.errors import ExperimentError
from sim.experiments.execute import Progress, run_batches
from sim.experiments.executors import Execution
from sim.experiments.explain import explain
from sim.experiments.summaries import kpi_check
from sim.scenario import Scenario, builtin_scenarios, load_scenario

HEADLINE = (
    "burnout_rate",
    "engagement_rate",
    "productivity",
    "absence_rate",
    "manager_hours",
    "profit",
)
"""The outcomes a report shows unless told otherwise."""
LARGE_REMAINDER = 0.5
"""The share of a difference left to the rest above which the report says so in words."""


@dataclass(frozen=True)
class Why:
    """Why two variants differ in one outcome: ``sim.explain``'s parts for ``b − a``."""

    a: str
    b: str
    kpi: str
    reps: int
    parts: pd.DataFrame


@dataclass(frozen=True)
class Findings:
    """What a report shows: the variants (by label, the first the reference), their comparison
    (``sim.compare``'s frame), their weekly series in long form (``scenario``, ``rep``, ``week``,
    series) and, optionally, why two of them differ."""

    variants: dict[str, Scenario]
    reps: int
    seed: int
    summary: pd.DataFrame
    series: pd.DataFrame
    why: Why | None = None


def variants(scenarios: Sequence[str | Path | Scenario]) -> dict[str, Scenario]:
    """The variants of a comparison by the labels the report and ``sim.compare`` give them (a
    scenario's name, duplicates told apart as ``name (2)``)."""
    return labelled(scenarios)


def compare_with_series(
    scenarios: Sequence[str | Path | Scenario],
    *,
    reps: int = 10,
    seed: int = 1,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> tuple[dict[str, Scenario], pd.DataFrame, pd.DataFrame]:
    """The variants by label, ``sim.compare``'s frame and the weekly series of every
    replication, from one experiment (the same runs as ``sim.compare``)."""
    named = variants(scenarios)
    batches = [common_batch(s, reps, seed, {"scenario": label}) for label, s in named.items()]
    table, series = run_batches(
        batches, {"kind": "compare"}, executor=executor, series=True, progress=progress
    )
    return named, comparison(table), series


def clearest(summary: pd.DataFrame, b: str, kpis: Sequence[str]) -> str:
    """The outcome among ``kpis`` in which variant ``b`` differs most clearly from the first
    (the largest difference relative to its interval)."""
    rows = summary[(summary["scenario"] == b) & summary["kpi"].isin(kpis)].set_index("kpi")
    half = (rows["diff_high"] - rows["diff"]).where(lambda h: h > 0)
    score = (rows["diff"].abs() / half).fillna(rows["diff"].abs())
    return str(score.idxmax()) if score.notna().any() else kpis[0]


def findings(
    scenarios: Sequence[str | Path | Scenario],
    *,
    reps: int = 10,
    seed: int = 1,
    kpis: Sequence[str] | None = None,
    why: str | bool = True,
    why_with: int = 1,
    why_reps: int = 5,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> Findings:
    """Simulate what a report shows. ``why`` is the outcome to explain, ``True`` for the one
    that differs most clearly, ``False`` for none; it explains variant ``why_with`` against the
    first, over ``why_reps`` replications."""
    kpis = kpi_check(kpis or HEADLINE)
    reps, why_reps = checked_reps(reps), checked_reps(why_reps)
    if why is not False and not isinstance(why, bool):
        kpi_check([why])
    stages = 2 if why is not False and len(scenarios) > 1 else 1

    def stage(index: int) -> Progress:
        if not callable(progress):
            return progress
        return lambda done, total: progress((index + done / total) * total, stages * total)

    named, summary, series = compare_with_series(
        scenarios, reps=reps, seed=seed, executor=executor, progress=stage(0)
    )
    labels = list(named)
    explained = None
    if stages == 2:
        if not 1 <= why_with < len(labels):
            raise ExperimentError(
                f"why_with {why_with} is not allowed; choose a variant from 1 to {len(labels) - 1}"
            )
        b = labels[why_with]
        name = clearest(summary, b, kpis) if why is True else why
        parts = explain(
            named[labels[0]],
            named[b],
            reps=why_reps,
            seed=seed,
            executor=executor,
            progress=stage(1),
        )
        explained = Why(labels[0], b, name, why_reps, parts)
    return Findings(named, reps, seed, summary, series, explained)


def report(
    scenarios: Sequence[str | Path | Scenario],
    *,
    reps: int = 10,
    seed: int = 1,
    lang: str = "nl",
    kpis: Sequence[str] | None = None,
    why: str | bool = True,
    why_with: int = 1,
    why_reps: int = 5,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
) -> str:
    """The client report on ``scenarios`` (the first is the reference) as one HTML page."""
    lang = texts.check_lang(lang)
    found = findings(
        [named_in(as_scenario(s), lang) for s in scenarios],
        reps=reps,
        seed=seed,
        kpis=kpis,
        why=why,
        why_with=why_with,
        why_reps=why_reps,
        executor=executor,
        progress=progress,
    )
    return render(found, lang=lang, kpis=kpis)


# --- words --------------------------------------------------------------------------------------


def named_in(scenario: Scenario, lang: str) -> Scenario:
    """A variant named and described in ``lang``: a built-in story by its name there, with what
    it sets differently from that story ("Basis (vertrouwen 0,8)"; its size and horizon are in
    the method)."""
    key = scenario.name.partition(":")[0]  # a command line's NAME:KEY=VALUE
    if key not in builtin_scenarios():
        return scenario
    story = load_scenario(key)
    label = texts.story_name(key, lang)
    sized = {"organisation.employees", "run.weeks", "run.measure_weeks"}
    like = story.with_overrides(**{path: texts.value_at(scenario, path) for path in sized})
    changed = texts.changes(scenario, like, lang, short=True)
    if changed:
        label += f" ({', '.join(changed)})"
    description = texts.story_description(key, story, lang)
    return scenario.with_overrides(name=label, description=description)


def why_notes(why: Why, lang: str) -> list[str]:
    """What a reader needs beside the "why" chart: the method with the replications used, how
    to read the signs, and a plain sentence when the rest holds most of the difference."""
    part = why.parts[why.parts["kpi"] == why.kpi].set_index("part")["contribution"]
    name = texts.kpi_name(why.kpi, lang)
    notes = [
        texts.text("why.caption", lang, reps=why.reps),
        texts.text(
            "why.sign", lang, kpi=name, a=why.a, b=why.b, unit=texts.kpi_unit(why.kpi, lang)
        ),
    ]
    total, rest = part["total"], part["remainder"]
    mechanisms = part.drop(["total", "remainder"]).abs().sum()
    if abs(rest) > LARGE_REMAINDER * max(abs(total), mechanisms + abs(rest)) and total != 0:
        share = round(100 * min(1.0, abs(rest) / (mechanisms + abs(rest))))
        notes.append(texts.text("why.remainder_large", lang, share=share))
    if why.reps < 2:
        notes.append(texts.text("why.too_few", lang))
    return notes


def variant_words(found: Findings, lang: str) -> list[tuple[str, str]]:
    """Each variant with what it is or changes, in plain words."""
    (first, reference), *others = found.variants.items()
    described = _described(reference, lang)
    out = [(first, texts.text("report.variant_base", lang, description=described))]
    for label, scenario in others:
        said = texts.changes(scenario, reference, lang)
        out.append(
            (
                label,
                texts.text("report.variant_changes", lang, ref=first, changes="; ".join(said))
                if said
                else texts.text("report.variant_same", lang, ref=first),
            )
        )
    return out


def _described(scenario: Scenario, lang: str) -> str:
    """A built-in story's description in ``lang``, else the scenario's own, else its name."""
    return texts.story_description(scenario.name, scenario, lang) or scenario.name


def difference_table(found: Findings, kpis: Sequence[str], lang: str) -> pd.DataFrame:
    """Outcomes as rows: each variant's mean, and each other variant's difference from the
    first with its 95% interval, formatted in ``lang`` (no raw keys, no long fractions)."""
    word = texts.text
    rows = []
    for name in kpis:
        part = found.summary[found.summary["kpi"] == name].set_index("scenario")
        row = {word("report.outcome", lang): texts.kpi_name(name, lang)}
        for label in found.variants:
            row[label] = texts.kpi_value(name, part.at[label, "mean"], lang)
        for label in list(found.variants)[1:]:
            r = part.loc[label]
            interval = (
                f"{texts.kpi_change(name, r['diff_low'], lang)} … "
                f"{texts.kpi_change(name, r['diff_high'], lang)}"
                if math.isfinite(r["diff_low"])
                else word("common.none", lang)
            )
            head = f"{word('compare.difference', lang)}: {label}"
            row[head] = f"{texts.kpi_change(name, r['diff'], lang)} ({interval})"
        rows.append(row)
    return pd.DataFrame(rows)


def coefficient_summary(scenario: Scenario, lang: str) -> str:
    """How many of the model's coefficients are sourced, fitted or assumed."""
    rows = listing(scenario.coefficients)
    counts = {p: sum(r["provenance"] == p for r in rows) for p in PROVENANCES}
    return texts.text("report.caveat_coefficients", lang, total=len(rows), **counts)


def long_date(day: date, lang: str) -> str:
    """ "3 december 2026" or "3 December 2026"."""
    return f"{day.day} {texts.items('date.months', lang)[day.month - 1]} {day.year}"


# --- the page -----------------------------------------------------------------------------------

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:1100px;
margin:2em auto;padding:0 1em;color:#1a1a1a;line-height:1.5}
h1{margin-bottom:.2em}h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:1em 0;font-variant-numeric:tabular-nums}
td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}
td:first-child,th:first-child{text-align:left}th{background:#f3f3f3}
.note{color:#444;font-size:.95em}.made{color:#555}footer{margin-top:3em;color:#777;font-size:.85em}
"""


def render(
    found: Findings,
    *,
    lang: str = "nl",
    kpis: Sequence[str] | None = None,
    day: date | None = None,
) -> str:
    """The report's standalone HTML page in ``lang`` (plotly.js inline: it works offline)."""
    lang = texts.check_lang(lang)
    kpis = kpi_check(kpis or HEADLINE)
    word = texts.text
    first = next(iter(found.variants))
    reference = found.variants[first]
    made = word("report.made", lang, date=long_date(day or date.today(), lang))
    html = [
        f"<h1>{escape(word('report.title', lang))}</h1>",
        f"<p class='made'>{escape(made)}</p>",
        f"<h2>{escape(word('report.table_title', lang, ref=first))}</h2>",
        difference_table(found, kpis, lang).to_html(index=False, escape=True, border=0),
        f"<p class='note'>{escape(word('report.caveat_noise', lang))}</p>",
        f"<h2>{escape(word('report.variants_title', lang))}</h2>",
        "<ul>"
        + "".join(
            f"<li><b>{escape(label)}</b>: {escape(said)}</li>"
            for label, said in variant_words(found, lang)
        )
        + "</ul>",
    ]
    means = charts.means(found.summary, list(kpis), lang)
    figures = [(word("report.means_title", lang), means, "")]
    columns = [k for k in kpis if k in found.series.columns]
    if columns:
        runs = {label: rows for label, rows in found.series.groupby("scenario", sort=False)}
        events = {label: scheduled(s) for label, s in found.variants.items()}
        figures.append(
            (
                word("report.series_title", lang),
                charts.bands(runs, columns, lang, events=events),
                word("report.series_caption", lang),
            )
        )
    if found.why is not None:
        w = found.why
        figures.append(
            (
                word("why.title", lang),
                charts.contributions(w.parts, w.kpi, lang, w.a, w.b),
                " ".join(why_notes(w, lang)),
            )
        )
    config = charts.plotly_config(lang)
    for i, (title, figure, caption) in enumerate(figures):
        html.append(f"<h2>{escape(title)}</h2>")
        html.append(figure.to_html(full_html=False, include_plotlyjs=i == 0, config=config))
        if caption:
            html.append(f"<p class='note'>{escape(caption)}</p>")
    html += [
        f"<h2>{escape(word('report.method_title', lang))}</h2>",
        f"<p>{escape(_method(found, lang))}</p>",
        f"<h2>{escape(word('report.caveats_title', lang))}</h2>",
        "<ul>"
        + "".join(
            f"<li>{escape(line)}</li>"
            for line in (word("report.caveat_model", lang), coefficient_summary(reference, lang))
        )
        + "</ul>",
        f"<footer>{escape(word('report.footer', lang, version=_version()))}</footer>",
    ]
    title = escape(word("report.title", lang))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{STYLE}</style></head><body>"
        + "\n".join(html)
        + "</body></html>"
    )


def _method(found: Findings, lang: str) -> str:
    scenarios = found.variants.values()

    def span(values: list[int]) -> str:
        low, high = (texts.number(v, lang, 0) for v in (min(values), max(values)))
        return low if low == high else f"{low}–{high}"

    values = {
        "reps": found.reps,
        "seed": found.seed,
        "employees": span([s.organisation.employees for s in scenarios]),
        "weeks": span([s.run.weeks for s in scenarios]),
        "window": span([s.run.measure_weeks for s in scenarios]),
    }
    return texts.text("report.method" if found.reps > 1 else "report.method_one", lang, **values)


def _version() -> str:
    try:
        return version("loslaten")
    except PackageNotFoundError:
        return "?"
