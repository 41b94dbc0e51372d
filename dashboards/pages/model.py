"""The model in plain words: the claims, the mechanisms that carry them, the figures."""

import importlib
import inspect
import pkgutil

import pandas as pd
import streamlit as st

import sim.mechanisms
from sim.claims import CLAIMS, cited

from i18n import figures, lang, quadrant, t


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


st.title(t("page_model"))
st.markdown(t("model_intro"))

carried = mechanisms()
st.subheader(t("claims"))
st.dataframe(
    pd.DataFrame(
        {
            t("claim"): list(CLAIMS),
            "": [c.title(lang()) for c in CLAIMS.values()],
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
with st.expander(t("claims_full")):
    st.markdown(
        "\n\n".join(f"**{c.id} {c.title(lang())}.** {c.text(lang())}" for c in CLAIMS.values())
    )

st.subheader(t("mechanisms"))
st.caption(t("mechanisms_note"))
for name, (doc, ids) in carried.items():
    claims = ", ".join(ids)
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
