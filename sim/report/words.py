"""The report's words: variants named and described, the three-sentence summary, the table of
outcomes with each unit said once, the "why" as mechanisms in plain words, the method."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import pandas as pd

from sim import texts
from sim.coefficients import PROVENANCES, listing
from sim.report.findings import Findings, Why
from sim.scenario import Scenario, builtin_scenarios, load_scenario

LARGE_REMAINDER = 0.5
"""The share of a difference left to the rest above which the dashboard says so in words."""
TOP = 5
"""The mechanisms a report names; the rest are folded."""
BECAUSE = 3
"""The mechanisms the summary's last sentence names."""
EXAMPLES = 3
"""The targets the method names as examples of what the plausible models were held against."""


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
    """What a reader of the dashboard needs beside the "why" chart: the method with the
    replications used, how to read the signs, and a plain sentence when the rest holds most of
    the difference."""
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
    described = texts.story_description(reference.name, reference, lang) or reference.name
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


# --- numbers with their unit said once ----------------------------------------------------------


def bare(name: str, value: float, lang: str, sign: bool = False) -> str:
    """A KPI value or difference without its unit, in the unit :func:`unit_words` names."""
    if name in texts.SHARES:
        return texts.number(100 * value, lang, 1, sign)
    return texts.number(value, lang, 1 if name in texts.HOURS else 2, sign)


def size(name: str, value: float, lang: str) -> str:
    """How large a difference is, unsigned, with its unit ("2,1 %-punt", "3,0 u", "0,04")."""
    return texts.kpi_change(name, abs(value), lang).lstrip("+")


def unit_words(name: str, lang: str) -> str:
    """A KPI's unit for the table's unit column."""
    if name in texts.SHARES:
        return texts.text("board.unit_share", lang)
    if name in texts.HOURS:
        return texts.text("board.unit_hours", lang)
    return texts.text("board.unit_index", lang)


def difference_table(found: Findings, kpis: Sequence[str], lang: str) -> pd.DataFrame:
    """Outcomes as rows: the unit once, each variant's mean, and each other variant's difference
    from the first with its 95% margin, as plain numbers in ``lang``."""
    word = texts.text
    labels = list(found.variants)
    rows = []
    for name in kpis:
        part = found.summary[found.summary["kpi"] == name].set_index("scenario")
        row = {
            word("report.outcome", lang): texts.kpi_name(name, lang),
            word("board.unit", lang): unit_words(name, lang),
        }
        for label in labels:
            row[label] = bare(name, part.at[label, "mean"], lang)
        for label in labels[1:]:
            r = part.loc[label]
            row[word("board.difference", lang, label=label)] = bare(name, r["diff"], lang, True)
            low, high = (bare(name, r[k], lang, True) for k in ("diff_low", "diff_high"))
            row[f"{word('board.margin', lang)} {label}"] = (
                f"{low} … {high}"
                if math.isfinite(r["diff_low"])
                else word("board.margin_none", lang)
            )
            if found.models is not None:
                low, high = (bare(name, r[k], lang, True) for k in ("models_low", "models_high"))
                row[f"{word('board.models.band', lang)} {label}"] = f"{low} … {high}"
                row[f"{word('board.models.sure', lang)} {label}"] = verdict_words(r, lang)
        rows.append(row)
    table = pd.DataFrame(rows)
    if len(labels) == 2:  # one column of each: no need to say whose
        heads = [word(k, lang) for k in ("board.margin", "board.models.band", "board.models.sure")]
        table.columns = [next((h for h in heads if str(c).startswith(h)), c) for c in table.columns]
    return table


def verdict_words(row: pd.Series, lang: str) -> str:
    """How sure a difference is, for the table: "robuust: 48 van 50"."""
    n = int(row["models_n"])
    return texts.text(
        "board.models.cell",
        lang,
        verdict=texts.text(f"verdict.word.{row['verdict']}", lang),
        agree=round(row["models_holds"] * n),
        n=n,
    )


# --- the summary --------------------------------------------------------------------------------


