"""Compare: two to four stories or lever settings, replications, 95% intervals, why, a report."""

from datetime import date

import streamlit as st

import sim
from sim import charts, report, texts

import compute
import keys
import library
import settings
import uncertainty
from i18n import kpi, lang, lever, number, story, t
from settings import param

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
SHOWN = list(report.HEADLINE)
DEFAULT = ["baseline", "baseline~trust=0.8~control=0.2~responsibility=0.8~freedom=0.8"]
MOST = 4
STEPS = ["", *(f"{v / 20:g}" for v in range(21))]  # a lever's values; "": the story's

stories = library.stories()
big = settings.presenting()


def incoming_variants() -> None:
    """On a first visit, the variants in the link (``v=baseline~trust=0.8~name=…``) become the
    controls' values; what is not a lever is named in a warning."""
    if keys.VARIANTS in st.session_state or keys.VARIANTS in st.session_state.get(
        keys.INCOMING, {}
    ):
        return
    given = st.query_params.get_all("v") or DEFAULT
    incoming = st.session_state.setdefault(keys.INCOMING, {})
    incoming[keys.VARIANTS] = str(min(max(len(given), 2), MOST))
    names = [param(p) for p in LEVERS]
    for i, text in enumerate(given[:MOST]):
        story_key, *changes = text.split("~")
        incoming[keys.variant(i, "story")] = story_key
        for change in changes:
            name, _, value = change.partition("=")
            if name == "name":
                incoming[keys.variant(i, "name")] = value
            elif name in names:
                try:  # the levers' values are steps of 0.05
                    number_ = float(value)
                    if 0 <= number_ <= 1:
                        value = f"{round(number_ * 20) / 20:g}"
                except ValueError:
                    pass
                incoming[keys.variant(i, name)] = value
            else:
                st.session_state.setdefault(keys.URL_WARNINGS, []).append(
                    t(
                        "url.unknown_choice",
                        field="v",
                        value=change,
                        allowed=", ".join(names),
                        default="—",
                    )
                )


def encode(i: int) -> str:
    """A variant as the link writes it."""
    changes = [
        f"{param(p)}={st.session_state[keys.variant(i, param(p))]}"
        for p in LEVERS
        if st.session_state.get(keys.variant(i, param(p)))
    ]
    name = (st.session_state.get(keys.variant(i, "name")) or "").replace("~", "-")
    return "~".join(
        [st.session_state[keys.variant(i, "story")], *changes, *([f"name={name}"] if name else [])]
    )


def variant(i: int, employees: int | None, weeks: int | None) -> sim.Scenario:
    """The scenario of variant ``i``: its story with the levers filled in, named in words."""
    key = st.session_state[keys.variant(i, "story")]
    changes = {
        p: float(st.session_state[keys.variant(i, param(p))])
        for p in LEVERS
        if st.session_state.get(keys.variant(i, param(p)))
    }
    label = st.session_state.get(keys.variant(i, "name")) or story(key) + (
        " ("
        + ", ".join(
            f"{lever(p)} {number(v, 2).rstrip('0').rstrip(',.')}" for p, v in changes.items()
        )
        + ")"
        if changes
        else ""
    )
    scenario = stories[key].with_overrides(
        name=label, description=library.described(key, stories[key]), **changes
    )
    if employees is not None:
        scenario = scenario.with_overrides(**{"organisation.employees": employees})
    return scenario.with_weeks(weeks) if weeks is not None else scenario


def more() -> None:
    st.session_state[keys.VARIANTS] = min(MOST, st.session_state[keys.VARIANTS] + 1)


def fewer() -> None:
    st.session_state[keys.VARIANTS] = max(2, st.session_state[keys.VARIANTS] - 1)


if big:
    st.subheader(t("page.compare"), anchor=False)
else:
    st.title(t("page.compare"), anchor=False)
    st.caption(t("compare.intro"))

incoming_variants()
st.subheader(t("compare.variants"), anchor=False)
settings.setting(keys.VARIANTS, 2, lambda raw: max(2, min(MOST, int(raw))))
count = st.session_state[keys.VARIANTS]
columns = st.columns(count)
for i, column in enumerate(columns):
    with column:
        st.markdown(f"**{t('compare.variant', n=i + 1)}**")
        key = settings.select(
            t("common.story"), keys.variant(i, "story"), list(stories), "baseline", story, url=False
        )
        settings.setting(keys.variant(i, "name"), "", str)
        st.text_input(
            t("compare.name"),
            key=keys.variant(i, "name"),
            placeholder=t("compare.name_placeholder"),
        )
        with st.expander(t("compare.levers")):
            for path in LEVERS:
                own = number(texts.value_at(stories[key], path), 2)
                settings.select(
                    lever(path),
                    keys.variant(i, param(path)),
                    STEPS,
                    "",
                    lambda v, own=own: (
                        f"{own} ({t('common.story_value')})" if v == "" else number(float(v), 2)
                    ),
                    url=False,
                )
buttons = st.columns([2, 2, 3])
buttons[0].button(
    t("compare.add"), on_click=more, disabled=count >= MOST, key="add", icon=":material/add:"
)
buttons[1].button(
    t("compare.remove"), on_click=fewer, disabled=count <= 2, key="remove", icon=":material/remove:"
)
st.query_params["v"] = [encode(i) for i in range(count)]

