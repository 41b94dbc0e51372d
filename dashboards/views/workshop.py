"""Workshop: pick a story, move trust, control and rules, watch the team (C1–C5, C17)."""

import streamlit as st

import sim
from sim import texts
from sim.events import grabs, scheduled

import compute
import film
import keys
import library
import settings
from i18n import change, file_name, kpi, lang, lever, story, t, value
from settings import param

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
# The room's own interventions, by their kind of event (sim.events): the levers a manager who
# lets go turns up (and control down), and those one who takes control turns the other way.
MINE = {
    keys.LET_GO: {
        "levers.trust": 0.8,
        "levers.control": 0.2,
        "levers.responsibility": 0.8,
        "levers.freedom": 0.8,
    },
    keys.TIGHTEN: {
        "levers.trust": 0.2,
        "levers.control": 0.8,
        "levers.responsibility": 0.2,
        "levers.freedom": 0.2,
    },
}

stories = library.stories()
big = settings.presenting()


def take_story_values() -> None:
    """A new story resets the levers, size and horizon to the story's own."""
    chosen = stories[st.session_state[keys.STORY]]
    for path in (*MAIN, *OTHER, "organisation.employees", "run.weeks"):
        st.session_state[param(path)] = texts.value_at(chosen, path)


def intervene_now() -> None:
    """ "Let go now" or "take control now" in the film: from the week after the one shown."""
    asked = st.session_state[keys.FILM].get("intervene") or {}
    kind = asked.get("kind")
    if kind not in MINE:
        return
    week = int(asked.get("week", 0))
    st.session_state[kind] = True
    st.session_state[keys.week_of(kind)] = max(1, min(week + 1, st.session_state[keys.WEEKS]))
    st.session_state[keys.FILM_START] = week
    st.session_state[keys.FILM_START_TOKEN] = st.session_state.get(keys.FILM_START_TOKEN, 0) + 1


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
        words = [library.described(key, scenario)] + [
            t(f"phase.{e.kind}", week=e.week, changes=described(e.changes)) for e in own
        ]
    out = [(0, words[0])]
    out += [(e.week, text.format(week=e.week)) for e, text in zip(own, words[1:], strict=True)]
    for e in events:
        if e.mine:
            out.append(
                (e.week, t(f"phase.you_{e.kind}", week=e.week, changes=described(e.changes)))
            )
    return sorted(out, key=lambda p: p[0])


if not big:  # on a projector the menu names the page: the screen is for the film
    st.title(t("page.workshop"), anchor=False)
    st.caption(t("workshop.intro"))

top = st.columns([2, 1, 1, 1])
story_key = settings.select(
    t("common.story"),
    keys.STORY,
    list(stories),
    "baseline",
    story,
    where=top[0],
    on_change=take_story_values,
)
chosen = stories[story_key]
for column, path in zip(top[1:], MAIN, strict=True):
    settings.slider(lever(path), param(path), 0.0, 1.0, texts.value_at(chosen, path), 0.05, column)
if not big:
    st.caption(f"{library.described(story_key, chosen)} {t('workshop.levers_note')}")

more, mine = st.columns(2) if big else (st.container(), st.container())
with more.expander(t("workshop.other_levers")):
    columns = st.columns(4)
    for i, path in enumerate(OTHER):
        default = texts.value_at(chosen, path)
        settings.slider(lever(path), param(path), 0.0, 1.0, default, 0.05, columns[i % 3])
    size = columns[3]
    employees = settings.number(
        t("common.employees"),
        "employees",
        *library.EMPLOYEES,
        chosen.organisation.employees,
        10,
        size,
    )
    weeks = settings.number(t("common.weeks"), "weeks", *library.WEEKS, chosen.run.weeks, 4, size)
    reps = settings.number(t("common.reps"), "reps", *library.REPS, 10, 1, size)
    seed = settings.number(t("common.seed"), "seed", *library.SEEDS, 1, 1, size)

# In presenter mode "let go now" in the film is the way to intervene; the switches wait below.
with mine.expander(t("workshop.mine")) if big else mine:
    row = st.columns([1.3, 1, 1.3, 1, 1.4], vertical_alignment="bottom")
    for i, (kind, changes) in enumerate(MINE.items()):
        help_ = t(f"workshop.{kind}_help", changes=described(changes))
        on = settings.toggle(t(f"workshop.{kind}"), kind, row[2 * i], help=help_)
        if st.session_state.get(keys.week_of(kind), 0) > weeks:
            st.session_state[keys.week_of(kind)] = weeks
        settings.slider(
            t(f"workshop.{kind}_week"),
            keys.week_of(kind),
            1,
            weeks,
            min(52, weeks),
            1,
            row[2 * i + 1],
            disabled=not on,
        )
    row[4].button(t("workshop.clear"), on_click=undo, key="undo", width="stretch")
settings.url_warnings()

try:
    size_of = {"organisation.employees": employees}
    scenario = chosen.with_overrides(
        **{path: st.session_state[param(path)] for path in (*MAIN, *OTHER)}, **size_of
    ).with_weeks(weeks)
    interventions = [iv.model_dump() for iv in scenario.interventions]
    own = len(interventions)
    for kind, changes in MINE.items():
        if st.session_state[kind]:
            interventions.append({"week": st.session_state[keys.week_of(kind)] - 1, "set": changes})
    scenario = scenario.with_overrides(interventions=interventions)
    baseline = stories["baseline"].with_overrides(**size_of).with_weeks(weeks)
except sim.ScenarioError as err:
    library.show_problems(err)
    st.stop()

with compute.stopwatch() as filming:
    shots = film.shoot(scenario.model_dump_json(), seed, film.every(employees, weeks))
with compute.stopwatch() as replicating, compute.progress(2 * reps) as tell:
    series = compute.replicate(scenario.model_dump_json(), reps, seed, _progress=tell)
    reference = compute.replicate(baseline.model_dump_json(), reps, seed, _progress=tell)

planned = scheduled(scenario, mine=range(own, len(interventions)))
events = sorted([*planned, *grabs(series, planned)], key=lambda e: e.week)
told = phases(story_key, chosen, planned)
start = st.session_state.pop(keys.FILM_START, None)
film.show(shots, series, reference, SERIES, TILES, events, told, lang(), big, start, intervene_now)

# The outcome after the whole run gives the film's ending away: folded, and not on a projector
# (the film's own tiles show each week's values).
if not big:
    window = scenario.run.measure_weeks
    now = compute.window_means(series, window, TILES)
    before = compute.window_means(reference, window, TILES)
    the_end = st.expander(t("workshop.the_end", weeks=weeks))
    for column, name in zip(the_end.columns(len(TILES)), TILES, strict=True):
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
    the_end.caption(t("workshop.against_baseline", reps=reps, window=window))

caption, download = st.columns([3, 1], vertical_alignment="center")
caption.caption(
    t("workshop.series_caption")
    + " · "
    + t(
        "workshop.timing",
        film=compute.seconds(filming.seconds),
        reps=compute.seconds(replicating.seconds),
    )
)
download.download_button(
    t("workshop.gif"),
    lambda: film.gif(shots, told, lang(), story(story_key)),
    file_name("film", "gif"),
    "image/gif",
    help=t("workshop.gif_help"),
    key="gif",
    on_click="ignore",
    icon=":material/movie:",
)