def _listed(names: list[str], lang: str) -> str:
    """ "a, b en c"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {texts.text('board.and', lang)} {names[-1]}"


def _clear(row: pd.Series) -> bool:
    """A difference whose 95% margin leaves out zero."""
    return bool(math.isfinite(row["diff_low"]) and (row["diff_low"] > 0 or row["diff_high"] < 0))


def summary(
    found: Findings, kpis: Sequence[str], about: str, pair: tuple[str, str], lang: str
) -> list[str]:
    """Three plain sentences: how variant ``b`` compares with ``a`` on the outcome the question
    is about, what else clearly differs, and why (or that this is a model)."""
    a, b = pair
    rows = found.summary[found.summary["scenario"] == b].set_index("kpi")
    means = found.summary[found.summary["scenario"] == a].set_index("kpi")["mean"]
    r = rows.loc[about]
    values = {
        "a": a,
        "b": b,
        "kpi": texts.kpi_name(about, lang),
        "va": texts.kpi_value(about, means[about], lang),
        "vb": texts.kpi_value(about, r["mean"], lang),
        "change": texts.kpi_change(about, r["diff"], lang),
    }
    if _clear(r):
        tone = {1: "clear_better", -1: "clear_worse"}.get(texts.kpi_tone(about, r["diff"]))
        first = texts.text(
            f"board.{tone or 'clear_neutral'}",
            lang,
            low=texts.kpi_change(about, r["diff_low"], lang),
            high=texts.kpi_change(about, r["diff_high"], lang),
            **values,
        )
    else:
        first = texts.text("board.unclear", lang, **values)
    if found.models is not None:
        first += " " + how_sure(rows.loc[about], about, lang)
    clear = [n for n in kpis if n != about and _clear(rows.loc[n])]
    verdicts = set(rows.loc[clear, "verdict"]) if found.models is not None else set()
    better, worse = [], []
    for name in clear:
        tone = texts.kpi_tone(name, rows.at[name, "diff"])
        said = texts.kpi_name(name, lang)
        if len(verdicts) > 1:  # how sure, outcome by outcome
            said = with_verdict(said, rows.at[name, "verdict"], lang)
        (better if tone > 0 else worse if tone < 0 else []).append(said)
    key = "both" if better and worse else "better" if better else "worse" if worse else "none"
    second = texts.text(
        f"board.also_{key}", lang, b=b, better=_listed(better, lang), worse=_listed(worse, lang)
    )
    if len(verdicts) == 1:  # how sure, once for all of them
        verdict = texts.text(f"verdict.word.{verdicts.pop()}", lang)
        second += " " + texts.text("board.models.also_sure", lang, verdict=verdict)
    why = found.why
    if why is None or (why.a, why.b, why.kpi) != (a, b, about):
        return [first, second, texts.text("board.model_only", lang)]
    top = ranked(why)[0]
    total = contribution(why, "total")
    pushing = [m for m, c in top.items() if c * total > 0][:BECAUSE]
    names = [texts.mechanism_name(m, lang) for m in pushing]
    third = (
        texts.text("board.because", lang, kpi=values["kpi"], mechanisms=_listed(names, lang))
        if names and total
        else texts.text("board.because_none", lang, kpi=values["kpi"])
    )
    return [first, second, third]


def with_verdict(name: str, verdict: str, lang: str) -> str:
    """An outcome's name with how sure its difference is: "winst (index; robuust)"."""
    word = texts.text(f"verdict.word.{verdict}", lang)
    return f"{name[:-1]}; {word})" if name.endswith(")") else f"{name} ({word})"


def how_sure(row: pd.Series, name: str, lang: str) -> str:
    """How sure the model is of a difference, in a sentence: how many plausible models agree
    on its direction and the band of the middle 8 in 10 of them."""
    n = int(row["models_n"])
    return texts.text(
        f"board.models.sure_{row['verdict']}",
        lang,
        kpi=texts.kpi_name(name, lang),
        agree=round(row["models_holds"] * n),
        n=n,
        low=texts.kpi_change(name, row["models_low"], lang),
        high=texts.kpi_change(name, row["models_high"], lang),
    )


