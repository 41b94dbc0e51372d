"""Workshop: pick a story, move trust, control and rules, watch the team (C1–C5, C17)."""

import streamlit as st

import sim
from sim import texts
from sim.events import grabs, scheduled
from sim.experiments.batches import run_seed

import common
import film
from common import GRAB, LET_GO, param
from i18n import change, kpi, lang, lever, story, t, value

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
MINE = {"letgo": LET_GO, "grab": GRAB}  # the room's interventions, by the key of their switch

library = common.stories()
big = common.presenting()


def take_story_values() -> None:
    """A new story resets the levers, size and horizon to the story's own."""
    chosen = library[st.session_state["story"]]
    for path in (*MAIN, *OTHER, "organisation.employees", "run.weeks"):
        st.session_state[param(path)] = texts.value_at(chosen, path)


def intervene_now() -> None:
    """ "Let go now" or "take control now" in the film: from the week after the one shown."""
    asked = st.session_state["film"].get("intervene") or {}
    kind = {"let_go": "letgo", "tighten": "grab"}.get(asked.get("kind"))
    if kind is None:
        return
    week = int(asked.get("week", 0))
    st.session_state[kind] = True
    st.session_state[f"{kind}_week"] = max(1, min(week + 1, st.session_state["weeks"]))
    st.session_state["film_start"] = week
    st.session_state["film_start_token"] = st.session_state.get("film_start_token", 0) + 1


def undo() -> None:
    for kind in MINE:
        st.session_state[kind] = False


def described(changes: dict) -> str:
    return ", ".join(f"{lever(p)} {texts.number(v, lang(), 1)}" for p, v in changes.items())


def phases(key: str, scenario: sim.Scenario, events) -> list[tuple[int, str]]:
    """What is happening, from each intervention on: the story's own words for its own
    (``story.<name>.phases``), plain words for the user's and an upload's."""
    own = [e for e in events if not e.mine]
    known = texts.has(f"story.{key}.phases", lang())
    words = texts.items(f"story.{key}.phases", lang()) if known else []
    if len(words) != len(own) + 1:
        words = [common.described(key, scenario)] + [
            t(f"phase.{e.kind}", week=e.week, changes=described(e.changes)) for e in own
        ]
    out = [(0, words[0])]
    out += [(e.week, text.format(week=e.week)) for e, text in zip(own, words[1:], strict=True)]
    for e in events:
        if e.mine:
            kind = "you_let_go" if e.kind == "let_go" else "you_tighten"
            out.append((e.week, t(f"phase.{kind}", week=e.week, changes=described(e.changes))))
    return sorted(out, key=lambda p: p[0])


if big:
    st.subheader(t("page.workshop"), anchor=False)
else:
    st.title(t("page.workshop"), anchor=False)
    st.caption(t("workshop.intro"))

top = st.columns([2, 1, 1, 1])
story_key = common.select(
    t("common.story"),
    "story",
    list(library),
    "baseline",
    story,
    where=top[0],
    on_change=take_story_values,
)
chosen = library[story_key]
for column, path in zip(top[1:], MAIN, strict=True):
    common.slider(lever(path), param(path), 0.0, 1.0, texts.value_at(chosen, path), 0.05, column)
if not big:
    st.caption(f"{common.described(story_key, chosen)} {t('workshop.levers_note')}")

with st.expander(t("workshop.other_levers")):
    columns = st.columns(4)
    for i, path in enumerate(OTHER):
        default = texts.value_at(chosen, path)
        common.slider(lever(path), param(path), 0.0, 1.0, default, 0.05, columns[i % 3])
    size = columns[3]
    employees = common.number(
        t("common.employees"),
        "employees",
        *common.EMPLOYEES,
        chosen.organisation.employees,
        10,
        size,
    )
    weeks = common.number(t("common.weeks"), "weeks", *common.WEEKS, chosen.run.weeks, 4, size)
    reps = common.number(t("common.reps"), "reps", *common.REPS, 10, 1, size)
    seed = common.number(t("common.seed"), "seed", *common.SEEDS, 1, 1, size)

