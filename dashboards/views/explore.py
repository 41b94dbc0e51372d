"""Explore: a KPI over two levers (a sweep), and the Hayek/Simon phase diagram (C12, C13)."""

import pandas as pd
import streamlit as st

import sim
from sim import texts
from sim.charts import plotly_config

import charts
import compute
import library
import settings
from i18n import file_name, kpi, lang, lever, number, story, t

LEVERS = (
    "levers.vision",
    "levers.trust",
    "levers.responsibility",
    "levers.freedom",
    "levers.connection",
    "levers.safety",
    "levers.control",
    "levers.rules",
    "environment.turbulence",
    "environment.pressure",
    "workforce.opportunist_share",
    "workforce.autonomy_need",
    "managers.control_propensity",
    "managers.courage",
)
# The phase diagram's outcomes: where the argument holds (adaptation) and where it may not.
OUTCOMES = ("adaptation_error", "productivity", "profit", "engagement_rate", "burnout_rate")
VIEWS = ("sweep", "phase")

stories = library.stories()
big = settings.presenting()


def experiment(prefix: str, points: int, reps: int) -> tuple[sim.Scenario, int, int, int]:
    """The story, grid size, replications and seed of one view (keys start with ``prefix``)."""
    cols = st.columns(5)
    key = settings.select(
        t("common.story"), f"{prefix}story", list(stories), "baseline", story, where=cols[0]
    )
    points = settings.slider(t("explore.points"), f"{prefix}points", 2, 9, points, 1, cols[1])
    reps = settings.slider(t("common.reps"), f"{prefix}reps", 1, 10, reps, 1, cols[2])
    seed = settings.number(t("common.seed"), f"{prefix}seed", *library.SEEDS, 1, 1, cols[3])
    weeks = settings.number(
        t("common.weeks"), f"{prefix}weeks", *library.WEEKS, stories[key].run.weeks, 4, cols[4]
    )
    return stories[key].with_weeks(weeks), points, reps, seed


def decentralised(scenario: sim.Scenario, d: float) -> sim.Scenario:
    """Decision rights low in the organisation: responsibility = freedom = d, control = rules
    = 1 − d."""
    low, high = round(d, 3), round(1 - d, 3)
    return scenario.with_overrides(
        **{"levers.responsibility": low, "levers.freedom": low},
        **{"levers.control": high, "levers.rules": high},
    )


@compute.memo(8)
def phase_diagram(scenario_json: str, points: int, reps: int, seed: int, _progress=False):
    """Every level of decentralisation at every turbulence, compared with common random numbers
    (one experiment: the points are simulated side by side)."""
    scenario = sim.Scenario.model_validate_json(scenario_json)
    grid = compute.grid(points)
    cells = [(d, tb) for tb in grid for d in grid]
    variants = [
        decentralised(scenario, d).with_overrides(
            name=f"{d:g}|{tb:g}", **{"environment.turbulence": tb}
        )
        for d, tb in cells
    ]
    table = sim.compare(variants, reps=reps, seed=seed, progress=_progress)
    where = table["scenario"].str.split("|", expand=True).astype(float)
    return table.assign(decentralisation=where[0], turbulence=where[1])


def where_it_fails(best: dict[float, float], name: str) -> str:
    """A sentence on how the best d moves from a stable to a turbulent world."""
    calm, wild = best[min(best)], best[max(best)]
    if len(set(best.values())) == 1:
        return t("explore.flat", kpi=kpi(name), d=number(calm))
    words = {"kpi": kpi(name), "low": number(calm), "high": number(wild)}
    return t("explore.holds" if wild > calm else "explore.fails", **words)


if big:
    st.subheader(t("page.explore"), anchor=False)
else:
    st.title(t("page.explore"), anchor=False)
view = settings.select(
    t("page.explore"),
    "view",
    VIEWS,
    "sweep",
    lambda v: t(f"explore.{v}_tab"),
    widget="segmented_control",
    label_visibility="collapsed",
)

if view == "sweep":
    if not big:
        st.caption(t("explore.intro"))
    scenario, points, reps, seed = experiment("", 7, 2)
    cols = st.columns(3)
    x = settings.select(t("explore.lever_x"), "x", LEVERS, "levers.trust", lever, where=cols[0])
    y = settings.select(t("explore.lever_y"), "y", LEVERS, "levers.control", lever, where=cols[1])
    name = settings.select(
        t("common.kpi"), "kpi", sim.KPI_NAMES, "engagement_rate", kpi, where=cols[2]
    )
    settings.url_warnings()
    if x == y:
        st.info(t("explore.same_lever"))
    else:
        vary = ((x, compute.grid(points)), (y, compute.grid(points)))
        try:
            with compute.stopwatch() as watch, compute.progress(points**2 * reps) as tell:
                table = compute.sweep(scenario.model_dump_json(), vary, reps, seed, _progress=tell)
        except sim.ExperimentError as err:
            st.error(str(err))
        else:
            fig = charts.heatmap(table, x, y, name, lever(x), lever(y), big)
            st.plotly_chart(fig, key="sweep", config=plotly_config(lang()))
            st.caption(
                charts.colour_note(name)
                + " · "
                + t("common.computed_in", seconds=compute.seconds(watch.seconds))
            )
            st.download_button(
                t("common.summary_csv"),
                table.to_csv(index=False),
                file_name("sweep", "csv"),
                "text/csv",
                on_click="ignore",
            )

else:
    if not big:
        st.markdown(t("explore.phase_intro"))
    scenario, points, reps, seed = experiment("phase_", 5, 5)
    name = settings.select(
        t("explore.phase_kpi"),
        "phase_kpi",
        OUTCOMES,
        "adaptation_error",
        kpi,
        widget="segmented_control",
    )
    settings.url_warnings()
    with compute.stopwatch() as watch, compute.progress(points**2 * reps) as tell:
        table = phase_diagram(scenario.model_dump_json(), points, reps, seed, _progress=tell)
    best = charts.best_per_row(table, "decentralisation", "turbulence", name)
    fig = charts.heatmap(
        table,
        "decentralisation",
        "turbulence",
        name,
        t("explore.decentralisation"),
        t("explore.turbulence"),
        big,
        best,
    )
    st.plotly_chart(fig, key="phase", config=plotly_config(lang()))
    way = texts.BETTER.get(name)
    direction = t("explore.direction_up" if way == 1 else "explore.direction_down", kpi=kpi(name))
    notes = [charts.colour_note(name)]
    if best:
        notes += [t("explore.best_note", direction=direction), where_it_fails(best, name)]
    else:
        notes.append(t("explore.no_direction", kpi=kpi(name)))
    for note in notes:
        st.caption(note)
    st.caption(t("common.computed_in", seconds=compute.seconds(watch.seconds)))
    tidy = pd.DataFrame(table).drop(columns=["scenario", "diff", "diff_low", "diff_high"])
    st.download_button(
        t("common.summary_csv"),
        tidy.to_csv(index=False),
        file_name("phase", "csv"),
        "text/csv",
        on_click="ignore",
    )
