"""The model in plain words: where trust does not win, the patterns the model is checked
against, the claims, the mechanisms that carry them, every coefficient and the figures.

The patterns take seconds to compute: they run on demand, after the rest of the page has been
drawn, and are kept (``facts.evaluate``)."""

import pandas as pd
import streamlit as st

from sim import texts
from sim.catalogue import mechanism_modules
from sim.charts import plotly_config
from sim.claims import CLAIMS
from sim.coefficients import PROVENANCES
from sim.ensemble import load_ensemble
from sim.ensemble.figure import method as ensemble_method
from sim.ensemble.figure import narrowing
from sim.ensemble.figure import summary as ensemble_summary
from sim.patterns import GROUPS, PATTERNS
from sim.scenario import Mechanisms
from sim.snapshot import CUT_OFF

import charts
import compute
import facts
import keys
import library
import settings
from i18n import file_name, lang, lever, number, quadrant, story, t

FIGURES = (
    ("burnout", "14%", "NEA / CBS"),
    ("engaged", "20%", "Gallup 2017"),
    ("productivity", "+20%", "Gallup Q12"),
    ("burnout_leave", "242 d, €60.000", "ArboNed"),
    ("absence", "37 d / 6 d", "TNO"),
    ("types", "50% / 33%", "Fischbacher, Gächter & Fehr 2001"),
)
big = settings.presenting()


@st.cache_data(show_spinner=False)
def coefficients() -> pd.DataFrame:
    return facts.coefficients()


def variants_in_words(key: str) -> str:
    """A limit's compare variants as the compare page names them."""
    said = []
    for text in facts.VARIANTS[key]:
        name, *changes = text.split("~")
        levers = [
            f"{lever('levers.' + c.split('=')[0])} {number(float(c.split('=')[1]), 2)}"
            for c in changes
        ]
        said.append(story(name) + (f" ({', '.join(levers)})" if levers else ""))
    return "; ".join(said)


def open_compare(key: str) -> None:
    """Open the compare page with a limit's variants (as a loaded session would)."""
    st.session_state.setdefault(keys.SAVED, {})["compare"] = facts.compare_settings(key)
    st.session_state[keys.GOTO] = "compare"


def open_explore(key: str) -> None:
    """Open the Explore page on a limit's grid (as a loaded session would)."""
    st.session_state.setdefault(keys.SAVED, {})["explore"] = facts.explore_settings(key)
    st.session_state[keys.GOTO] = "explore"


if big:
    st.subheader(t("page.model"), anchor=False)
else:
    st.title(t("page.model"), anchor=False)
st.markdown(t("model.intro"))
warnings = st.container()

# --- where trust does not win (its measurements come with the patterns, at the end) -------------

st.subheader(t("model.limits.title"), anchor=False)
st.markdown(t("model.limits.intro"))
measured = {}
for key, _names, variants in facts.LIMITS:
    with st.container(border=True):
        words, action = st.columns([5, 1.5], vertical_alignment="center")
        words.markdown(t(f"model.limits.{key}"))
        measured[key] = words.empty()
        if variants:
            action.button(
                t("model.limits.open"),
                key=f"open_{key}",
                help=t("model.limits.open_help", variants=variants_in_words(key)),
                on_click=open_compare,
                args=(key,),
                icon=":material/compare_arrows:",
                width="stretch",
            )
        else:
            action.caption(t("model.limits.no_compare"))
        if key in facts.EXPLORE:
            action.button(
                t("model.limits.explore"),
                key=f"explore_{key}",
                help=t("model.limits.explore_help", view=facts.explore_in_words(key)),
                on_click=open_explore,
                args=(key,),
                icon=":material/grid_on:",
                width="stretch",
            )

# --- the patterns: controls now, the computation after the rest of the page ---------------------

st.subheader(t("model.patterns.title", count=len(PATTERNS)), anchor=False)
st.markdown(t("model.patterns.intro"))
left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
reps = settings.number(
    t("common.reps"), "reps", *facts.REPS, 10, 1, middle, help=t("model.patterns.reps_help")
)
seed = settings.number(t("common.seed"), "seed", *library.SEEDS, 1, 1, right)
show = settings.toggle(
    t("model.patterns.show"),
    "patterns",
    left,
    help=t("model.patterns.show_help", runs=number(facts.runs(reps), 0)),
)
found = st.container()

