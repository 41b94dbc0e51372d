"""Explore: a KPI over two levers (a sweep), and the Hayek/Simon phase diagram (C12, C13)."""

import pandas as pd
import streamlit as st

import sim
from sim import texts
from sim.charts import plotly_config
from sim.ensemble import load_ensemble

import answers
import charts
import compute
import library
import settings
from i18n import change, file_name, kpi, lang, lever, number, problem, story, t

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


def experiment(
    prefix: str, points: int, reps: int, most_reps: int = 10, fewest_reps: int = 1
) -> tuple[sim.Scenario, int, int, int]:
    """The story, grid size, replications and seed of one view (keys start with ``prefix``)."""
    cols = st.columns(5)
    key = settings.select(
        t("common.story"), f"{prefix}story", list(stories), "baseline", story, where=cols[0]
    )
    points = settings.slider(t("explore.points"), f"{prefix}points", 2, 9, points, 1, cols[1])
    reps = settings.slider(
        t("common.reps"), f"{prefix}reps", fewest_reps, most_reps, reps, 1, cols[2]
    )
    seed = settings.number(t("common.seed"), f"{prefix}seed", *library.SEEDS, 1, 1, cols[3])
    weeks = settings.number(
        t("common.weeks"), f"{prefix}weeks", *library.WEEKS, stories[key].run.weeks, 4, cols[4]
    )
    return stories[key].with_weeks(weeks), points, reps, seed


def where_it_fails(best: dict[float, float], name: str) -> str:
    """A sentence on how the best d moves from a stable to a turbulent world."""
    calm, wild = best[min(best)], best[max(best)]
    if len(set(best.values())) == 1:
        return t("explore.flat", kpi=kpi(name), d=number(calm))
    words = {"kpi": kpi(name), "low": number(calm), "high": number(wild)}
    return t("explore.holds" if wild > calm else "explore.fails", **words)


def where_and_how_sure(gaps: pd.DataFrame, name: str) -> list[str]:
    """Where full decentralisation is demonstrably worse than the best d (the argument fails)
    and where not, each turbulence with the interval of d = 1's difference from the best."""
    full = gaps[gaps["d"] == gaps["d"].max()]
    if full[["low", "high"]].isna().all().all():
        return [t("explore.no_interval")]
    worse = (full["low"] > 0) | (full["high"] < 0)  # the interval excludes zero
    said = []
    for key, part in (("explore.fails_at", full[worse]), ("explore.holds_at", full[~worse])):
        if part.empty:
            continue
        where = "; ".join(
            t("explore.gap_best", turbulence=number(r.turbulence))
            if r.best == r.d
            else t(
                "explore.gap",
                turbulence=number(r.turbulence),
                best=number(r.best),
                gap=change(name, r.gap),
                low=change(name, r.low),
                high=change(name, r.high),
            )
            for r in part.itertuples()
        )
        said.append(t(key, where=where))
    return said


def over_plausible_models(
    scenario_json: str, points: int, members: int, reps: int, seed: int, name: str
) -> None:
    """The share of plausible models in which decentral wins, per cell (after the diagram of
    the unperturbed model, so that its answer comes first)."""
    st.subheader(t("explore.models.title", members=members), anchor=False)
    with compute.stopwatch() as watch, compute.progress(points**2 * members * reps) as tell:
        runs = answers.phase_models(scenario_json, points, members, reps, seed, _progress=tell)
    shares = answers.decentral_wins(runs, name)
    fig = charts.share_heatmap(shares, t("explore.decentralisation"), t("explore.turbulence"), big)
    st.plotly_chart(fig, key="phase_models_chart", config=plotly_config(lang()))
    st.caption(t("explore.models.note", members=members, kpi=kpi(name), reps=reps))
    st.caption(
        t("explore.models.reference")
        + " · "
        + t("common.computed_in", seconds=compute.seconds(watch.seconds))
    )


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
    scenario, points, reps, seed = experiment("", 7, 5)
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
            plain = "\n".join(f"- {problem(p)}" for p in str(err).split("; "))
            st.error(t("app.invalid_settings") + "\n" + plain)
        else:
            best, alike = charts.best_and_alike(table, x, y, name)
            fig = charts.heatmap(table, x, y, name, lever(x), lever(y), big, best, alike)
            st.plotly_chart(fig, key="sweep", config=plotly_config(lang()))
            st.caption(
                charts.colour_note(name)
                + (" " + t("explore.sweep_alike_note") if best else "")
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
    scenario, points, reps, seed = experiment("phase_", 5, 10, most_reps=20, fewest_reps=2)
    name = settings.select(
        t("explore.phase_kpi"),
        "phase_kpi",
        OUTCOMES,
        "adaptation_error",
        kpi,
        widget="segmented_control",
    )
    over_models = settings.toggle(
        t("explore.models.toggle"), "phase_models", help=t("explore.models.toggle_help")
    )
    if over_models:
        cols = st.columns([1, 1, 2], vertical_alignment="bottom")
        members = settings.number(
            t("explore.models.members"), "phase_members", 2, len(load_ensemble()), 4, 1, cols[0]
        )
        model_reps = settings.number(
            t("explore.models.reps"), "phase_model_reps", 1, 10, 2, 1, cols[1]
        )
        model_runs = points**2 * members * model_reps
        cols[2].caption(
            t(
                "explore.models.runs",
                runs=model_runs,
                cells=points**2,
                members=members,
                reps=model_reps,
            )
        )
    settings.url_warnings()
    asked = (scenario.model_dump_json(), points, reps, seed)
    with compute.stopwatch() as watch, compute.progress(points**2 * reps) as tell:
        runs = answers.phase_runs(*asked, _progress=tell)
    table = answers.summary(runs)
    best = charts.best_per_row(table, "decentralisation", "turbulence", name)
    gaps = answers.against_best(runs, name)
    alike = set()
    if not gaps.empty:
        undecided = (gaps["d"] != gaps["best"]) & (gaps["low"] <= 0) & (gaps["high"] >= 0)
        alike = set(zip(gaps.loc[undecided, "d"], gaps.loc[undecided, "turbulence"], strict=True))
    fig = charts.heatmap(
        table,
        "decentralisation",
        "turbulence",
        name,
        t("explore.decentralisation"),
        t("explore.turbulence"),
        big,
        best,
        alike,
    )
    st.plotly_chart(fig, key="phase", config=plotly_config(lang()))
    way = texts.BETTER.get(name)
    direction = t("explore.direction_up" if way == 1 else "explore.direction_down", kpi=kpi(name))
    notes = [charts.colour_note(name)]
    if best:
        notes += [t("explore.best_note", direction=direction), t("explore.alike_note")]
        notes += [where_it_fails(best, name), *where_and_how_sure(gaps, name)]
    else:
        notes.append(t("explore.no_direction", kpi=kpi(name)))
    for note in notes:
        st.caption(note)
    st.caption(t("common.computed_in", seconds=compute.seconds(watch.seconds)))
    st.download_button(
        t("common.summary_csv"),
        table.to_csv(index=False),
        file_name("phase", "csv"),
        "text/csv",
        on_click="ignore",
    )
    if over_models:
        over_plausible_models(scenario.model_dump_json(), points, members, model_reps, seed, name)
