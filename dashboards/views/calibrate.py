"""Calibrate: fit the model to a client's own figures (typed as consultants type them: "14,5",
"14.5", "14,5 %") and take the calibrated scenario home."""

import inspect
import math

import pandas as pd
import streamlit as st

import sim
from sim import texts
from sim.charts import plotly_config

import charts
import compute
import keys
import library
import settings
from i18n import kpi, lang, number, problem, story, t, value

# The figures a client can bring, with the public Dutch figures as defaults (docs/subject.md).
FIGURES = {
    "burnout_rate": 0.14,
    "engagement_rate": 0.20,
    "absence_rate": 0.05,
    "turnover_rate": 0.12,
    "productivity": 1.0,
    "engaged_productivity_ratio": 1.2,
}
TICKED = {"burnout_rate", "engagement_rate"}

RATIO_MOST = 10.0  # the largest productivity index or ratio a client can bring


def scale(name: str) -> float:
    """Shares are typed as percentages."""
    return 100.0 if name in texts.SHARES else 1.0


def limits(name: str) -> tuple[float, float, str]:
    """The range a figure may take as typed, and its unit in words."""
    if name in texts.SHARES:
        return 0.0, 100.0, "%"
    return 0.0, RATIO_MOST, t(f"calibrate.unit_{name}")


def figure(raw: str, name: str) -> float:
    """A figure as a consultant types it ("14,5", "14.5", "14,5 %"), else a ValueError saying
    in words what is wrong with which field."""
    low, high, unit = limits(name)
    written = raw.strip().removesuffix("%").strip().replace(" ", "")
    if written.count(",") == 1 and "." not in written:
        written = written.replace(",", ".")
    try:
        value = float(written)
    except ValueError:
        raise ValueError(t("calibrate.not_a_number", field=kpi(name), value=raw)) from None
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(
            t(
                "calibrate.out_of_range",
                field=kpi(name),
                value=raw,
                low=number(low, 0),
                high=number(high, 0),
                unit=unit,
            )
        )
    return value


def fitted(path: str, before: float, after: float) -> str:
    """A fitted parameter in plain words: what it means and which way it moved."""
    name = path.rsplit(".", 1)[-1]
    was, now = number(before, 3), number(after, 3)
    way = "same" if was == now else "higher" if after > before else "lower"
    return t(f"calibrate.moved_{way}", what=t(f"calibrate.means_{name}"), before=was, after=now)


stories = library.stories()
big = settings.presenting()

if big:
    st.subheader(t("page.calibrate"), anchor=False)
else:
    st.title(t("page.calibrate"), anchor=False)
    st.caption(t("calibrate.intro"))

cols = st.columns(5)
key = settings.select(
    t("calibrate.start_from"), "story", list(stories), "baseline", story, where=cols[0]
)
employees = settings.number(
    t("common.employees"),
    "employees",
    *library.EMPLOYEES,
    stories[key].organisation.employees,
    10,
    cols[1],
)
weeks = settings.number(
    t("common.weeks"), "weeks", *library.WEEKS, stories[key].run.weeks, 4, cols[2]
)
# a fit on few replications follows their noise: sim.calibrate's own defaults (40, checked on 20
# fresh ones)
DEFAULTS = inspect.signature(sim.calibrate).parameters
FIT_REPS, HOLDOUT_REPS = DEFAULTS["reps"].default, DEFAULTS["holdout"].default
reps = settings.number(t("common.reps"), "reps", 1, 100, FIT_REPS, 1, cols[3])
seed = settings.number(t("common.seed"), "seed", *library.SEEDS, 1, 1, cols[4])

targets: dict[str, float] = {}
problems: list[str] = []
for column, (name, default) in zip(st.columns(len(FIGURES)), FIGURES.items(), strict=True):
    low, high, unit = limits(name)
    use = settings.toggle(kpi(name), f"use_{name}", column, default=name in TICKED)
    shown = number(default * scale(name), 1 if name in texts.SHARES else 2)
    settings.setting(name, shown, str)
    raw = column.text_input(
        f"{kpi(name)} ({unit})",
        key=name,
        disabled=not use,
        label_visibility="collapsed",
        help=t("calibrate.figure_help", unit=unit, low=number(low, 0), high=number(high, 0)),
    )
    if raw != shown:
        st.query_params[name] = raw
    elif name in st.query_params:
        del st.query_params[name]
    column.caption(unit)
    if use:
        try:
            targets[name] = figure(raw, name) / scale(name)
        except ValueError as err:
            problems.append(str(err))
            column.error(str(err))
settings.url_warnings()
asked = (key, employees, weeks, reps, seed, tuple(sorted(targets.items())))
blocked = bool(problems) or not targets
if st.button(
    t("calibrate.fit"),
    type="primary",
    disabled=blocked,
    key="fit",
    help=t("calibrate.blocked") if problems else None,
):
    try:
        scenario = stories[key].with_overrides(**{"organisation.employees": employees})
        scenario = scenario.with_weeks(weeks)
        with compute.stopwatch() as watch, compute.progress(None) as tell:
            result = sim.calibrate(scenario, targets, reps=reps, seed=seed, progress=tell)
    except sim.ScenarioError as err:
        library.show_problems(err)
    except sim.ExperimentError as err:
        st.error(problem(str(err)))
    else:
        st.session_state[keys.CALIBRATION] = {
            "asked": asked,
            "yaml": result.scenario.to_yaml(),
            "name": result.scenario.name,
            "report": result.report,
            "parameters": result.parameters,
            "seconds": watch.seconds,
        }
if problems:
    st.warning(t("calibrate.blocked"))
elif not targets:
    st.info(t("calibrate.need_target"))

fit = st.session_state.get(keys.CALIBRATION)
if fit:
    if fit["asked"] != asked:
        st.info(t("calibrate.stale"))
    found = fit["report"]
    left, right = st.columns([3, 2])
    left.plotly_chart(
        charts.calibration_fit(found, big), key="fit_chart", config=plotly_config(lang())
    )
    rows = zip(
        found.kpi, found.target, found.achieved, found.ci_low, found.ci_high, found.holdout,
        strict=True,
    )  # fmt: skip
    right.dataframe(
        pd.DataFrame(
            [
                {
                    t("common.kpi"): kpi(k),
                    t("calibrate.target"): value(k, target),
                    t("calibrate.achieved"): value(k, got),
                    t("compare.interval"): f"{value(k, lo)} … {value(k, hi)}",
                    t("calibrate.fresh", reps=HOLDOUT_REPS): value(k, fresh),
                }
                for k, target, got, lo, hi, fresh in rows
            ]
        ),
        hide_index=True,
    )
    right.markdown(f"**{t('calibrate.parameters')}**")
    story_scenario = stories[fit["asked"][0]]
    right.markdown(
        "\n".join(
            f"- {fitted(path, texts.value_at(story_scenario, path), after)}"
            for path, after in fit["parameters"].items()
        )
    )
    right.download_button(
        t("calibrate.calibrated_yaml"),
        fit["yaml"],
        f"{fit['name']}.yaml",
        "application/yaml",
        on_click="ignore",
    )
    st.caption(t("common.computed_in", seconds=compute.seconds(fit["seconds"])))
