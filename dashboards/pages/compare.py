"""Compare: two to four scenarios or lever settings, replications, 95% intervals and why."""

from datetime import date

import pandas as pd
import streamlit as st

import sim
from sim.experiments.explain import MECHANISMS

import charts
import common
from i18n import kpi, lever, t

LEVERS = (
    "levers.trust",
    "levers.control",
    "levers.rules",
    "levers.vision",
    "levers.responsibility",
    "levers.freedom",
    "levers.connection",
    "levers.safety",
)
SHOWN = (
    "burnout_rate",
    "engagement_rate",
    "productivity",
    "manager_hours",
    "absence_rate",
    "profit",
)
DEFAULT = ["baseline", "baseline~trust=0.8~control=0.2~responsibility=0.8~freedom=0.8"]

library = common.stories()
big = common.presenting()


def decode(text: str) -> dict:
    """``baseline~trust=0.8`` → a row of the variants table (an unknown story reads as the
    baseline; unknown or out-of-range levers are dropped)."""
    story, *changes = text.split("~")
    row = {"story": story if story in library else "baseline"}
    for change in changes:
        name, _, value = change.partition("=")
        path = f"levers.{name}"
        try:
            if path in LEVERS and 0 <= float(value) <= 1:
                row[path] = float(value)
        except ValueError:
            continue
    return row


def encode(row: pd.Series) -> str:
    changes = [f"{common.param(p)}={row[p]:g}" for p in LEVERS if pd.notna(row[p])]
    return "~".join([row["story"], *changes])


def variant(row: pd.Series, employees: int | None, weeks: int | None) -> sim.Scenario:
    """The scenario of a row: its story with the levers that are filled in, and optionally
    one size and horizon for all."""
    changes = {p: float(row[p]) for p in LEVERS if pd.notna(row[p])}
    label = common.story_label(row["story"])
    if changes:
        label += " (" + ", ".join(f"{lever(p)} {v:g}" for p, v in changes.items()) + ")"
    scenario = library[row["story"]].with_overrides(name=label, **changes)
    if employees is not None:
        scenario = scenario.with_overrides(**{"organisation.employees": employees})
    return scenario.with_weeks(weeks) if weeks is not None else scenario


st.title(t("page_compare"))
if not big:
    st.caption(t("compare_intro"))

if "variants_start" not in st.session_state:
    rows = [decode(v) for v in st.query_params.get_all("v") or DEFAULT]
    st.session_state["variants_start"] = pd.DataFrame(rows, columns=["story", *LEVERS])
table = st.data_editor(
    st.session_state["variants_start"],
    num_rows="dynamic",
    width="stretch",
    key="variants",
    column_config={
        "story": st.column_config.SelectboxColumn(
            t("column_story"), options=list(library), required=True, width="medium"
        ),
        **{
            p: st.column_config.NumberColumn(lever(p), min_value=0.0, max_value=1.0, step=0.05)
            for p in LEVERS
        },
    },
)
table = table.dropna(subset=["story"])
st.query_params["v"] = [encode(row) for _, row in table.iterrows()]
cols = st.columns(4)
reps = cols[0].number_input(t("reps"), *common.REPS, 10, key="reps", bind="query-params")
seed = cols[1].number_input(t("seed"), 0, 10**6, 1, key="seed", bind="query-params")
employees = cols[2].number_input(
    t("employees"),
    *common.EMPLOYEES,
    None,
    10,
    key="employees",
    bind="query-params",
    placeholder=t("story_value"),
)
weeks = cols[3].number_input(
    t("weeks"),
    *common.WEEKS,
    None,
    4,
    key="weeks",
    bind="query-params",
    placeholder=t("story_value"),
)
common.warn_url_limits()

if len(table) < 2:
    st.info(t("need_two"))
    st.stop()
if len(table) > 4:
    st.warning(t("at_most_four"))
    table = table.head(4)
try:
    scenarios = [variant(row, employees, weeks) for _, row in table.iterrows()]
except sim.ScenarioError as err:
    common.show_problems(err)
    st.stop()
jsons = tuple(s.model_dump_json() for s in scenarios)
names = [s.name for s in scenarios]

with (
    common.stopwatch() as watch,
    st.spinner(t("running", runs=len(scenarios) * reps), show_time=True),
):
    summary = common.compare(jsons, reps, seed)
shown = st.multiselect(
    t("kpis_shown"),
    list(sim.KPI_NAMES),
    list(SHOWN),
    format_func=kpi,
    key="kpis",
    bind="query-params",
)
shown = shown or list(SHOWN)
st.subheader(t("means_title"))
means = charts.means(summary, shown, big)
st.plotly_chart(means, key="means")

st.subheader(t("diff_title", ref=names[0]))
diffs = summary[(summary["scenario"] != summary["scenario"].iloc[0]) & summary["kpi"].isin(shown)]
diff_table = pd.DataFrame(
    {
        t("scenario"): diffs["scenario"],
        t("kpi"): diffs["kpi"].map(kpi),
        t("difference"): [
            charts.change(k, v) for k, v in zip(diffs["kpi"], diffs["diff"], strict=True)
        ],
        t("interval"): [
            f"{charts.change(k, lo)} … {charts.change(k, hi)}"
            for k, lo, hi in zip(diffs["kpi"], diffs["diff_low"], diffs["diff_high"], strict=True)
        ],
    }
)
st.dataframe(diff_table, hide_index=True, width="stretch")

st.subheader(t("why_title"))
figures = [means]
if st.toggle(t("why_show"), key="why", bind="query-params"):
    left, right = st.columns(2)
    other = left.selectbox(
        t("why_pair") + f" '{names[0]}' …",
        range(1, len(names)),
        format_func=names.__getitem__,
        key="why_with",
    )
    why_kpi = right.selectbox(t("kpi"), shown, format_func=kpi, key="why_kpi")
    why_reps = min(reps, 5)
    runs = 2 * (len(MECHANISMS) + 1) * why_reps
    with st.spinner(t("running", runs=runs), show_time=True):
        parts = common.explain(jsons[0], jsons[other], why_reps, seed)
    figures.append(charts.contributions(parts, why_kpi, big))
    st.plotly_chart(figures[-1], key="why_chart")
    st.caption(t("why_caption", reps=why_reps))
st.caption(t("computed_in", seconds=watch.seconds))

st.subheader(t("downloads"))


def all_series() -> pd.DataFrame:
    frames = [
        common.replicate(js, reps, seed).assign(scenario=name)
        for js, name in zip(jsons, names, strict=True)
    ]
    series = pd.concat(frames, ignore_index=True)
    return series[["scenario", *series.columns.drop("scenario")]]


title = t("report_title")
made = t("report_made", date=date.today().isoformat(), reps=reps, seed=seed)
table = summary[summary["kpi"].isin(shown)]
buttons = st.columns(5)
buttons[0].download_button(
    t("summary_csv"), summary.to_csv(index=False), "comparison.csv", "text/csv"
)
buttons[1].download_button(
    t("series_csv"), lambda: all_series().to_csv(index=False), "series.csv", "text/csv"
)
buttons[2].download_button(
    t("series_parquet"),
    lambda: all_series().to_parquet(index=False),
    "series.parquet",
    "application/octet-stream",
)
buttons[3].download_button(
    t("scenario_yaml"),
    "---\n".join(s.to_yaml() for s in scenarios),
    "scenarios.yaml",
    "application/yaml",
)
buttons[4].download_button(
    t("report_html"),
    lambda: charts.report_html(title, made, [table], figures),
    "report.html",
    "text/html",
)
