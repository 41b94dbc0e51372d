"""A report for a client's board: variants compared, in Dutch or English, as one HTML file.

``sim.report.report(scenarios, reps=10, lang="nl", client=…, question=…)`` simulates the
variants (one experiment, the same random numbers for each; :mod:`sim.report.findings`),
explains the difference in the outcome the question is about between the first two
(``sim.explain``) and renders a standalone page (:mod:`sim.report.page`): the client and the
question, a three-sentence summary that answers it, the outcomes with each unit said once, the
five mechanisms that matter most in words (the rest folded), static SVG figures with labelled
axes (:mod:`sim.report.figures`; no script, well under 1.5 MB), the variants, and the method and
caveats in an appendix in plain words (:mod:`sim.report.words`). With ``ensemble`` every
difference also carries its band over the plausible models and a verdict in words, the summary
says how sure the model is, and the appendix explains the two kinds of uncertainty. The question
is about ``why`` when it names an outcome, else the first outcome shown (burn-out by default).
``loslaten report`` writes it from the command line; the dashboard's compare page renders its
own results with :func:`render`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sim import texts
from sim.ensemble import Ensemble
from sim.experiments.batches import as_scenario
from sim.experiments.execute import Progress
from sim.experiments.executors import Execution
from sim.report.findings import (
    CLIENT_MOST,
    HEADLINE,
    QUESTION_MOST,
    Findings,
    Why,
    about,
    checked_words,
    compare_with_series,
    explained,
    findings,
    side_runs,
    side_size,
    variants,
)
from sim.report.page import render
from sim.report.words import (
    contribution,
    difference_table,
    long_date,
    mechanism_line,
    named_in,
    ranked,
    summary,
    variant_words,
    why_notes,
)
from sim.scenario import Scenario

__all__ = [
    "CLIENT_MOST",
    "HEADLINE",
    "QUESTION_MOST",
    "Findings",
    "Why",
    "about",
    "checked_words",
    "compare_with_series",
    "contribution",
    "difference_table",
    "explained",
    "findings",
    "long_date",
    "mechanism_line",
    "named_in",
    "ranked",
    "render",
    "report",
    "side_runs",
    "side_size",
    "summary",
    "variant_words",
    "variants",
    "why_notes",
]


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
    client: str | None = None,
    question: str | None = None,
    executor: str | Execution | Any = "serial",
    progress: Progress = False,
    ensemble: int | Ensemble | None = None,
) -> str:
    """The client report on ``scenarios`` (the first is the reference) as one HTML page; with
    ``ensemble`` every difference also has its band over the plausible models and a verdict."""
    lang = texts.check_lang(lang)
    checked_words(client, "client", CLIENT_MOST)
    checked_words(question, "question", QUESTION_MOST)
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
        ensemble=ensemble,
    )
    return render(found, lang=lang, kpis=kpis, client=client, question=question)
