"""Explore: a KPI over two levers (a sweep), and the Hayek/Simon phase diagram (C12, C13)."""

import pandas as pd
import streamlit as st

import sim
from sim.experiments import ExperimentError

import charts
import common
from i18n import LEVERS, kpi, lever, t

library = common.stories()
big = common.presenting()


def settings(prefix: str, points: int, reps: int) -> tuple[sim.Scenario, int, int, int]:
    """The story, grid size, replications and seed of one tab (keys start with ``prefix``)."""
    cols = st.columns(5)
    story = cols[0].selectbox(
        t("story"),
        list(library),
        index=list(library).index("baseline"),
        format_func=common.story_label,
        key=f"{prefix}story",
        bind="query-params",
    )
    points = cols[1].slider(t("points"), 2, 9, points, key=f"{prefix}points", bind="query-params")
    reps = cols[2].slider(t("reps"), 2, 10, reps, key=f"{prefix}reps", bind="query-params")
    seed = cols[3].number_input(t("seed"), 0, 10**6, 1, key=f"{prefix}seed", bind="query-params")
    weeks = cols[4].number_input(
        t("weeks"),
        *common.WEEKS,
        library[story].run.weeks,
        4,
        key=f"{prefix}weeks",
        bind="query-params",
    )
    return library[story].with_weeks(weeks), points, reps, seed


def decentralised(scenario: sim.Scenario, d: float) -> sim.Scenario:
    """Decision rights low in the organisation: responsibility = freedom = d, control = rules
    = 1 − d."""
    low, high = round(d, 3), round(1 - d, 3)
    return scenario.with_overrides(
        **{"levers.responsibility": low, "levers.freedom": low},
        **{"levers.control": high, "levers.rules": high},
    )


@st.cache_data(max_entries=8, show_spinner=False)
def phase_diagram(scenario_json: str, points: int, reps: int, seed: int) -> pd.DataFrame:
    """A sweep over turbulence at each level of decentralisation."""
    scenario = sim.Scenario.model_validate_json(scenario_json)
    grid = common.grid(points)
    parts = []
    for d in grid:
        table = sim.sweep(
            decentralised(scenario, d), {"environment.turbulence": grid}, reps=reps, seed=seed
        )
        parts.append(table.assign(decentralisation=d))
    return pd.concat(parts, ignore_index=True)


VIEWS = {"sweep": "sweep_tab", "phase": "phase_tab"}

st.title(t("page_explore"))
view = st.segmented_control(
    t("page_explore"),
    list(VIEWS),
    format_func=lambda v: t(VIEWS[v]),
    default="sweep",
    required=True,
    key="view",
    bind="query-params",
    label_visibility="collapsed",
)

if view == "sweep":
    if not big:
        st.caption(t("explore_intro"))
    scenario, points, reps, seed = settings("", 4, 2)
    cols = st.columns(3)
    options = list(LEVERS)
    x = cols[0].selectbox(
        t("lever_x"),
        options,
        options.index("levers.trust"),
        format_func=lever,
        key="x",
        bind="query-params",
    )
    y = cols[1].selectbox(
        t("lever_y"),
        options,
        options.index("levers.control"),
        format_func=lever,
        key="y",
        bind="query-params",
    )
    name = cols[2].selectbox(
        t("kpi"), list(sim.KPI_NAMES), 1, format_func=kpi, key="kpi", bind="query-params"
    )
    if x == y:
        st.info(t("same_lever"))
    else:
        vary = ((x, common.grid(points)), (y, common.grid(points)))
        try:
            with common.stopwatch() as watch, st.spinner(t("running", runs=points**2 * reps)):
                table = common.sweep(scenario.model_dump_json(), vary, reps, seed)
        except ExperimentError as err:
            st.error(str(err))
        else:
            fig = charts.heatmap(table, x, y, name, lever(x), lever(y), big)
            st.plotly_chart(fig, key="sweep")
            st.caption(t("computed_in", seconds=watch.seconds))
            st.download_button(t("summary_csv"), table.to_csv(index=False), "sweep.csv", "text/csv")

else:
    if not big:
        st.markdown(t("phase_intro"))
    scenario, points, reps, seed = settings("phase_", 4, 2)
    name = st.selectbox(
        t("kpi"),
        list(sim.KPI_NAMES),
        list(sim.KPI_NAMES).index("adaptation_error"),
        format_func=kpi,
        key="phase_kpi",
        bind="query-params",
    )
    with common.stopwatch() as watch, st.spinner(t("running", runs=points**2 * reps)):
        table = phase_diagram(scenario.model_dump_json(), points, reps, seed)
    fig = charts.heatmap(
        table,
        "decentralisation",
        "environment.turbulence",
        name,
        t("decentralisation"),
        t("turbulence"),
        big,
    )
    st.plotly_chart(fig, key="phase")
    st.caption(t("computed_in", seconds=watch.seconds))
    st.download_button(t("summary_csv"), table.to_csv(index=False), "phase_diagram.csv", "text/csv")
