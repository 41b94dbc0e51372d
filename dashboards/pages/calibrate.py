"""Calibrate: fit the model to a client's own figures and take the calibrated scenario home."""

import pandas as pd
import streamlit as st

import sim
from sim.experiments import ExperimentError

import charts
import common
from i18n import kpi, t

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

library = common.stories()
big = common.presenting()

st.title(t("page_calibrate"))
if not big:
    st.caption(t("calibrate_intro"))
common.warn_url_limits()

cols = st.columns(5)
story = cols[0].selectbox(
    t("start_from"),
    list(library),
    index=list(library).index("baseline"),
    format_func=common.story_label,
    key="story",
    bind="query-params",
)
employees = cols[1].number_input(
    t("employees"),
    *common.EMPLOYEES,
    library[story].organisation.employees,
    10,
    key="employees",
    bind="query-params",
)
weeks = cols[2].number_input(
    t("weeks"), *common.WEEKS, library[story].run.weeks, 4, key="weeks", bind="query-params"
)
reps = cols[3].number_input(t("reps"), 1, 10, 3, key="reps", bind="query-params")
seed = cols[4].number_input(t("seed"), 0, 10**6, 1, key="seed", bind="query-params")

targets = {}
for column, (name, default) in zip(st.columns(len(FIGURES)), FIGURES.items(), strict=True):
    percent = name in charts.PERCENT
    use = column.checkbox(kpi(name), name in TICKED, key=f"use_{name}", bind="query-params")
    value = column.number_input(
        f"{kpi(name)} ({'%' if percent else t('target')})",
        0.0,
        100.0 if percent else 10.0,
        100 * default if percent else default,
        1.0 if percent else 0.05,
        key=name,
        bind="query-params",
        disabled=not use,
        label_visibility="collapsed",
    )
    if use:
        targets[name] = value / 100 if percent else value

asked = (story, employees, weeks, reps, seed, tuple(sorted(targets.items())))
if st.button(t("fit"), type="primary", disabled=not targets):
    try:
        scenario = library[story].with_overrides(**{"organisation.employees": employees})
        scenario = scenario.with_weeks(weeks)
        with common.stopwatch() as watch, st.spinner(t("fitting"), show_time=True):
            result = sim.calibrate(scenario, targets, reps=reps, seed=seed)
    except sim.ScenarioError as err:
        common.show_problems(err)
    except ExperimentError as err:
        st.error(str(err))
    else:
        st.session_state["calibration"] = {
            "asked": asked,
            "yaml": result.scenario.to_yaml(),
            "name": result.scenario.name,
            "report": result.report,
            "parameters": result.parameters,
            "seconds": watch.seconds,
        }
if not targets:
    st.info(t("need_target"))

fit = st.session_state.get("calibration")
if fit:
    if fit["asked"] != asked:
        st.info(t("fit_stale"))
    report = fit["report"]
    left, right = st.columns([3, 2])
    left.plotly_chart(charts.calibration_fit(report, big), key="fit")
    right.dataframe(
        pd.DataFrame(
            {
                t("kpi"): report["kpi"].map(kpi),
                t("target"): [
                    charts.fmt(k, v) for k, v in zip(report.kpi, report.target, strict=True)
                ],
                t("achieved"): [
                    charts.fmt(k, v) for k, v in zip(report.kpi, report.achieved, strict=True)
                ],
                t("interval"): [
                    f"{charts.fmt(k, lo)} … {charts.fmt(k, hi)}"
                    for k, lo, hi in zip(report.kpi, report.ci_low, report.ci_high, strict=True)
                ],
            }
        ),
        hide_index=True,
    )
    right.markdown(f"**{t('parameters')}**")
    right.dataframe(pd.Series(fit["parameters"], name=t("value")).round(4), width="stretch")
    right.download_button(
        t("calibrated_yaml"), fit["yaml"], f"{fit['name']}.yaml", "application/yaml"
    )
    st.caption(t("computed_in", seconds=fit["seconds"]))
