"""loslaten dashboard: `streamlit run dashboards/app.py` (or `loslaten dashboard`)."""

from pathlib import Path

import streamlit as st

from common import presenting, upload_box
from i18n import LANGUAGES, t

HERE = Path(__file__).parent

PRESENTER_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebarNav"],
[data-testid="stDecoration"], footer { display: none; }
[data-testid="stMetricValue"] { font-size: 3rem; }
[data-testid="stMainBlockContainer"] { padding-top: 1rem; max-width: 100%; }
h1 { font-size: 2.6rem; }
</style>
"""

st.set_page_config(
    page_title=t("app_title"),
    page_icon=":material/handshake:",
    layout="wide",
    initial_sidebar_state="collapsed"
    if st.query_params.get("present", "").lower() == "true"
    else "auto",
)
st.sidebar.segmented_control(
    t("language"),
    LANGUAGES,
    default="NL",
    key="lang",
    bind="query-params",
    required=True,
)
st.sidebar.toggle(t("presenter"), key="present", bind="query-params")
if presenting():
    st.html(PRESENTER_CSS)

pages = [
    st.Page(
        HERE / "pages/workshop.py",
        title=t("page_workshop"),
        icon=":material/self_improvement:",
        default=True,
    ),
    st.Page(HERE / "pages/compare.py", title=t("page_compare"), icon=":material/compare_arrows:"),
    st.Page(HERE / "pages/explore.py", title=t("page_explore"), icon=":material/grid_on:"),
    st.Page(HERE / "pages/calibrate.py", title=t("page_calibrate"), icon=":material/tune:"),
    st.Page(HERE / "pages/model.py", title=t("page_model"), icon=":material/menu_book:"),
]
page = st.navigation(pages)
upload_box()
page.run()
