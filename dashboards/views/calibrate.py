"""Calibrate: fit the model to a client's own figures and take the calibrated scenario home."""

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
from i18n import kpi, lang, lever, number, problem, story, t, value

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
reps = settings.number(t("common.reps"), "reps", 1, 10, 3, 1, cols[3])
seed = settings.number(t("common.seed"), "seed", *library.SEEDS, 1, 1, cols[4])

targets = {}
for column, (name, default) in zip(st.columns(len(FIGURES)), FIGURES.items(), strict=True):
    share = name in texts.SHARES
    use = settings.toggle(kpi(name), f"use_{name}", column, default=name in TICKED)
    figure = settings.number(
        f"{kpi(name)} ({'%' if share else t('calibrate.target')})",
        name,
        0.0,
        100.0 if share else 10.0,
        100 * default if share else default,
        1.0 if share else 0.05,
        column,
        disabled=not use,
        label_visibility="collapsed",
    )
    if use:
        targets[name] = figure / 100 if share else figure
settings.url_warnings()

asked = (key, employees, weeks, reps, seed, tuple(sorted(targets.items())))
if st.button(t("calibrate.fit"), type="primary", disabled=not targets, key="fit"):
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
if not targets:
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
    rows = zip(found.kpi, found.target, found.achieved, found.ci_low, found.ci_high, strict=True)
    right.dataframe(
        pd.DataFrame(
            [
                {
                    t("common.kpi"): kpi(k),
                    t("calibrate.target"): value(k, target),
                    t("calibrate.achieved"): value(k, got),
                    t("compare.interval"): f"{value(k, lo)} … {value(k, hi)}",
                }
                for k, target, got, lo, hi in rows
            ]
        ),
        hide_index=True,
    )
    right.markdown(f"**{t('calibrate.parameters')}**")
    right.dataframe(
        pd.DataFrame(
            {
                t("calibrate.parameter"): [lever(k) for k in fit["parameters"]],
                t("common.value"): [number(v, 3) for v in fit["parameters"].values()],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    right.download_button(
        t("calibrate.calibrated_yaml"),
        fit["yaml"],
        f"{fit['name']}.yaml",
        "application/yaml",
        on_click="ignore",
    )
    st.caption(t("common.computed_in", seconds=compute.seconds(fit["seconds"])))