# --- the claims and the mechanisms --------------------------------------------------------------

carried = mechanism_modules()
st.subheader(t("model.claims"), anchor=False)
st.dataframe(
    pd.DataFrame(
        {
            t("model.claim"): list(CLAIMS),
            "": [c.title(lang()) for c in CLAIMS.values()],
            t("model.carried_by"): [
                ", ".join(t(f"module.{m}") for m, module in carried.items() if c in module.claims)
                or t("common.none")
                for c in CLAIMS
            ],
        }
    ),
    hide_index=True,
    width="stretch",
    height=35 * (len(CLAIMS) + 1) + 3,
    column_config={"": st.column_config.TextColumn(width="large")},
    key="claims",
)
with st.expander(t("model.claims_full")):
    st.markdown(
        "\n\n".join(f"**{c.id} {c.title(lang())}.** {c.text(lang())}" for c in CLAIMS.values())
    )

st.subheader(t("model.mechanisms"), anchor=False)
for name, module in carried.items():
    ids = module.claims
    title = t(f"module.{name}")
    with st.expander(f"{title} — {', '.join(ids)}" if ids else title):
        st.markdown(texts.mechanism_doc(name, lang()))
        if ids:
            st.markdown(texts.claim_titles(ids, lang()))
        st.caption(t("model.from_source"))
        st.markdown(module.doc)

st.subheader(t("model.switches"), anchor=False)
st.caption(t("model.switches_note"))
st.dataframe(
    pd.DataFrame(
        {
            t("model.switch"): [texts.mechanism_name(m, lang()) for m in Mechanisms.model_fields],
            t("model.claims"): [
                texts.claim_titles(texts.mechanism_claims(m), lang())
                for m in Mechanisms.model_fields
            ],
        }
    ),
    hide_index=True,
    width="stretch",
    key="switches",
)

# --- every coefficient --------------------------------------------------------------------------

every = coefficients()
counted = facts.counts(every)
st.subheader(t("model.coefficients.title"), anchor=False)
st.markdown(t("model.coefficients.intro"))
tiles = st.columns(3)
for tile, kind in zip(tiles, PROVENANCES, strict=True):
    tile.metric(facts.provenance(kind), number(counted[kind], 0))
st.markdown(t("model.coefficients.counts", total=number(len(every), 0), **counted))
st.info(t("model.coefficients.assumed"), icon=":material/info:")
left, right = st.columns([3, 2])
chosen = settings.multiselect(
    t("model.coefficients.mechanism_filter"),
    "mechanism",
    list(dict.fromkeys(every["mechanism"])),
    [],
    facts.mechanism,
    left,
    placeholder=t("model.coefficients.all"),
)
kinds = settings.multiselect(
    t("model.coefficients.provenance_filter"),
    "provenance",
    PROVENANCES,
    [],
    facts.provenance,
    right,
    placeholder=t("model.coefficients.all"),
)
rows = every[
    every["mechanism"].isin(chosen or every["mechanism"])
    & every["provenance"].isin(kinds or PROVENANCES)
]
st.dataframe(
    facts.coefficient_table(rows),
    hide_index=True,
    width="stretch",
    key="coefficients",
    column_config={t("model.coefficients.col_meaning"): st.column_config.TextColumn(width="large")},
)
shown, download = st.columns([3, 1], vertical_alignment="center")
shown.caption(
    t("model.coefficients.shown", shown=number(len(rows), 0), total=number(len(every), 0))
    + " "
    + t("model.coefficients.from_source")
)
download.download_button(
    t("model.coefficients.csv"),
    facts.coefficient_csv(rows),
    file_name("coefficients", "csv"),
    "text/csv",
    on_click="ignore",
    key="coefficients_csv",
)

# --- what the evidence constrains: the plausible models -----------------------------------------

ensemble = load_ensemble()
st.subheader(t("model.ensemble.title"), anchor=False)
st.markdown(t("model.ensemble.intro"))
st.caption(ensemble_summary(ensemble, lang()))
with st.expander(t("ensemble.figure.how")):
    st.markdown(ensemble_method(ensemble, lang()))
    held = [facts.target_name(target) for target in ensemble.targets]
    st.markdown(
        t("model.ensemble.targets", targets="; ".join(held))
        if held
        else t("model.ensemble.no_targets")
    )
