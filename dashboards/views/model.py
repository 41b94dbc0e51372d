"""The model in plain words: the claims, the mechanisms that carry them, the figures."""

import importlib
import inspect
import pkgutil

import pandas as pd
import streamlit as st

import sim.mechanisms
from sim import texts
from sim.claims import CLAIMS, cited
from sim.mechanisms import quadrants
from sim.scenario import Mechanisms

from i18n import lang, number, quadrant, t

FIGURES = (
    ("burnout", "14%", "NEA / CBS"),
    ("engaged", "20%", "Gallup 2017"),
    ("productivity", "+20%", "Gallup Q12"),
    ("burnout_leave", "242 d, €60.000", "ArboNed"),
    ("absence", "37 d / 6 d", "TNO"),
    ("types", "50% / 33%", "Fischbacher, Gächter & Fehr 2001"),
)


@st.cache_data(show_spinner=False)
def mechanisms() -> dict[str, tuple[str, list[str]]]:
    """Each mechanism module: its docstring and the claims it and its functions cite."""
    out = {}
    for info in pkgutil.iter_modules(sim.mechanisms.__path__):
        module = importlib.import_module(f"sim.mechanisms.{info.name}")
        docs = [module.__doc__ or ""] + [
            f.__doc__ or ""
            for _, f in inspect.getmembers(module, inspect.isfunction)
            if f.__module__ == module.__name__
        ]
        out[info.name] = (inspect.cleandoc(module.__doc__ or ""), cited(" ".join(docs)))
    return out


st.title(t("page.model"), anchor=False)
st.markdown(t("model.intro"))

carried = mechanisms()
st.subheader(t("model.claims"), anchor=False)
st.dataframe(
    pd.DataFrame(
        {
            t("model.claim"): list(CLAIMS),
            "": [c.title(lang()) for c in CLAIMS.values()],
            t("model.carried_by"): [
                ", ".join(t(f"module.{m}") for m, (_, cs) in carried.items() if c in cs)
                or t("common.none")
                for c in CLAIMS
            ],
        }
    ),
    hide_index=True,
    width="stretch",
    height=35 * (len(CLAIMS) + 1) + 3,
    column_config={"": st.column_config.TextColumn(width="large")},
)
with st.expander(t("model.claims_full")):
    st.markdown(
        "\n\n".join(f"**{c.id} {c.title(lang())}.** {c.text(lang())}" for c in CLAIMS.values())
    )

st.subheader(t("model.mechanisms"), anchor=False)
for name, (doc, ids) in carried.items():
    title = t(f"module.{name}")
    with st.expander(f"{title} — {', '.join(ids)}" if ids else title):
        if ids:
            st.markdown(texts.claim_titles(ids, lang()))
        st.caption(t("model.from_source"))
        st.markdown(doc)

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
)

left, right = st.columns(2)
with left:
    st.subheader(t("model.quadrants_title"), anchor=False)
    cut = quadrants.Coefficients().cut_off
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
    )
