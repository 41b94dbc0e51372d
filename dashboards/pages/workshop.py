"""Workshop: pick a story, move trust, control and rules, watch the team (C1–C5, C17)."""

import streamlit as st

import sim
from sim.experiments.batches import run_seed

import charts
import common
from common import param, value_of
from i18n import kpi, lever, t

MAIN = ("levers.trust", "levers.control", "levers.rules")
OTHER = (
    "levers.vision",
    "levers.responsibility",
    "levers.freedom",
    "levers.connection",
    "levers.safety",
    "managers.courage",
    "managers.control_propensity",
    "environment.pressure",
    "environment.turbulence",
    "workforce.opportunist_share",
)
TILES = (
    "burnout_rate",
    "engagement_rate",
    "productivity",
    "manager_hours",
    "absence_rate",
    "profit",
)
LOWER_IS_BETTER = {"burnout_rate", "manager_hours", "absence_rate"}
SERIES = ("engagement_rate", "burnout_rate", "productivity", "manager_hours", "trust", "profit")
EVERY = 4  # weeks between pictures of the film

library = common.stories()
big = common.presenting()


def take_story_values() -> None:
    """A new story resets the levers, size and horizon to the story's own."""
    story = library[st.session_state["story"]]
    for path in (*MAIN, *OTHER, "organisation.employees", "run.weeks"):
        st.session_state[param(path)] = value_of(story, path)


def lever_slider(path: str, story: sim.Scenario) -> float:
    return st.slider(
        lever(path), 0.0, 1.0, value_of(story, path), 0.05, key=param(path), bind="query-params"
    )


st.title(t("page_workshop"))
if not big:
    st.caption(t("workshop_intro"))
common.warn_url_limits()

top = st.columns([2, 1, 1, 1, 1.3])
story_key = top[0].selectbox(
    t("story"),
    list(library),
    index=list(library).index("baseline"),
    format_func=common.story_label,
    key="story",
    bind="query-params",
    on_change=take_story_values,
)
story = library[story_key]
for column, path in zip(top[1:4], MAIN, strict=True):
    with column:
        lever_slider(path, story)
with top[4]:
    let_go = st.toggle(
        t("let_go"),
        key="letgo",
        help=t(
            "let_go_help", changes=", ".join(f"{lever(p)} {v:g}" for p, v in common.LET_GO.items())
        ),
        bind="query-params",
    )
    let_go_week = st.slider(
        t("let_go_week"),
        1,
        story.run.weeks,
        min(52, story.run.weeks),
        key="letgo_week",
        bind="query-params",
        disabled=not let_go,
        label_visibility="collapsed",
    )
if not big:
    st.caption(library[story_key].description)

with st.expander(t("other_levers")):
    columns = st.columns(4)
    for i, path in enumerate(OTHER):
        with columns[i % 3]:
            lever_slider(path, story)
    with columns[3]:
        employees = st.number_input(
            t("employees"),
            *common.EMPLOYEES,
            story.organisation.employees,
            10,
            key="employees",
            bind="query-params",
        )
        weeks = st.number_input(
            t("weeks"), *common.WEEKS, story.run.weeks, 4, key="weeks", bind="query-params"
        )
        reps = st.number_input(t("reps"), *common.REPS, 10, key="reps", bind="query-params")
        seed = st.number_input(t("seed"), 0, 10**6, 1, key="seed", bind="query-params")

try:
    size = {"organisation.employees": employees}
    scenario = story.with_overrides(
        **{path: st.session_state[param(path)] for path in (*MAIN, *OTHER)}, **size
    ).with_weeks(weeks)
    if let_go:
        interventions = [iv.model_dump() for iv in scenario.interventions]
        interventions.append({"week": let_go_week, "set": common.LET_GO})
        scenario = scenario.with_overrides(interventions=interventions)
    baseline = library["baseline"].with_overrides(**size).with_weeks(weeks)
except sim.ScenarioError as err:
    common.show_problems(err)
    st.stop()

# The team's film is one run: draw it first, fill in the tiles once the replications are done.
tile_row = st.container()
with common.stopwatch() as filming:
    shots = common.film(scenario.model_dump_json(), run_seed(seed, 0), EVERY)
st.plotly_chart(charts.wellbeing_film(shots, big), key="film")
st.caption(t("film_caption", every=EVERY))

st.subheader(t("series_title"))
with common.stopwatch() as replicating, st.spinner(t("running", runs=2 * reps), show_time=True):
    series = common.replicate(scenario.model_dump_json(), reps, seed)
    reference = common.replicate(baseline.model_dump_json(), reps, seed)
runs = {t("current"): series, t("baseline"): reference}
st.plotly_chart(charts.bands(runs, SERIES, big), key="series")
st.caption(
    t("series_caption")
    + " · "
    + t("computed_in_parts", film=filming.seconds, reps=replicating.seconds)
)

window = scenario.run.measure_weeks
now = common.window_means(series, window, TILES)
before = common.window_means(reference, window, TILES)
with tile_row:
    for column, name in zip(st.columns(len(TILES)), TILES, strict=True):
        column.metric(
            kpi(name),
            charts.fmt(name, now[name]),
            charts.change(name, now[name] - before[name]) if now[name] != before[name] else None,
            delta_color="inverse" if name in LOWER_IS_BETTER else "normal",
        )
    st.caption(t("against_baseline", reps=reps, window=window))