st.plotly_chart(
    charts.kept_ranges(narrowing(ensemble), big),
    key="kept_ranges",
    config=plotly_config(lang()),
)

# --- the quadrants and the figures --------------------------------------------------------------

left, right = st.columns(2)
with left:
    st.subheader(t("model.quadrants_title"), anchor=False)
    cut = CUT_OFF
    st.caption(t("model.quadrants_text", cut=number(cut, 1)))
    energy, pleasure = t("film.energy_axis"), t("film.pleasure_axis")
    st.table(
        pd.DataFrame(
            [
                [quadrant("workaholism"), quadrant("engagement")],
                [quadrant("burnout"), quadrant("satisfaction")],
            ],
            index=[f"{energy} ≥ {number(cut, 1)}", f"{energy} < {number(cut, 1)}"],
            columns=[f"{pleasure} < {number(cut, 1)}", f"{pleasure} ≥ {number(cut, 1)}"],
        )
    )
with right:
    st.subheader(t("model.figures_title"), anchor=False)
    st.dataframe(
        pd.DataFrame(
            [
                {t("model.figure"): t(f"figure.{k}"), t("common.value"): v, t("model.source"): s}
                for k, v, s in FIGURES
            ]
        ),
        hide_index=True,
        width="stretch",
        key="figures",
    )

with warnings:
    settings.url_warnings()

# --- the patterns, computed last so that the page is drawn first --------------------------------


def show_patterns() -> None:
    """Compute the patterns (or take them from the cache) and fill in their places above."""
    with found, compute.progress(facts.runs(reps)) as tell:
        frame, took = facts.evaluate(reps, seed, _progress=tell)
    by_name = {row.name: row for row in frame.itertuples()}
    for key, names, _variants in facts.LIMITS:
        measured[key].caption("  \n".join(facts.measured(by_name[n]) for n in names))
    with found:
        met = int(frame["met"].sum())
        summary = t(
            "model.patterns.summary",
            met=met,
            total=len(frame),
            reps=reps,
            seed=seed,
            seconds=compute.seconds(took),
        )
        summary += " " + t("model.patterns.kinds", counts=facts.kinds(frame))
        gap = frame["kind"] == "gap"
        missed = frame[~frame["met"] & ~gap]
        if missed.empty:
            st.success(summary, icon=":material/check_circle:")
        else:
            names = ", ".join(facts.words(n, "name") for n in missed["name"])
            st.warning(summary + " " + t("model.patterns.missed", names=names))
        if gap.any():
            st.markdown(f"**{t('model.patterns.gaps_title')}** {t('model.patterns.gaps_intro')}")
            st.markdown("\n".join(f"- {facts.measured(r)}" for r in frame[gap].itertuples()))
        st.caption(t("model.patterns.chart_caption"))
        groups = [g for g in GROUPS if (frame["group"] == g).any()]
        tabs = st.tabs(
            [
                t(
                    "model.patterns.group_tab",
                    group=t(f"model.group.{g}"),
                    met=int(frame.loc[frame["group"] == g, "met"].sum()),
                    total=int((frame["group"] == g).sum()),
                )
                for g in groups
            ]
        )
        for tab, group in zip(tabs, groups, strict=True):
            part = frame[frame["group"] == group]
            rows = [
                {
                    "title": facts.words(r.name, "name")
                    + (f" ({facts.unit_name(r.unit)})" if facts.unit_name(r.unit) else ""),
                    "value": facts.scaled(r.unit, r.value),
                    "ci_low": facts.scaled(r.unit, r.ci_low),
                    "ci_high": facts.scaled(r.unit, r.ci_high),
                    "low": facts.scaled(r.unit, r.low),
                    "high": facts.scaled(r.unit, r.high),
                    "met": r.met,
                    "hover": facts.measured(r),
                }
                for r in part.itertuples()
            ]
            with tab:
                st.plotly_chart(
                    charts.patterns(rows, big),
                    key=f"patterns_{group}",
                    config=plotly_config(lang()),
                )
                st.dataframe(
                    facts.table(part), hide_index=True, width="stretch", key=f"facts_{group}"
                )
        st.download_button(
            t("model.patterns.csv"),
            frame.to_csv(index=False),
            file_name("patterns", "csv"),
            "text/csv",
            on_click="ignore",
            key="patterns_csv",
        )


if show:
    show_patterns()
else:
    for place in measured.values():
        place.caption(t("model.limits.pending"))
