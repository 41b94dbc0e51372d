"""The model in plain words: the claims, the mechanisms that carry them, the figures."""

import importlib
import inspect
import pkgutil
import re

import pandas as pd
import streamlit as st

import sim.mechanisms

from i18n import CLAIMS, claim, figures, quadrant, t


@st.cache_data(show_spinner=False)
def mechanisms() -> dict[str, tuple[str, set[str]]]:
    """Each mechanism module: its docstring and the claims it and its functions cite."""
    out = {}
    for info in pkgutil.iter_modules(sim.mechanisms.__path__):
        module = importlib.import_module(f"sim.mechanisms.{info.name}")
        docs = [module.__doc__ or ""] + [
            f.__doc__ or ""
            for _, f in inspect.getmembers(module, inspect.isfunction)
            if f.__module__ == module.__name__
        ]
        cited = set(re.findall(r"\bC(\d{1,2})\b", " ".join(docs)))
        out[info.name] = (inspect.cleandoc(module.__doc__ or ""), {f"C{c}" for c in cited})
    return out


st.title(t("page_model"))
st.markdown(t("model_intro"))

carried = mechanisms()
st.subheader(t("claims"))
st.dataframe(
    pd.DataFrame(
        {
            t("claim"): list(CLAIMS),
            "": [claim(c) for c in CLAIMS],
            t("carried_by"): [
                ", ".join(m.replace("_", " ") for m, (_, cs) in carried.items() if c in cs)
                or t("none")
                for c in CLAIMS
            ],
        }
    ),
    hide_index=True,
    width="stretch",
    height=35 * (len(CLAIMS) + 1) + 3,
    column_config={"": st.column_config.TextColumn(width="large")},
)

st.subheader(t("mechanisms"))
st.caption(t("mechanisms_note"))
for name, (doc, cited) in carried.items():
    claims = ", ".join(sorted(cited, key=lambda c: int(c[1:])))
    with st.expander(f"{name.replace('_', ' ')} — {claims}" if claims else name):
        st.markdown(doc)

left, right = st.columns(2)
with left:
    st.subheader(t("quadrants_title"))
    st.caption(t("quadrants_text"))
    grid = pd.DataFrame(
        [
            [quadrant("workaholism"), quadrant("engagement")],
            [quadrant("burnout"), quadrant("satisfaction")],
        ],
        index=[t("energy_axis") + " ≥ 0.5", t("energy_axis") + " < 0.5"],
        columns=[t("pleasure_axis") + " < 0.5", t("pleasure_axis") + " ≥ 0.5"],
    )
    st.table(grid)
with right:
    st.subheader(t("figures_title"))
    st.dataframe(pd.DataFrame(figures()), hide_index=True, width="stretch")