# --- why, in words ------------------------------------------------------------------------------


def contribution(why: Why, part: str) -> float:
    rows = why.parts[(why.parts["kpi"] == why.kpi) & (why.parts["part"] == part)]
    return float(rows["contribution"].iloc[0])


def ranked(why: Why) -> tuple[pd.Series, pd.Series]:
    """The mechanisms' contributions to the difference, largest first: the :data:`TOP` a report
    names and the rest."""
    part = why.parts[why.parts["kpi"] == why.kpi].set_index("part")["contribution"]
    mechanisms = part.drop(["remainder", "total"])
    order = mechanisms.abs().sort_values(ascending=False, kind="stable").index
    return mechanisms[order[:TOP]], mechanisms[order[TOP:]]


def mechanism_line(why: Why, mechanism: str, value: float, lang: str) -> tuple[str, str]:
    """A mechanism by name and what it does to the difference, in words: ("coaching", "coaching
    geeft energie …; maakt burn-out in 'B' 1,2 %-punt lager")."""
    effect = texts.text(
        "board.why_up" if value > 0 else "board.why_down",
        lang,
        kpi=texts.kpi_name(why.kpi, lang),
        b=why.b,
        amount=size(why.kpi, value, lang),
    )
    return texts.mechanism_name(
        mechanism, lang
    ), f"{texts.text(f'board.says.{mechanism}', lang)}; {effect}"


# --- the appendix -------------------------------------------------------------------------------


def coefficient_summary(scenario: Scenario, lang: str) -> str:
    """How many of the model's coefficients come from research, are fitted or are assumed."""
    rows = listing(scenario.coefficients)
    counts = {p: sum(r["provenance"] == p for r in rows) for p in PROVENANCES}
    return texts.text("board.caveat_coefficients", lang, total=len(rows), **counts)


def method(found: Findings, lang: str) -> list[str]:
    """How the figures were made, in plain words."""
    scenarios = list(found.variants.values())

    def span(values: list[int]) -> str:
        low, high = (texts.number(v, lang, 0) for v in (min(values), max(values)))
        return low if low == high else f"{low}–{high}"

    values = {
        "reps": found.reps,
        "employees": span([s.organisation.employees for s in scenarios]),
        "weeks": span([s.run.weeks for s in scenarios]),
        "window": span([s.run.measure_weeks for s in scenarios]),
    }
    if found.reps < 2:
        out = [texts.text("board.method_one", lang, **values)]
    else:
        out = [texts.text("board.method", lang, **values), texts.text("board.margin_words", lang)]
    if found.models is not None:
        out += uncertainty_method(found, lang)
    if found.why is not None:
        w = found.why
        out.append(texts.text("board.why_method", lang, a=w.a, b=w.b, reps=w.reps))
    return out


def uncertainty_method(found: Findings, lang: str) -> list[str]:
    """The two kinds of uncertainty in plain words: the dice and the assumptions, what the
    plausible models were held against and what the verdicts mean."""
    models = found.models
    rows = listing(next(iter(found.variants.values())).coefficients)
    assumed = sum(r["provenance"] == "assumed" for r in rows)
    out = [
        texts.text("board.models.dice_words", lang),
        texts.text(
            "board.models.assumptions_words",
            lang,
            total=len(rows),
            assumed=assumed,
            n=len(models),
            reps=found.reps,
            varied=len(models.names),
        ),
    ]
    named = [
        texts.text(f"model.pattern.{t['name']}.name", lang)
        for t in models.targets
        if texts.has(f"model.pattern.{t['name']}.name", lang)
    ][:EXAMPLES]
    examples = _listed([f"'{n}'" for n in named], lang)
    held = "held" if named else "held_count" if models.targets else "held_none"
    out.append(
        texts.text(f"board.models.{held}", lang, count=len(models.targets), examples=examples)
    )
    out.append(texts.text("board.models.verdicts", lang))
    return out


def long_date(day: date, lang: str) -> str:
    """ "3 december 2026" or "3 December 2026"."""
    return f"{day.day} {texts.items('date.months', lang)[day.month - 1]} {day.year}"