# In presenter mode "let go now" in the film is the way to intervene; the switches wait below.
with st.expander(t("workshop.mine")) if big else st.container():
    row = st.columns([1.3, 1, 1.3, 1, 1.4], vertical_alignment="bottom")
    for i, (kind, changes) in enumerate(MINE.items()):
        words = "let_go" if kind == "letgo" else "grab"
        help_ = t(f"workshop.{words}_help", changes=described(changes))
        on = common.toggle(t(f"workshop.{words}"), kind, row[2 * i], help=help_)
        if st.session_state.get(f"{kind}_week", 0) > weeks:
            st.session_state[f"{kind}_week"] = weeks
        common.slider(
            t(f"workshop.{words}_week"),
            f"{kind}_week",
            1,
            weeks,
            min(52, weeks),
            1,
            row[2 * i + 1],
            disabled=not on,
        )
    row[4].button(t("workshop.clear"), on_click=undo, key="undo", width="stretch")
common.url_warnings()

try:
    size_of = {"organisation.employees": employees}
    scenario = chosen.with_overrides(
        **{path: st.session_state[param(path)] for path in (*MAIN, *OTHER)}, **size_of
    ).with_weeks(weeks)
    interventions = [iv.model_dump() for iv in scenario.interventions]
    own = len(interventions)
    for kind, changes in MINE.items():
        if st.session_state[kind]:
            interventions.append({"week": st.session_state[f"{kind}_week"] - 1, "set": changes})
    scenario = scenario.with_overrides(interventions=interventions)
    baseline = library["baseline"].with_overrides(**size_of).with_weeks(weeks)
except sim.ScenarioError as err:
    common.show_problems(err)
    st.stop()

tile_row = st.container()
with common.stopwatch() as filming:
    shots = film.shoot(scenario.model_dump_json(), run_seed(seed, 0), film.every(employees, weeks))
with common.stopwatch() as replicating, common.progress(2 * reps) as tell:
    series = common.replicate(scenario.model_dump_json(), reps, seed, _progress=tell)
    reference = common.replicate(baseline.model_dump_json(), reps, seed, _progress=tell)

planned = scheduled(scenario, mine=range(own, len(interventions)))
events = sorted([*planned, *grabs(series, planned)], key=lambda e: e.week)
told = phases(story_key, chosen, planned)
start = st.session_state.pop("film_start", None)
film.show(shots, series, reference, SERIES, events, told, lang(), big, start, intervene_now)

window = scenario.run.measure_weeks
now = common.window_means(series, window, TILES)
before = common.window_means(reference, window, TILES)
with tile_row:
    for column, name in zip(st.columns(len(TILES)), TILES, strict=True):
        diff = now[name] - before[name]
        zero = not texts.NONZERO.search(change(name, diff))  # shown as "0,0": no colour, no arrow
        column.metric(
            kpi(name),
            value(name, now[name]),
            # Streamlit colours a delta by its leading "-" (not the typographic "−")
            change(name, diff).replace("−", "-") if now[name] != before[name] else None,
            delta_color="off" if zero else "inverse" if name in LOWER_IS_BETTER else "normal",
            delta_arrow="off" if zero else "auto",
        )
    if not big:
        st.caption(t("workshop.against_baseline", reps=reps, window=window))

caption, download = st.columns([3, 1], vertical_alignment="center")
caption.caption(
    t("workshop.series_caption")
    + " · "
    + t(
        "workshop.timing",
        film=common.seconds(filming.seconds),
        reps=common.seconds(replicating.seconds),
    )
)
download.download_button(
    t("workshop.gif"),
    lambda: film.gif(shots, told, lang()),
    "loslaten.gif",
    "image/gif",
    help=t("workshop.gif_help"),
    key="gif",
    on_click="ignore",
    icon=":material/movie:",
)