cols = st.columns(4)
reps = settings.number(t("common.reps"), "reps", *library.REPS, 10, 1, cols[0])
seed = settings.number(t("common.seed"), "seed", *library.SEEDS, 1, 1, cols[1])
employees = settings.number(
    t("common.employees"),
    "employees",
    *library.EMPLOYEES,
    None,
    10,
    cols[2],
    placeholder=t("common.story_value"),
)
weeks = settings.number(
    t("common.weeks"),
    "weeks",
    *library.WEEKS,
    None,
    4,
    cols[3],
    placeholder=t("common.story_value"),
)
shown = (
    settings.multiselect(
        t("common.kpis"),
        "kpis",
        sim.KPI_NAMES,
        SHOWN,
        kpi,
        placeholder=t("compare.kpis_placeholder"),
    )
    or SHOWN
)
asked_models = uncertainty.controls(count)
report_cols = st.columns([1, 2])
client = report_cols[0].text_input(
    t("board.client"),
    key="client",
    max_chars=report.CLIENT_MOST,
    placeholder=t("board.client_placeholder"),
)
question = report_cols[1].text_input(
    t("board.question_field"),
    key="question",
    max_chars=report.QUESTION_MOST,
    placeholder=t("board.question_placeholder"),
)
settings.url_warnings()
try:  # an empty field is one not given; the widgets keep them short
    client = report.checked_words(client or None, t("board.client"), report.CLIENT_MOST, lang())
    question = report.checked_words(
        question or None, t("board.question_field"), report.QUESTION_MOST, lang()
    )
except sim.ExperimentError as err:
    st.error(str(err))
    client = question = None

try:
    scenarios = [variant(i, employees, weeks) for i in range(count)]
except sim.ScenarioError as err:
    library.show_problems(err)
    st.stop()
named = report.variants(scenarios)
labels = list(named)
jsons = tuple(s.model_dump_json() for s in named.values())

with compute.stopwatch() as watch, compute.progress(len(jsons) * reps) as tell:
    summary, series = compute.compare(jsons, reps, seed, _progress=tell)
found = report.Findings(named, reps, seed, summary, series)

st.subheader(t("board.summary_title"), anchor=False)
if question:
    st.markdown(f"**{t('board.question')}:** {question}")
said = st.empty()  # the summary now, and again once "why" is known


def summarise(found: report.Findings) -> None:
    """The three sentences for the pair and outcome explained, else the first two variants and
    the first outcome shown."""
    why = found.why
    about = why.kpi if why else report.about(shown)
    pair = (why.a, why.b) if why else (labels[0], labels[1])
    with said.container():
        st.markdown(" ".join(report.summary(found, shown, about, pair, lang())))
        st.caption(t("board.about", kpi=kpi(about)))


summarise(found)
st.subheader(t("board.table_title", ref=labels[0]), anchor=False)
st.dataframe(report.difference_table(found, shown, lang()), hide_index=True, width="stretch")
st.caption(t("board.table_note"))
st.subheader(t("compare.means_title"), anchor=False)
st.plotly_chart(
    charts.means(summary, shown, lang(), big), key="means", config=charts.plotly_config(lang())
)

if asked_models:
    uncertainty.section(jsons, summary, shown, seed, asked_models)

st.subheader(t("why.title"), anchor=False)
why = None
if settings.toggle(t("why.show"), "why"):
    left, middle, right = st.columns([2, 2, 1])
    other = int(
        settings.select(
            t("why.pair", first=labels[0]),
            "why_with",
            [str(i) for i in range(1, len(labels))],
            "1",
            lambda i: labels[int(i)],
            where=left,
        )
    )
    name = settings.select(t("why.kpi"), "why_kpi", shown, report.about(shown), kpi, where=middle)
    why_reps = settings.number(t("why.reps"), "why_reps", *library.REPS, 5, 1, right)
    settings.url_warnings()
    with (
        compute.stopwatch() as explaining,
        compute.progress(compute.explain_runs(why_reps)) as tell,
    ):
        parts = compute.explain(jsons[0], jsons[other], why_reps, seed, _progress=tell)
    watch.seconds += explaining.seconds
    why = report.Why(labels[0], labels[other], name, why_reps, parts)
    st.markdown(t("board.why_intro", kpi=kpi(name)))
    st.markdown(
        "\n".join(
            f"1. **{mechanism}**: {words}"
            for mechanism, words in (
                report.mechanism_line(why, m, v, lang()) for m, v in report.ranked(why)[0].items()
            )
        )
    )
    st.plotly_chart(
        charts.contributions(parts, name, lang(), why.a, why.b, big),
        key="why_chart",
        config=charts.plotly_config(lang()),
    )
    for note in report.why_notes(why, lang()):
        st.caption(note)
st.caption(t("common.computed_in", seconds=compute.seconds(watch.seconds)))
found = report.Findings(named, reps, seed, summary, series, why)
if why:
    summarise(found)

st.subheader(t("common.downloads"), anchor=False)
buttons = st.columns(5)
buttons[0].download_button(
    t("common.summary_csv"),
    summary.to_csv(index=False),
    "comparison.csv",
    "text/csv",
    on_click="ignore",
)
buttons[1].download_button(
    t("compare.series_csv"),
    lambda: series.to_csv(index=False),
    "series.csv",
    "text/csv",
    on_click="ignore",
)
buttons[2].download_button(
    t("compare.series_parquet"),
    lambda: series.to_parquet(index=False),
    "series.parquet",
    "application/octet-stream",
    on_click="ignore",
)
buttons[3].download_button(
    t("compare.scenario_yaml"),
    "---\n".join(s.to_yaml() for s in named.values()),
    "scenarios.yaml",
    "application/yaml",
    on_click="ignore",
)
buttons[4].download_button(
    t("compare.report_html"),
    lambda: report.render(
        found, lang=lang(), kpis=shown, day=date.today(), client=client, question=question
    ),
    "report.html",
    "text/html",
    type="primary",
    on_click="ignore",
    key="report",
)
